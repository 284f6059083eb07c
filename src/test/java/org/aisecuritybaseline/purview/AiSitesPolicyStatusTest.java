package org.aisecuritybaseline.purview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.purview.AiSitesPolicyStatus.FoundBy;
import org.aisecuritybaseline.purview.AiSitesPolicyStatus.State;
import org.aisecuritybaseline.purview.AiSitesPolicyStatus.Status;
import org.aisecuritybaseline.tenant.Canonical;
import org.aisecuritybaseline.tenant.SnapshotReader;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code data.dspmForAi} in the estate, and the evaluation of the generative-AI sites policy. */
class AiSitesPolicyStatusTest {
  @TempDir Path tmp;

  static final String E5 =
      TestSupport.MINIMAL_ESTATE.replace("licences: [entraIdP1]", "licences: [microsoft365E5]");

  static Estate estate(String data) {
    return TestSupport.validate("e.yaml", E5 + "data:\n" + data).estate();
  }

  @Test
  void theEstateNamesItsOwnPolicy() {
    Estate e =
        estate(
            "  devicesOnboarded: true\n  dspmForAi:\n    aiSitesPolicy: Contoso AI sites (v2)\n");
    assertEquals("Contoso AI sites (v2)", e.data().dspmForAi().aiSitesPolicy());
    assertEquals(
        List.of(
            AiSitesPolicyStatus.BLOCK_POLICY,
            AiSitesPolicyStatus.DETECT_POLICY,
            "Contoso AI sites (v2)"),
        AiSitesPolicyStatus.names(e));
    assertTrue(AiSitesPolicyStatus.applies(e));
  }

  @Test
  void withoutDspmForAiNothingIsNamedAndWithoutDevicesItDoesNotApply() {
    Estate e = estate("  sensitiveInfoTypes: [creditCardNumber]\n");
    assertNull(e.data().dspmForAi().aiSitesPolicy());
    assertEquals(
        List.of(AiSitesPolicyStatus.BLOCK_POLICY, AiSitesPolicyStatus.DETECT_POLICY),
        AiSitesPolicyStatus.names(e));
    assertTrue(!AiSitesPolicyStatus.applies(e), "no devices onboarded");
    assertTrue(
        !AiSitesPolicyStatus.applies(
            TestSupport.validate(
                    "e.yaml", TestSupport.MINIMAL_ESTATE + "data:\n  devicesOnboarded: true\n")
                .estate()),
        "no Purview DLP for devices (Entra ID P1 only)");
  }

  @Test
  void theNameFollowsTheDlpNameRules() {
    TestSupport.expectError(
        tmp, E5 + "data:\n  dspmForAi:\n    aiSitesPolicy: \"AI: sites\"\n", 13, 20, "E204");
    TestSupport.expectError(
        tmp,
        E5 + "data:\n  dspmForAi:\n    aiSitesPolicy: \"" + "x".repeat(65) + "\"\n",
        13,
        20,
        "E205");
    TestSupport.expectError(tmp, E5 + "data:\n  dspmForAi:\n    policy: x\n", 13, 5, "E201");
  }

  // --- the evaluation, on hand-made Get-DlpCompliancePolicy / Get-DlpComplianceRule objects ---

  static final List<String> NAMES =
      List.of(
          AiSitesPolicyStatus.BLOCK_POLICY, AiSitesPolicyStatus.DETECT_POLICY, "Contoso AI sites");

  /** A policy as Get-DlpCompliancePolicy | ConvertTo-Json writes it (the members read). */
  static TenantObject policy(String name, String mode) {
    ObjectNode p = Json.NODES.objectNode();
    p.put("Name", name);
    p.put("Mode", mode);
    p.put("Guid", "0000000" + Math.abs(name.hashCode() % 10) + "-1111-2222-3333-444455556666");
    p.put("Workload", "EndpointDevices");
    p.putArray("EndpointDlpLocation").add("All");
    return new TenantObject(
        name, name, null, Canonical.dlpPolicy(p), List.of(), "purview/dlp-policies.json#/0");
  }

  /** A rule of {@code policy} (by ParentPolicyName) with these EndpointDlpRestrictions. */
  static TenantObject rule(String name, String policy, boolean disabled, String... settings) {
    ObjectNode r = Json.NODES.objectNode();
    r.put("Name", name);
    r.put("ParentPolicyName", policy);
    r.put("Disabled", disabled);
    r.put("Mode", "Enforce");
    ArrayNode restrictions = r.putArray("EndpointDlpRestrictions");
    for (String s : settings) {
      // the real exports' shape: lower-case members
      restrictions
          .addObject()
          .put("setting", s)
          .put("defaultmessage", "none")
          .put("value", "Audit")
          .put("appgroup", "none");
    }
    return new TenantObject(
        name, name, policy, Canonical.dlpRule(r), List.of(), "purview/dlp-rules.json#/0");
  }

  static Status eval(List<TenantObject> policies, List<TenantObject> rules) {
    return AiSitesPolicyStatus.evaluate(policies, rules, NAMES);
  }

  @Test
  void eachModeByName() {
    Map<String, State> modes =
        Map.of(
            "Enable", State.ENFORCED,
            "TestWithNotifications", State.SIMULATION,
            "TestWithoutNotifications", State.SIMULATION,
            "Disable", State.DISABLED,
            "PendingDeletion", State.PENDING_DELETION);
    modes.forEach(
        (mode, state) -> {
          Status s = eval(List.of(policy(AiSitesPolicyStatus.BLOCK_POLICY, mode)), List.of());
          assertEquals(state, s.state(), mode);
          assertEquals(AiSitesPolicyStatus.BLOCK_POLICY, s.policy());
          assertEquals(FoundBy.NAME, s.foundBy());
          assertEquals(mode, s.mode());
          assertEquals("purview/dlp-policies.json#/0", s.source());
          assertEquals(
              "\"DSPM for AI - Block sensitive info from AI sites\" is "
                  + state.label
                  + " (Mode "
                  + mode
                  + "; found by name)",
              s.describe());
        });
  }

  @Test
  void missingWhenNothingQualifies() {
    Status s =
        eval(
            List.of(policy("Default Office 365 DLP policy", "Enable"), policy("Devices", "Enable")),
            List.of(rule("Print", "Devices", false, "Print", "CopyPaste", "RemovableMedia")));
    assertEquals(State.MISSING, s.state());
    assertNull(s.policy());
    assertNull(s.foundBy());
    assertEquals(
        "missing: no DLP policy named \"DSPM for AI - Block sensitive info from AI sites\","
            + " \"DSPM for AI: Detect sensitive info added to AI sites\" or \"Contoso AI sites\""
            + " (any case), and no policy with an equivalent rule (an endpoint restriction"
            + " CloudEgress or PasteToBrowser)",
        s.describe());
    assertEquals(State.MISSING, eval(List.of(), List.of()).state());
  }

  @Test
  void namesMatchInAnyCaseAndTheColonCounts() {
    Status lower =
        eval(
            List.of(policy("dspm for ai: detect sensitive info added to ai sites", "Enable")),
            List.of());
    assertEquals(State.ENFORCED, lower.state());
    assertEquals("dspm for ai: detect sensitive info added to ai sites", lower.policy());
    // the Detect policy's name has a colon; with a hyphen it is neither of Microsoft's names
    assertEquals(
        State.MISSING,
        eval(
                List.of(policy("DSPM for AI - Detect sensitive info added to AI sites", "Enable")),
                List.of())
            .state());
  }

  @Test
  void theEstatesOwnPolicyIsFoundByName() {
    Status s = eval(List.of(policy("CONTOSO AI SITES", "TestWithoutNotifications")), List.of());
    assertEquals(State.SIMULATION, s.state());
    assertEquals(FoundBy.NAME, s.foundBy());
    assertEquals("CONTOSO AI SITES", s.policy());
    Status other =
        AiSitesPolicyStatus.evaluate(
            List.of(policy("CONTOSO AI SITES", "Enable")),
            List.of(),
            List.of(AiSitesPolicyStatus.BLOCK_POLICY, AiSitesPolicyStatus.DETECT_POLICY));
    assertEquals(State.MISSING, other.state(), "not named by the estate: not looked for");
  }

  @Test
  void anEquivalentRuleFindsAPolicyByAnyName() {
    for (String setting : List.of("CloudEgress", "PasteToBrowser", "pastetobrowser")) {
      Status s =
          eval(
              List.of(policy("Endpoint - GenAI", "TestWithNotifications")),
              List.of(rule("Upload to AI", "endpoint - genai", false, "Print", setting)));
      assertEquals(State.SIMULATION, s.state(), setting);
      assertEquals(FoundBy.EQUIVALENT_RULE, s.foundBy());
      assertEquals("Endpoint - GenAI", s.policy());
      assertEquals("Upload to AI", s.rule());
      assertEquals(setting, s.setting());
      assertEquals(
          "\"Endpoint - GenAI\" is in simulation (Mode TestWithNotifications; found by equivalent"
              + " rule \"Upload to AI\", endpoint restriction "
              + setting
              + ", not by name)",
          s.describe());
    }
    // a disabled rule does nothing: not equivalent
    assertEquals(
        State.MISSING,
        eval(
                List.of(policy("Endpoint - GenAI", "Enable")),
                List.of(rule("Upload to AI", "Endpoint - GenAI", true, "CloudEgress")))
            .state());
    // a rule of another policy does not count for this one
    assertEquals(
        State.MISSING,
        eval(
                List.of(policy("Endpoint - GenAI", "Enable")),
                List.of(rule("Upload to AI", "Gone", false, "CloudEgress")))
            .state());
  }

  @Test
  void theRestrictionsInOtherShapes() {
    ObjectNode upper = Json.NODES.objectNode();
    upper.putArray("EndpointDlpRestrictions").addObject().put("Setting", "CloudEgress");
    assertEquals("CloudEgress", AiSitesPolicyStatus.aiSiteSetting(upper));
    ObjectNode one = Json.NODES.objectNode();
    one.putObject("endpointDlpRestrictions").put("SETTING", "PasteToBrowser");
    assertEquals("PasteToBrowser", AiSitesPolicyStatus.aiSiteSetting(one));
    ObjectNode string = Json.NODES.objectNode();
    string.put("EndpointDlpRestrictions", "[{\"Setting\":\"CloudEgress\",\"Value\":\"Warn\"}]");
    assertEquals("CloudEgress", AiSitesPolicyStatus.aiSiteSetting(string));
    // the grouped shape read back from a portal-made rule (dspm-for-ai.md section 1.6)
    ObjectNode grouped = Json.NODES.objectNode();
    ObjectNode g = grouped.putArray("EndpointDlpRestrictions").addObject();
    g.put("setting", "CloudEgress").put("value", "None");
    g.putArray("cloudEgressGroup").addObject().put("action", "Warn").put("id", "g0");
    assertEquals("CloudEgress", AiSitesPolicyStatus.aiSiteSetting(grouped));
    ObjectNode notJson = Json.NODES.objectNode();
    notJson.put("EndpointDlpRestrictions", "CloudEgress");
    assertNull(AiSitesPolicyStatus.aiSiteSetting(notJson));
  }

  @Test
  void theClosestToEnforcedIsReportedAndANameWinsATie() {
    Status s =
        eval(
            List.of(
                policy(AiSitesPolicyStatus.BLOCK_POLICY, "TestWithNotifications"),
                policy("Endpoint - GenAI", "Enable"),
                policy(AiSitesPolicyStatus.DETECT_POLICY, "Disable")),
            List.of(rule("Upload to AI", "Endpoint - GenAI", false, "CloudEgress")));
    assertEquals(State.ENFORCED, s.state());
    assertEquals("Endpoint - GenAI", s.policy());
    Status tie =
        eval(
            List.of(
                policy("Endpoint - GenAI", "TestWithNotifications"),
                policy(AiSitesPolicyStatus.DETECT_POLICY, "TestWithNotifications")),
            List.of(rule("Upload to AI", "Endpoint - GenAI", false, "CloudEgress")));
    assertEquals(AiSitesPolicyStatus.DETECT_POLICY, tie.policy());
    assertEquals(FoundBy.NAME, tie.foundBy());
    Status deleting =
        eval(
            List.of(
                policy(AiSitesPolicyStatus.BLOCK_POLICY, "PendingDeletion"),
                policy(AiSitesPolicyStatus.DETECT_POLICY, "Disable")),
            List.of());
    assertEquals(State.DISABLED, deleting.state(), "disabled is closer than being deleted");
  }

  @Test
  void aModeMicrosoftDoesNotDocumentIsReadAsOff() {
    Status s = eval(List.of(policy(AiSitesPolicyStatus.BLOCK_POLICY, "Audit")), List.of());
    assertEquals(State.DISABLED, s.state());
    assertTrue(s.describe().contains("Mode Audit, not a value Microsoft documents"), s.describe());
  }

  /**
   * The real exports (src/test/resources/real-exports/dlp): "Custom policy Test" (Mode
   * TestWithNotifications) has the rule "endpoint test" with {@code setting CloudEgress}; its rules
   * name the policy by ParentPolicyName and by GUID.
   */
  @Test
  void theRealExportsHaveAnEquivalentRuleInSimulation() {
    TenantSnapshot real =
        SnapshotReader.read(TestSupport.root().resolve("src/test/resources/real-exports/dlp"));
    assertTrue(AiSitesPolicyStatus.unknown(real).isEmpty());
    Status s = AiSitesPolicyStatus.of(real, estate("  devicesOnboarded: true\n")).orElseThrow();
    assertEquals(State.SIMULATION, s.state());
    assertEquals("Custom policy Test", s.policy());
    assertEquals(FoundBy.EQUIVALENT_RULE, s.foundBy());
    assertEquals("endpoint test", s.rule());
    assertEquals("CloudEgress", s.setting());
    assertEquals("TestWithNotifications", s.mode());

    // matched by the rule's Policy GUID alone
    List<TenantObject> byGuid = new ArrayList<>();
    for (TenantObject r : real.dlpRules()) {
      byGuid.add(
          new TenantObject(
              r.id(),
              r.displayName(),
              r.body().path("Policy").asString(null),
              r.body(),
              List.of(),
              r.source()));
    }
    assertEquals(
        "Custom policy Test",
        AiSitesPolicyStatus.evaluate(real.dlpPolicies(), byGuid, NAMES).policy());
  }

  @Test
  void aSnapshotWithoutDlpCannotTell() throws Exception {
    Estate e = estate("  devicesOnboarded: true\n");
    TenantSnapshot empty =
        new TenantSnapshot(
            "t", null, List.of(), List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(),
            List.of(), List.of());
    assertTrue(AiSitesPolicyStatus.of(empty, e).isEmpty());
    assertTrue(AiSitesPolicyStatus.unknown(empty).orElseThrow().contains("no DLP policies"));
    TenantSnapshot notExported =
        new TenantSnapshot(
            "t",
            null,
            List.of(),
            List.of(),
            List.of(),
            Map.of(),
            List.of(),
            List.of(),
            List.of(policy(AiSitesPolicyStatus.BLOCK_POLICY, "Enable")),
            List.of(),
            List.of(),
            List.of(),
            List.of("purview/dlp-rules.json"));
    assertTrue(AiSitesPolicyStatus.of(notExported, e).isEmpty());
    assertTrue(
        AiSitesPolicyStatus.unknown(notExported)
            .orElseThrow()
            .contains("lists purview/dlp-rules.json as not exported"));

    // loose files read from a folder: the estate's own name, in another case
    Path dir = tmp.resolve("loose");
    Files.createDirectories(dir);
    ObjectNode p = Json.NODES.objectNode();
    p.put("Name", "contoso ai sites");
    p.put("Mode", "Enable");
    p.put("Workload", "EndpointDevices");
    p.putArray("EndpointDlpLocation").add("All");
    p.putArray("ObjectClass").add("msExchUnifiedPolicy");
    Files.writeString(dir.resolve("policies.json"), Json.write(p));
    Status s =
        AiSitesPolicyStatus.of(
                SnapshotReader.read(dir),
                estate(
                    "  devicesOnboarded: true\n  dspmForAi: {aiSitesPolicy: Contoso AI sites}\n"))
            .orElseThrow();
    assertEquals(State.ENFORCED, s.state());
    assertEquals("contoso ai sites", s.policy());
  }
}
