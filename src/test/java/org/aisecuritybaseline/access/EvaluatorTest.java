package org.aisecuritybaseline.access;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.entra.PlannedPolicy;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.Stage;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The engine on hand-written policy bodies over the enterprise example's groups and apps. */
class EvaluatorTest {
  static final Path ENTERPRISE = TestSupport.root().resolve("examples/enterprise-p2/estate.yaml");
  static final EstateValidator.Validated V =
      TestSupport.validate(ENTERPRISE.toString(), TestSupport.read(ENTERPRISE));
  static final Estate ESTATE = V.estate();
  static final String EXECUTIVES = "7b8c9d0e-1f2a-4b3c-8d4e-6f7a8b9c0d1e";
  static final String PILOT = "6a7b8c9d-0e1f-4a2b-9c3d-5e6f7a8b9c0d";
  static final String ENFORCED = "enabled";
  static final String REPORT_ONLY = "enabledForReportingButNotEnforced";

  /** A policy body: {@code conditions} and {@code grant} as JSON text. */
  static PlannedPolicy policy(String id, String state, String conditions, String grant) {
    return policy(id, state, conditions, grant, "null");
  }

  static PlannedPolicy policy(
      String id, String state, String conditions, String grant, String session) {
    ObjectNode body = Json.NODES.objectNode();
    body.put("displayName", id + " test");
    body.put("state", state);
    body.set("conditions", Json.parse(conditions));
    body.set("grantControls", Json.parse(grant));
    body.set("sessionControls", Json.parse(session));
    return new PlannedPolicy(
        id,
        id,
        id + " test",
        "",
        true,
        Stage.ENABLED,
        body,
        List.of(),
        List.of(),
        null,
        List.of(),
        null,
        "v1.0",
        List.of());
  }

  static final String ALL_USERS_ALL_APPS =
      "{\"users\":{\"includeUsers\":[\"All\"]},\"applications\":{\"includeApplications\":[\"All\"]}}";
  static final String MFA = "{\"operator\":\"OR\",\"builtInControls\":[\"mfa\"]}";
  static final String BLOCK = "{\"operator\":\"OR\",\"builtInControls\":[\"block\"]}";
  static final String COMPLIANT = "{\"operator\":\"OR\",\"builtInControls\":[\"compliantDevice\"]}";

  static Outcome run(List<PlannedPolicy> policies, String who, String app) {
    Directory d = new Directory(ESTATE, policies);
    return new Evaluator(d).evaluate(SignIn.of(d.who(who).orElseThrow(), d.app(app).orElseThrow()));
  }

  static Outcome run(List<PlannedPolicy> policies, SignIn s) {
    return new Evaluator(new Directory(ESTATE, policies)).evaluate(s);
  }

  static Directory dir(List<PlannedPolicy> policies) {
    return new Directory(ESTATE, policies);
  }

  @Test
  void anExclusionWinsOverAnInclusion() {
    var p =
        policy(
            "T1",
            ENFORCED,
            "{\"users\":{\"includeUsers\":[\"All\"],\"includeGroups\":[\""
                + EXECUTIVES
                + "\"],\"excludeGroups\":[\""
                + EXECUTIVES
                + "\"]},\"applications\":{\"includeApplications\":[\"All\"]}}",
            MFA);
    Outcome o = run(List.of(p), "executives", "all");
    PolicyResult r = o.policies().get(0);
    assertEquals(PolicyResult.Verdict.DOES_NOT_APPLY, r.verdict());
    assertContains(
        r.why().get(0), "user excluded by group executives \"SG-Executives-and-Finance\"");
    assertEquals(Decision.ALLOW, o.enforced().result());
    assertEquals(List.of(), o.enforced().policies());
    // Someone else is included by All users.
    assertEquals(
        PolicyResult.Verdict.APPLIES, run(List.of(p), "member", "all").policies().get(0).verdict());
  }

  @Test
  void anUnconfiguredConditionMatchesEverySignIn() {
    var p = policy("T1", ENFORCED, ALL_USERS_ALL_APPS, MFA);
    Directory d = dir(List.of(p));
    SignIn s =
        new SignIn(
            d.who("member").orElseThrow(),
            d.app("salesforce").orElseThrow(),
            "linux",
            "blocked-countries",
            "high",
            "high",
            "elevated",
            "exchangeActiveSync",
            null);
    Outcome o = run(List.of(p), s);
    assertEquals(PolicyResult.Verdict.APPLIES, o.policies().get(0).verdict());
    assertEquals(List.of("MFA"), o.enforced().controls());
  }

  @Test
  void aConditionTheSignInDoesNotGiveMakesThePolicyConditional() {
    var p =
        policy(
            "T1",
            ENFORCED,
            "{\"users\":{\"includeUsers\":[\"All\"]},\"applications\":{\"includeApplications\":[\"All\"]},"
                + "\"signInRiskLevels\":[\"high\",\"medium\"]}",
            MFA);
    Outcome unknown = run(List.of(p), "member", "all");
    assertEquals(PolicyResult.Verdict.DEPENDS, unknown.policies().get(0).verdict());
    assertEquals(Decision.ALLOW, unknown.enforced().result());
    assertEquals(1, unknown.enforced().conditional().size());
    assertContains(unknown.enforced().conditional().get(0), "when sign-in risk is high or medium");
    Directory d = dir(List.of(p));
    SignIn high =
        new SignIn(
            d.who("member").orElseThrow(),
            d.app("all").orElseThrow(),
            null,
            null,
            "high",
            null,
            null,
            null,
            null);
    assertEquals(List.of("MFA"), run(List.of(p), high).enforced().controls());
    SignIn low =
        new SignIn(
            d.who("member").orElseThrow(),
            d.app("all").orElseThrow(),
            null,
            null,
            "low",
            null,
            null,
            null,
            null);
    assertEquals(
        PolicyResult.Verdict.DOES_NOT_APPLY, run(List.of(p), low).policies().get(0).verdict());
  }

  @Test
  void blockWinsOverEveryGrant() {
    List<PlannedPolicy> ps =
        List.of(
            policy("T1", ENFORCED, ALL_USERS_ALL_APPS, MFA),
            policy("T2", ENFORCED, ALL_USERS_ALL_APPS, BLOCK),
            policy("T3", ENFORCED, ALL_USERS_ALL_APPS, COMPLIANT));
    Decision d = run(ps, "member", "all").enforced();
    assertEquals(Decision.BLOCK, d.result());
    assertEquals(List.of(), d.controls());
    assertEquals(List.of("T1", "T2", "T3"), d.policies());
    assertEquals("block", d.summary());
  }

  @Test
  void grantsAreAndedAcrossPoliciesAndFollowTheOperatorWithinOne() {
    List<PlannedPolicy> across =
        List.of(
            policy("T1", ENFORCED, ALL_USERS_ALL_APPS, MFA),
            policy("T2", ENFORCED, ALL_USERS_ALL_APPS, COMPLIANT));
    assertEquals(
        List.of("MFA", "compliant device"), run(across, "member", "all").enforced().controls());
    var or =
        policy(
            "T3",
            ENFORCED,
            ALL_USERS_ALL_APPS,
            "{\"operator\":\"OR\",\"builtInControls\":[\"mfa\",\"compliantDevice\"]}");
    assertEquals(
        List.of("MFA or compliant device"),
        run(List.of(or), "member", "all").enforced().controls());
    var and =
        policy(
            "T4",
            ENFORCED,
            ALL_USERS_ALL_APPS,
            "{\"operator\":\"AND\",\"builtInControls\":[\"mfa\",\"passwordChange\"]}");
    assertEquals(
        List.of("MFA", "password change"),
        run(List.of(and), "member", "all").enforced().controls());
    var strength =
        policy(
            "T5",
            ENFORCED,
            ALL_USERS_ALL_APPS,
            "{\"operator\":\"OR\",\"builtInControls\":[],\"authenticationStrength\":{\"id\":\"00000000-0000-0000-0000-000000000004\"}}",
            "{\"signInFrequency\":{\"isEnabled\":true,\"frequencyInterval\":\"everyTime\"}}");
    Decision d = run(List.of(strength), "member", "all").enforced();
    assertEquals(List.of("strength: Phishing-resistant MFA"), d.controls());
    assertEquals(List.of("sign-in frequency every time"), d.session());
  }

  @Test
  void reportOnlyPoliciesAreEvaluatedButShownApart() {
    List<PlannedPolicy> ps =
        List.of(
            policy("T1", ENFORCED, ALL_USERS_ALL_APPS, MFA),
            policy("T2", REPORT_ONLY, ALL_USERS_ALL_APPS, BLOCK),
            policy("T3", "disabled", ALL_USERS_ALL_APPS, BLOCK));
    Outcome o = run(ps, "member", "all");
    assertEquals(PolicyResult.Verdict.APPLIES, o.policies().get(1).verdict());
    assertEquals(PolicyResult.Verdict.DISABLED, o.policies().get(2).verdict());
    assertEquals(Decision.REQUIRE, o.enforced().result());
    assertEquals(List.of("T1"), o.enforced().policies());
    assertEquals(Decision.BLOCK, o.withReportOnly().result());
    assertEquals(List.of("T1", "T2"), o.withReportOnly().policies());
  }

  @Test
  void guestsByTypeAndTheLegacyKeyword() {
    var byType =
        policy(
            "T1",
            ENFORCED,
            "{\"users\":{\"includeGuestsOrExternalUsers\":{\"guestOrExternalUserTypes\":\"b2bCollaborationGuest,serviceProvider\","
                + "\"externalTenants\":{\"membershipKind\":\"all\"}}},\"applications\":{\"includeApplications\":[\"All\"]}}",
            MFA);
    var legacy =
        policy(
            "T2",
            ENFORCED,
            "{\"users\":{\"includeUsers\":[\"GuestsOrExternalUsers\"]},\"applications\":{\"includeApplications\":[\"All\"]}}",
            COMPLIANT);
    var enumerated =
        policy(
            "T3",
            ENFORCED,
            "{\"users\":{\"includeUsers\":[\"All\"],\"excludeGuestsOrExternalUsers\":{\"guestOrExternalUserTypes\":\"internalGuest\","
                + "\"externalTenants\":{\"membershipKind\":\"enumerated\",\"members\":[\"x\"]}}},\"applications\":{\"includeApplications\":[\"All\"]}}",
            BLOCK);
    List<PlannedPolicy> ps = List.of(byType, legacy, enumerated);
    for (String type : Directory.GUEST_TYPES) {
      Outcome o = run(ps, type, "all");
      boolean named = type.equals("b2bCollaborationGuest") || type.equals("serviceProvider");
      assertEquals(
          named ? PolicyResult.Verdict.APPLIES : PolicyResult.Verdict.DOES_NOT_APPLY,
          o.policies().get(0).verdict(),
          type);
      assertEquals(PolicyResult.Verdict.APPLIES, o.policies().get(1).verdict(), type);
      assertEquals(
          type.equals("internalGuest")
              ? PolicyResult.Verdict.DEPENDS
              : PolicyResult.Verdict.APPLIES,
          o.policies().get(2).verdict(),
          type);
    }
    Outcome member = run(ps, "member", "all");
    assertEquals(PolicyResult.Verdict.DOES_NOT_APPLY, member.policies().get(0).verdict());
    assertEquals(PolicyResult.Verdict.DOES_NOT_APPLY, member.policies().get(1).verdict());
  }

  @Test
  void userActionsAreNotApps() {
    var registration =
        policy(
            "T1",
            ENFORCED,
            "{\"users\":{\"includeUsers\":[\"All\"]},\"applications\":{\"includeApplications\":[],"
                + "\"includeUserActions\":[\"urn:user:registersecurityinfo\"]}}",
            MFA);
    var apps = policy("T2", ENFORCED, ALL_USERS_ALL_APPS, COMPLIANT);
    for (String app : List.of("all", "copilot", "office365", "salesforce")) {
      Outcome o = run(List.of(registration, apps), "member", app);
      assertEquals(PolicyResult.Verdict.DOES_NOT_APPLY, o.policies().get(0).verdict(), app);
      assertContains(o.policies().get(0).why().get(0), "user action");
    }
    Outcome action = run(List.of(registration, apps), "member", "register-security-info");
    assertEquals(PolicyResult.Verdict.APPLIES, action.policies().get(0).verdict());
    assertEquals(PolicyResult.Verdict.DOES_NOT_APPLY, action.policies().get(1).verdict());
    assertEquals(List.of("MFA"), action.enforced().controls());
  }

  @Test
  void appsByIdAndTheOffice365Group() {
    var o365 =
        policy(
            "T1",
            ENFORCED,
            "{\"users\":{\"includeUsers\":[\"All\"]},\"applications\":{\"includeApplications\":[\"Office365\"]}}",
            MFA);
    var allButSalesforce =
        policy(
            "T2",
            ENFORCED,
            "{\"users\":{\"includeUsers\":[\"All\"]},\"applications\":{\"includeApplications\":[\"All\"],"
                + "\"excludeApplications\":[\"0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e\"]}}",
            COMPLIANT);
    List<PlannedPolicy> ps = List.of(o365, allButSalesforce);
    assertEquals(
        PolicyResult.Verdict.APPLIES, run(ps, "member", "office365").policies().get(0).verdict());
    assertEquals(
        PolicyResult.Verdict.DOES_NOT_APPLY, run(ps, "member", "all").policies().get(0).verdict());
    assertEquals(
        PolicyResult.Verdict.DEPENDS, run(ps, "member", "copilot").policies().get(0).verdict());
    PolicyResult sf = run(ps, "member", "salesforce").policies().get(1);
    assertEquals(PolicyResult.Verdict.DOES_NOT_APPLY, sf.verdict());
    assertContains(sf.why().get(0), "app excluded by app salesforce \"Salesforce\"");
  }

  @Test
  void locationsTrustedAndNamed() {
    var p =
        policy(
            "T1",
            ENFORCED,
            "{\"users\":{\"includeUsers\":[\"All\"]},\"applications\":{\"includeApplications\":[\"All\"]},"
                + "\"locations\":{\"includeLocations\":[\"All\"],\"excludeLocations\":[\"AllTrusted\"]}}",
            MFA);
    Directory d = dir(List.of(p));
    for (String[] c :
        new String[][] {
          {"hq", "DOES_NOT_APPLY"}, {"anywhere", "APPLIES"}, {"blocked-countries", "APPLIES"}
        }) {
      SignIn s =
          new SignIn(
              d.who("member").orElseThrow(),
              d.app("all").orElseThrow(),
              null,
              c[0],
              null,
              null,
              null,
              null,
              null);
      assertEquals(c[1], run(List.of(p), s).policies().get(0).verdict().name(), c[0]);
    }
  }

  /**
   * On both examples, for every app, no policy applies to a break-glass account, even
   * conditionally.
   */
  @Test
  void breakGlassIsExcludedFromEverything() {
    for (String example : List.of("small-p1", "enterprise-p2")) {
      Path f = TestSupport.root().resolve("examples/" + example + "/estate.yaml");
      var v = TestSupport.validate(f.toString(), TestSupport.read(f));
      Directory d = new Directory(v.estate(), v.expansion().policies());
      Evaluator e = new Evaluator(d);
      List<String> apps = new ArrayList<>(d.appValues());
      for (String app : apps) {
        Outcome o =
            e.evaluate(SignIn.of(d.who("break-glass").orElseThrow(), d.app(app).orElseThrow()));
        for (PolicyResult r : o.policies()) {
          assertTrue(
              r.verdict() == PolicyResult.Verdict.DOES_NOT_APPLY
                  || r.verdict() == PolicyResult.Verdict.DISABLED,
              example + " " + app + " " + r.id() + " " + r.verdict());
          if (r.verdict() == PolicyResult.Verdict.DOES_NOT_APPLY
              && r.why().stream()
                  .noneMatch(
                      w ->
                          w.startsWith("app ")
                              || w.contains("user action")
                              || w.startsWith("user not included")
                              // agent identity policies: no person is in their scope
                              || w.equals("the policy targets agent identities, not users"))) {
            assertTrue(
                r.why().stream().anyMatch(w -> w.contains("excluded by break-glass")),
                example + " " + app + " " + r.id() + " " + r.why());
          }
        }
        assertEquals(List.of(), o.withReportOnly().policies());
        assertEquals(List.of(), o.withReportOnly().conditional());
      }
    }
  }

  @Test
  void thePilotGroupIsCoveredByAPilotPolicy() {
    var pilot =
        policy(
            "T1",
            ENFORCED,
            "{\"users\":{\"includeGroups\":[\""
                + PILOT
                + "\"]},\"applications\":{\"includeApplications\":[\"All\"]}}",
            MFA);
    assertEquals(List.of("MFA"), run(List.of(pilot), "pilot", "all").enforced().controls());
    assertEquals(List.of("MFA"), run(List.of(pilot), "ca-pilot", "all").enforced().controls());
    PolicyResult member = run(List.of(pilot), "member", "all").policies().get(0);
    assertContains(member.why().get(0), "user not included (the policy includes group ca-pilot");
  }

  @Test
  void keysThatCollideWithTheFixedValuesArePrefixed() {
    String yaml =
        TestSupport.read(ENTERPRISE)
            .replace("- key: salesforce", "- key: copilot")
            .replace("legacy-scanners", "admin");
    var v = TestSupport.validate("estate.yaml", yaml);
    Directory d = new Directory(v.estate(), v.expansion().policies());
    assertTrue(d.matrixApps().contains("app:copilot"), d.matrixApps().toString());
    assertEquals("Salesforce", d.app("app:copilot").orElseThrow().label());
    assertEquals("copilot", d.app("copilot").orElseThrow().key());
    assertTrue(d.whoValues().contains("group:admin"));
    assertEquals(
        Set.of("9d0e1f2a-3b4c-4d5e-8f6a-8b9c0d1e2f3a"),
        d.who("group:admin").orElseThrow().groups());
    assertEquals(Set.of(), d.who("admin").orElseThrow().users());
  }
}
