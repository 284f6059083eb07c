package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.aisecuritybaseline.entra.PlannedPolicy;
import org.aisecuritybaseline.model.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10, item 9: a CIDR range with host bits set is an error that names the network; a pilot
 * stage that cannot be met is reported where it was asked for; and {@code defaultStage: pilot}
 * works for a whole tier, keeping the policies that cannot be piloted in report-only with a notice.
 */
class PilotAndRangesTest {
  static final String BASE = TestSupport.MINIMAL_ESTATE;
  static final String PILOT_GROUP =
      "groups:\n  - {key: pilot, id: 2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f, purpose: pilot}\n";

  @TempDir Path tmp;

  @Test
  void anIpv4RangeWithHostBitsNamesItsNetwork() {
    var run =
        TestSupport.expectError(
            tmp,
            BASE
                + "namedLocations:\n  - key: office\n    name: Office\n"
                + "    ipRanges: [198.51.100.0/26, 203.0.113.5/24]\n",
            14,
            33,
            "E305");
    assertContains(
        run.err(),
        "/namedLocations/0/ipRanges/1: '203.0.113.5/24' has host bits set; did you mean"
            + " '203.0.113.0/24' (or '203.0.113.5/32' for that one address)?");
  }

  @Test
  void anIpv6RangeWithHostBitsNamesItsNetwork() {
    var run =
        TestSupport.expectError(
            tmp,
            BASE
                + "namedLocations:\n  - key: office\n    name: Office\n"
                + "    ipRanges: [\"2001:db8:abcd:12::1/64\"]\n",
            14,
            16,
            "E305");
    assertContains(
        run.err(),
        "'2001:db8:abcd:12::1/64' has host bits set; did you mean '2001:db8:abcd:12::/64'"
            + " (or '2001:db8:abcd:12::1/128' for that one address)?");
  }

  @Test
  void networksAndSingleAddressesAreAccepted() {
    var v =
        TestSupport.validate(
            "estate.yaml",
            BASE
                + "namedLocations:\n  - key: office\n    name: Office\n"
                + "    ipRanges: [203.0.113.0/24, 198.51.100.7/32, 192.0.2.128/25, \"2001:db8::/48\", \"2001:db8::1/128\","
                + " \"2001:db8:0:ff00::/56\"]\n");
    assertEquals(6, v.estate().namedLocations().get(0).ipRanges().size());
  }

  @Test
  void aPilotStageWithoutAPilotGroupPointsAtTheStageThatAsksForIt() {
    String custom =
        "customPolicies:\n  - id: CA100\n    name: Custom\n    stage: pilot\n    policy: {conditions: {users:"
            + " {includeUsers: [All]}, applications: {includeApplications: [All]}}, grantControls: {operator: OR,"
            + " builtInControls: [mfa]}}\n";
    var run = TestSupport.expectError(tmp, BASE + custom, 14, 12, "E301");
    assertContains(
        run.err(), "/customPolicies/0/stage: the 'pilot' stage needs a group with purpose 'pilot'");
    var policy =
        TestSupport.expectError(tmp, BASE + "policies:\n  CA004: {stage: pilot}\n", 12, 18, "E301");
    assertContains(policy.err(), "/policies/CA004/stage: the 'pilot' stage needs");
  }

  @Test
  void defaultStagePilotWorksForATier() {
    var v =
        TestSupport.validate(
            "estate.yaml", BASE + PILOT_GROUP + "baseline: {defaultStage: pilot}\n");
    PlannedPolicy ca004 = policy(v, "CA004");
    assertEquals(Stage.PILOT, ca004.stage());
    assertEquals("enabled", ca004.body().get("state").asString());
    assertEquals(
        "[\"2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f\"]",
        ca004.body().at("/conditions/users/includeGroups").toString());
    for (String id : new String[] {"CA001", "CA002", "CA009"}) {
      PlannedPolicy p = policy(v, id);
      assertEquals(Stage.REPORT_ONLY, p.stage(), id);
      assertEquals("enabledForReportingButNotEnforced", p.body().get("state").asString(), id);
      JsonNode groups = p.body().at("/conditions/users/includeGroups");
      assertFalse(
          groups.toString().contains("2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f"),
          id + " is not narrowed to the pilot group");
    }
  }

  @Test
  void policiesThatCannotBePilotedStayReportOnlyWithANotice() {
    Path file =
        TestSupport.write(
            tmp, "estate.yaml", BASE + PILOT_GROUP + "baseline: {defaultStage: pilot}\n");
    var run = TestSupport.cli("generate", file.toString(), "--out", tmp.resolve("out").toString());
    assertEquals(0, run.code(), run.err());
    assertContains(
        run.err(),
        "notice: CA001 (Require MFA for administrators): stays report-only: it targets admin roles,"
            + " not all users, so the pilot group cannot stand in for its users; set policies.CA001.stage to"
            + " report-only or enabled to decide");
    assertContains(
        run.err(),
        "notice: CA009 (Require MFA for guests and external users): stays report-only: it targets"
            + " guests and external users, not all users");
    assertEquals(
        3,
        run.err().split("stays report-only", -1).length - 1,
        "CA001, CA002 and CA009: " + run.err());
    String readme = TestSupport.read(tmp.resolve("out/README.md"));
    assertContains(readme, "| CA001 | Require MFA for administrators | report-only |");
    assertContains(readme, "| CA004 | Block legacy authentication | pilot |");
    assertContains(
        readme,
        "The default stage is pilot, but this policy stays report-only: it targets admin roles");
  }

  @Test
  void aCustomPolicyInheritingPilotStaysReportOnlyButAnExplicitPilotIsAnError() {
    String custom =
        "customPolicies:\n  - id: CA100\n    name: Staff only\n%s    policy: {conditions: {users:"
            + " {includeGroups: [\"group:staff\"]}, applications: {includeApplications: [All]}}, grantControls: {operator: OR,"
            + " builtInControls: [mfa]}}\n";
    String groups =
        PILOT_GROUP
            + "  - {key: staff, id: 4c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f, purpose: other}\n";
    var v =
        TestSupport.validate(
            "estate.yaml",
            BASE + groups + "baseline: {defaultStage: pilot}\n" + custom.formatted(""));
    assertEquals(Stage.REPORT_ONLY, policy(v, "CA100").stage());
    var run =
        TestSupport.expectError(
            tmp, BASE + groups + custom.formatted("    stage: pilot\n"), 17, 12, "E309");
    assertContains(run.err(), "/customPolicies/0/stage: CA100 does not target all users");
  }

  private static PlannedPolicy policy(
      org.aisecuritybaseline.pipeline.EstateValidator.Validated v, String id) {
    return v.expansion().policies().stream()
        .filter(p -> p.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id));
  }
}
