package org.aisecuritybaseline.importer;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.aisecuritybaseline.importer.Snapshots.BG1;
import static org.aisecuritybaseline.importer.Snapshots.BG2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.entra.Expander;
import org.aisecuritybaseline.entra.Expansion;
import org.aisecuritybaseline.entra.PlannedPolicy;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.Stage;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot.DirectoryName;
import org.junit.jupiter.api.Test;

/**
 * The baseline's agent policies (CA050 to CA055) in a tenant: adopted under their IDs with the
 * agents section that generates them again, or custom policies where the estate cannot say what the
 * tenant's policy says.
 */
class AgentImportTest {
  static final String AGENT1 = "a1a1a1a1-0000-4000-8000-000000000001";
  static final String AGENT2 = "a2a2a2a2-0000-4000-8000-000000000002";
  static final String USER1 = "b1b1b1b1-0000-4000-8000-000000000001";
  static final String DEVICE_USER = "b2b2b2b2-0000-4000-8000-000000000002";
  static final String NETWORK_USER = "b3b3b3b3-0000-4000-8000-000000000003";
  static final String OTHER_USER = "c1c1c1c1-0000-4000-8000-000000000001";
  static final String COMPLIANT_NETWORK = "d1d1d1d1-0000-4000-8000-000000000001";
  static final String RULE =
      "CustomSecurityAttribute.AgentAttributes_AgentApprovalStatus -contains \"IT_Approved\""
          + " -or CustomSecurityAttribute.AgentAttributes_AgentApprovalStatus -contains"
          + " \"Security reviewed\"";

  static final Map<String, DirectoryName> NAMES =
      Map.of(
          AGENT1, new DirectoryName("servicePrincipal", "Invoice matching agent"),
          BG1, new DirectoryName("user", "Emergency 01"));

  /** Break-glass as the baseline excludes it from a policy that targets users. */
  static final String BREAK_GLASS = "\"excludeUsers\": [\"" + BG1 + "\", \"" + BG2 + "\"]";

  static TenantObject policy(String n, String name, String state, String json) {
    return Snapshots.policy(
        "99999999-0000-4000-8000-0000000000" + n,
        name,
        state,
        json,
        List.of("/conditions/clientApplications", "/conditions/agentIdRiskLevels"));
  }

  static TenantObject ca050(String name) {
    return policy(
        "50",
        name,
        "enabled",
        """
        {"conditions": {"agentIdRiskLevels": "high",
          "applications": {"includeApplications": ["All"]}, "clientAppTypes": ["all"],
          "clientApplications": {"includeAgentIdServicePrincipals": ["All"]}},
         "grantControls": {"builtInControls": ["block"], "operator": "OR"}}
        """);
  }

  static TenantObject ca051(String name, String rule) {
    String filter =
        rule == null
            ? ""
            : ", \"agentIdServicePrincipalFilter\": {\"mode\": \"exclude\", \"rule\": "
                + Json.compact(Json.NODES.stringNode(rule))
                + "}";
    return policy(
        "51",
        name,
        "enabledForReportingButNotEnforced",
        """
        {"conditions": {"applications": {"includeApplications": ["All"]},
          "clientApplications": {"excludeAgentIdServicePrincipals": ["%s", "%s"],
            "includeAgentIdServicePrincipals": ["All"]%s}},
         "grantControls": {"builtInControls": ["block"], "operator": "OR"}}
        """
            .formatted(AGENT1, AGENT2, filter));
  }

  static TenantObject ca052(String name, String... extraExcluded) {
    List<String> users = new ArrayList<>(List.of(BG1, BG2));
    users.addAll(List.of(extraExcluded));
    users.sort(null);
    return policy(
        "52",
        name,
        "enabled",
        """
        {"conditions": {"agentIdRiskLevels": "high,medium",
          "applications": {"includeApplications": ["All"]},
          "users": {"excludeUsers": %s, "includeUsers": ["AllAgentIdUsers"]}},
         "grantControls": {"builtInControls": ["block"], "operator": "OR"}}
        """
            .formatted(Json.compact(Json.stringArray(users))));
  }

  static TenantObject ca053(String name) {
    List<String> users = new ArrayList<>(List.of(BG1, BG2, USER1, DEVICE_USER, NETWORK_USER));
    users.sort(null);
    return policy(
        "53",
        name,
        "disabled",
        """
        {"conditions": {"applications": {"includeApplications": ["All"]},
          "users": {"excludeUsers": %s, "includeUsers": ["AllAgentIdUsers"]}},
         "grantControls": {"builtInControls": ["block"], "operator": "OR"}}
        """
            .formatted(Json.compact(Json.stringArray(users))));
  }

  static TenantObject ca054(String name) {
    return policy(
        "54",
        name,
        "enabledForReportingButNotEnforced",
        """
        {"conditions": {"applications": {"includeApplications": ["All"]},
          "clientAppTypes": ["all"],
          "users": {%s, "includeUsers": ["%s"]}},
         "grantControls": {"builtInControls": ["compliantDevice"], "operator": "OR"}}
        """
            .formatted(BREAK_GLASS, DEVICE_USER));
  }

  static TenantObject ca055(String name) {
    return ca055(name, NETWORK_USER);
  }

  /** CA055 as this tool writes it, for one agent user. */
  static TenantObject ca055(String name, String user) {
    return policy(
        "55",
        name,
        "enabledForReportingButNotEnforced",
        """
        {"conditions": {"applications": {"includeApplications": ["All"]},
          "clientAppTypes": ["all"],
          "locations": {"excludeLocations": ["%s"], "includeLocations": ["All"]},
          "users": {%s, "includeUsers": ["%s"]}},
         "grantControls": {"builtInControls": ["block"], "operator": "OR"}}
        """
            .formatted(COMPLIANT_NETWORK, BREAK_GLASS, user));
  }

  /** CA004 as the baseline generates it: a user policy beside the agent ones. */
  static TenantObject legacyAuth() {
    return Snapshots.policy(
        "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
        "Block legacy auth",
        "enabled",
        Snapshots.legacyAuth());
  }

  static List<TenantObject> allSix() {
    return List.of(
        legacyAuth(),
        ca050("Block risky agents"),
        ca051("Only approved agents", RULE),
        ca052("Block risky agent users"),
        ca053("Only approved agent users"),
        ca054("CA054 - Require a compliant device for agent users"),
        ca055("CA055 - Agent users on the compliant network"));
  }

  static ImportResult run(List<TenantObject> policies, boolean adoptBreakGlass) {
    return Snapshots.run(Snapshots.snapshot(policies, List.of(), NAMES), adoptBreakGlass);
  }

  /** Each adopted policy, generated from the imported estate, is the tenant's body. */
  static void regeneratesTheTenantsBodies(Estate e, List<TenantObject> tenant) {
    Expansion x = Expander.expand(e, Catalogue.builtIn());
    for (TenantObject t : tenant) {
      String adoptedAs =
          e.policies().entrySet().stream()
              .filter(p -> t.id().equals(p.getValue().tenantObjectId()))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      if (adoptedAs == null) {
        continue;
      }
      PlannedPolicy p =
          x.policies().stream().filter(q -> q.id().equals(adoptedAs)).findFirst().orElseThrow();
      assertEquals(Normal.policy(t.body()), Normal.policy(p.body()), adoptedAs);
    }
  }

  @Test
  void everyAgentPolicyIsAdoptedAndTheAgentsSectionGeneratesThemAgain() {
    List<TenantObject> tenant = allSix();
    ImportResult r = run(tenant, true);
    assertEquals(
        List.of("CA004", "CA050", "CA051", "CA052", "CA053", "CA054", "CA055"),
        r.adopted().stream().map(a -> a.substring(0, 5)).toList(),
        r.yaml());
    assertEquals(0, r.customPolicies());
    assertEquals(List.of(), r.notes(Code.W650));
    Estate e = Snapshots.validate(r.yaml()).estate();
    Estate.Agents agents = e.agents();
    assertTrue(agents.present());
    // Named agents keep their names; an agent the snapshot does not name gets a key from its ID.
    assertEquals(
        List.of("agent-a2a2a2a2:" + AGENT2, "invoice-matching-agent:" + AGENT1),
        agents.identities().approved().stream().map(a -> a.key() + ":" + a.id()).toList());
    assertEquals("Invoice matching agent", agents.identities().approved().get(1).name());
    assertEquals(List.of(), agents.identities().blueprints());
    Estate.ApprovalAttribute a = agents.identities().approvalAttribute();
    assertEquals("AgentAttributes", a.attributeSet());
    assertEquals("AgentApprovalStatus", a.attribute());
    assertEquals(List.of("IT_Approved", "Security reviewed"), a.values());
    assertEquals(
        List.of(
            USER1 + ":null", DEVICE_USER + ":compliantDevice", NETWORK_USER + ":compliantNetwork"),
        agents.users().approved().stream().map(u -> u.id() + ":" + u.require()).toList());
    assertEquals(COMPLIANT_NETWORK, agents.users().compliantNetworkLocationId());
    assertEquals(List.of(), agents.resources());
    assertFalse(r.yaml().contains("resources:"), r.yaml());
    assertContains(r.yaml(), "# Derived from the adopted agent policies (CA050 to CA055)");
    // Agent users are approvals, not exclusions; break-glass is declared, so nothing else is.
    assertNull(e.policies().get("CA053").exclude());
    assertEquals(Stage.DISABLED, e.policies().get("CA053").stage());
    assertEquals(Stage.ENABLED, e.policies().get("CA052").stage());
    assertEquals(Stage.REPORT_ONLY, e.policies().get("CA051").stage());
    assertTrue(e.tenant().services().intune(), "CA054 needs Intune");
    regeneratesTheTenantsBodies(e, tenant);
  }

  @Test
  void withoutAdoptingBreakGlassItIsEachAgentPolicysExclusion() {
    List<TenantObject> tenant = allSix();
    ImportResult r = run(tenant, false);
    assertEquals(7, r.adopted().size(), r.adopted().toString());
    Snapshots.errorsIgnoringBreakGlass(r.yaml());
    Estate e =
        Snapshots.validate(
                r.yaml()
                    .replace(
                        "breakGlass: {}",
                        "breakGlass: {waiver: {reason: no emergency access in this test tenant}}"))
            .estate();
    for (String id : List.of("CA052", "CA053", "CA054", "CA055")) {
      assertEquals(List.of(BG1, BG2), e.policies().get(id).exclude().users(), id);
    }
    assertEquals(3, e.agents().users().approved().size());
    regeneratesTheTenantsBodies(e, tenant);
  }

  @Test
  void onlyTheRiskPoliciesGiveEmptySectionsThatGenerateThem() {
    List<TenantObject> tenant =
        List.of(legacyAuth(), ca050("CA050 - Block high-risk agent identities"), ca052("x"));
    ImportResult r = run(tenant, true);
    assertEquals(3, r.adopted().size(), r.adopted().toString());
    assertContains(r.yaml(), "agents:\n  identities: {}\n  users: {}\n");
    Estate e = Snapshots.validate(r.yaml()).estate();
    // CA051 and CA053 approve no one, so the baseline leaves them out: nothing to skip.
    assertNull(e.policies().get("CA051"));
    regeneratesTheTenantsBodies(e, tenant);
  }

  @Test
  void aFilterRuleTheEstateDoesNotWriteLeavesCa051Custom() {
    String rule = "CustomSecurityAttribute.AgentAttributes_AgentApprovalStatus -eq \"IT_Approved\"";
    ImportResult r = run(List.of(legacyAuth(), ca051("Only approved agents", rule)), true);
    assertEquals(List.of("CA004"), r.adopted().stream().map(a -> a.substring(0, 5)).toList());
    assertEquals(1, r.customPolicies());
    assertContains(
        r.notes(Code.W652).toString(),
        "imported as a custom policy, not adopted as CA051:"
            + " /conditions/clientApplications/agentIdServicePrincipalFilter: its rule is not"
            + " 'CustomSecurityAttribute.<set>_<attribute> -contains \"<value>\"', so the estate's"
            + " approvalAttribute (agents.identities) cannot generate it");
    Estate e = Snapshots.validate(r.yaml()).estate();
    assertFalse(e.agents().present());
    Estate.CustomPolicy c = e.customPolicies().get(0);
    assertEquals("beta", c.graphApi());
    assertEquals(
        rule,
        c.policy()
            .at("/conditions/clientApplications/agentIdServicePrincipalFilter/rule")
            .asString());
  }

  @Test
  void ca052ExcludingAnyoneButBreakGlassStaysCustom() {
    ImportResult r =
        run(List.of(legacyAuth(), ca050("a"), ca052("Risky agent users", OTHER_USER)), true);
    assertEquals(
        List.of("CA004", "CA050"), r.adopted().stream().map(a -> a.substring(0, 5)).toList());
    assertContains(
        r.notes(Code.W652).toString(),
        "not adopted as CA052: it excludes "
            + OTHER_USER
            + ", which is not break-glass (excluded from every imported policy)");
    Estate e = Snapshots.validate(r.yaml()).estate();
    assertNull(e.agents().users(), "no agent user policy adopted");
    assertEquals(1, e.customPolicies().size());
    assertEquals(
        List.of("AllAgentIdUsers"),
        Json.strings(e.customPolicies().get(0).policy().at("/conditions/users/includeUsers")));
  }

  @Test
  void ca054WithoutThisToolsNameIsAUserPolicyLikeAnyOther() {
    ImportResult r =
        run(
            List.of(
                legacyAuth(),
                ca052("Risky agent users"),
                ca054("Finance bots need a compliant device")),
            true);
    assertEquals(
        List.of("CA004", "CA052"), r.adopted().stream().map(a -> a.substring(0, 5)).toList());
    assertEquals(1, r.customPolicies());
    Estate e = Snapshots.validate(r.yaml()).estate();
    assertEquals(List.of(), e.agents().users().approved());
    assertEquals(
        List.of(DEVICE_USER),
        Json.strings(e.customPolicies().get(0).policy().at("/conditions/users/includeUsers")));
    assertFalse(r.notes(Code.W652).toString().contains("CA054"), r.notes(Code.W652).toString());
  }

  @Test
  void anAgentUserHeldToBothDeviceAndNetworkKeepsOneAndTheOtherPolicyIsCustom() {
    // The estate holds one requirement per agent user: CA055 cannot be generated as it is.
    TenantObject network =
        ca055("CA055 - Require a compliant network for agent users", DEVICE_USER);
    List<TenantObject> tenant =
        List.of(legacyAuth(), ca054("CA054 - Require a compliant device for agent users"), network);
    ImportResult r = run(tenant, true);
    assertEquals(
        List.of("CA004", "CA054"), r.adopted().stream().map(a -> a.substring(0, 5)).toList());
    assertContains(r.notes(Code.W652).toString(), "not adopted as CA055:");
    Estate e = Snapshots.validate(r.yaml()).estate();
    assertEquals(
        List.of(DEVICE_USER + ":compliantDevice"),
        e.agents().users().approved().stream().map(u -> u.id() + ":" + u.require()).toList());
    assertNull(e.agents().users().compliantNetworkLocationId());
    assertEquals(1, e.customPolicies().size());
    regeneratesTheTenantsBodies(e, tenant);
  }

  @Test
  void ca051ThatApprovesNoAgentBlocksThemAllAndStaysCustom() {
    TenantObject all =
        policy(
            "51",
            "CA051 - Block agent identities that are not approved",
            "enabled",
            """
            {"conditions": {"applications": {"includeApplications": ["All"]},
              "clientApplications": {"includeAgentIdServicePrincipals": ["All"]}},
             "grantControls": {"builtInControls": ["block"], "operator": "OR"}}
            """);
    ImportResult r = run(List.of(legacyAuth(), all), true);
    assertEquals(List.of("CA004"), r.adopted().stream().map(a -> a.substring(0, 5)).toList());
    assertContains(r.notes(Code.W652).toString(), "it excludes no agent identity");
  }

  @Test
  void theFilterRuleIsReadBackOnlyInTheGeneratedForm() {
    assertEquals(
        List.of("Set", "Attr", "IT_Approved", "a -or b"),
        AgentImport.approvalAttribute(
            "CustomSecurityAttribute.Set_Attr -contains \"IT_Approved\""
                + " -or CustomSecurityAttribute.Set_Attr -contains \"a -or b\""));
    for (String rule :
        List.of(
            "CustomSecurityAttribute.Set_Attr -contains \"x\" or CustomSecurityAttribute.Set_Attr -contains \"y\"",
            "CustomSecurityAttribute.Set_Attr -contains \"x\" -or CustomSecurityAttribute.Set_Other -contains \"y\"",
            "CustomSecurityAttribute.Set_Attr -contains \"x\" -and CustomSecurityAttribute.Set_Attr -contains \"y\"",
            "CustomSecurityAttribute.My_Set_Attr -contains \"x\"",
            "CustomSecurityAttribute.Set_Attr -contains \"x\" -or CustomSecurityAttribute.Set_Attr -contains \"x\"",
            "CustomSecurityAttribute.Set_Attr -contains \"x\" ",
            "CustomSecurityAttribute.Set_Attr -contains \"a\\\"b\"",
            "(CustomSecurityAttribute.Set_Attr -contains \"x\")",
            "device.displayName -contains \"x\"")) {
      assertTrue(AgentImport.approvalAttribute(rule) instanceof String, rule);
    }
    assertNotNull(AgentImport.approvalAttribute("CustomSecurityAttribute.S_A -contains \"v\""));
  }
}
