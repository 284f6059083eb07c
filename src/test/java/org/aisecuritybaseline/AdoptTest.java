package org.aisecuritybaseline;

import static org.aisecuritybaseline.DeployScriptsTest.block;
import static org.aisecuritybaseline.DeployScriptsTest.code;
import static org.aisecuritybaseline.DeployScriptsTest.count;
import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.aisecuritybaseline.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 13: taking over existing tenant objects in place ("adopt"). An estate's policies and named
 * locations may name the tenant object they came from ({@code tenantObjectId}, written by {@code
 * baseline import}); deployment.json carries it, and the deploy script updates that object instead
 * of creating a duplicate beside it. The script cannot run here (no PowerShell): its part is
 * checked on the generated text, like {@link DeployScriptsTest}.
 */
class AdoptTest {
  static final Path ESTATE = TestSupport.root().resolve("src/test/resources/adopt/estate.yaml");
  static final String CA001_OBJECT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
  static final String CA010_OBJECT = "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a";
  static final String CA100_OBJECT = "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2918";
  static final String HQ_OBJECT = "5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c";

  @TempDir Path tmp;

  static String script() {
    return DeployScriptsTest.files(ESTATE).get("entra/deploy-conditional-access.ps1");
  }

  // ---------------------------------------------------------------------------------------------
  // deployment.json
  // ---------------------------------------------------------------------------------------------

  @Test
  void deploymentJsonNamesTheTenantObjectOfEveryEntryThatTakesOneOver() {
    JsonNode deployment = Json.parse(DeployScriptsTest.files(ESTATE).get("entra/deployment.json"));
    Map<String, String> policies = new TreeMap<>();
    for (JsonNode p : deployment.get("policies")) {
      policies.put(p.get("id").asString(), p.path("tenantObjectId").asString("(none)"));
    }
    // Lower case whatever the estate wrote (CA001's is upper case there); CA010 is left out.
    assertEquals(CA001_OBJECT, policies.get("CA001"));
    assertEquals(CA100_OBJECT, policies.get("CA100"));
    assertEquals("(none)", policies.get("CA008"));
    assertFalse(policies.containsKey("CA010"), policies.toString());
    assertEquals(
        2,
        policies.values().stream().filter(v -> !v.equals("(none)")).count(),
        policies.toString());
    // The member follows the state, where docs/contracts.md section 2 shows it.
    JsonNode ca001 = entry(deployment.get("policies"), "id", "CA001");
    List<String> members = new ArrayList<>(ca001.propertyNames());
    assertEquals(
        List.of(
            "id",
            "displayName",
            "file",
            "state",
            "apiVersion",
            "tenantObjectId",
            "namedLocations",
            "exclusions"),
        members);

    assertEquals(
        HQ_OBJECT,
        entry(deployment.get("namedLocations"), "key", "hq").get("tenantObjectId").asString());
    assertFalse(entry(deployment.get("namedLocations"), "key", "branch").has("tenantObjectId"));
  }

  static JsonNode entry(JsonNode list, String field, String value) {
    for (JsonNode e : list) {
      if (e.path(field).asString("").equals(value)) {
        return e;
      }
    }
    throw new AssertionError("no entry with " + field + " " + value + " in " + list);
  }

  /**
   * The field changes deployment.json (only by its members) and the README, nothing else: policy
   * and location bodies and the script are the same as without it.
   */
  @Test
  void withoutTenantObjectIdsTheOutputIsWhatItWas() {
    String yaml = TestSupport.read(ESTATE);
    String plain =
        yaml.lines()
            .filter(l -> !l.trim().startsWith("tenantObjectId:"))
            .collect(Collectors.joining("\n", "", "\n"))
            .replace("  CA001:\n", "  CA001:\n    stage: report-only\n")
            .replace("  CA010:\n", "  CA010:\n    stage: report-only\n");
    Map<String, String> with = DeployScriptsTest.files(ESTATE);
    Map<String, String> without =
        DeployScriptsTest.files(TestSupport.write(tmp, "plain.yaml", plain));
    assertEquals(without.keySet(), with.keySet());
    for (String path : with.keySet()) {
      if (!List.of("entra/deployment.json", "README.md", "manifest.json").contains(path)) {
        assertEquals(without.get(path), with.get(path), path);
      }
    }
    assertFalse(without.get("entra/deployment.json").contains("tenantObjectId"));
    JsonNode deployment = Json.parse(with.get("entra/deployment.json"));
    int removed = 0;
    for (String list : List.of("policies", "namedLocations")) {
      for (JsonNode e : deployment.get(list)) {
        removed += ((ObjectNode) e).remove("tenantObjectId") == null ? 0 : 1;
      }
    }
    assertEquals(3, removed);
    assertEquals(without.get("entra/deployment.json"), Json.write(deployment));
    assertFalse(without.get("README.md").contains("Taken over"));
    assertFalse(without.get("README.md").contains("(their `tenantObjectId`)"));
  }

  @Test
  void theExamplesTakeNothingOver() {
    for (Path example : TestSupport.examples()) {
      Map<String, String> files = DeployScriptsTest.files(example);
      assertFalse(
          files.get("entra/deployment.json").contains("tenantObjectId"), example.toString());
      assertFalse(
          files.get("README.md").contains("Taken over from the tenant"), example.toString());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // README, explain, notices
  // ---------------------------------------------------------------------------------------------

  @Test
  void theReadmeListsWhatIsTakenOverAndHowTheDeploymentDoesIt() {
    String readme = DeployScriptsTest.files(ESTATE).get("README.md");
    assertContains(
        readme,
        "## Taken over from the tenant\n\n"
            + "Existing tenant objects that the first deployment updates in place");
    assertContains(
        readme,
        "| policy | CA001 | CA001 - Require MFA for administrators | `" + CA001_OBJECT + "` |\n");
    assertContains(
        readme,
        "| policy | CA100 | CA100 - Block sign-ins outside the head office | `"
            + CA100_OBJECT
            + "` |\n");
    assertContains(readme, "| named location | hq | NL-hq - Head office | `" + HQ_OBJECT + "` |\n");
    assertFalse(readme.contains("| named location | branch |"), readme);
    assertFalse(readme.contains("| policy | CA008 |"), readme);
    // The deploy steps say what the script does with them.
    assertContains(readme, "(\"Adopt\" in `-WhatIf`\n   and the log)");
    assertContains(readme, "It stops before any change if the tenant also holds a managed object");
    // A left-out policy's tenant object is not taken over, and the README says so.
    assertContains(
        readme,
        "| CA010 | Require MFA for medium or high sign-in risk | needs Microsoft Entra ID P2");
    assertContains(
        readme,
        "; the tenant policy "
            + CA010_OBJECT
            + " (its tenantObjectId) is not taken over and stays");
  }

  @Test
  void explainAndGenerateSayWhatIsTakenOver() {
    TestSupport.Run run = TestSupport.cli("explain", "CA001", "--estate", ESTATE.toString());
    assertEquals(0, run.code(), run.err());
    assertContains(
        run.out(),
        "  takes over: the tenant policy "
            + CA001_OBJECT
            + " (tenantObjectId), updated in place by the first deployment");
    TestSupport.Run plain =
        TestSupport.cli(
            "explain",
            "CA001",
            "--estate",
            TestSupport.root().resolve("examples/small-p1/estate.yaml").toString());
    assertFalse(plain.out().contains("takes over"), plain.out());

    TestSupport.Run generate =
        TestSupport.cli("generate", ESTATE.toString(), "--out", tmp.resolve("out").toString());
    assertEquals(0, generate.code(), generate.err());
    assertContains(generate.err(), "(its tenantObjectId) is not taken over and stays as it is");
    assertContains(generate.err(), "notice: CA010 (");
  }

  // ---------------------------------------------------------------------------------------------
  // Validation
  // ---------------------------------------------------------------------------------------------

  static final String BASE = TestSupport.MINIMAL_ESTATE;

  @Test
  void oneTenantObjectIsTakenOverOnce() {
    String yaml =
        BASE
            + """
            namedLocations:
              - key: hq
                name: HQ
                ipRanges: [203.0.113.0/24]
                tenantObjectId: 5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c
            policies:
              CA001:
                tenantObjectId: 5E4D3C2B-1A09-4F8E-8D7C-6B5A4F3E2D1C
            customPolicies:
              - id: CA100
                name: One
                tenantObjectId: 5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c
                policy: {conditions: {users: {includeUsers: [All]}, applications: {includeApplications: [All]}}, grantControls: {operator: OR, builtInControls: [mfa]}}
            """;
    var run = TestSupport.expectError(tmp, yaml, 18, 21, "E303");
    assertContains(
        run.err(),
        "duplicate tenantObjectId '5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c' (also at"
            + " /namedLocations/0/tenantObjectId)");
    assertContains(run.err(), ":22:21: error[E303]");
    assertEquals(2, count(run.err(), "error[E303]"), run.err());
  }

  @Test
  void theNilGuidIsNoTenantObject() {
    String yaml =
        BASE
            + """
            policies:
              CA001:
                tenantObjectId: 00000000-0000-0000-0000-000000000000
            """;
    var run = TestSupport.expectError(tmp, yaml, 13, 21, "E305");
    assertContains(run.err(), "the nil GUID is not an object ID");
  }

  @Test
  void aTenantObjectIdIsAGuid() {
    String yaml =
        BASE
            + """
            customPolicies:
              - id: CA100
                name: One
                tenantObjectId: CA100 - One
                policy: {conditions: {users: {includeUsers: [All]}, applications: {includeApplications: [All]}}, grantControls: {operator: OR, builtInControls: [mfa]}}
            """;
    TestSupport.expectError(tmp, yaml, 14, 21, "E204");
  }

  @Test
  void aSkippedPolicyTakesNothingOver() {
    String yaml =
        BASE
            + """
            policies:
              CA001:
                skip: {reason: Another team manages administrator MFA}
                tenantObjectId: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
            """;
    var run = TestSupport.expectError(tmp, yaml, 14, 5, "E309");
    assertContains(run.err(), "a skipped policy is not deployed, so it cannot take over");
  }

  @Test
  void theSchemaDescribesTheFieldWhereverItMayStand() {
    JsonNode schema =
        Json.parse(TestSupport.read(TestSupport.root().resolve("schemas/estate.schema.json")));
    for (String at :
        List.of(
            "/properties/namedLocations/items/properties/tenantObjectId",
            "/properties/policies/additionalProperties/properties/tenantObjectId",
            "/properties/customPolicies/items/properties/tenantObjectId")) {
      JsonNode field = schema.at(at);
      assertEquals("#/$defs/guid", field.path("$ref").asString(""), at);
      assertContains(field.path("description").asString(""), "baseline import");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The deploy script
  // ---------------------------------------------------------------------------------------------

  /** The pre-flight: from the first read of the tenant's objects to "Pre-flight checks passed". */
  static String preflight(String code) {
    int start = code.indexOf("$existingLocations = @(Get-GraphCollection");
    int passed = code.indexOf("Write-Host 'Pre-flight checks passed.'");
    assertTrue(start > 0 && passed > start, "the script has its pre-flight");
    int firstWrite = Math.min(code.indexOf("-Method 'POST'"), code.indexOf("-Method 'PATCH'"));
    assertTrue(passed < firstWrite, "the pre-flight comes before the first write");
    return code.substring(start, passed);
  }

  @Test
  void theScriptReadsTheTenantObjectIdOfLocationsAndPolicies() {
    String script = script();
    String read = code(block(script, "function Read-ConditionalAccessDeployment {"));
    assertEquals(
        2,
        count(
            read,
            "$adoptId = Read-TenantObjectId -Entry $entry -Context $context -Seen $tenantObjectIds"
                + " -Problems $problems"),
        "named locations and policies");
    assertEquals(2, count(read, "TenantObjectId = $adoptId"), read);
    assertEquals(2, count(read, "Adopt          = $false"), read);
    assertEquals(2, count(read, "-or $null -eq $adoptId) {"), "an invalid ID drops the entry");
    // A GUID (it goes into a URL), not the nil GUID, each once, lower case.
    String id = code(block(script, "function Read-TenantObjectId {"));
    assertContains(id, "$value = Get-MemberValue -Object $Entry -Name 'tenantObjectId'");
    assertContains(
        id,
        "if (-not (Test-Guid $value) -or ([string]$value) -eq '00000000-0000-0000-0000-000000000000') {");
    assertContains(id, "if ($Seen.ContainsKey($objectId)) {");
    assertContains(id, "$objectId = ([string]$value).ToLowerInvariant()");
    assertEquals(2, count(id, "return $null"), id);
  }

  @Test
  void theObjectIsReadByItsIdInThePreflightAndConflictsStopTheRun() {
    String script = script();
    String preflight = preflight(code(script));
    // GET by ID: a deleted object (404) is null, any other failure stops the run.
    assertContains(
        preflight,
        "$adoptee = Get-AdoptionTarget -Uri ($GraphBase + '/identity/conditionalAccess/namedLocations/' +"
            + " $location.TenantObjectId)");
    assertContains(
        preflight,
        "$adoptee = Get-AdoptionTarget -Uri ($policy.GraphBase + '/identity/conditionalAccess/policies/' +"
            + " $policy.TenantObjectId)");
    String get = code(block(script, "function Get-AdoptionTarget {"));
    assertContains(get, "$object = Invoke-Graph -Method 'GET' -Uri $Uri");
    assertContains(
        get, "if ((Get-HttpStatusCode -ErrorRecord $_) -eq 404) {\n            return $null\n");
    assertContains(block(get, "catch {"), "throw ('Could not read ' + $What");
    assertEquals(1, count(get, "return $null"), "only a 404 means deleted: " + get);

    for (String kind : List.of("location", "policy")) {
      String loop =
          block(
              preflight,
              kind.equals("location")
                  ? "foreach ($location in $deployment.NamedLocations) {"
                  : "foreach ($policy in $deployment.Policies) {");
      String existing = kind.equals("location") ? "$existingLocations" : "$existingPolicies";
      // The adopted object is no second candidate for its own name; any other is.
      assertContains(
          loop,
          "$found = @(Find-ByPrefix -Objects "
              + existing
              + " -Prefix $"
              + kind
              + ".Prefix -Except $adoptee)");
      // Missing: a warning, then the ordinary match by name (no continue, no throw).
      String missing = block(loop, "if ($null -eq $adoptee) {");
      assertContains(missing, "Write-Warning (");
      assertContains(missing, "does not exist");
      assertFalse(missing.contains("continue") || missing.contains("throw"), missing);
      assertContains(loop, "$" + kind + ".Existing = $found[0]");
      // Found: two candidates stop the run; otherwise it becomes the entry's object, adopted
      // unless a previous run already gave it the prefix (and marker).
      String adopt = block(loop, "if ($null -ne $adoptee) {");
      String conflict = block(adopt, "if ($found.Count -gt 0) {");
      assertContains(conflict, "$problems.Add('Two candidates for the ");
      assertContains(conflict, "Delete one of them");
      assertContains(conflict, "remove tenantObjectId from ");
      assertTrue(conflict.trim().replaceAll("\\s+}$", "").endsWith("continue"), conflict);
      assertTrue(
          adopt.indexOf(conflict) < adopt.indexOf("$" + kind + ".Existing = $adoptee"),
          "the conflict is decided before the object is taken");
      assertContains(
          adopt,
          "$"
              + kind
              + ".Adopt = -not (Test-IsTakenOver -Object $adoptee -Prefix $"
              + kind
              + ".Prefix -Marker "
              + (kind.equals("location") ? "'')" : "$managedMarker)"));
    }
    // A policy: an unmanaged policy with the prefix still stops the run, before adoption.
    String policyLoop = block(preflight, "foreach ($policy in $deployment.Policies) {");
    assertTrue(
        policyLoop.indexOf("$unmanaged = $true") > 0
            && policyLoop.indexOf("if ($unmanaged) {")
                < policyLoop.indexOf("if ($null -ne $adoptee) {"));
    // A location: the kind of the tenant object must be the kind of the file.
    assertContains(
        block(preflight, "foreach ($location in $deployment.NamedLocations) {"),
        "if (-not [string]::Equals($adopteeType, $fileType, [System.StringComparison]::OrdinalIgnoreCase)) {");
    // The already-adopted test: the prefix, and the marker when there is one.
    String taken = code(block(script, "function Test-IsTakenOver {"));
    assertContains(
        taken, "$name.StartsWith($Prefix, [System.StringComparison]::OrdinalIgnoreCase)");
    assertContains(
        taken,
        "return ([string](Get-MemberValue -Object $Object -Name 'description')).Contains($Marker)");
    String find = code(block(script, "function Find-ByPrefix {"));
    assertContains(
        find,
        "[string]::Equals($candidateId, $exceptId, [System.StringComparison]::OrdinalIgnoreCase)) {\n            continue");
    // One tenant object, one entry; every problem stops the run before the first write.
    String claims =
        block(
            preflight,
            "foreach ($entry in (@($deployment.NamedLocations) + @($deployment.Policies))) {");
    assertContains(
        claims,
        "$problems.Add('The tenant object ' + (Format-TenantObject $entry.Existing) + ' would become both '");
    assertTrue(
        preflight.indexOf(claims) < preflight.lastIndexOf("if ($problems.Count -gt 0) {"),
        "the claims join the problems that stop the run");
  }

  @Test
  void anAdoptedPolicyOnInTheTenantStopsTheRunUnlessAllowRelax() {
    String code = code(script());
    String preflight = preflight(code);
    String relax =
        block(
            preflight.substring(preflight.indexOf("$relaxed = New-Object")),
            "foreach ($policy in $deployment.Policies) {");
    // Every policy with a tenant object, adopted or matched by name, is compared: the only way out
    // of the loop is having none.
    assertEquals(1, count(relax, "continue"), relax);
    assertContains(relax, "if ($null -eq $policy.Existing) {\n        continue");
    assertFalse(relax.contains("Adopt) {\n        continue"), relax);
    assertContains(relax, "$policy.Relaxes = $true");
    assertContains(
        relax,
        "$relaxed.Add('\"' + $policy.DisplayName + '\"' + $takenOver + ' is ' + $currentState");
    assertTrue(
        preflight.indexOf("$policy.Existing = $adoptee")
            < preflight.indexOf("$relaxed = New-Object"),
        "the adopted policy is known before the relax check");
    DeployScriptsTest.assertRelaxCheck(
        script(), "$relaxed.Add('\"' + $policy.DisplayName", "$policy.Relaxes = $true");
  }

  @Test
  void anAdoptedObjectIsPatchedInPlaceWithItsWholeBodyAndReportedAsAdopt() {
    String script = script();
    String locations =
        code(
            script.substring(
                script.indexOf("# 5. Named locations"), script.indexOf("# 6. Conditional Access")));
    String policies =
        code(
            script.substring(
                script.indexOf("# 6. Conditional Access"), script.indexOf("# 7. Summary")));
    // Never "unchanged": the tenant object lacks the name (and marker) until it is patched.
    assertContains(
        locations,
        "if ((-not $location.Adopt) -and (Test-BodyMatchesExisting -Desired $location.Desired -Existing $location.Existing)) {");
    assertContains(
        policies,
        "if ((-not $policy.Adopt) -and (Test-BodyMatchesExisting -Desired $desired -Existing $policy.Existing)) {");
    // "Adopt" in -WhatIf (the ShouldProcess action) and the log; counted as adopted.
    assertContains(
        locations,
        "$action = 'Adopt named location (take over \"' + $previousName + '\" in place and rename it)'");
    assertContains(
        policies,
        "$action = 'Adopt policy (take over \"' + $previousName + '\" in place, rename it and add the managed marker)'");
    for (String part : List.of(locations, policies)) {
      assertContains(part, "$outcome = 'Adopted'");
      assertContains(
          part, "$PSCmdlet.ShouldProcess($target + ' (id ' + $existingId + ')', $action)");
      assertContains(
          part,
          "Write-Host ('Adopted ' + $target + ' (id ' + $existingId + ', was \"' + $previousName");
      assertEquals(2, count(part, "-Outcome $outcome"), part);
      assertEquals(1, count(part, "-Method 'PATCH'"), "adopt and update send the same PATCH");
    }
    // The PATCH is the whole file: display name with the prefix, description with the marker.
    assertContains(
        locations,
        "Invoke-CaWrite -Method 'PATCH' -Uri ($locationsUri + '/' + $existingId) -Body $location.Text"
            + " -Target $target");
    assertContains(
        policies,
        "Invoke-CaWrite -Method 'PATCH' -Uri ($policiesUri + '/' + $existingId) -Body $bodyText"
            + " -Target $target");
    // ... which sends them as they are.
    assertContains(code(script), "return Invoke-Graph -Method $Method -Uri $Uri -Body $Body");
    assertContains(policies, "$bodyText = $policy.Text");
    Map<String, String> files = DeployScriptsTest.files(ESTATE);
    JsonNode ca100 = Json.parse(files.get("entra/conditional-access/CA100-custom.json"));
    assertTrue(ca100.get("displayName").asString().startsWith("CA100 - "));
    assertTrue(ca100.get("description").asString().endsWith("[managed by ai-security-baseline]"));
    assertEquals(
        "NL-hq - Head office",
        Json.parse(files.get("entra/named-locations/NL-hq.json")).get("displayName").asString());
    // The summary counts adopted objects; nothing is ever deleted.
    assertContains(
        script,
        "    NamedLocations    = @{ Created = 0; Adopted = 0; Updated = 0; Unchanged = 0; Skipped = 0 }\n"
            + "    Policies          = @{ Created = 0; Adopted = 0; Updated = 0; Unchanged = 0; Skipped = 0 }");
    assertContains(script, "$adopted = ', adopted ' + $count['Adopted']");
    assertEquals(0, count(code(script), "'DELETE'"));
    assertEquals(0, count(code(script), "Remove-Mg"));
  }

  @Test
  void theContractAndTheScriptHelpDescribeAdoption() {
    String contracts = TestSupport.read(TestSupport.root().resolve("docs/contracts.md"));
    String section2 =
        contracts.substring(
            contracts.indexOf("## 2. `entra/deployment.json`"), contracts.indexOf("## 3."));
    assertContains(section2, "\"isTrusted\": true, \"tenantObjectId\": \"<guid>\" }");
    assertContains(
        section2,
        "\"state\": \"enabledForReportingButNotEnforced\", \"apiVersion\": \"v1.0\", \"tenantObjectId\":"
            + " \"<guid>\"");
    assertContains(
        section2, "- `tenantObjectId` (a named location or policy entry; present only when");
    assertContains(section2, "the run stops before the first change (two candidates");
    assertContains(section2, "it does not exist (`404`, deleted since the import): a warning");
    assertContains(section2, "The relax rule holds for an adopted policy too");
    String script = script();
    String help = script.substring(script.indexOf("<#"), script.indexOf("#>"));
    assertContains(help, "Taking over existing objects (\"adopt\")");
    assertContains(help, "-WhatIf and the log call this \"Adopt\"");
  }
}
