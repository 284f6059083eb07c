package org.aisecuritybaseline.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Tier;
import org.junit.jupiter.api.Test;

/** The baseline's expansion rules, on in-memory estates. */
class ExpanderTest {
  static Expansion expand(String yaml) {
    return TestSupport.validate("estate.yaml", yaml).expansion();
  }

  static final String P1 = TestSupport.MINIMAL_ESTATE;

  @Test
  void catalogueLoadsAndEveryTemplateIsComplete() {
    List<PolicyTemplate> all = Catalogue.builtIn().all();
    assertTrue(all.size() >= 20, "catalogue has " + all.size());
    for (PolicyTemplate t : all) {
      assertFalse(t.tiers().isEmpty(), t.id());
      assertTrue(t.recommendation().url().startsWith("https://learn.microsoft.com/"), t.id());
      assertFalse(t.summary().isBlank(), t.id());
    }
  }

  @Test
  void missingLicencesLeavePoliciesOutWithAReason() {
    Expansion e = expand(P1);
    List<String> ids = e.policies().stream().map(PlannedPolicy::id).toList();
    assertFalse(ids.contains("CA010"), "risk policies need P2");
    assertTrue(
        e.leftOut().stream()
            .anyMatch(l -> l.id().equals("CA010") && l.reason().contains("Entra ID P2")));
    assertTrue(
        e.leftOut().stream()
            .anyMatch(l -> l.id().equals("CA040") && l.reason().contains("no generative-AI app")));
    Expansion p2 = expand(P1.replace("[entraIdP1]", "[entraIdP2]"));
    assertTrue(p2.policies().stream().anyMatch(p -> p.id().equals("CA010")));
  }

  @Test
  void everyUserTargetedPolicyExcludesBreakGlass() {
    for (var estate : TestSupport.examples()) {
      var v = TestSupport.validate(estate.toString(), TestSupport.read(estate));
      for (PlannedPolicy p : v.expansion().policies()) {
        if (p.body().at("/conditions/users").isMissingNode()) {
          // No person is in scope: the policy targets agent identities or service principals.
          assertFalse(
              p.body()
                      .at("/conditions/clientApplications/includeAgentIdServicePrincipals")
                      .isEmpty()
                  && p.body()
                      .at("/conditions/clientApplications/includeServicePrincipals")
                      .isEmpty(),
              p.id());
          continue;
        }
        List<String> excluded = Json.strings(p.body().at("/conditions/users/excludeUsers"));
        List<String> excludedGroups = Json.strings(p.body().at("/conditions/users/excludeGroups"));
        v.estate()
            .breakGlass()
            .accounts()
            .forEach(a -> assertTrue(excluded.contains(a.id()), p.id() + " excludes " + a.id()));
        v.estate()
            .breakGlass()
            .groups()
            .forEach(
                g -> assertTrue(excludedGroups.contains(g.id()), p.id() + " excludes " + g.id()));
      }
    }
  }

  @Test
  void reportOnlyByDefaultAndStagesMapToGraphStates() {
    Expansion e =
        expand(
            P1
                + "groups:\n  - {key: pilot, id: 2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f, purpose: pilot}\n"
                + "policies:\n  CA004: {stage: enabled}\n  CA005: {stage: disabled}\n  CA008: {stage: pilot}\n");
    for (PlannedPolicy p : e.policies()) {
      String expected =
          switch (p.id()) {
            case "CA004", "CA008" -> "enabled";
            case "CA005" -> "disabled";
            default -> "enabledForReportingButNotEnforced";
          };
      assertEquals(expected, p.body().get("state").asString(), p.id());
    }
    PlannedPolicy pilot =
        e.policies().stream().filter(p -> p.id().equals("CA008")).findFirst().orElseThrow();
    assertEquals(List.of(), Json.strings(pilot.body().at("/conditions/users/includeUsers")));
    assertEquals(
        List.of("2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f"),
        Json.strings(pilot.body().at("/conditions/users/includeGroups")));
  }

  @Test
  void tiersAreCumulativeAndReplaceTheirStarterPolicies() {
    String e5 = P1.replace("[entraIdP1]", "[microsoft365E5]");
    List<String> start = expand(e5).policies().stream().map(PlannedPolicy::id).toList();
    List<String> enterprise =
        expand(e5 + "baseline: {tier: enterprise}\n").policies().stream()
            .map(PlannedPolicy::id)
            .toList();
    assertTrue(start.contains("CA010") && !start.contains("CA020"));
    assertTrue(
        enterprise.contains("CA020") && !enterprise.contains("CA010"),
        "enterprise uses the stricter risk policy");
    assertTrue(enterprise.contains("CA022"));
    for (PolicyTemplate t : Catalogue.builtIn().all()) {
      if (t.tiers().contains(Tier.STARTING_POINT) && !t.id().equals("CA010")) {
        assertTrue(
            t.tiers().contains(Tier.ENTERPRISE) && t.tiers().contains(Tier.SPECIALIZED), t.id());
      }
    }
  }

  @Test
  void everyDisplayNameCarriesTheStableIdAndTheMarker() {
    for (var estate : TestSupport.examples()) {
      for (PlannedPolicy p :
          TestSupport.validate(estate.toString(), TestSupport.read(estate))
              .expansion()
              .policies()) {
        assertTrue(p.displayName().startsWith(p.id() + " - "), p.displayName());
        assertTrue(
            p.body().get("description").asString().endsWith("[managed by ai-security-baseline]"));
      }
    }
  }

  @Test
  void generativeAiAppsJoinTheCopilotPolicies() {
    Expansion e =
        expand(
            P1
                + "apps:\n  - {key: bot, name: Bot, appId: 2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a, kind: custom, hosting: aws, generativeAi: true}\n");
    PlannedPolicy ai =
        e.policies().stream().filter(p -> p.id().equals("CA040")).findFirst().orElseThrow();
    assertEquals(
        List.of("2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a"),
        Json.strings(ai.body().at("/conditions/applications/includeApplications")));
  }
}
