package org.aisecuritybaseline.importer;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.aisecuritybaseline.importer.Snapshots.BG1;
import static org.aisecuritybaseline.importer.Snapshots.BG2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import org.aisecuritybaseline.tenant.TenantSnapshot.DirectoryName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class LocationsAndDeterminismTest {
  static final String UNNAMED = "abcdef01-2345-4678-9abc-def012345678";

  static List<TenantObject> locations() {
    return List.of(
        Snapshots.location(
            "d0000000-0000-4000-8000-000000000001",
            "NL-hq - Contoso HQ",
            """
            {"@odata.type": "#microsoft.graph.ipNamedLocation", "isTrusted": true,
             "ipRanges": [{"@odata.type": "#microsoft.graph.iPv6CidrRange", "cidrAddress": "2001:db8::/48"},
                          {"@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "203.0.113.0/24"}]}
            """),
        Snapshots.location(
            "d0000000-0000-4000-8000-000000000002",
            "Nordics (GPS)",
            """
            {"@odata.type": "#microsoft.graph.countryNamedLocation", "countriesAndRegions": ["NO", "SE"],
             "countryLookupMethod": "authenticatorAppGps", "includeUnknownCountriesAndRegions": true}
            """),
        Snapshots.location(
            "d0000000-0000-4000-8000-000000000003",
            "Sloppy range",
            """
            {"@odata.type": "#microsoft.graph.ipNamedLocation", "isTrusted": false,
             "ipRanges": [{"@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "198.51.100.7/24"}]}
            """),
        Snapshots.location(
            "d0000000-0000-4000-8000-000000000004",
            "Compliant network",
            """
            {"@odata.type": "#microsoft.graph.compliantNetworkNamedLocation"}
            """));
  }

  static List<TenantObject> policies() {
    TenantObject withUnnamedGroup =
        Snapshots.policy(
            "e0000000-0000-4000-8000-000000000001",
            "Block legacy authentication",
            "enabledForReportingButNotEnforced",
            Snapshots.legacyAuth());
    ((ObjectNode) withUnnamedGroup.body().at("/conditions/users"))
        .set("excludeGroups", Json.stringArray(List.of(UNNAMED)));
    TenantObject countries =
        Snapshots.policy(
            "e0000000-0000-4000-8000-000000000002",
            "Block outside the Nordics",
            "disabled",
            """
            {"conditions": {"applications": {"includeApplications": ["All"]}, "clientAppTypes": ["all"],
              "locations": {"excludeLocations": ["d0000000-0000-4000-8000-000000000002",
                                                 "d0000000-0000-4000-8000-000000000003"],
                            "includeLocations": ["All"]},
              "users": {"excludeUsers": ["%s", "%s"], "includeUsers": ["All"]}},
             "grantControls": {"builtInControls": ["block"], "operator": "OR"}}
            """
                .formatted(BG1, BG2));
    return List.of(withUnnamedGroup, countries);
  }

  static TenantSnapshot snapshot(
      List<TenantObject> policies, List<TenantObject> locations, Map<String, DirectoryName> names) {
    return Snapshots.snapshot(policies, locations, names);
  }

  @Test
  void ipAndCountryLocationsAreImportedWholeOrListed() {
    ImportResult r = Snapshots.run(snapshot(policies(), locations(), Map.of()), true);
    Estate e = Snapshots.validate(r.yaml()).estate();
    assertEquals(
        List.of("hq", "nordics-gps"), e.namedLocations().stream().map(l -> l.key()).toList());
    Estate.NamedLocation hq = e.namedLocation("hq").orElseThrow();
    assertEquals("Contoso HQ", hq.name());
    assertEquals(List.of("2001:db8::/48", "203.0.113.0/24"), hq.ipRanges());
    Estate.NamedLocation nordics = e.namedLocation("nordics-gps").orElseThrow();
    assertEquals(List.of("NO", "SE"), nordics.countries());
    assertTrue(nordics.includeUnknownCountries());
    assertEquals("authenticatorAppGps", nordics.countryLookup());
    String notImported = r.notes(Code.W650).toString();
    assertContains(
        notImported,
        "named location \"Sloppy range\" (d0000000-0000-4000-8000-000000000003), message=not imported:"
            + " its range '198.51.100.7/24' has host bits set");
    assertContains(
        notImported,
        "not imported: the estate declares IP and country locations only, this one is"
            + " #microsoft.graph.compliantNetworkNamedLocation");
    // The policy keeps the ID of the location that is not imported, and names the one that is.
    assertEquals(
        List.of("d0000000-0000-4000-8000-000000000003", "namedLocation:nordics-gps"),
        Json.strings(
            e.customPolicies().get(0).policy().at("/conditions/locations/excludeLocations")));
    assertContains(
        r.notes(Code.W652).toString(),
        "names IDs the snapshot does not name (deleted objects?), kept as they are:");
  }

  @Test
  void anUnnamedGroupInAnAdoptedExclusionGetsAKeyFromItsId() {
    ImportResult r = Snapshots.run(snapshot(policies(), locations(), Map.of()), true);
    Estate e = Snapshots.validate(r.yaml()).estate();
    assertEquals(List.of("group-abcdef01"), e.policies().get("CA004").exclude().groups());
    Estate.Group g = e.group("group-abcdef01").orElseThrow();
    assertEquals(UNNAMED, g.id());
    assertEquals(null, g.name());
    assertContains(
        r.notes(Code.W652).toString(),
        "policy \"Block legacy authentication\" (e0000000-0000-4000-8000-000000000001), message=names"
            + " IDs the snapshot does not name (deleted objects?), kept as they are: "
            + UNNAMED);
  }

  @Test
  void theSameSnapshotInAnyOrderGivesTheSameBytes() {
    Map<String, DirectoryName> names = new LinkedHashMap<>();
    names.put(BG2, new DirectoryName("user", "Emergency 02"));
    names.put(BG1, new DirectoryName("user", "Emergency 01"));
    names.put(UNNAMED, new DirectoryName("group", "SG Legacy"));
    ImportResult first = Snapshots.run(snapshot(policies(), locations(), names), false);
    List<TenantObject> p = new ArrayList<>(policies());
    List<TenantObject> l = new ArrayList<>(locations());
    Collections.reverse(p);
    Collections.reverse(l);
    Map<String, DirectoryName> reversed = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(names.keySet());
    Collections.reverse(keys);
    keys.forEach(k -> reversed.put(k, names.get(k)));
    ImportResult second = Snapshots.run(snapshot(p, l, reversed), false);
    assertArrayEquals(first.bytes(), second.bytes());
    assertEquals(first.notes(), second.notes());
    assertArrayEquals(
        first.bytes(), Snapshots.run(snapshot(policies(), locations(), names), false).bytes());
    Snapshots.errorsIgnoringBreakGlass(first.yaml());
  }
}
