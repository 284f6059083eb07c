package org.aisecuritybaseline.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The canonical form of docs/contracts.md section 9, rule by rule, and that it is idempotent. */
class CanonicalTest {
  static final Path REAL = TestSupport.root().resolve("src/test/resources/real-exports");
  static final Path GOLDEN = TestSupport.root().resolve("src/test/golden");

  private static ObjectNode json(String text) {
    return (ObjectNode) Json.parse(text);
  }

  @Test
  void serverFieldsAnnotationsAndOperationsGoAndTheIdIsKeptBeside() {
    Canonical.Form f =
        Canonical.of(
            ObjectKind.POLICY,
            json(
                """
                {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#x/$entity",
                 "@odata.type": "#microsoft.graph.conditionalAccessPolicy",
                 "id": "0AF6C1D3-1B2C-4D5E-8F90-A1B2C3D4E5F6", "templateId": null,
                 "createdDateTime": "2024-01-01T00:00:00Z", "modifiedDateTime": null,
                 "deletedDateTime": null, "displayName": "P", "state": "enabled",
                 "state@odata.type": "#microsoft.graph.conditionalAccessPolicyState",
                 "#microsoft.graph.restore": {"title": "restore"},
                 "conditions": {"@odata.type": "#microsoft.graph.conditionalAccessConditionSet",
                   "users": {"includeUsers": ["All"], "excludeUsers": []},
                   "applications": {"includeApplications": ["All"]}, "times": null,
                   "platforms": null}}
                """));
    assertEquals("0af6c1d3-1b2c-4d5e-8f90-a1b2c3d4e5f6", f.id());
    assertEquals(
        json(
            """
            {"conditions": {"applications": {"includeApplications": ["All"]},
              "users": {"includeUsers": ["All"]}},
             "displayName": "P", "state": "enabled"}
            """),
        f.body());
    assertEquals(List.of("conditions", "displayName", "state"), names(f.body()));
    assertEquals(List.of(), f.betaFields());
    assertEquals(List.of(), f.unknownFields());
  }

  @Test
  void setsAreSortedFlagsNormalisedGuidsLowerCasedAndReferencesLeftAlone() {
    ObjectNode body =
        Canonical.policy(
            json(
                """
                {"displayName": "P", "state": "enabled",
                 "conditions": {
                   "users": {"includeRoles": ["F28A1F50-F6E7-4571-818B-6A12F2AF6B6C",
                                              "62e90394-69f5-4237-9190-012177145e10"],
                             "excludeGuestsOrExternalUsers": {
                               "guestOrExternalUserTypes": "serviceProvider, internalGuest,b2bCollaborationGuest",
                               "externalTenants": {"@odata.type": "#microsoft.graph.conditionalAccessAllExternalTenants",
                                                   "membershipKind": "all"}}},
                   "applications": {"includeApplications": ["Office365", "All"]},
                   "clientAppTypes": ["other", "exchangeActiveSync"],
                   "locations": {"includeLocations": ["namedLocation:hq", "All"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["mfa", "compliantDevice"]}}
                """));
    assertEquals(
        Json.parse(
            """
            ["62e90394-69f5-4237-9190-012177145e10", "f28a1f50-f6e7-4571-818b-6a12f2af6b6c"]
            """),
        body.at("/conditions/users/includeRoles"));
    assertEquals(
        "b2bCollaborationGuest,internalGuest,serviceProvider",
        body.at("/conditions/users/excludeGuestsOrExternalUsers/guestOrExternalUserTypes")
            .asString());
    assertEquals(
        "#microsoft.graph.conditionalAccessAllExternalTenants",
        body.at("/conditions/users/excludeGuestsOrExternalUsers/externalTenants/@odata.type")
            .asString(),
        "@odata.type selects the external tenants' type and is kept");
    assertEquals(
        Json.parse("[\"All\", \"Office365\"]"),
        body.at("/conditions/applications/includeApplications"));
    assertEquals(
        Json.parse("[\"exchangeActiveSync\", \"other\"]"), body.at("/conditions/clientAppTypes"));
    assertEquals(
        Json.parse("[\"All\", \"namedLocation:hq\"]"),
        body.at("/conditions/locations/includeLocations"));
    assertEquals(
        Json.parse("[\"compliantDevice\", \"mfa\"]"), body.at("/grantControls/builtInControls"));
  }

  @Test
  void anExpandedAuthenticationStrengthIsReducedToItsId() {
    ObjectNode expanded =
        Canonical.policy(
            json(
                """
                {"displayName": "P", "state": "enabled", "conditions": {},
                 "grantControls": {"operator": "AND",
                   "authenticationStrength@odata.context": "https://graph.microsoft.com/x",
                   "authenticationStrength": {"id": "00000000-0000-0000-0000-000000000004",
                     "displayName": "Phishing-resistant MFA", "policyType": "builtIn",
                     "allowedCombinations": ["fido2", "windowsHelloForBusiness"],
                     "combinationConfigurations": [], "#microsoft.graph.usage": {}}}}
                """));
    assertEquals(
        json(
            """
            {"authenticationStrength": {"id": "00000000-0000-0000-0000-000000000004"},
             "operator": "AND"}
            """),
        expanded.get("grantControls"));
    ObjectNode allNull =
        Canonical.policy(
            json(
                """
                {"displayName": "P", "state": "enabled", "conditions": {},
                 "grantControls": {"operator": "OR", "builtInControls": ["mfa"],
                   "authenticationStrength": {"id": null, "displayName": null}}}
                """));
    assertFalse(allNull.get("grantControls").has("authenticationStrength"));
  }

  @Test
  void powerShellSdkObjectsBecomeGraphCamelCase() {
    Canonical.Form f =
        Canonical.of(
            ObjectKind.POLICY,
            json(
                """
                {"Id": "34AFB953-929E-4C6E-AAAC-A73CBD4B9535", "DisplayName": "P", "State": "enabled",
                 "CreatedDateTime": "/Date(1618315427741)/", "Description": null,
                 "Conditions": {
                   "Users": {"IncludeUsers": "All", "ExcludeGroups": ["8454F405-3B29-4102-B888-315C4E3DE2D0"],
                             "ExcludeGuestsOrExternalUsers": {"ExternalTenants": {"MembershipKind": null},
                                                              "GuestOrExternalUserTypes": null}},
                   "Applications": {"IncludeApplications": ["All"], "ApplicationFilter": {"Mode": null, "Rule": null}},
                   "ClientAppTypes": ["all"], "DeviceStates": {"IncludeStates": null},
                   "AdditionalProperties": {"insiderRiskLevels": "elevated"}},
                 "GrantControls": {"BuiltInControls": ["mfa"], "Operator": "OR",
                   "AuthenticationStrength": {"Id": null, "AllowedCombinations": null}},
                 "SessionControls": {"SignInFrequency": {"IsEnabled": true, "Type": "days", "Value": 4,
                   "FrequencyInterval": "timeBased"}, "ContinuousAccessEvaluation": {"Mode": null}},
                 "AdditionalProperties": {}}
                """));
    assertEquals("34afb953-929e-4c6e-aaac-a73cbd4b9535", f.id());
    assertEquals(
        json(
            """
            {"conditions": {"applications": {"includeApplications": ["All"]},
               "clientAppTypes": ["all"], "insiderRiskLevels": "elevated",
               "users": {"excludeGroups": ["8454f405-3b29-4102-b888-315c4e3de2d0"], "includeUsers": ["All"]}},
             "displayName": "P",
             "grantControls": {"builtInControls": ["mfa"], "operator": "OR"},
             "sessionControls": {"signInFrequency": {"frequencyInterval": "timeBased", "isEnabled": true,
               "type": "days", "value": 4}},
             "state": "enabled"}
            """),
        f.body());
    assertEquals(List.of(), f.betaFields(), "the all-null beta members are gone");
    assertEquals(List.of(), f.unknownFields());
  }

  @Test
  void aBetaOnlyMemberIsKeptAndListedAndSoIsAnUnknownOne() {
    Canonical.Form f =
        Canonical.of(
            ObjectKind.POLICY,
            json(
                """
                {"displayName": "P", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["All"]}, "agentIdRiskLevels": "high",
                   "futureCondition": {"level": "x"}, "times": null},
                 "sessionControls": {"continuousAccessEvaluation": {"mode": "strictLocation", "newKnob": 1}}}
                """));
    assertEquals(
        List.of("/conditions/agentIdRiskLevels", "/sessionControls/continuousAccessEvaluation"),
        f.betaFields());
    assertEquals(
        List.of(
            "/conditions/futureCondition", "/sessionControls/continuousAccessEvaluation/newKnob"),
        f.unknownFields());
    assertEquals("x", f.body().at("/conditions/futureCondition/level").asString());
    assertEquals(1, f.body().at("/sessionControls/continuousAccessEvaluation/newKnob").asInt());
    assertFalse(f.body().at("/conditions").has("times"), "an empty unknown member sets nothing");
  }

  @Test
  void aBetaOnlyNamedLocationTypeIsListedByItsType() {
    Canonical.Form f =
        Canonical.of(
            ObjectKind.NAMED_LOCATION,
            json(
                """
                {"@odata.type": "#microsoft.graph.compliantNetworkNamedLocation", "id": "x",
                 "displayName": "All Compliant Network locations",
                 "compliantNetworkType": "allTenantCompliantNetworks", "isTrusted": true}
                """));
    assertEquals(List.of("/@odata.type"), f.betaFields());
    assertEquals(List.of(), f.unknownFields());
    assertEquals("allTenantCompliantNetworks", f.body().get("compliantNetworkType").asString());
  }

  @Test
  void ipRangesAreASetAndKeepTheirTypes() {
    ObjectNode a =
        Canonical.namedLocation(
            json(
                """
                {"@odata.type": "#microsoft.graph.ipNamedLocation", "displayName": "HQ", "isTrusted": true,
                 "ipRanges": [{"@odata.type": "#microsoft.graph.iPv6CidrRange", "cidrAddress": "2001:db8::/48"},
                              {"@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "203.0.113.0/24"}]}
                """));
    ObjectNode b =
        Canonical.namedLocation(
            json(
                """
                {"ipRanges": [{"cidrAddress": "203.0.113.0/24", "@odata.type": "#microsoft.graph.iPv4CidrRange"},
                              {"cidrAddress": "2001:db8::/48", "@odata.type": "#microsoft.graph.iPv6CidrRange"}],
                 "isTrusted": true, "displayName": "HQ", "@odata.type": "#microsoft.graph.ipNamedLocation",
                 "ipRanges@odata.type": "#Collection(microsoft.graph.ipRange)"}
                """));
    assertEquals(a, b);
    assertEquals(Json.write(a), Json.write(b), "same text too: members sorted, sets sorted");
    assertEquals("#microsoft.graph.ipNamedLocation", a.get("@odata.type").asString());
  }

  @Test
  void defenderKeepsSettingsOnly() {
    Canonical.Form pricing =
        Canonical.of(
            ObjectKind.PRICING,
            json(
                """
                {"id": "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Security/pricings/StorageAccounts",
                 "name": "StorageAccounts", "type": "Microsoft.Security/pricings",
                 "properties": {"pricingTier": "Standard", "subPlan": "DefenderForStorageV2",
                   "freeTrialRemainingTime": "PT0S", "enablementTime": "2023-03-01T12:42:42Z",
                   "deprecated": null, "extensions": [
                     {"name": "OnUploadMalwareScanning", "isEnabled": "True",
                      "additionalExtensionProperties": {"CapGBPerMonthPerStorageAccount": "5000"},
                      "operationStatus": {"code": "Succeeded"}}]}}
                """));
    assertEquals(
        json(
            """
            {"name": "StorageAccounts",
             "properties": {"extensions": [{"additionalExtensionProperties": {"CapGBPerMonthPerStorageAccount": "5000"},
               "isEnabled": "True", "name": "OnUploadMalwareScanning"}],
               "pricingTier": "Standard", "subPlan": "DefenderForStorageV2"}}
            """),
        pricing.body());
    ObjectNode connector =
        Canonical.connector(
            json(
                """
                {"id": "/subscriptions/x/resourcegroups/rg/providers/Microsoft.Security/securityConnectors/c",
                 "name": "c", "type": "Microsoft.Security/securityconnectors", "etag": "e",
                 "location": "centralus", "tags": {}, "systemData": {"createdBy": "me"},
                 "properties": {"hierarchyIdentifier": "530AEE27-8996-4A9E-A980-336A04985747",
                   "environmentName": "AzureDevOps", "hierarchyIdentifierTrialEndDate": "2024-03-01",
                   "offerings": [{"offeringType": "CspmMonitorAzureDevOps", "description": "d"}],
                   "environmentData": {"environmentType": "AzureDevOpsScope"}}}
                """));
    assertEquals(
        json(
            """
            {"location": "centralus", "name": "c",
             "properties": {"environmentData": {"environmentType": "AzureDevOpsScope"},
               "environmentName": "AzureDevOps", "hierarchyIdentifier": "530aee27-8996-4a9e-a980-336a04985747",
               "offerings": [{"offeringType": "CspmMonitorAzureDevOps"}]}}
            """),
        connector);
  }

  @Test
  void dlpLosesPowerShellNoiseAndEmptyMembersOnly() {
    ObjectNode policy =
        Canonical.dlpPolicy(
            json(
                """
                {"PSComputerName": "nam12b.ps.compliance.protection.outlook.com", "RunspaceId": "r",
                 "PSShowComputerName": false, "Name": "P", "Mode": "Enable", "ExchangeLocation": ["All"],
                 "TeamsLocation": [], "PolicyTemplateInfo": null,
                 "PolicyRulesMetaData": "{\\"WhenRulesChangedUtc\\":\\"2023-10-20T13:50:12Z\\"}",
                 "Workload": "Exchange, SharePoint"}
                """));
    assertEquals(
        json(
            """
            {"ExchangeLocation": ["All"], "Mode": "Enable", "Name": "P",
             "PolicyRulesMetaData": "{\\"WhenRulesChangedUtc\\":\\"2023-10-20T13:50:12Z\\"}",
             "Workload": "Exchange, SharePoint"}
            """),
        policy);
  }

  @Test
  void onlyObjectsAreCanonicalised() {
    assertThrows(IllegalArgumentException.class, () -> Canonical.policy(Json.parse("[]")));
    assertNull(Canonical.of(ObjectKind.POLICY, json("{\"displayName\": \"P\"}")).id());
  }

  /** Canonical applied to its own result changes nothing, for every real and generated object. */
  @Test
  void isIdempotentOnEveryRealExportAndGeneratedFile() throws IOException {
    int checked = 0;
    List<String> problems = new ArrayList<>();
    for (Read r : allRealObjects()) {
      TenantObject o = r.object();
      ObjectNode again = Canonical.of(r.kind(), o.body()).body();
      checked++;
      if (!again.equals(o.body()) || !Json.write(again).equals(Json.write(o.body()))) {
        problems.add(o.source());
      }
    }
    for (Path f : goldenFiles()) {
      String rel = GOLDEN.relativize(f).toString();
      ObjectKind kind =
          rel.contains("/conditional-access/") ? ObjectKind.POLICY : ObjectKind.NAMED_LOCATION;
      JsonNode generated = Json.parse(Files.readString(f));
      ObjectNode once = Canonical.of(kind, generated).body();
      ObjectNode twice = Canonical.of(kind, once).body();
      checked++;
      if (!Json.write(once).equals(Json.write(twice))) {
        problems.add(rel);
      }
      assertNotEquals(0, once.size(), rel);
    }
    assertEquals(List.of(), problems);
    assertTrue(checked > 200, "checked " + checked);
  }

  static List<Path> goldenFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(GOLDEN)) {
      return walk.filter(
              p ->
                  p.toString().endsWith(".json")
                      && (p.toString().contains("/entra/conditional-access/")
                          || p.toString().contains("/entra/named-locations/")))
          .sorted()
          .toList();
    }
  }

  record Read(ObjectKind kind, TenantObject object) {}

  static List<Read> allRealObjects() {
    List<Read> all = new ArrayList<>();
    for (String d : List.of("ca", "named-locations", "dlp", "defender/azure-cli-recordings")) {
      TenantSnapshot s = SnapshotReader.read(REAL.resolve(d));
      s.policies().forEach(o -> all.add(new Read(ObjectKind.POLICY, o)));
      s.namedLocations().forEach(o -> all.add(new Read(ObjectKind.NAMED_LOCATION, o)));
      s.dlpPolicies().forEach(o -> all.add(new Read(ObjectKind.DLP_POLICY, o)));
      s.dlpRules().forEach(o -> all.add(new Read(ObjectKind.DLP_RULE, o)));
      s.pricings().forEach(o -> all.add(new Read(ObjectKind.PRICING, o)));
      s.connectors().forEach(o -> all.add(new Read(ObjectKind.CONNECTOR, o)));
    }
    return all;
  }

  private static List<String> names(ObjectNode o) {
    return new ArrayList<>(o.propertyNames());
  }
}
