package org.aisecuritybaseline.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.purview.AiSitesPolicyStatus;
import org.aisecuritybaseline.rules.Rule;
import org.aisecuritybaseline.rules.RuleCatalogue;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each rule with passing and failing policies. The inputs are transcribed (as Graph v1.0 bodies)
 * from CISA ScubaGear's own Rego unit tests, commit 4d34e9a, {@code
 * PowerShell/ScubaGear/Testing/Unit/Rego/AAD/}: the base policy of {@code AADBaseConfig.rego}
 * (ConditionalAccessPolicies: all users, all applications, nothing excluded, enabled) with the
 * patch each named test applies. Where we differ from ScubaGear it is said: a report-only policy is
 * "pass when enforced" here (ScubaGear: not met), and the "exempt" users and groups of ScubaGear's
 * config file are the estate's break-glass accounts and groups or an exception.
 */
class ChecksTest {
  static final RuleCatalogue CATALOGUE = RuleCatalogue.builtIn();
  static final Place PLACE = new Place("estate.yaml", 3, 1, "/policies/CA999");
  static final Place TIER = new Place("estate.yaml", 10, 9, "/baseline/tier");
  static final String BREAK_GLASS_USER = "3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a";
  static final String BREAK_GLASS_GROUP = "5f6a7b8c-9d0e-4f1a-8b2c-4d5e6f7a8b9c";
  static final String OTHER_USER = "0b0b0b0b-0000-4000-8000-000000000001";
  static final String OTHER_GROUP = "0c0c0c0c-0000-4000-8000-000000000002";
  static final List<String> PRIVILEGED = List.copyOf(CATALOGUE.privilegedRoles().keySet());

  /** ScubaGear's AADBaseConfig.rego ConditionalAccessPolicies, with only the scope. */
  static ObjectNode base() {
    return (ObjectNode)
        Json.parse(
            """
            {"displayName": "Test Policy", "state": "enabled",
             "conditions": {"users": {"includeUsers": ["All"], "excludeUsers": [],
                                      "excludeGroups": [], "excludeRoles": []},
                            "applications": {"includeApplications": ["All"],
                                             "excludeApplications": []},
                            "clientAppTypes": ["all"]},
             "grantControls": {"operator": "OR", "builtInControls": []}}
            """);
  }

  static ObjectNode legacy() {
    ObjectNode p = base();
    p.withObject("/conditions")
        .set("clientAppTypes", Json.stringArray(List.of("other", "exchangeActiveSync")));
    p.withObject("/grantControls").set("builtInControls", Json.stringArray(List.of("block")));
    return p;
  }

  static Result run(String ruleId, ObjectNode... bodies) {
    return run(ruleId, List.of(), bodies);
  }

  static Result run(String ruleId, List<Waiver> waivers, ObjectNode... bodies) {
    Rule rule = CATALOGUE.find(ruleId).orElseThrow();
    List<Target> targets = new java.util.ArrayList<>();
    for (int i = 0; i < bodies.length; i++) {
      targets.add(
          new Target(
              "CA9" + i,
              bodies[i].path("displayName").asString("Test Policy"),
              bodies[i],
              Map.of(
                  Exclusion.slot("user", BREAK_GLASS_USER),
                  new Exclusion("user", BREAK_GLASS_USER, null, "user emergency-01", true, PLACE),
                  Exclusion.slot("group", BREAK_GLASS_GROUP),
                  new Exclusion(
                      "group", BREAK_GLASS_GROUP, null, "group SG-BreakGlass", true, PLACE),
                  Exclusion.slot("group", OTHER_GROUP),
                  new Exclusion(
                      "group",
                      OTHER_GROUP,
                      "legacy-scanners",
                      "group legacy-scanners",
                      false,
                      new Place("estate.yaml", 42, 16, "/policies/CA004/exclude/groups/0"))),
              PLACE,
              null,
              null));
    }
    CheckReport report =
        new Checks(CATALOGUE, Map.of())
            .evaluate("estate.yaml", false, targets, waivers, LocalDate.of(2026, 6, 1), TIER);
    return report.results().stream().filter(r -> r.rule() == rule).findFirst().orElseThrow();
  }

  static ObjectNode with(ObjectNode p, Consumer<ObjectNode> patch) {
    patch.accept(p);
    return p;
  }

  static void users(ObjectNode p, String member, String... values) {
    p.withObject("/conditions/users").set(member, Json.stringArray(List.of(values)));
  }

  static void apps(ObjectNode p, String member, String... values) {
    p.withObject("/conditions/applications").set(member, Json.stringArray(List.of(values)));
  }

  static void grant(ObjectNode p, String... controls) {
    p.withObject("/grantControls").set("builtInControls", Json.stringArray(List.of(controls)));
  }

  static void strength(ObjectNode p, String... combinations) {
    p.withObject("/grantControls")
        .putObject("authenticationStrength")
        .set("allowedCombinations", Json.stringArray(List.of(combinations)));
  }

  // MS.AAD.1.1v1 (AADConfig_01_test.rego)

  @Test
  void legacyAuthentication() {
    // test_NoExclusionsConditions_Correct
    assertEquals(Status.PASS, run("AISB-CA-001", legacy()).status());
    // test_NoExclusionsIncludeApplications_Incorrect
    assertEquals(
        Status.FAIL,
        run("AISB-CA-001", with(legacy(), p -> apps(p, "includeApplications", "Office365")))
            .status());
    // test_NoExclusionsIncludeUsers_Incorrect
    assertEquals(
        Status.FAIL,
        run("AISB-CA-001", with(legacy(), p -> users(p, "includeUsers", OTHER_USER))).status());
    // test_NoExclusionsExcludeUsers_Incorrect (a user the config does not exempt)
    assertEquals(
        Status.FAIL,
        run("AISB-CA-001", with(legacy(), p -> users(p, "excludeUsers", OTHER_USER))).status());
    // test_NoExclusionsClientAppTypes_Incorrect
    assertEquals(
        Status.FAIL,
        run(
                "AISB-CA-001",
                with(
                    legacy(),
                    p ->
                        p.withObject("/conditions")
                            .set("clientAppTypes", Json.stringArray(List.of("other")))))
            .status());
    // test_NoExclusionsBuiltInControls_Incorrect
    assertEquals(Status.FAIL, run("AISB-CA-001", with(legacy(), p -> grant(p, "mfa"))).status());
    // test_NoExclusionsState_Incorrect: disabled fails
    assertEquals(
        Status.FAIL, run("AISB-CA-001", with(legacy(), p -> p.put("state", "disabled"))).status());
    // test_RoleExclusions_Incorrect
    assertEquals(
        Status.FAIL,
        run("AISB-CA-001", with(legacy(), p -> users(p, "excludeRoles", PRIVILEGED.get(0))))
            .status());
    // test_ApplicationExclusions_Incorrect
    assertEquals(
        Status.FAIL,
        run("AISB-CA-001", with(legacy(), p -> apps(p, "excludeApplications", "app-1"))).status());
    // test_UserExclusionsConditions_Correct / test_GroupExclusionConditions_Correct: exempt
    // (here: break-glass) users and groups are allowed
    assertEquals(
        Status.PASS,
        run(
                "AISB-CA-001",
                with(
                    legacy(),
                    p -> {
                      users(p, "excludeUsers", BREAK_GLASS_USER);
                      users(p, "excludeGroups", BREAK_GLASS_GROUP);
                    }))
            .status());
    // test_GuestUserTypeExclusionNoExempt_Incorrect
    assertEquals(
        Status.FAIL,
        run(
                "AISB-CA-001",
                with(
                    legacy(),
                    p ->
                        p.withObject("/conditions/users")
                            .putObject("excludeGuestsOrExternalUsers")
                            .put(
                                "guestOrExternalUserTypes", "internalGuest,b2bCollaborationGuest")))
            .status());
    // Ours: report-only passes once enforced (ScubaGear: not met)
    assertEquals(
        Status.PASS_WHEN_ENFORCED,
        run("AISB-CA-001", with(legacy(), p -> p.put("state", "enabledForReportingButNotEnforced")))
            .status());
    // Ours: the legacy keyword excludes every guest, which is no break-glass account
    Result guests =
        run("AISB-CA-001", with(legacy(), p -> users(p, "excludeUsers", "GuestsOrExternalUsers")));
    assertEquals(Status.FAIL, guests.status());
    assertTrue(guests.message().contains("legacy keyword GuestsOrExternalUsers"), guests.message());
  }

  @Test
  void aFailureIsLocatedAtTheExclusionThatCausesIt() {
    Result r = run("AISB-CA-001", with(legacy(), p -> users(p, "excludeGroups", OTHER_GROUP)));
    assertEquals(Status.FAIL, r.status());
    assertEquals(42, r.place().line());
    assertEquals("/policies/CA004/exclude/groups/0", r.place().pointer());
    assertEquals("CA90", r.policy().id());
  }

  @Test
  void noRelevantPolicyFailsAtTheTier() {
    Result r = run("AISB-CA-001", base());
    assertEquals(Status.FAIL, r.status());
    assertNull(r.policy());
    assertEquals(TIER, r.place());
  }

  @Test
  void onePolicyThatMeetsEverythingIsEnough() {
    // ScubaGear: "Pass if at least 1 policy meets all conditions"
    Result r =
        run(
            "AISB-CA-001",
            with(legacy(), p -> users(p, "excludeRoles", PRIVILEGED.get(0))),
            legacy());
    assertEquals(Status.PASS, r.status());
    assertEquals("CA91", r.policy().id());
  }

  // MS.AAD.2.1v1 and 2.3v1 (AADConfig_02_test.rego)

  @Test
  void highRisk() {
    ObjectNode users =
        with(
            base(),
            p -> {
              p.withObject("/conditions").set("userRiskLevels", Json.stringArray(List.of("high")));
              grant(p, "block");
            });
    assertEquals(Status.PASS, run("AISB-CA-002", users).status());
    // test_UserRiskLevels_Incorrect
    assertEquals(
        Status.FAIL,
        run(
                "AISB-CA-002",
                with(
                    users.deepCopy(),
                    p ->
                        p.withObject("/conditions")
                            .set("userRiskLevels", Json.stringArray(List.of("low")))))
            .status());
    // test_BuiltInControls_Incorrect_V1 (Microsoft's password-change template is not a block)
    assertEquals(
        Status.FAIL,
        run("AISB-CA-002", with(users.deepCopy(), p -> grant(p, "mfa", "passwordChange")))
            .status());
    ObjectNode signIns =
        with(
            base(),
            p -> {
              p.withObject("/conditions")
                  .set("signInRiskLevels", Json.stringArray(List.of("high")));
              grant(p, "block");
            });
    assertEquals(Status.PASS, run("AISB-CA-003", signIns).status());
    assertEquals(
        Status.FAIL, run("AISB-CA-003", with(signIns.deepCopy(), p -> grant(p, "mfa"))).status());
  }

  // MS.AAD.3.1v1 and 3.2v2 (AADConfig_03_test.rego)

  @Test
  void phishingResistantForAllUsers() {
    // test_PhishingResistantAllMFA_Correct
    assertEquals(
        Status.PASS,
        run(
                "AISB-CA-004",
                with(
                    base(),
                    p ->
                        strength(
                            p, "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor")))
            .status());
    // test_PhishingResistantSingleMFA_Correct
    assertEquals(Status.PASS, run("AISB-CA-004", with(base(), p -> strength(p, "fido2"))).status());
    // test_PhishingResistantExtraMFA_Incorrect
    assertEquals(
        Status.FAIL,
        run(
                "AISB-CA-004",
                with(base(), p -> strength(p, "x509CertificateMultiFactor", "SuperStrength")))
            .status());
    // test_PhishingResistantNoneMFA_Incorrect
    assertEquals(Status.FAIL, run("AISB-CA-004", with(base(), p -> strength(p))).status());
    // The built-in phishing-resistant strength by ID, as a generated policy names it
    assertEquals(
        Status.PASS,
        run(
                "AISB-CA-004",
                with(
                    base(),
                    p ->
                        p.withObject("/grantControls")
                            .putObject("authenticationStrength")
                            .put("id", "00000000-0000-0000-0000-000000000004")))
            .status());
  }

  @Test
  void mfaForAllUsers() {
    // test_MFA_BuiltInControls_Correct
    assertEquals(Status.PASS, run("AISB-CA-005", with(base(), p -> grant(p, "mfa"))).status());
    // test_MFA_Custom_AuthenticationStrength_Correct
    assertEquals(
        Status.PASS,
        run("AISB-CA-005", with(base(), p -> strength(p, "deviceBasedPush"))).status());
    // test_MFA_Builtin_AuthenticationStrength_Correct (the built-in MFA strength, by ID)
    assertEquals(
        Status.PASS,
        run(
                "AISB-CA-005",
                with(
                    base(),
                    p ->
                        p.withObject("/grantControls")
                            .putObject("authenticationStrength")
                            .put("id", "00000000-0000-0000-0000-000000000002")))
            .status());
    // IsGeneralMFA: a phishing-resistant-only strength is not "general" MFA
    assertEquals(Status.FAIL, run("AISB-CA-005", with(base(), p -> strength(p, "fido2"))).status());
    // test_ExcludeRoles_Incorrect_V1
    Result role =
        run(
            "AISB-CA-005",
            with(
                base(),
                p -> {
                  grant(p, "mfa");
                  users(p, "excludeRoles", "d29b2b05-8046-44ba-8758-1e26182fcf32");
                }));
    assertEquals(Status.FAIL, role.status());
    assertTrue(role.message().contains("no rule allows excluding a role"), role.message());
  }

  // MS.AAD.3.6v1

  @Test
  void phishingResistantForPrivilegedRoles() {
    ObjectNode ok =
        with(
            base(),
            p -> {
              users(p, "includeUsers");
              users(p, "includeRoles", PRIVILEGED.toArray(String[]::new));
              strength(p, "fido2", "windowsHelloForBusiness");
            });
    // test_ConditionalAccessPolicies_Correct (all users not required: a role-based policy)
    assertEquals(Status.PASS, run("AISB-CA-006", ok).status());
    // test_ConditionalAccessPolicies_Incorrect_Covered_Roles
    Result missing =
        run("AISB-CA-006", with(ok.deepCopy(), p -> users(p, "includeRoles", PRIVILEGED.get(0))));
    assertEquals(Status.FAIL, missing.status());
    assertTrue(missing.message().contains("Hybrid Identity Administrator"), missing.message());
    // test_ConditionalAccessPolicies_Incorrect_not_all_apps
    assertEquals(
        Status.FAIL,
        run("AISB-CA-006", with(ok.deepCopy(), p -> apps(p, "includeApplications"))).status());
    // test_ConditionalAccessPolicies_Incorrect_disabled
    assertEquals(
        Status.FAIL,
        run("AISB-CA-006", with(ok.deepCopy(), p -> p.put("state", "disabled"))).status());
    // test_ExcludeRoles_Incorrect_V2
    assertEquals(
        Status.FAIL,
        run("AISB-CA-006", with(ok.deepCopy(), p -> users(p, "excludeRoles", PRIVILEGED.get(0))))
            .status());
  }

  // MS.AAD.3.7v1

  @Test
  void managedDevices() {
    ObjectNode ok = with(base(), p -> grant(p, "compliantDevice", "domainJoinedDevice"));
    // test_ConditionalAccessPolicies_Correct_V3
    assertEquals(Status.PASS, run("AISB-CA-007", ok).status());
    // test_BuiltInControls_Incorrect_V3: compliant device only (the baseline's CA021)
    assertEquals(
        Status.FAIL,
        run("AISB-CA-007", with(ok.deepCopy(), p -> grant(p, "compliantDevice"))).status());
    // test_OperatorIncorrect_V1
    assertEquals(
        Status.FAIL,
        run(
                "AISB-CA-007",
                with(ok.deepCopy(), p -> p.withObject("/grantControls").put("operator", "AND")))
            .status());
  }

  // MS.AAD.3.8v1

  @Test
  void managedDeviceToRegister() {
    ObjectNode ok =
        with(
            base(),
            p -> {
              apps(p, "includeApplications");
              apps(p, "includeUserActions", "urn:user:registersecurityinfo");
              grant(p, "compliantDevice", "domainJoinedDevice");
            });
    // test_Correct_V1
    assertEquals(Status.PASS, run("AISB-CA-008", ok).status());
    // test_Correct_OnlyCompliantDevice / test_Correct_OnlyDomainJoinedDevice
    assertEquals(
        Status.PASS,
        run("AISB-CA-008", with(ok.deepCopy(), p -> grant(p, "compliantDevice"))).status());
    assertEquals(
        Status.PASS,
        run("AISB-CA-008", with(ok.deepCopy(), p -> grant(p, "domainJoinedDevice"))).status());
    // test_Incorrect_EmptyGrantControls
    assertEquals(Status.FAIL, run("AISB-CA-008", with(ok.deepCopy(), p -> grant(p))).status());
    // test_InCorrect_ReportOnly (ours: pass when enforced)
    assertEquals(
        Status.PASS_WHEN_ENFORCED,
        run(
                "AISB-CA-008",
                with(ok.deepCopy(), p -> p.put("state", "enabledForReportingButNotEnforced")))
            .status());
    // test_InCorrect_No_Policy
    assertEquals(Status.FAIL, run("AISB-CA-008").status());
    // test_RoleExclusions_Incorrect_V1
    assertEquals(
        Status.FAIL,
        run("AISB-CA-008", with(ok.deepCopy(), p -> users(p, "excludeRoles", PRIVILEGED.get(0))))
            .status());
  }

  // MS.AAD.3.9v1

  @Test
  void deviceCodeFlow() {
    ObjectNode ok =
        with(
            base(),
            p -> {
              p.withObject("/conditions/authenticationFlows")
                  .put("transferMethods", "deviceCodeFlow");
              grant(p, "block");
            });
    // test_Entra_3_9_Correct_V1
    assertEquals(Status.PASS, run("AISB-CA-009", ok).status());
    // test_Entra_3_9_User_Exclusions_Incorrect_V1
    assertEquals(
        Status.FAIL,
        run("AISB-CA-009", with(ok.deepCopy(), p -> users(p, "excludeUsers", OTHER_USER)))
            .status());
    // test_Entra_3_9_Application_Exclusion_Incorrect_V1
    assertEquals(
        Status.FAIL,
        run("AISB-CA-009", with(ok.deepCopy(), p -> apps(p, "excludeApplications", "app-1")))
            .status());
    // test_Entra_3_9_Policy_Missing_Incorrect_V1
    assertEquals(Status.FAIL, run("AISB-CA-009", base()).status());
    // Ours: both transfer methods in one policy is not exactly deviceCodeFlow, as ScubaGear's ==
    assertEquals(
        Status.FAIL,
        run(
                "AISB-CA-009",
                with(
                    ok.deepCopy(),
                    p ->
                        p.withObject("/conditions/authenticationFlows")
                            .put("transferMethods", "deviceCodeFlow,authenticationTransfer")))
            .status());
  }

  // MS.AAD.9.1v1 (AADConfig_09_test.rego): the base policy plus all agent identities

  static ObjectNode agents() {
    ObjectNode p = base();
    p.withObject("/conditions").put("agentIdRiskLevels", "high");
    p.withObject("/conditions/clientApplications")
        .set("includeAgentIdServicePrincipals", Json.stringArray(List.of("All")));
    grant(p, "block");
    return p;
  }

  @Test
  void highRiskAgents() {
    // test_BlockRiskyAgentsCAP_Correct_V1
    assertEquals(Status.PASS, run("AISB-CA-014", agents()).status());
    // test_MultipleRiskLevels_Correct_V1: the flags enumeration as one string
    assertEquals(
        Status.PASS,
        run(
                "AISB-CA-014",
                with(
                    agents(),
                    p -> p.withObject("/conditions").put("agentIdRiskLevels", "medium,high")))
            .status());
    // test_MissingHighRisk_Incorrect_V1
    Result medium =
        run(
            "AISB-CA-014",
            with(agents(), p -> p.withObject("/conditions").put("agentIdRiskLevels", "medium")));
    assertEquals(Status.FAIL, medium.status());
    assertTrue(
        medium.message().contains("agent risk levels do not include 'high'"), medium.message());
    // test_MissingAgentIdServicePrincipals_Incorrect_V1: no agent identities, no agent policy
    Result none =
        run(
            "AISB-CA-014",
            with(
                agents(),
                p ->
                    p.withObject("/conditions/clientApplications")
                        .set("includeAgentIdServicePrincipals", Json.stringArray(List.of()))));
    assertEquals(Status.FAIL, none.status());
    // test_MissingClientAppTypes_Incorrect_V1: an empty list (left out, Graph sets 'all')
    assertEquals(
        Status.FAIL,
        run(
                "AISB-CA-014",
                with(
                    agents(),
                    p ->
                        p.withObject("/conditions")
                            .set("clientAppTypes", Json.stringArray(List.of()))))
            .status());
    assertEquals(
        Status.PASS,
        run(
                "AISB-CA-014",
                with(agents(), p -> p.withObject("/conditions").remove("clientAppTypes")))
            .status());
    // test_AppExclusions_Correct_V1 passes only with the app in ScubaGear's config: an exception
    ObjectNode excluded = with(agents(), p -> apps(p, "excludeApplications", "testapp"));
    assertEquals(Status.FAIL, run("AISB-CA-014", excluded).status());
    Waiver app =
        new Waiver(
            0,
            "AISB-CA-014",
            "CA90",
            "testapp",
            "reason",
            "owner",
            LocalDate.of(2027, 1, 1),
            PLACE);
    assertEquals(Status.SUPPRESSED, run("AISB-CA-014", List.of(app), excluded).status());
    // Ours (ScubaGear does not look): an excluded agent identity needs an exception
    ObjectNode agent =
        with(
            agents(),
            p ->
                p.withObject("/conditions/clientApplications")
                    .set(
                        "excludeAgentIdServicePrincipals",
                        Json.stringArray(List.of("7c8d9e0f-1a2b-4c3d-8e4f-6a7b8c9d0e1f"))));
    Result left = run("AISB-CA-014", agent);
    assertEquals(Status.FAIL, left.status());
    assertTrue(left.message().contains("excludes agent identity 7c8d9e0f"), left.message());
    Waiver named =
        new Waiver(
            0,
            "AISB-CA-014",
            null,
            "7c8d9e0f-1a2b-4c3d-8e4f-6a7b8c9d0e1f",
            "reason",
            "owner",
            LocalDate.of(2027, 1, 1),
            PLACE);
    assertEquals(Status.SUPPRESSED, run("AISB-CA-014", List.of(named), agent).status());
    // Ours: report-only passes when enforced; not block fails
    assertEquals(
        Status.PASS_WHEN_ENFORCED,
        run("AISB-CA-014", with(agents(), p -> p.put("state", "enabledForReportingButNotEnforced")))
            .status());
    assertEquals(Status.FAIL, run("AISB-CA-014", with(agents(), p -> grant(p, "mfa"))).status());
    // A policy for all agent users with agent risk: closest, but it does not cover agent identities
    ObjectNode agentUsers = agents();
    ((ObjectNode) agentUsers.get("conditions")).remove("clientApplications");
    users(agentUsers, "includeUsers", "AllAgentIdUsers");
    Result users = run("AISB-CA-014", agentUsers);
    assertEquals(Status.FAIL, users.status());
    assertTrue(users.message().contains("does not target all agent identities"), users.message());
    // With nothing about agents: no policy, and for an estate what to add
    Result nothing = run("AISB-CA-014", legacy());
    assertNull(nothing.policy());
    assertTrue(
        nothing.message().contains("add agents.identities to the estate"), nothing.message());
  }

  /** A policy whose subjects are agents never satisfies, nor is named for, a rule about users. */
  @Test
  void agentPoliciesDoNotCountForUserRules() {
    // all agent users, block at high risk: the user rules do not see it
    ObjectNode agentUsers = base();
    users(agentUsers, "includeUsers", "AllAgentIdUsers");
    agentUsers.withObject("/conditions").set("userRiskLevels", Json.stringArray(List.of("high")));
    grant(agentUsers, "block");
    Result users = run("AISB-CA-002", agentUsers);
    assertEquals(Status.FAIL, users.status());
    assertNull(users.policy(), users.message());
    // agent identities with a device grant: not a candidate for the managed-device rule
    ObjectNode identities = agents();
    grant(identities, "compliantDevice", "domainJoinedDevice");
    identities.withObject("/grantControls").put("operator", "OR");
    Result devices = run("AISB-CA-007", identities);
    assertNull(devices.policy(), devices.message());
    // the same body for people is a candidate (and passes)
    ObjectNode people = base();
    grant(people, "compliantDevice", "domainJoinedDevice");
    assertEquals(Status.PASS, run("AISB-CA-007", people).status());
  }

  @Test
  void rulesThatNeedTenantSettingsAreNotEvaluable() {
    for (String id : List.of("AISB-CA-010", "AISB-CA-011", "AISB-CA-012", "AISB-CA-013")) {
      assertEquals(Status.NOT_EVALUABLE, run(id, legacy()).status(), id);
    }
  }

  @Test
  void everyRuleNamesItsSourceAndFrameworkIds() {
    for (Rule r : CATALOGUE.rules()) {
      if (!Checks.onConditionalAccess(r)) {
        // the tenant's DLP, no SCuBA control: our own statement, a related Microsoft source
        assertTrue(r.id().matches("AISB-DLP-\\d{3}"), r.id());
        assertTrue(!r.references().isEmpty(), r.id());
        assertTrue(r.source().startsWith("https://"), r.id());
        assertTrue(r.helpUri().startsWith("https://"), r.id());
        continue;
      }
      assertTrue(r.id().matches("AISB-CA-\\d{3}"), r.id());
      assertTrue(r.scubaId() != null && r.scubaId().matches("MS\\.AAD\\.\\d+\\.\\d+v\\d+"), r.id());
      assertTrue(r.source().startsWith("https://"), r.id());
      assertTrue(r.helpUri().startsWith("https://"), r.id());
    }
  }

  /** AISB-DLP-001 on the tenant's DLP policies ({@link AiSitesTarget}), not Conditional Access. */
  @Test
  void theGenerativeAiSitesRule() {
    Rule rule = CATALOGUE.find("AISB-DLP-001").orElseThrow();
    assertTrue(!Checks.onConditionalAccess(rule));
    Place devices = new Place("estate.yaml", 20, 3, "/data/devicesOnboarded");
    Place file = new Place("snap/purview/dlp-policies.json", 1, 1, "/2");
    java.util.function.Function<AiSitesTarget, Result> eval =
        t -> new Checks(CATALOGUE, Map.of(), t).evaluate(rule, List.of(), List.of(), TIER, true);
    // neither applicable nor read: the checks of Conditional Access alone
    assertEquals(Status.NOT_EVALUABLE, eval.apply(AiSitesTarget.NONE).status());
    Result notApplicable = eval.apply(new AiSitesTarget(false, true, null, null, devices, null));
    assertEquals(Status.NOT_EVALUABLE, notApplicable.status());
    assertTrue(
        notApplicable.message().startsWith("Not applicable: the estate has no endpoint DLP"));
    Result estateOnly = eval.apply(new AiSitesTarget(true, false, null, null, devices, null));
    assertEquals(Status.NOT_EVALUABLE, estateOnly.status());
    assertTrue(estateOnly.message().startsWith("Needs a tenant snapshot"));
    assertEquals(devices, estateOnly.place());

    List<String> names =
        List.of(AiSitesPolicyStatus.BLOCK_POLICY, AiSitesPolicyStatus.DETECT_POLICY);
    java.util.function.Function<AiSitesPolicyStatus.State, AiSitesPolicyStatus.Status> status =
        s ->
            s == AiSitesPolicyStatus.State.MISSING
                ? new AiSitesPolicyStatus.Status(s, null, null, null, null, null, null, names)
                : new AiSitesPolicyStatus.Status(
                    s,
                    "Endpoint - GenAI",
                    AiSitesPolicyStatus.FoundBy.EQUIVALENT_RULE,
                    "Mode",
                    "R1",
                    "PasteToBrowser",
                    "purview/dlp-policies.json#/2",
                    names);
    Map<AiSitesPolicyStatus.State, Status> expected =
        Map.of(
            AiSitesPolicyStatus.State.ENFORCED, Status.PASS,
            AiSitesPolicyStatus.State.SIMULATION, Status.PASS_WHEN_ENFORCED,
            AiSitesPolicyStatus.State.DISABLED, Status.FAIL,
            AiSitesPolicyStatus.State.PENDING_DELETION, Status.FAIL,
            AiSitesPolicyStatus.State.MISSING, Status.FAIL);
    expected.forEach(
        (state, want) -> {
          AiSitesTarget t =
              new AiSitesTarget(
                  true,
                  true,
                  null,
                  status.apply(state),
                  devices,
                  state == AiSitesPolicyStatus.State.MISSING ? null : file);
          Result r = eval.apply(t);
          assertEquals(want, r.status(), state.label);
          if (state == AiSitesPolicyStatus.State.MISSING) {
            assertNull(r.policy());
            assertEquals(devices, r.place());
          } else {
            assertEquals("Endpoint - GenAI", r.policy().id());
            assertEquals(file, r.place());
            assertTrue(r.message().contains("equivalent rule \"R1\""), r.message());
          }
        });
    Result unknown =
        eval.apply(
            new AiSitesTarget(
                true, true, "the snapshot holds no DLP policies", null, devices, null));
    assertEquals(Status.NOT_EVALUABLE, unknown.status());
    assertEquals("Status unknown: the snapshot holds no DLP policies.", unknown.message());

    // an exception for the rule, or naming the policy, suppresses a fail
    AiSitesTarget disabled =
        new AiSitesTarget(
            true, true, null, status.apply(AiSitesPolicyStatus.State.DISABLED), devices, file);
    for (String policy : java.util.Arrays.asList(null, "endpoint - genai")) {
      Waiver w =
          new Waiver(
              0, "AISB-DLP-001", policy, null, "reason", "owner", LocalDate.of(2027, 1, 1), PLACE);
      Result r =
          new Checks(CATALOGUE, Map.of(), disabled)
              .evaluate(rule, List.of(), List.of(w), TIER, true);
      assertEquals(Status.SUPPRESSED, r.status(), String.valueOf(policy));
      assertEquals(w, r.waiver());
    }
    Waiver other =
        new Waiver(
            0, "AISB-DLP-001", "Other", null, "reason", "owner", LocalDate.of(2027, 1, 1), PLACE);
    assertEquals(
        Status.FAIL,
        new Checks(CATALOGUE, Map.of(), disabled)
            .evaluate(rule, List.of(), List.of(other), TIER, true)
            .status());
  }
}
