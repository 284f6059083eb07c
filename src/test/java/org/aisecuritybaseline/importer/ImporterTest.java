package org.aisecuritybaseline.importer;

import static org.aisecuritybaseline.importer.Snapshots.BG1;
import static org.aisecuritybaseline.importer.Snapshots.BG2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.entra.PlannedPolicy;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.Stage;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot.DirectoryName;
import org.junit.jupiter.api.Test;

class ImporterTest {
  static final String LEGACY_ID = "a1a1a1a1-0000-4000-8000-000000000004";
  static final String ADMINS_ID = "a1a1a1a1-0000-4000-8000-000000000001";
  static final String SCANNERS = "9d0e1f2a-3b4c-4d5e-8f6a-8b9c0d1e2f3a";

  static final String ADMIN_ROLES =
      """
      ["158c047a-c907-4556-b7ef-446551a6b5f7", "194ae4cb-b126-40b2-bd5b-6091b380977d",
       "29232cdf-9323-42fd-ade2-1d097af3e4de", "62e90394-69f5-4237-9190-012177145e10",
       "69091246-20e8-4a56-aa4d-066075b2a7a8", "729827e3-9c14-49f7-bb1b-9608f156bbb8",
       "7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "966707d0-3269-4727-9be2-8c3a10f19b9d",
       "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "b0f54661-2d74-4c50-afa3-1ec803f12efe",
       "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "c4e39bd9-1100-46d3-8c65-fb160da0071f",
       "e8611ab8-c189-46e8-94e1-60213ab1f814", "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
       "fe930be7-5e62-47db-91af-98c3a49a38b1"]
      """;

  static TenantObject adminsMfa() {
    return Snapshots.policy(
        ADMINS_ID,
        "Require MFA for admins",
        "enabledForReportingButNotEnforced",
        """
        {"conditions": {"applications": {"includeApplications": ["All"]}, "clientAppTypes": ["all"],
          "users": {"excludeUsers": ["%s", "%s"], "includeRoles": %s}},
         "grantControls": {"builtInControls": ["mfa"], "operator": "OR"}}
        """
            .formatted(BG1, BG2, ADMIN_ROLES));
  }

  static TenantObject legacyAuth() {
    TenantObject p =
        Snapshots.policy(LEGACY_ID, "Block legacy auth", "enabled", Snapshots.legacyAuth());
    ((tools.jackson.databind.node.ObjectNode) p.body().at("/conditions/users"))
        .set("excludeGroups", Json.stringArray(List.of(SCANNERS)));
    return p;
  }

  static final Map<String, DirectoryName> NAMES =
      Map.of(
          SCANNERS, new DirectoryName("group", "SG-Legacy-Scan-To-Mail"),
          BG1, new DirectoryName("user", "Emergency 01"),
          BG2, new DirectoryName("user", "Emergency 02"));

  @Test
  void aBaselinePolicyIsAdoptedWithItsStageExclusionsAndTenantId() {
    ImportResult r =
        Snapshots.run(
            Snapshots.snapshot(List.of(legacyAuth(), adminsMfa()), List.of(), NAMES), false);
    assertEquals(
        List.of(
            "CA001 <- \"Require MFA for admins\" (" + ADMINS_ID + ")",
            "CA004 <- \"Block legacy auth\" (" + LEGACY_ID + ")"),
        r.adopted());
    assertEquals(0, r.customPolicies());
    Snapshots.errorsIgnoringBreakGlass(r.yaml());
    TestSupport.assertContains(
        r.yaml(),
        """
          CA004:
            stage: enabled
            tenantObjectId: %s
            exclude:
              users: [%s, %s]
              groups: [sg-legacy-scan-to-mail]
              reason: "imported from the tenant: review"
        """
            .formatted(LEGACY_ID, BG1, BG2));
    TestSupport.assertContains(
        r.yaml(),
        """
          CA001:
            stage: report-only
            tenantObjectId: %s
        """
            .formatted(ADMINS_ID));
    assertFalse(r.breakGlassDecided());
    assertEquals(1, r.notes(Code.W651).size());
  }

  @Test
  void withBreakGlassAdoptedTheFileValidatesAndGeneratesTheTenantsPolicies() {
    List<TenantObject> policies = List.of(legacyAuth(), adminsMfa());
    ImportResult r = Snapshots.run(Snapshots.snapshot(policies, List.of(), NAMES), true);
    assertTrue(r.breakGlassDecided());
    var v = Snapshots.validate(r.yaml());
    Estate e = v.estate();
    assertEquals(List.of(BG1, BG2), e.breakGlass().accounts().stream().map(a -> a.id()).toList());
    assertEquals("Emergency 01", e.breakGlass().accounts().get(0).name());
    // Break-glass is no longer a per-policy exclusion.
    assertEquals(List.of(), e.policies().get("CA004").exclude().users());
    assertEquals(List.of("sg-legacy-scan-to-mail"), e.policies().get("CA004").exclude().groups());
    assertEquals(Stage.ENABLED, e.policies().get("CA004").stage());
    // Everything else of the tier is skipped, so only the tenant's policies are generated.
    List<PlannedPolicy> planned = v.expansion().policies();
    assertEquals(List.of("CA001", "CA004"), planned.stream().map(PlannedPolicy::id).toList());
    for (PlannedPolicy p : planned) {
      TenantObject tenant = p.id().equals("CA001") ? policies.get(1) : policies.get(0);
      assertEquals(Normal.policy(tenant.body()), Normal.policy(p.body()), p.id());
      assertEquals(tenant.body().get("state").asString(), p.body().get("state").asString());
    }
    assertTrue(e.policies().get("CA008").skip().reason().contains("not in the tenant"));
  }
}
