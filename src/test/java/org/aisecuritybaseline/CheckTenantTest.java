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
    assertEquals(
        CheckTest.statuses(CheckTest.json(CheckTest.ENTERPRISE)), CheckTest.statuses(report));
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
}
