package org.aisecuritybaseline.importer;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.aisecuritybaseline.importer.Snapshots.BG1;
import static org.aisecuritybaseline.importer.Snapshots.BG2;
import static org.aisecuritybaseline.importer.Snapshots.DIRECTORY_SYNC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot.DirectoryName;
import org.junit.jupiter.api.Test;

/** A policy that is almost a baseline policy is a custom policy, with what differs. */
class NearMissTest {
  static final String ADMINS_GROUP = "0e1f2a3b-4c5d-4e6f-9a7b-9c0d1e2f3a4b";

  static TenantObject allUsersMfa(String id, String name, boolean excludeDirectorySync) {
    return Snapshots.policy(
        id,
        name,
        "enabled",
        """
        {"conditions": {"applications": {"includeApplications": ["All"]}, "clientAppTypes": ["all"],
          "users": {"excludeUsers": ["%s", "%s"], %s "includeUsers": ["All"]}},
         "grantControls": {"builtInControls": ["mfa"], "operator": "OR"}}
        """
            .formatted(
                BG1,
                BG2,
                excludeDirectorySync ? "\"excludeRoles\": [\"" + DIRECTORY_SYNC + "\"]," : ""));
  }

  @Test
  void theSamePolicyWithAndWithoutTheBaselinesExclusion() {
    TenantObject match = allUsersMfa("c0000000-0000-4000-8000-000000000001", "MFA everyone", true);
    TenantObject miss = allUsersMfa("c0000000-0000-4000-8000-000000000002", "CA008 - MFA", false);
    ImportResult adopted =
        Snapshots.run(Snapshots.snapshot(List.of(match), List.of(), Map.of()), true);
    assertEquals(
        List.of("CA008 <- \"MFA everyone\" (c0000000-0000-4000-8000-000000000001)"),
        adopted.adopted());
    Snapshots.validate(adopted.yaml());

    ImportResult custom =
        Snapshots.run(Snapshots.snapshot(List.of(miss), List.of(), Map.of()), true);
    assertEquals(List.of(), custom.adopted());
    Estate e = Snapshots.validate(custom.yaml()).estate();
    assertEquals("MFA", e.customPolicies().get(0).name());
    assertContains(
        custom.notes(Code.W652).toString(),
        "imported as a custom policy, not adopted as CA008: it differs from the baseline at"
            + " /conditions/users/excludeRoles: the tenant's policy does not exclude "
            + DIRECTORY_SYNC);
  }

  @Test
  void oneClientAppTypeLessIsNotTheLegacyAuthenticationPolicy() {
    TenantObject p =
        Snapshots.policy(
            "c0000000-0000-4000-8000-000000000004",
            "CA004 - Block legacy authentication",
            "enabled",
            Snapshots.legacyAuth().replace("\"exchangeActiveSync\", \"other\"", "\"other\""));
    ImportResult r = Snapshots.run(Snapshots.snapshot(List.of(p), List.of(), Map.of()), true);
    assertEquals(List.of(), r.adopted());
    assertContains(
        r.notes(Code.W652).toString(),
        "not adopted as CA004: it differs from the baseline at /conditions/clientAppTypes: the"
            + " tenant lacks exchangeActiveSync");
    Snapshots.validate(r.yaml());
  }

  @Test
  void aMatchThatTheEstateCannotGenerateAlongsideAnotherIsCustom() {
    // CA001 targets an admin group, so the group gets purpose admins; CA002 in the tenant does not
    // target it, but the baseline's CA002 would: only CA001 is adopted.
    TenantObject ca001 =
        Snapshots.policy(
            "c0000000-0000-4000-8000-000000000011",
            "Admins MFA",
            "enabled",
            """
            {"conditions": {"applications": {"includeApplications": ["All"]}, "clientAppTypes": ["all"],
              "users": {"excludeUsers": ["%s", "%s"], "includeGroups": ["%s"], "includeRoles": %s}},
             "grantControls": {"builtInControls": ["mfa"], "operator": "OR"}}
            """
                .formatted(BG1, BG2, ADMINS_GROUP, ImporterTest.ADMIN_ROLES));
    TenantObject ca002 =
        Snapshots.policy(
            "c0000000-0000-4000-8000-000000000012",
            "Admins phishing-resistant",
            "enabled",
            """
            {"conditions": {"applications": {"includeApplications": ["All"]}, "clientAppTypes": ["all"],
              "users": {"excludeUsers": ["%s", "%s"], "includeRoles": %s}},
             "grantControls": {"authenticationStrength": {"id": "00000000-0000-0000-0000-000000000004"},
                               "operator": "AND"}}
            """
                .formatted(BG1, BG2, PRIVILEGED));
    ImportResult r =
        Snapshots.run(
            Snapshots.snapshot(
                List.of(ca001, ca002),
                List.of(),
                Map.of(ADMINS_GROUP, new DirectoryName("group", "SG-Cloud-Admins"))),
            true);
    assertEquals(
        List.of("CA001 <- \"Admins MFA\" (c0000000-0000-4000-8000-000000000011)"), r.adopted());
    assertContains(
        r.notes(Code.W652).toString(),
        "not adopted as CA002: the estate would generate it otherwise: /conditions/users/includeGroups");
    Estate e = Snapshots.validate(r.yaml()).estate();
    assertEquals(Estate.Group.Purpose.ADMINS, e.groups().get(0).purpose());
    assertEquals("sg-cloud-admins", e.groups().get(0).key());
    assertEquals(1, e.customPolicies().size());
    assertTrue(e.policies().get("CA002").skip() != null);
  }

  static final String PRIVILEGED =
      """
      ["11648597-926c-4cf3-9c36-bcebb0ba8dcc", "158c047a-c907-4556-b7ef-446551a6b5f7",
       "17315797-102d-40b4-93e0-432062caca18", "194ae4cb-b126-40b2-bd5b-6091b380977d",
       "29232cdf-9323-42fd-ade2-1d097af3e4de", "3a2c62db-5318-420d-8d74-23affee5d9d5",
       "44367163-eba1-44c3-98af-f5787879f96a", "62e90394-69f5-4237-9190-012177145e10",
       "729827e3-9c14-49f7-bb1b-9608f156bbb8", "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
       "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "966707d0-3269-4727-9be2-8c3a10f19b9d",
       "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "b0f54661-2d74-4c50-afa3-1ec803f12efe",
       "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "c4e39bd9-1100-46d3-8c65-fb160da0071f",
       "e6d1a23a-da11-4be4-9570-befc86d067a7", "e8611ab8-c189-46e8-94e1-60213ab1f814",
       "f28a1f50-f6e7-4571-818b-6a12f2af6b6c", "fe930be7-5e62-47db-91af-98c3a49a38b1"]
      """;

  /** Numbers compare by value; one that no BigDecimal holds (an edited export's 1e400) too. */
  @Test
  void numbersCompareByValueEvenWhenOutOfRange() {
    assertEquals(null, Normal.diff(num("1"), num("1.0"), "/x"));
    assertEquals(null, Normal.diff(num("1e400"), num("1e400"), "/x"));
    assertContains(Normal.diff(num("1"), num("1e400"), "/x"), "Infinity\" in the tenant, 1 in");
    assertContains(Normal.diff(num("-1e400"), num("12"), "/x"), "12 in the tenant");
  }

  private static tools.jackson.databind.JsonNode num(String text) {
    return org.aisecuritybaseline.json.Json.parse(text);
  }
}
