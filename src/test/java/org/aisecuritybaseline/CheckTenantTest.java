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
}
