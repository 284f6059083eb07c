package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code baseline check} on the examples: the enterprise example's results today (without a
 * conformance profile), the JSON format against schemas/check.schema.json, the exit codes.
 */
class CheckTest {
  static final Path ENTERPRISE = TestSupport.root().resolve("examples/enterprise-p2/estate.yaml");
  static final String ENTERPRISE_TEXT = TestSupport.read(ENTERPRISE);

  static JsonNode json(Path estate, String... more) {
    List<String> args =
        new java.util.ArrayList<>(List.of("check", estate.toString(), "--format", "json"));
    args.addAll(List.of(more));
    TestSupport.Run run = TestSupport.cli(args.toArray(String[]::new));
    assertEquals(0, run.code(), run.err());
    JsonNode report = Json.parse(run.out());
    assertEquals(
        List.of(),
        SchemaCheck.fromResource("/schemas/check.schema.json").check(report),
        "the JSON check follows schemas/check.schema.json");
    return report;
  }

  static Map<String, String> statuses(JsonNode report) {
    Map<String, String> out = new LinkedHashMap<>();
    report
        .get("results")
        .forEach(r -> out.put(r.get("rule").asString(), r.get("status").asString()));
    return out;
  }

  static JsonNode result(JsonNode report, String rule) {
    for (JsonNode r : report.get("results")) {
      if (r.get("rule").asString().equals(rule)) {
        return r;
      }
    }
    throw new AssertionError(rule);
  }

  /**
   * The enterprise example without a conformance profile. Why each rule fails:
   *
   * <ul>
   *   <li>AISB-CA-001 (MS.AAD.1.1v1): CA004 excludes the legacy-scanners group, which is not
   *       break-glass (the estate's exclusion with a reason, not an exception).
   *   <li>AISB-CA-002/003 (MS.AAD.2.1v1/2.3v1): the baseline requires a password change (CA011) or
   *       MFA (CA020) on risk; SCuBA wants a block. Both also exclude guests by the legacy keyword
   *       GuestsOrExternalUsers.
   *   <li>AISB-CA-004 (MS.AAD.3.1v1): phishing-resistant MFA only for admins and generative-AI
   *       apps, not all users on all resources.
   *   <li>AISB-CA-005 (MS.AAD.3.2v2): the all-users MFA policy CA008 is in pilot (the pilot group
   *       only), excludes the Directory Synchronization Accounts role and the service-accounts
   *       group.
   *   <li>AISB-CA-007 (MS.AAD.3.7v1): CA021 requires a compliant device only (SCuBA: compliant OR
   *       hybrid joined), excludes a directory role, guests by the legacy keyword, an app and the
   *       service accounts.
   *   <li>AISB-CA-008 (MS.AAD.3.8v1): CA007 secures registration with MFA, not a managed device,
   *       and excludes guests by the legacy keyword.
   * </ul>
   *
   * AISB-CA-006 (MS.AAD.3.6v1: CA002 includes all eight SCuBA privileged roles), AISB-CA-009
   * (MS.AAD.3.9v1: CA005) and AISB-CA-014 (MS.AAD.9.1v1: CA050 blocks high-risk agent identities,
   * generated from the estate's agents.identities) pass once enforced (they are report-only).
   */
  @Test
  void enterpriseExampleToday() {
    JsonNode report = json(ENTERPRISE);
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("AISB-CA-001", "fail");
    expected.put("AISB-CA-002", "fail");
    expected.put("AISB-CA-003", "fail");
    expected.put("AISB-CA-004", "fail");
    expected.put("AISB-CA-005", "fail");
    expected.put("AISB-CA-006", "passWhenEnforced");
    expected.put("AISB-CA-007", "fail");
    expected.put("AISB-CA-008", "fail");
    expected.put("AISB-CA-009", "passWhenEnforced");
    expected.put("AISB-CA-010", "notEvaluable");
    expected.put("AISB-CA-011", "notEvaluable");
    expected.put("AISB-CA-012", "notEvaluable");
    expected.put("AISB-CA-013", "notEvaluable");
    expected.put("AISB-CA-014", "passWhenEnforced");
    expected.put("AISB-DLP-001", "notEvaluable");
    assertEquals(expected, statuses(report));

    // the generative-AI sites policy is a manual step: only a tenant snapshot shows it
    JsonNode aiSites = result(report, "AISB-DLP-001");
    assertContains(aiSites.get("message").asString(), "Needs a tenant snapshot");
    assertEquals("/data/devicesOnboarded", aiSites.at("/location/pointer").asString());

    JsonNode agents = result(report, "AISB-CA-014");
    assertEquals("CA050", agents.at("/policy/id").asString());
    assertEquals(
        "\"CA050 - Block high-risk agent identities\" satisfies MS.AAD.9.1v1 once enforced (it is"
            + " report-only)",
        agents.get("message").asString());

    JsonNode legacy = result(report, "AISB-CA-001");
    assertEquals("CA004", legacy.at("/policy/id").asString());
    assertEquals("/policies/CA004/exclude/groups/0", legacy.at("/location/pointer").asString());
    assertEquals(ENTERPRISE.toString(), legacy.at("/location/file").asString());
    assertEquals(108, legacy.at("/location/line").asInt());

    JsonNode mfa = result(report, "AISB-CA-005");
    assertEquals("CA008", mfa.at("/policy/id").asString());
    assertEquals("/policies/CA008/stage", mfa.at("/location/pointer").asString());
    assertContains(mfa.get("message").asString(), "Directory Synchronization Accounts");
    assertContains(mfa.get("message").asString(), "service-accounts");

    JsonNode devices = result(report, "AISB-CA-007");
    assertEquals("CA021", devices.at("/policy/id").asString());
    assertContains(devices.get("message").asString(), "legacy keyword GuestsOrExternalUsers");
    assertContains(devices.get("message").asString(), "'compliantDevice' OR 'domainJoinedDevice'");
  }

  /** The enterprise example with CA050 enforced passes MS.AAD.9.1v1. */
  @Test
  void highRiskAgentsBlockedOnceCa050IsEnforced(@TempDir Path tmp) {
    String text =
        ENTERPRISE_TEXT.replace("\npolicies:\n", "\npolicies:\n  CA050:\n    stage: enabled\n");
    assertFalse(text.equals(ENTERPRISE_TEXT));
    JsonNode report = json(TestSupport.write(tmp, "estate.yaml", text));
    JsonNode agents = result(report, "AISB-CA-014");
    assertEquals("pass", agents.get("status").asString());
    assertEquals("CA050", agents.at("/policy/id").asString());
    assertEquals("MS.AAD.9.1v1", ConformanceCheckTest.scuba(agents));
    assertEquals("SHALL", agents.get("criticality").asString());
  }

  /**
   * Without an agents section no policy blocks agent identities: the rule fails at the tier and
   * says what to add. The agent policies of the example are not named for the user rules either.
   */
  @Test
  void withoutAgentsTheAgentRuleFailsAndSaysWhatToAdd(@TempDir Path tmp) {
    String text = ENTERPRISE_TEXT.replaceAll("(?m)^agents:\n(?:[ \\-].*\n)+", "");
    assertFalse(text.contains("\nagents:"), "the agents section is removed");
    JsonNode report = json(TestSupport.write(tmp, "estate.yaml", text));
    JsonNode agents = result(report, "AISB-CA-014");
    assertEquals("fail", agents.get("status").asString());
    assertTrue(agents.get("policy").isNull(), agents.toString());
    assertContains(
        agents.get("message").asString(),
        "no policy meets MS.AAD.9.1v1 (Risky AI agents SHALL be blocked.); add agents.identities to"
            + " the estate");
    assertContains(agents.get("message").asString(), "which generates CA050");
    assertEquals("/baseline/tier", agents.at("/location/pointer").asString());
    // the other rules are as with the agents section: agent policies never count for users
    Map<String, String> with = statuses(json(ENTERPRISE));
    Map<String, String> without = statuses(report);
    with.remove("AISB-CA-014");
    without.remove("AISB-CA-014");
    assertEquals(with, without);
  }

  /** No result about users names an agent policy (CA050-CA055), as satisfying or as closest. */
  @Test
  void userRulesNeverNameAnAgentPolicy() {
    JsonNode report = json(ENTERPRISE);
    for (JsonNode r : report.get("results")) {
      String policy = r.at("/policy/id").asString("");
      if (!r.get("rule").asString().equals("AISB-CA-014")) {
        assertFalse(
            org.aisecuritybaseline.entra.AgentPolicies.BASELINE.contains(policy), r.toString());
      }
    }
  }

  @Test
  void exitCodes() {
    TestSupport.Run text = TestSupport.cli("check", ENTERPRISE.toString());
    assertEquals(0, text.code(), text.err());
    assertContains(text.out(), "FAIL                AISB-CA-001 Legacy authentication is blocked");
    assertContains(text.out(), ENTERPRISE + ":108:16: ");
    assertEquals(2, TestSupport.cli("check", ENTERPRISE.toString(), "--detailed-exitcode").code());
    assertEquals(1, TestSupport.cli("check", "no-such-estate.yaml").code());
    assertEquals(64, TestSupport.cli("check", ENTERPRISE.toString(), "--format", "xml").code());
  }

  /**
   * Without endpoint DLP (E3, no devices onboarded) the generative-AI sites rule does not apply.
   */
  @Test
  void theGenerativeAiSitesRuleNeedsEndpointDlp() {
    JsonNode small =
        result(json(TestSupport.root().resolve("examples/small-p1/estate.yaml")), "AISB-DLP-001");
    assertEquals("notEvaluable", small.get("status").asString());
    assertContains(
        small.get("message").asString(), "Not applicable: the estate has no endpoint DLP");
  }
}
