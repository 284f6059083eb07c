package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.aisecuritybaseline.defender.DefenderPlans;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.entra.PolicyTemplate;
import org.aisecuritybaseline.purview.DlpCatalogue;
import org.aisecuritybaseline.purview.DlpTemplate;
import org.junit.jupiter.api.Test;

/** explain works for every baseline ID of the four families, with and without an estate. */
class ExplainTest {
  static final String ESTATE =
      TestSupport.root().resolve("examples/enterprise-p2/estate.yaml").toString();

  @Test
  void everyConditionalAccessPolicy() {
    for (PolicyTemplate t : Catalogue.builtIn().all()) {
      TestSupport.Run run = TestSupport.cli("explain", t.id(), "--estate", ESTATE);
      assertEquals(0, run.code(), t.id() + run.err());
      assertContains(run.out(), t.id() + "  " + t.name());
      assertContains(run.out(), t.recommendation().url());
      assertContains(run.out(), "In this estate");
    }
  }

  @Test
  void everyDlpPolicy() {
    for (DlpTemplate t : DlpCatalogue.builtIn().all()) {
      TestSupport.Run run = TestSupport.cli("explain", t.id(), "--estate", ESTATE);
      assertEquals(0, run.code(), t.id() + run.err());
      assertContains(run.out(), t.recommendation().url());
      assertContains(run.out(), "generated: purview/dlp/" + t.fileStem() + ".json");
    }
  }

  @Test
  void everyDefenderPlan() {
    for (String plan : DefenderPlans.get().names()) {
      if (DefenderPlans.get().plan(plan).orElseThrow().deprecated()) {
        continue;
      }
      TestSupport.Run run = TestSupport.cli("explain", plan, "--estate", ESTATE);
      assertEquals(0, run.code(), plan + run.err());
      assertContains(run.out(), "Microsoft Defender for Cloud plan");
      assertContains(run.out(), "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d: ");
    }
  }

  @Test
  void explainsWhatALeftOutPolicyNeeds() {
    TestSupport.Run run =
        TestSupport.cli(
            "explain",
            "CA010",
            "--estate",
            TestSupport.root().resolve("examples/small-p1/estate.yaml").toString());
    assertEquals(0, run.code());
    assertContains(run.out(), "left out: needs Microsoft Entra ID P2");
    TestSupport.Run tier =
        TestSupport.cli(
            "explain",
            "CA020",
            "--estate",
            TestSupport.root().resolve("examples/small-p1/estate.yaml").toString());
    assertContains(tier.out(), "not part of the starting-point tier");
  }

  @Test
  void everySentinelConnector() {
    for (String key :
        java.util.List.of("defenderXdr", "entraId", "defenderForCloud", "microsoft365")) {
      TestSupport.Run run = TestSupport.cli("explain", key, "--estate", ESTATE);
      assertEquals(0, run.code(), key + run.err());
      assertContains(run.out(), "Microsoft Sentinel data");
      assertContains(run.out(), "https://learn.microsoft.com/");
      assertContains(
          run.out(),
          "enabled on workspace /subscriptions/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/resourceGroups/"
              + "rg-security-operations/providers/Microsoft.OperationalInsights/workspaces/law-contoso-sec");
    }
    TestSupport.Run entra = TestSupport.cli("explain", "entraid");
    assertEquals(0, entra.code(), entra.err());
    assertContains(entra.out(), "NonInteractiveUserSignInLogs");
    assertContains(entra.out(), "ServicePrincipalRiskEvents");
  }

  @Test
  void unknownIdListsTheKnownOnes() {
    TestSupport.Run run = TestSupport.cli("explain", "CA999");
    assertEquals(1, run.code());
    assertContains(run.err(), "unknown ID 'CA999'");
    assertContains(run.err(), "Conditional Access: CA001, CA002");
    assertContains(run.err(), "DLP: DLP001, DLP002");
    assertContains(run.err(), "Defender plans: AI, Api");
    assertContains(run.err(), "Sentinel data connectors: defenderXdr, entraId");
  }

  @Test
  void theHelpNamesEverySentinelConnector() {
    TestSupport.Run help = TestSupport.cli("explain", "--help");
    assertEquals(0, help.code(), help.err());
    for (String key : new org.aisecuritybaseline.secops.SecopsFamily().explainIds()) {
      assertContains(help.out(), key);
    }
  }
}
