package org.aisecuritybaseline.importer;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Diagnostic;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.ThreatProtection;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import org.junit.jupiter.api.Test;

/** Defender pricings: what differs from the profile, per subscription; the rest listed. */
class DefenderImportTest {
  static final String SUB = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

  static TenantObject pricing(String plan, String properties) {
    return new TenantObject(
        plan,
        null,
        SUB,
        (tools.jackson.databind.node.ObjectNode)
            Json.parse("{\"name\": \"" + plan + "\", \"properties\": " + properties + "}"),
        List.of(),
        "defender/" + SUB + "/pricings.json");
  }

  static ImportResult run(String region, TenantObject... pricings) throws Importer.Refused {
    TenantSnapshot s =
        new TenantSnapshot(
            Snapshots.TENANT,
            null,
            List.of(),
            List.of(),
            List.of(),
            Map.of(),
            List.of(pricings),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    return Importer.run(s, new Importer.Options(null, false, region));
  }

  @Test
  void differencesFromTheProfileAreTheSubscriptionsPlansAndTheUnknownIsListed()
      throws Importer.Refused {
    ImportResult r =
        run(
            "westeurope",
            pricing("VirtualMachines", "{\"pricingTier\": \"Standard\", \"subPlan\": \"P1\"}"),
            pricing("Dns", "{\"pricingTier\": \"Free\", \"deprecated\": true}"),
            pricing("MadeUpPlan", "{\"pricingTier\": \"Standard\"}"),
            pricing("Arm", "{\"pricingTier\": \"Standard\", \"subPlan\": \"PerBogus\"}"),
            pricing("KeyVaults", "{\"pricingTier\": \"Free\"}"));
    List<Diagnostic> errors = Snapshots.errors(r.yaml());
    assertEquals(List.of(Code.E302), errors.stream().map(Diagnostic::code).toList(), r.yaml());
    String yaml = r.yaml();
    var doc =
        org.aisecuritybaseline.load.YamlLoader.load(
                new org.aisecuritybaseline.diag.SourceFile("estate.yaml", yaml),
                new org.aisecuritybaseline.diag.Diagnostics())
            .orElseThrow();
    ThreatProtection.Subscription sub =
        Json.bind(doc.root(), org.aisecuritybaseline.model.Estate.class)
            .threat()
            .subscriptions()
            .get(0);
    assertEquals("P1", sub.plans().get("VirtualMachines").subPlan());
    assertEquals("Free", sub.plans().get("KeyVaults").tier());
    assertTrue(!sub.plans().containsKey("Dns"), "a Free plan the profile leaves alone");
    String notImported = r.notes(Code.W650).toString();
    assertContains(notImported, "plan MadeUpPlan (Standard) not imported");
    assertContains(notImported, "plan Arm: sub-plan PerBogus not imported");
  }

  @Test
  void withoutARegionValidateAsksForIt() throws Importer.Refused {
    ImportResult r =
        run(
            null,
            pricing("VirtualMachines", "{\"pricingTier\": \"Standard\", \"subPlan\": \"P2\"}"));
    assertContains(r.notes(Code.W652).toString(), "give --deployment-location");
    assertContains(r.yaml(), "# Set deploymentLocation:");
    List<Diagnostic> errors = Snapshots.errors(r.yaml());
    assertEquals(
        List.of("E301 /threat/azure", "E302 /breakGlass"),
        errors.stream().map(d -> d.code() + " " + d.pointer()).sorted().toList());
  }
}
