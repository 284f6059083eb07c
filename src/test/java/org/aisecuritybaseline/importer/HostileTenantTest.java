package org.aisecuritybaseline.importer;

import static org.aisecuritybaseline.importer.Snapshots.BG1;
import static org.aisecuritybaseline.importer.Snapshots.BG2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot.DirectoryName;
import org.junit.jupiter.api.Test;

/** Text from the tenant stays text: names that look like YAML, Graph's own flag order. */
class HostileTenantTest {
  static final String GROUP = "f0000000-0000-4000-8000-000000000001";
  static final String NAME = "MFA: \"all\"\n# injected\nkind: NotAnEstate #";

  @Test
  void namesThatLookLikeYamlReadBackAsWritten() {
    TenantObject p =
        Snapshots.policy(
            "f0000000-0000-4000-8000-000000000002",
            NAME,
            "enabled",
            """
            {"conditions": {"applications": {"includeApplications": ["All"]}, "clientAppTypes": ["all"],
              "users": {"excludeUsers": ["%s", "%s"], "includeGroups": ["%s"]}},
             "description": "true",
             "grantControls": {"builtInControls": ["mfa"], "operator": "OR"}}
            """
                .formatted(BG1, BG2, GROUP));
    ImportResult r =
        Snapshots.run(
            Snapshots.snapshot(
                List.of(p), List.of(), Map.of(GROUP, new DirectoryName("group", "yes"))),
            true);
    Estate e = Snapshots.validate(r.yaml()).estate();
    assertEquals(NAME, e.customPolicies().get(0).name());
    assertEquals("true", e.customPolicies().get(0).summary());
    assertEquals("yes", e.groups().get(0).name());
    assertEquals("yes", e.groups().get(0).key());
    assertFalse(r.yaml().contains("\n# injected"), r.yaml());
  }

  @Test
  void guestTypesInGraphsOrderAreTheBaselinesGuestPolicy() {
    TenantObject p =
        Snapshots.policy(
            "f0000000-0000-4000-8000-000000000009",
            "Guests MFA",
            "enabled",
            """
            {"conditions": {"applications": {"includeApplications": ["All"]}, "clientAppTypes": ["all"],
              "users": {"excludeUsers": ["%s", "%s"], "includeGuestsOrExternalUsers": {
                "externalTenants": {"@odata.type": "#microsoft.graph.conditionalAccessAllExternalTenants",
                                    "membershipKind": "all"},
                "guestOrExternalUserTypes": "internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,otherExternalUser,serviceProvider"}}},
             "grantControls": {"builtInControls": ["mfa"], "operator": "OR"}}
            """
                .formatted(BG1, BG2));
    ImportResult r = Snapshots.run(Snapshots.snapshot(List.of(p), List.of(), Map.of()), true);
    assertEquals(
        List.of("CA009 <- \"Guests MFA\" (f0000000-0000-4000-8000-000000000009)"), r.adopted());
    Snapshots.validate(r.yaml());
  }

  @Test
  void resilienceDefaultsLeftOnAreTheBaselinesDefault() {
    String body =
        Snapshots.legacyAuth()
            .replaceFirst(
                "\\}\\s*$", ", \"sessionControls\": {\"disableResilienceDefaults\": false}}");
    TenantObject on =
        Snapshots.policy("f0000000-0000-4000-8000-000000000010", "Legacy", "enabled", body);
    assertEquals(
        1,
        Snapshots.run(Snapshots.snapshot(List.of(on), List.of(), Map.of()), true).adopted().size());
    TenantObject off =
        Snapshots.policy(
            "f0000000-0000-4000-8000-000000000010",
            "Legacy",
            "enabled",
            body.replace("false", "true"));
    assertEquals(
        0,
        Snapshots.run(Snapshots.snapshot(List.of(off), List.of(), Map.of()), true)
            .adopted()
            .size());
  }
}
