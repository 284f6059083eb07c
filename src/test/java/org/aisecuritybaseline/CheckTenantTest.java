package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.tenant.AsReturned;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code check --against-tenant}: the same rules on a tenant snapshot's policies (canonical Graph
 * bodies), located at the snapshot file; the estate's break-glass accounts stay allowed.
 */
class CheckTenantTest {
  @TempDir Path tmp;

  Path deployed() {
    Path out = tmp.resolve("out");
    assertEquals(
        0,
        TestSupport.cli("generate", CheckTest.ENTERPRISE.toString(), "--out", out.toString())
            .code());
    Path snapshot = tmp.resolve("snapshot");
    AsReturned.snapshotFolder(out, snapshot, "8e2f4c6a-1b3d-4f5e-a7c9-0d2e4f6a8b0c");
    return snapshot;
  }

  JsonNode check(Path snapshot, String format) {
    TestSupport.Run run =
        TestSupport.cli(
            "check",
            CheckTest.ENTERPRISE.toString(),
            "--against-tenant",
            snapshot.toString(),
            "--format",
            format);
    assertEquals(0, run.code(), run.err());
    return Json.parse(run.out());
  }

  @Test
  void theDeployedEstateHasTheEstatesResults() {
    Path snapshot = deployed();
    JsonNode report = check(snapshot, "json");
    assertEquals(List.of(), SchemaCheck.fromResource("/schemas/check.schema.json").check(report));
    assertEquals("tenant", report.get("against").asString());
    Map<String, String> estate = CheckTest.statuses(CheckTest.json(CheckTest.ENTERPRISE));
    Map<String, String> tenant = CheckTest.statuses(report);
    // the generative-AI sites policy is not generated: not evaluable on the estate, missing from
    // the snapshot of its output
    assertEquals("notEvaluable", estate.remove("AISB-DLP-001"));
    assertEquals("fail", tenant.remove("AISB-DLP-001"));
    assertEquals(estate, tenant);
    JsonNode legacy = CheckTest.result(report, "AISB-CA-001");
    assertEquals(
        snapshot.resolve("entra/conditional-access-policies.json").toString(),
        legacy.at("/location/file").asString());
    assertContains(legacy.at("/location/pointer").asString(), "/value/");
    assertContains(legacy.get("message").asString(), "SG-Legacy-Scan-To-Mail");

    JsonNode sarif = check(snapshot, "sarif");
    assertEquals(List.of(), CheckSarifTest.violations(sarif));
  }

  @Test
  void portalChangesShowInTheTenantsResults() throws Exception {
    Path snapshot = deployed();
    Path policies = snapshot.resolve("entra/conditional-access-policies.json");
    ObjectNode list = (ObjectNode) Json.parse(Files.readString(policies));
    for (JsonNode p : list.path("value")) {
      String name = p.path("displayName").asString();
      if (name.startsWith("CA005 - ")) {
        ((ObjectNode) p).put("state", "enabled");
      }
      if (name.startsWith("CA004 - ")) {
        // the scanners' exclusion removed in the portal: only break-glass is left
        ArrayNode groups = (ArrayNode) p.at("/conditions/users/excludeGroups");
        for (int i = groups.size() - 1; i >= 0; i--) {
          if (groups.get(i).asString().toLowerCase(java.util.Locale.ROOT).startsWith("9d0e1f2a")) {
            groups.remove(i);
          }
        }
      }
    }
    Files.writeString(policies, Json.write(list));
    Map<String, String> statuses = CheckTest.statuses(check(snapshot, "json"));
    assertEquals("pass", statuses.get("AISB-CA-001"));
    assertEquals("pass", statuses.get("AISB-CA-009"));
  }

  static final List<String> POLICY_FILES =
      List.of(
          "entra/conditional-access-policies.json", "entra/conditional-access-policies.beta.json");

  /**
   * Changes the policy whose display name starts with {@code prefix} in both policy files of the
   * snapshot (the agent members are read from the beta one) and returns the agent rule's result.
   */
  JsonNode agentRule(Path snapshot, String prefix, java.util.function.Consumer<ObjectNode> change)
      throws Exception {
    for (String file : POLICY_FILES) {
      Path path = snapshot.resolve(file);
      if (!Files.exists(path)) {
        continue;
      }
      ObjectNode list = (ObjectNode) Json.parse(Files.readString(path));
      ArrayNode value = (ArrayNode) list.get("value");
      for (int i = value.size() - 1; i >= 0; i--) {
        if (value.get(i).path("displayName").asString().startsWith(prefix)) {
          if (change == null) {
            value.remove(i);
          } else {
            change.accept((ObjectNode) value.get(i));
          }
        }
      }
      Files.writeString(path, Json.write(list));
    }
    return CheckTest.result(check(snapshot, "json"), "AISB-CA-014");
  }

  @Test
  void aTenantPolicyBlockingHighRiskAgentIdentitiesPasses() throws Exception {
    Path snapshot = deployed();
    // as Graph returns it: enabled, the flags enumeration as one string, client app types 'all'
    JsonNode agents =
        agentRule(
            snapshot,
            "CA050 - ",
            p -> {
              p.put("state", "enabled");
              ((ObjectNode) p.get("conditions")).put("agentIdRiskLevels", "medium,high");
              ((ObjectNode) p.get("conditions")).putArray("clientAppTypes").add("all");
            });
    assertEquals("pass", agents.get("status").asString(), agents.toString());
    assertContains(agents.get("message").asString(), "CA050");

    // an agent identity left out keeps its access while high risk
    agents =
        agentRule(
            snapshot,
            "CA050 - ",
            p ->
                p.withObject("/conditions/clientApplications")
                    .putArray("excludeAgentIdServicePrincipals")
                    .add("7c8d9e0f-1a2b-4c3d-8e4f-6a7b8c9d0e1f"));
    assertEquals("fail", agents.get("status").asString(), agents.toString());
    assertContains(
        agents.get("message").asString(),
        "excludes agent identity 7c8d9e0f-1a2b-4c3d-8e4f-6a7b8c9d0e1f, which keeps its access"
            + " while high risk");

    // agent risk medium only
    agents =
        agentRule(
            snapshot,
            "CA050 - ",
            p -> {
              p.withObject("/conditions/clientApplications")
                  .remove("excludeAgentIdServicePrincipals");
              ((ObjectNode) p.get("conditions")).put("agentIdRiskLevels", "medium");
            });
    assertEquals("fail", agents.get("status").asString(), agents.toString());
    assertContains(agents.get("message").asString(), "agent risk levels do not include 'high'");
  }

  @Test
  void withoutAnAgentIdentityPolicyTheTenantResultSaysWhatToCreate() throws Exception {
    Path snapshot = deployed();
    for (String agentPolicy : List.of("CA050 - ", "CA051 - ", "CA052 - ")) {
      agentRule(snapshot, agentPolicy, null);
    }
    JsonNode agents = agentRule(snapshot, "CA053 - ", null);
    assertEquals("fail", agents.get("status").asString(), agents.toString());
    assertContains(
        agents.get("message").asString(),
        "no policy meets MS.AAD.9.1v1 (Risky AI agents SHALL be blocked.); create a policy for all"
            + " agent identities and all resources with agent risk 'high' that blocks access");
  }

  /**
   * An export edited by hand, with a list or mapping where Graph and the DLP cmdlets send a string
   * (a policy's state, a user ID, a DLP policy's mode): checked like any other value, never an
   * internal error.
   */
  @Test
  void listsAndMappingsWhereAStringBelongsAreCheckedNotFatal() throws Exception {
    Path snapshot = deployed();
    addDlpPolicy(snapshot, "Edited", "Enable");
    Path dlp = snapshot.resolve("purview/dlp-policies.json");
    ArrayNode policies = (ArrayNode) Json.parse(Files.readString(dlp));
    ((ObjectNode) policies.get(policies.size() - 1)).putArray("Mode").add("Enable");
    Files.writeString(dlp, Json.write(policies));
    for (String file : POLICY_FILES) {
      Path path = snapshot.resolve(file);
      if (Files.exists(path)) {
        ObjectNode list = (ObjectNode) Json.parse(Files.readString(path));
        for (JsonNode policy : list.get("value")) {
          ((ObjectNode) policy).putArray("state").add("enabled").add("disabled");
          ((ObjectNode) policy.at("/conditions/users")).putArray("includeUsers").addObject();
        }
        Files.writeString(path, Json.write(list));
      }
    }
    for (String format : List.of("text", "json", "sarif")) {
      TestSupport.Run run = checkRun(snapshot, format);
      assertEquals(true, run.code() == 0 || run.code() == 2, run.err());
      assertEquals(false, run.err().contains("internal error"), run.err());
    }
    JsonNode json = Json.parse(checkRun(snapshot, "json").out());
    assertContains(
        CheckTest.result(json, "AISB-CA-014").get("message").asString(),
        "[\"enabled\",\"disabled\"]");
  }

  TestSupport.Run checkRun(Path snapshot, String format) {
    return TestSupport.cli(
        "check",
        CheckTest.ENTERPRISE.toString(),
        "--against-tenant",
        snapshot.toString(),
        "--format",
        format);
  }

  /** Adds a DLP policy to the snapshot's Get-DlpCompliancePolicy export. */
  static void addDlpPolicy(Path snapshot, String name, String mode) throws Exception {
    Path file = snapshot.resolve("purview/dlp-policies.json");
    JsonNode read = Json.parse(Files.readString(file));
    ArrayNode list;
    if (read instanceof ArrayNode a) {
      list = a;
    } else {
      list = Json.NODES.arrayNode().add(read);
    }
    ObjectNode p = list.addObject();
    p.put("Name", name);
    p.put("Mode", mode);
    p.put("Workload", "EndpointDevices");
    p.putArray("EndpointDlpLocation").add("All");
    p.putArray("ObjectClass").add("msExchUnifiedPolicy");
    p.put("Guid", "5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c");
    Files.writeString(file, Json.write(list));
  }

  /**
   * AISB-DLP-001 on the snapshot's DLP policies: missing from the deployed output (the policy is a
   * manual step), DSPM for AI's one-click policy in simulation, enforced, disabled; in every
   * format.
   */
  @Test
  void theGenerativeAiSitesPolicyInTheSnapshot() throws Exception {
    Path snapshot = deployed();
    JsonNode missing = CheckTest.result(check(snapshot, "json"), "AISB-DLP-001");
    assertEquals("fail", missing.get("status").asString());
    assertEquals(null, missing.get("policy").asString(null));
    assertContains(
        missing.get("message").asString(),
        "missing: no DLP policy named \"DSPM for AI - Block sensitive info from AI sites\"");
    assertContains(missing.get("message").asString(), "\"Fortify your data security\"");
    assertContains(missing.get("message").asString(), "data.dspmForAi.aiSitesPolicy");
    assertEquals(CheckTest.ENTERPRISE.toString(), missing.at("/location/file").asString());
    assertEquals("/data/devicesOnboarded", missing.at("/location/pointer").asString());
    assertEquals(1, missing.get("findings").size());

    // each format names the rule and the result
    String text = checkRun(snapshot, "text").out();
    assertContains(text, "FAIL                AISB-DLP-001 Generative-AI websites endpoint DLP");
    assertContains(text, "missing: no DLP policy named");
    assertContains(checkRun(snapshot, "markdown").out(), "AISB-DLP-001");
    String junit = checkRun(snapshot, "junit").out();
    assertContains(
        junit, "name=\"AISB-DLP-001 Generative-AI websites endpoint DLP policy deployed");
    assertContains(junit, "missing: no DLP policy named");
    JsonNode sarif = check(snapshot, "sarif");
    assertEquals(List.of(), CheckSarifTest.violations(sarif));
    boolean found = false;
    for (JsonNode r : sarif.at("/runs/0/results")) {
      if (r.get("ruleId").asString().equals("AISB-DLP-001")) {
        found = true;
        assertEquals("warning", r.get("level").asString());
        assertContains(r.at("/message/text").asString(), "missing");
      }
    }
    assertEquals(true, found, sarif.at("/runs/0/results").toString());

    // created from DSPM for AI: in simulation, named in any case
    addDlpPolicy(
        snapshot, "dspm for ai - block sensitive info from ai sites", "TestWithNotifications");
    JsonNode report = check(snapshot, "json");
    assertEquals(List.of(), SchemaCheck.fromResource("/schemas/check.schema.json").check(report));
    JsonNode simulation = CheckTest.result(report, "AISB-DLP-001");
    assertEquals("passWhenEnforced", simulation.get("status").asString());
    assertEquals(
        "dspm for ai - block sensitive info from ai sites", simulation.at("/policy/id").asString());
    assertEquals(
        "\"dspm for ai - block sensitive info from ai sites\" is in simulation (Mode"
            + " TestWithNotifications; found by name). Enforce it in the Microsoft Purview portal"
            + " (turn the policy on) once its simulation results are reviewed.",
        simulation.get("message").asString());
    assertEquals(
        snapshot.resolve("purview/dlp-policies.json").toString(),
        simulation.at("/location/file").asString());
    assertContains(
        checkRun(snapshot, "text").out(),
        "PASS (simulation)   AISB-DLP-001 Generative-AI websites endpoint DLP");
    assertContains(
        checkRun(snapshot, "junit").out(), "is in simulation (Mode TestWithNotifications");
    assertContains(
        checkRun(snapshot, "markdown").out(),
        "| pass when enforced (in simulation) | AISB-DLP-001 Generative-AI websites endpoint DLP"
            + " policy deployed | [Fortify your data security]"
            + "(https://learn.microsoft.com/purview/dspm-for-ai-considerations) | dspm for ai -"
            + " block sensitive info from ai sites |");
  }

  @Test
  void theGenerativeAiSitesPolicyEnforcedDisabledOrUnknown() throws Exception {
    Path snapshot = deployed();
    addDlpPolicy(snapshot, "DSPM for AI: Detect sensitive info added to AI sites", "Enable");
    JsonNode enforced = CheckTest.result(check(snapshot, "json"), "AISB-DLP-001");
    assertEquals("pass", enforced.get("status").asString(), enforced.toString());
    assertContains(checkRun(snapshot, "text").out(), "PASS                AISB-DLP-001");

    Path snapshot2 = snapshot.resolveSibling("snapshot2");
    // a fresh deployed snapshot, the one-click policy turned off
    Files.walk(snapshot)
        .forEach(
            f -> {
              try {
                Path to = snapshot2.resolve(snapshot.relativize(f).toString());
                if (Files.isDirectory(f)) {
                  Files.createDirectories(to);
                } else {
                  Files.copy(f, to);
                }
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    Path policies = snapshot2.resolve("purview/dlp-policies.json");
    Files.writeString(policies, Files.readString(policies).replace("\"Enable\"", "\"Disable\""));
    JsonNode disabled = CheckTest.result(check(snapshot2, "json"), "AISB-DLP-001");
    assertEquals("fail", disabled.get("status").asString(), disabled.toString());
    assertEquals(
        "is disabled (Mode Disable; found by name). Turn it on in the Microsoft Purview portal: in"
            + " simulation first, then enforced.",
        disabled.at("/findings/0/message").asString());
    assertContains(
        checkRun(snapshot2, "text").out(),
        ": \"DSPM for AI: Detect sensitive info added to AI sites\": is disabled (Mode Disable");

    // DLP not exported (export-tenant.sh): unknown, not missing
    Files.delete(snapshot.resolve("purview/dlp-policies.json"));
    Files.delete(snapshot.resolve("purview/dlp-rules.json"));
    Path meta = snapshot.resolve("snapshot.json");
    ObjectNode json = (ObjectNode) Json.parse(Files.readString(meta));
    ArrayNode list = json.putArray("missing");
    for (String f : List.of("purview/dlp-policies.json", "purview/dlp-rules.json")) {
      list.addObject().put("file", f).put("reason", "needs Security & Compliance PowerShell");
    }
    Files.writeString(meta, Json.write(json));
    JsonNode unknown = CheckTest.result(check(snapshot, "json"), "AISB-DLP-001");
    assertEquals("notEvaluable", unknown.get("status").asString(), unknown.toString());
    assertContains(
        unknown.get("message").asString(),
        "Status unknown: snapshot.json lists purview/dlp-policies.json as not exported");
  }
}
