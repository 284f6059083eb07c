package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 ("Scripts that fail or misbehave"). The scripts cannot run here (no PowerShell): these
 * tests read the generated script text, take the data-driven parts out of it (constants, lists) and
 * check them against their sources; {@link PowerShellParseTest} checks that every script parses.
 */
class DeployScriptsTest {
  static final Path ENTERPRISE = TestSupport.root().resolve("examples/enterprise-p2/estate.yaml");

  static Map<String, String> files(Path estate) {
    return TestSupport.generate(estate).stream()
        .collect(Collectors.toMap(Artifact::path, Artifact::text));
  }

  /**
   * The single-quoted strings of the PowerShell assignment {@code $name = ...} (one statement, may
   * span lines).
   */
  static List<String> constant(String script, String name) {
    Matcher m =
        Pattern.compile("(?m)^\\$" + Pattern.quote(name) + " = (.*?)$(?!\\n\\s{4})", Pattern.DOTALL)
            .matcher(script);
    assertTrue(m.find(), "the script defines $" + name);
    List<String> values = new ArrayList<>();
    Matcher q = Pattern.compile("'((?:[^']|'')*)'").matcher(m.group(1));
    while (q.find()) {
      values.add(q.group(1).replace("''", "'"));
    }
    return values;
  }

  static int[] version(String text) {
    return Arrays.stream(text.split("\\.")).mapToInt(Integer::parseInt).toArray();
  }

  static boolean atLeast(String actual, String minimum) {
    return Arrays.compare(version(actual), version(minimum)) >= 0;
  }

  /**
   * The text of the PowerShell block that starts with {@code head} (which ends with its opening
   * brace), up to its matching closing brace. Braces inside single- or double-quoted strings and
   * comments are skipped.
   */
  static String block(String script, String head) {
    int start = script.indexOf(head);
    assertTrue(start >= 0, "the script has a block starting with " + head);
    assertTrue(head.endsWith("{"), head);
    int depth = 0;
    for (int i = start + head.length() - 1; i < script.length(); i++) {
      char c = script.charAt(i);
      if (c == '\'' || c == '"') {
        int end = script.indexOf(c, i + 1);
        while (c == '\'' && end + 1 < script.length() && script.charAt(end + 1) == '\'') {
          end = script.indexOf(c, end + 2);
        }
        i = end;
      } else if (c == '#') {
        i = script.indexOf('\n', i);
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return script.substring(start, i + 1);
      }
    }
    throw new AssertionError("unbalanced block " + head);
  }

  /** The text without its comment lines. */
  static String code(String text) {
    return text.lines().filter(l -> !l.trim().startsWith("#")).collect(Collectors.joining("\n"));
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------
  // Item 6: Connect-MgGraph -NoWelcome needs Microsoft.Graph.Authentication 2.4.0 or later
  // ---------------------------------------------------------------------------------------------

  @Test
  void everyScriptThatUsesNoWelcomeRequiresGraphAuthentication240() {
    Pattern requires =
        Pattern.compile(
            "(?m)^#Requires -Modules @\\{ ModuleName = 'Microsoft\\.Graph\\.Authentication'; ModuleVersion = '([0-9.]+)' }$");
    int checked = 0;
    for (Map.Entry<String, String> f : files(ENTERPRISE).entrySet()) {
      String script = f.getValue();
      if (!f.getKey().endsWith(".ps1")
          || !Pattern.compile("Connect-MgGraph [^\\n]*-NoWelcome").matcher(script).find()) {
        continue;
      }
      checked++;
      Matcher r = requires.matcher(script);
      if (r.find()) {
        assertTrue(atLeast(r.group(1), "2.4.0"), f.getKey() + " requires " + r.group(1));
      } else {
        // deploy-all.ps1 (pre-flight check 1) and export/Export-Tenant.ps1 check the installed
        // versions themselves: #Requires -Modules would load the module into their other processes
        // too.
        List<String> minimum = constant(script, "GraphMinimumVersion");
        assertEquals(List.of("2.4.0"), minimum, f.getKey());
        assertContains(script, "($version.Major -eq 2) -and ($version -ge $GraphMinimumVersion)");
        assertContains(script, "($graphLoadedVersion -lt $GraphMinimumVersion)");
      }
    }
    assertEquals(
        3,
        checked,
        "deploy-all.ps1, entra/deploy-conditional-access.ps1 and export/Export-Tenant.ps1 sign in with"
            + " -NoWelcome");
  }

  @Test
  void theDocumentationNamesTheMinimumGraphVersion() {
    Map<String, String> files = files(ENTERPRISE);
    assertContains(files.get("README.md"), "Microsoft.Graph.Authentication 2.4.0 or later");
    assertContains(files.get("deploy-all.ps1"), "Microsoft.Graph.Authentication 2.4.0 or later");
    assertContains(
        files.get("entra/deploy-conditional-access.ps1"),
        "Install-Module Microsoft.Graph.Authentication -MinimumVersion 2.4.0");
    assertFalse(
        files.get("entra/deploy-conditional-access.ps1").contains("ModuleVersion = '2.0.0'"));
  }

  // ---------------------------------------------------------------------------------------------
  // Item 7: deploy-all.ps1 runs each family in its own PowerShell process
  // ---------------------------------------------------------------------------------------------

  static final String CHILD_MODE = "if (-not [string]::IsNullOrEmpty($Family)) {";

  @Test
  void deployAllSignsInToGraphOnlyAndRunsEachFamilyInItsOwnProcess() {
    String script = files(ENTERPRISE).get("deploy-all.ps1");
    String child = block(script, CHILD_MODE);
    String parent = script.replace(child, "");

    // The -Family values, the child branches and the steps of the parent are the same four
    // families, in order.
    assertEquals(
        List.of("Identity", "Data", "ThreatProtection", "SecurityOperations"),
        constantList(script, "[ValidateSet("));
    List<String> started =
        Pattern.compile(
                "Invoke-FamilyProcess -Executable \\$powerShellExecutable -OutputRoot \\$rootPath -Name '(\\w+)'")
            .matcher(parent)
            .results()
            .map(r -> r.group(1))
            .toList();
    assertEquals(List.of("Identity", "Data", "ThreatProtection", "SecurityOperations"), started);

    // This process signs in to Microsoft Graph only; the family scripts run only in the child
    // branch.
    assertEquals(
        0,
        count(script, "Connect-IPPSSession -"),
        "the DLP script signs in to Security & Compliance itself");
    assertEquals(
        1,
        count(script, "Connect-MgGraph -TenantId $TenantId"),
        "deploy-all signs in to Graph for its own checks");
    assertContains(
        block(script, "function Connect-BaselineGraph {"), "Connect-MgGraph -TenantId $TenantId");
    assertEquals(1, count(parent, "Connect-BaselineGraph -TenantId"));
    assertContains(
        block(script, "function Connect-BaselineAzure {"), "Connect-AzAccount -Tenant $TenantId");
    assertEquals(
        0,
        count(child, "Connect-BaselineGraph") + count(child, "Connect-MgGraph -"),
        "the Conditional Access script signs in to Graph itself");
    assertEquals(1, count(child, "Connect-BaselineAzure -TenantId $tenantId"));
    assertEquals(
        0,
        count(
            parent.replace(block(script, "function Connect-BaselineAzure {"), ""),
            "Connect-BaselineAzure"),
        "Azure is signed in to only in the threat protection and security operations processes");
    for (String family :
        List.of("$caScriptPath", "$dlpScriptPath", "$defenderScriptPath", "$secopsScriptPath")) {
      assertEquals(
          1,
          count(child, "& " + family + " @familyParameters"),
          family + " runs in the child branch");
      assertEquals(
          0, count(parent, "& " + family), family + " never runs in the deploy-all process");
    }
    assertFalse(
        script.contains("['SkipConnect'] = $true"), "family scripts sign in in their own process");
    assertFalse(
        child.contains("AllowRelax") || script.contains("['AllowRelax']"),
        "deploy-all never relaxes enforcement");

    // The child branch comes before every pre-flight check and ends the script.
    assertTrue(script.indexOf(CHILD_MODE) < script.indexOf("# Check 1: modules."));
    assertTrue(child.trim().replaceAll("\\s+}$", "").endsWith("return"), child);

    // The process: same PowerShell, no profile, this file, -Family; switches only when on; exit
    // code checked.
    String invoke = code(block(script, "function Invoke-FamilyProcess {"));
    assertContains(
        invoke, "@('-NoProfile', '-File', $PSCommandPath, '-Root', $OutputRoot, '-Family', $Name)");
    assertContains(invoke, "$arguments.Add('-WhatIf')");
    assertContains(invoke, "$arguments.Add('-Confirm')");
    assertFalse(invoke.contains(":$false") || invoke.contains("AllowRelax"), invoke);
    assertContains(invoke, "& $Executable @argumentList");
    assertContains(invoke, "if ($exitCode -ne 0) {");
    String executable = block(script, "function Get-PowerShellExecutable {");
    assertContains(executable, "$name = 'powershell.exe'");
    assertContains(executable, "$name = 'pwsh'");
    assertContains(executable, "Join-Path -Path $PSHOME -ChildPath $name");
  }

  @Test
  void theOneProcessPerFamilyDesignIsDocumented() {
    String script = files(ENTERPRISE).get("deploy-all.ps1");
    String help = script.substring(script.indexOf("<#"), script.indexOf("#>"));
    assertContains(help, "One PowerShell process per family.");
    assertContains(
        help,
        "-NoProfile -File deploy-all.ps1 -Root <folder> -Family"
            + " Identity|Data|ThreatProtection|SecurityOperations");
    assertContains(help, ".PARAMETER Family");
    String contracts = TestSupport.read(TestSupport.root().resolve("docs/contracts.md"));
    String section6 =
        contracts.substring(
            contracts.indexOf("## 6. `deploy-all.ps1`"), contracts.indexOf("## 7."));
    assertContains(section6, "One PowerShell process per family.");
    assertContains(
        section6,
        "-NoProfile -File deploy-all.ps1 -Root <root> -Family"
            + " Identity|Data|ThreatProtection|SecurityOperations");
    assertContains(
        files(ENTERPRISE).get("README.md"),
        "each in its own PowerShell\nprocess with its own sign-in");
  }

  @Test
  void theDataStepRunsForEveryKindOfWorkInPurviewsDeploymentFile() {
    // An output with labels, label policies or collection policies but no DLP policy still runs
    // deploy-dlp.ps1: every step of docs/contracts.md section 4 counts as work for deploy-all.ps1.
    String contracts = TestSupport.read(TestSupport.root().resolve("docs/contracts.md"));
    String section4 =
        contracts.substring(
            contracts.indexOf("## 4. `purview/deployment.json`"), contracts.indexOf("## 5."));
    List<String> steps =
        Pattern.compile("(?m)^\\d\\. `([A-Za-z]+)")
            .matcher(section4)
            .results()
            .map(r -> r.group(1))
            .toList();
    assertEquals(
        List.of(
            "readiness", "labels", "labelPolicies", "policies", "featureConfigurations", "verify"),
        steps);
    String script = files(ENTERPRISE).get("deploy-all.ps1");
    String counted =
        script.substring(
            script.indexOf("$purviewDoc = Read-JsonFile -Path $purviewDeploymentPath"));
    counted = counted.substring(0, counted.indexOf("$runData ="));
    for (String step : steps) {
      if (step.equals("verify")) {
        continue; // read-only: nothing to deploy on its own
      }
      assertContains(counted, step.equals("policies") ? "$dlpEntryCount++" : "'" + step + "'");
    }
    assertContains(
        script,
        "$runData = $hasPurviewDeployment -and $hasDlpScript -and (($dlpEntryCount -gt 0) -or"
            + " ($dataOtherSteps.Count -gt 0))");
  }

  /** The single-quoted strings after {@code head} up to the end of its line. */
  static List<String> constantList(String script, String head) {
    int at = script.indexOf(head);
    assertTrue(at >= 0, head);
    String line = script.substring(at, script.indexOf('\n', at));
    return Pattern.compile("'([^']*)'").matcher(line).results().map(r -> r.group(1)).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Item 8: the DLP role check accepts Compliance Data Administrator
  // ---------------------------------------------------------------------------------------------

  @Test
  void theDlpRoleCheckAcceptsTheRolesOfMicrosoftsDlpPermissionsPage() {
    String script = files(ENTERPRISE).get("deploy-all.ps1");
    // $DlpRoles names role variables; each is a role template ID whose catalogue name is the role.
    Matcher m = Pattern.compile("(?m)^\\$DlpRoles = @\\((.*)\\)$").matcher(script);
    assertTrue(m.find(), "deploy-all.ps1 defines $DlpRoles");
    List<String> names = new ArrayList<>();
    for (String variable : m.group(1).split(",\\s*")) {
      List<String> id = constant(script, variable.trim().substring(1));
      assertEquals(1, id.size(), variable);
      names.add(
          org.aisecuritybaseline.entra.DirectoryRoleCatalogue.get().name(id.get(0)).orElseThrow());
    }
    assertEquals(
        List.of(
            "Global Administrator", "Compliance Administrator", "Compliance Data Administrator"),
        names);
    assertContains(
        script,
        "if ($runData -and @($DlpRoles | Where-Object { $roleIds.Contains($_) }).Count -eq 0) {");
    assertContains(script, "learn.microsoft.com/purview/dlp-create-deploy-policy");

    Map<String, String> files = files(ENTERPRISE);
    assertContains(
        files.get("README.md"),
        "Global Administrator, Compliance Administrator or Compliance Data Administrator for DLP");
    assertContains(
        files.get("purview/deploy-dlp.ps1"),
        "Role: Compliance Administrator or Compliance Data Administrator");
    assertFalse(
        files.get("purview/deploy-dlp.ps1").contains("assign Compliance Administrator."),
        "every hint names both roles");
  }

  // ---------------------------------------------------------------------------------------------
  // Item 9: the DLP script finds policies and rules by exact name, also on the retry path
  // ---------------------------------------------------------------------------------------------

  @Test
  void everyDlpLookupFiltersByExactName() {
    String script = files(ENTERPRISE).get("purview/deploy-dlp.ps1");
    String code = code(script);
    // Every call of a Get-Dlp* cmdlet: through Find-SccObject (filtered by -Name), the list of all
    // policies
    // (filtered by prefix and marker), or the rules of one policy (filtered by their parent's
    // name).
    List<String> calls =
        Pattern.compile("(?m)^.*'Get-Dlp(?:CompliancePolicy|ComplianceRule)'.*$")
            .matcher(code)
            .results()
            .map(r -> r.group().trim())
            .toList();
    assertFalse(calls.isEmpty());
    for (String call : calls) {
      boolean byName =
          call.contains("Find-SccObject -Command 'Get-Dlp") && call.contains("-Name $Name");
      boolean exists = call.startsWith("-ExistsCommand 'Get-Dlp") && call.contains(" -ExistsName ");
      boolean listAll =
          call.equals("$allPolicies = @(Invoke-SccCommand -Command 'Get-DlpCompliancePolicy')");
      boolean rulesOfPolicy =
          call.startsWith(
              "$liveRuleList = @(Invoke-SccCommand -Command 'Get-DlpComplianceRule' -Parameters @{ Policy = $plan.LiveName } |");
      boolean commandCheck =
          call.startsWith("foreach ($commandName in @(")
              || call.startsWith("Assert-SessionCommand -Read @('Get-DlpCompliancePolicy'");
      assertTrue(
          byName || exists || listAll || rulesOfPolicy || commandCheck,
          "unfiltered lookup: " + call);
    }
    assertEquals(
        2,
        calls.stream().filter(c -> c.startsWith("-ExistsCommand")).count(),
        "policy and rule creates: " + calls);
    assertContains(
        code, "Where-Object { Test-IsRuleOfPolicy -Rule $_ -PolicyName $plan.LiveName })");

    // The retry path and Get-LivePolicy use Find-SccObject, which keeps only the exact name.
    String invoke = code(block(script, "function Invoke-SccCommand {"));
    assertContains(
        invoke,
        "$already = Find-SccObject -Command $ExistsCommand -Parameters $ExistsParameters -Name $ExistsName");
    assertFalse(invoke.contains("$already[0]"), "never the first object of an unfiltered answer");
    assertContains(
        code(block(script, "function Get-LivePolicy {")),
        "Find-SccObject -Command 'Get-DlpCompliancePolicy'");
    assertContains(
        code(block(script, "function Find-SccObject {")),
        "Select-ByName -Objects @(Invoke-SccCommand");
    assertContains(
        code(block(script, "function Select-ByName {")),
        "[string]::Equals([string](Get-MemberValue -Object $candidate -Name 'Name'), $Name,");
  }

  // ---------------------------------------------------------------------------------------------
  // Item 10: a rerun that would relax enforcement made in the portal stops unless -AllowRelax
  // ---------------------------------------------------------------------------------------------

  @Test
  void relaxingEnforcementStopsBeforeTheFirstChangeUnlessAllowed() {
    Map<String, String> files = files(ENTERPRISE);
    // Conditional Access: the enforcing states are Graph values of conditionalAccessPolicyState.
    String ca = files.get("entra/deploy-conditional-access.ps1");
    List<String> graphStates = new ArrayList<>();
    org.aisecuritybaseline.json.Json.parseResource(org.aisecuritybaseline.validate.Schemas.GRAPH)
        .at("/$defs/microsoft.graph.conditionalAccessPolicyState/enum")
        .forEach(v -> graphStates.add(v.asString()));
    assertEquals(List.of("enabled"), constant(ca, "EnforcingStates"));
    assertTrue(
        graphStates.containsAll(constant(ca, "EnforcingStates")), "Graph states: " + graphStates);
    assertRelaxCheck(ca, "$relaxed.Add('\"' + $policy.DisplayName", "$policy.Relaxes = $true");
    assertFalse(
        code(ca).contains("Write-Warning ('The ' + $target + ' is On in the tenant"),
        "no longer only a warning");

    // DLP: the enforcing Modes are settable Modes of the script.
    String dlp = files.get("purview/deploy-dlp.ps1");
    assertEquals(List.of("Enable"), constant(dlp, "EnforcingModes"));
    assertTrue(constant(dlp, "SettableModes").containsAll(constant(dlp, "EnforcingModes")));
    assertRelaxCheck(dlp, "$relaxed.Add('\"' + $plan.LiveName", "if ($plan.Status -ne 'Update') {");

    // deploy-all never relaxes (checked with item 7); the README tells how to relax deliberately.
    assertEquals(2, count(files.get("README.md"), "`-AllowRelax`"));
  }

  /**
   * The script takes -AllowRelax and checks for relaxations in its pre-flight, stopping without the
   * switch.
   */
  static void assertRelaxCheck(String script, String collects, String marker) {
    assertContains(script, "[switch]$AllowRelax");
    assertContains(script, ".PARAMETER AllowRelax");
    String code = code(script);
    int check = code.indexOf(collects);
    int passed = code.indexOf("Write-Host 'Pre-flight checks passed.'");
    assertTrue(
        check > 0 && code.indexOf(marker) > 0 && check < passed,
        "the relax check is part of the pre-flight");
    String decision = block(code.substring(check), "if ($relaxed.Count -gt 0) {");
    assertTrue(
        decision.contains("if ($AllowRelax) {") && decision.contains("$problems.Add("), decision);
    assertTrue(
        code.indexOf("if ($relaxed.Count -gt 0) {")
            < code.indexOf("if ($problems.Count -gt 0) {", check),
        "the relaxations join the problems that stop the run");
  }

  // ---------------------------------------------------------------------------------------------
  // Item 11: the Conditional Access comparison treats flags strings and lists as sets
  // ---------------------------------------------------------------------------------------------

  /**
   * Names of the properties, reachable from conditionalAccessPolicy in the Graph v1.0 and beta
   * schemas (the script compares policies of both), whose type is a flags enum.
   */
  static java.util.Set<String> flagsProperties() {
    java.util.Set<String> all =
        new java.util.TreeSet<>(flagsProperties(org.aisecuritybaseline.validate.Schemas.GRAPH));
    all.addAll(flagsProperties(org.aisecuritybaseline.validate.Schemas.GRAPH_BETA));
    return all;
  }

  static java.util.Set<String> flagsProperties(String schema) {
    tools.jackson.databind.JsonNode defs =
        org.aisecuritybaseline.json.Json.parseResource(schema).get("$defs");
    java.util.Set<String> flagsTypes = new java.util.TreeSet<>();
    defs.properties()
        .forEach(
            e -> {
              if (e.getValue().path("$comment").asString("").contains("IsFlags=true")) {
                flagsTypes.add(e.getKey());
              }
            });
    java.util.Set<String> found = new java.util.TreeSet<>();
    java.util.Deque<String> todo =
        new java.util.ArrayDeque<>(List.of("microsoft.graph.conditionalAccessPolicy"));
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (!todo.isEmpty()) {
      String type = todo.pop();
      if (!seen.add(type)) {
        continue;
      }
      tools.jackson.databind.JsonNode definition = defs.get(type);
      definition
          .path("properties")
          .properties()
          .forEach(
              p ->
                  refs(p.getValue())
                      .forEach(
                          r -> {
                            if (flagsTypes.contains(r)) {
                              found.add(p.getKey());
                            } else {
                              todo.push(r);
                            }
                          }));
      for (String part : List.of("allOf", "anyOf", "oneOf")) {
        refs(definition.path(part)).stream()
            .filter(r -> !flagsTypes.contains(r))
            .forEach(todo::push);
      }
    }
    return found;
  }

  static List<String> refs(tools.jackson.databind.JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                if (e.getKey().equals("$ref")) {
                  out.add(
                      e.getValue()
                          .asString()
                          .substring(e.getValue().asString().lastIndexOf('/') + 1));
                } else {
                  out.addAll(refs(e.getValue()));
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> out.addAll(refs(n)));
    }
    return out;
  }

  @Test
  void theComparisonKnowsEveryFlagsEnumOfThePolicy() {
    String script = files(ENTERPRISE).get("entra/deploy-conditional-access.ps1");
    java.util.Set<String> expected = flagsProperties();
    assertTrue(
        expected.containsAll(
            List.of(
                "agentIdRiskLevels",
                "guestOrExternalUserTypes",
                "insiderRiskLevels",
                "transferMethods")),
        expected.toString());
    assertEquals(List.copyOf(expected), constant(script, "FlagsProperties"));
  }

  @Test
  void theComparisonTreatsFlagsAndListsAsSets() {
    String script = files(ENTERPRISE).get("entra/deploy-conditional-access.ps1");
    String canonical = code(block(script, "function ConvertTo-CanonicalJson {"));
    // Flags strings: split on commas, trimmed, one each, sorted.
    assertContains(canonical, "if ($FlagsProperties -contains $Name) {");
    assertContains(canonical, "return (Format-CanonicalFlags $Value)");
    String flags = code(block(script, "function Format-CanonicalFlags {"));
    assertContains(
        flags,
        "New-Object 'System.Collections.Generic.SortedSet[string]' ([System.StringComparer]::Ordinal)");
    assertContains(flags, "$Text.Split([char]',')");
    assertContains(flags, "$member.Trim().ToLowerInvariant()");
    // Lists: a sorted set of the items' canonical texts; the member name travels down to objects
    // and lists.
    String list =
        canonical.substring(
            canonical.indexOf("if ($Value -is [System.Collections.IEnumerable]) {"));
    assertContains(
        list,
        "New-Object 'System.Collections.Generic.SortedSet[string]' ([System.StringComparer]::Ordinal)");
    assertContains(list, "$items.Add((ConvertTo-CanonicalJson -Value $item -Name $Name))");
    assertEquals(2, count(canonical, "ConvertTo-CanonicalJson -Value $member -Name"));
    assertFalse(
        canonical.contains("foreach ($name in"),
        "a loop variable $name would overwrite the parameter $Name");
    assertContains(
        code(block(script, "function Test-BodyMatchesExisting {")),
        "(ConvertTo-CanonicalJson -Value $wanted -Name $property.Name) -cne (ConvertTo-CanonicalJson -Value $actual -Name $property.Name)");
    // An object whose members are all unset is unset (Graph returns unused objects with null
    // members).
    String empty = code(block(script, "function Test-IsEmptyJsonValue {"));
    assertEquals(2, count(empty, "-not (Test-IsEmptyJsonValue"), empty);

    // The files the comparison reads have flags strings and lists, so the sets matter for these
    // examples.
    String ca009 = files(ENTERPRISE).get("entra/conditional-access/CA009-guests-require-mfa.json");
    assertContains(ca009, "\"guestOrExternalUserTypes\": \"internalGuest,b2bCollaborationGuest,");
  }

  // ---------------------------------------------------------------------------------------------
  // Item 13: the Conditional Access pre-flight checks that every object a policy names exists
  // ---------------------------------------------------------------------------------------------

  static final Pattern GUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /**
   * The directory section lists exactly the object IDs of the policy files, by kind; keywords are
   * not objects.
   */
  @Test
  void theDirectorySectionListsEveryObjectThePoliciesName() {
    for (Path estate : TestSupport.examples()) {
      Map<String, String> files = files(estate);
      tools.jackson.databind.JsonNode deployment =
          org.aisecuritybaseline.json.Json.parse(files.get("entra/deployment.json"));
      Map<String, java.util.Set<String>> named = new java.util.TreeMap<>();
      for (String kind : List.of("users", "groups", "roles", "applications")) {
        named.put(kind, new java.util.TreeSet<>());
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        if (!f.getKey().startsWith("entra/conditional-access/")) {
          continue;
        }
        tools.jackson.databind.JsonNode body = org.aisecuritybaseline.json.Json.parse(f.getValue());
        for (String side : List.of("include", "exclude")) {
          for (String kind : List.of("Users", "Groups", "Roles")) {
            body.at("/conditions/users/" + side + kind)
                .forEach(
                    v -> {
                      if (GUID.matcher(v.asString()).matches()) {
                        named.get(kind.toLowerCase(java.util.Locale.ROOT)).add(v.asString());
                      } else {
                        assertTrue(
                            List.of("All", "None", "GuestsOrExternalUsers", "AllAgentIdUsers")
                                .contains(v.asString()),
                            f.getKey() + ": " + v);
                      }
                    });
          }
          body.at("/conditions/applications/" + side + "Applications")
              .forEach(
                  v -> {
                    if (GUID.matcher(v.asString()).matches()) {
                      named.get("applications").add(v.asString());
                    } else {
                      assertTrue(
                          List.of(
                                  "All",
                                  "None",
                                  "Office365",
                                  "MicrosoftAdminPortals",
                                  "AllAgentIdResources")
                              .contains(v.asString()),
                          f.getKey() + ": " + v);
                    }
                  });
        }
      }
      for (String kind : named.keySet()) {
        java.util.Set<String> listed = new java.util.TreeSet<>();
        deployment
            .at("/directory/" + kind)
            .forEach(
                e -> {
                  assertTrue(
                      GUID.matcher(e.get("id").asString()).matches(),
                      estate + " " + kind + ": " + e);
                  listed.add(e.get("id").asString());
                });
        assertEquals(named.get(kind), listed, estate + ": directory." + kind);
      }
      assertFalse(named.get("roles").isEmpty() || named.get("users").isEmpty(), estate.toString());
    }
  }

  @Test
  void theConditionalAccessPreflightChecksEveryDirectoryObjectBeforeTheFirstWrite() {
    String script = files(ENTERPRISE).get("entra/deploy-conditional-access.ps1");
    String code = code(script);
    // Read: the four kinds of the directory section, IDs checked to be GUIDs before they go into a
    // URL.
    String read = code(block(script, "function Read-ConditionalAccessDeployment {"));
    assertContains(read, "$directory = Get-MemberValue -Object $doc -Name 'directory'");
    assertContains(read, "foreach ($kind in @('users', 'groups', 'roles', 'applications')) {");
    assertContains(read, "if (-not (Test-Guid $objectId)) {");
    // Check: users and groups by ID (break-glass ones included), roles among the role templates,
    // applications by
    // their service principal; every missing object is listed and the run stops.
    int check = code.indexOf("$missing = New-Object System.Collections.Generic.List[string]");
    int firstWrite = Math.min(code.indexOf("-Method 'POST'"), code.indexOf("-Method 'PATCH'"));
    int passed = code.indexOf("Write-Host 'Pre-flight checks passed.'");
    assertTrue(
        check > 0 && check < passed && passed < firstWrite,
        "the directory check is part of the pre-flight");
    String preflight = code.substring(check, passed);
    assertContains(
        preflight,
        "Join-DirectoryEntry -Entries $deployment.Directory['users'] -BreakGlassIds $deployment.BreakGlassUsers");
    assertContains(
        preflight,
        "Join-DirectoryEntry -Entries $deployment.Directory['groups'] -BreakGlassIds $deployment.BreakGlassGroups");
    assertContains(
        preflight,
        "($GraphBase + '/users/' + $entry.Id + '?$select=id') -Permission 'User.ReadBasic.All'");
    assertContains(
        preflight,
        "($GraphBase + '/groups/' + $entry.Id + '?$select=id') -Permission 'GroupMember.Read.All'");
    assertContains(preflight, "Get-GraphCollection -Uri ($GraphBase + '/directoryRoleTemplates')");
    assertContains(preflight, "foreach ($entry in $deployment.Directory['roles']) {");
    assertContains(
        preflight, "$GraphBase + '/servicePrincipals(appId=''' + $entry.Id + ''')?$select=id'");
    assertContains(
        preflight, "throw ('These objects that the policies name do not exist in the tenant: '");
    assertFalse(
        preflight.contains("foreach ($userId in $deployment.BreakGlassUsers)"),
        "one check for all users");
    // The sign-in asks for the permissions the check needs.
    String connect =
        code.substring(
            code.indexOf("if (-not $SkipConnect) {"),
            code.indexOf("Connect-MgGraph -TenantId $tenantId"));
    assertContains(
        connect,
        "if ($deployment.Directory['roles'].Count -gt 0) {\n        $scopes.Add('RoleManagement.Read.Directory')");
    assertContains(
        connect,
        "$deployment.Directory['users'].Count) -gt 0) {\n        $scopes.Add('User.ReadBasic.All')");
    assertContains(
        connect,
        "$deployment.Directory['groups'].Count) -gt 0) {\n        $scopes.Add('GroupMember.Read.All')");
  }
}
