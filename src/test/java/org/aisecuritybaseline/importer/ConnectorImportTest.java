package org.aisecuritybaseline.importer;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.ThreatProtection;
import org.aisecuritybaseline.tenant.AsReturned;
import org.aisecuritybaseline.tenant.SnapshotReader;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 13: Defender for Cloud security connectors imported as threat.connectorHost, threat.aws and
 * threat.gcp, generated again as they were; what the estate cannot express listed with why.
 */
class ConnectorImportTest {
  static final Path REST =
      TestSupport.root()
          .resolve("src/test/resources/real-exports/defender/rest-api-specs-examples");
  static final String HOST = "a5caac9c-5c04-49af-b3d0-e204f40345d5";

  // ---------------------------------------------------------------- helpers

  static ImportResult importConnectors(List<TenantObject> connectors) {
    TenantSnapshot s =
        new TenantSnapshot(
            Snapshots.TENANT,
            null,
            List.of(),
            List.of(),
            List.of(),
            java.util.Map.of(),
            List.of(),
            connectors,
            List.of(),
            List.of(),
            List.of());
    ImportResult r = Snapshots.run(s, false);
    Snapshots.errorsIgnoringBreakGlass(r.yaml());
    return r;
  }

  static ThreatProtection threat(ImportResult r) {
    var doc =
        org.aisecuritybaseline.load.YamlLoader.load(
                new org.aisecuritybaseline.diag.SourceFile("estate.yaml", r.yaml()),
                new org.aisecuritybaseline.diag.Diagnostics())
            .orElseThrow();
    return Json.bind(doc.root(), Estate.class).threat();
  }

  /**
   * The REST API examples' GET bodies (unwrapped), each connector once, as the readers give them.
   */
  static List<TenantObject> restExamples(Path tmp) throws IOException {
    try (Stream<Path> files = Files.list(REST)) {
      for (Path f : files.filter(p -> p.toString().contains("SecurityConnector")).toList()) {
        Files.writeString(
            tmp.resolve(f.getFileName()),
            Json.write(Json.parse(Files.readString(f)).at("/responses/200/body")));
      }
    }
    return SnapshotReader.read(tmp).connectors();
  }

  static List<String> messages(ImportResult r, Code code) {
    List<String> out = new ArrayList<>();
    r.notes(code).forEach(n -> out.add(n.subject() + ": " + n.message()));
    return out;
  }

  // ---------------------------------------------------------------- tests

  /**
   * The REST API's examples as published: placeholder IDs no AWS account or GCP project has, and
   * GitHub and Azure DevOps connectors; the Azure CLI's recording of an Azure DevOps connector.
   * Nothing is imported, each says why.
   */
  @Test
  void restApiExamplesAsPublishedAreListedWithWhy(@TempDir Path tmp) throws IOException {
    List<TenantObject> connectors = new ArrayList<>(restExamples(tmp));
    connectors.addAll(
        SnapshotReader.read(
                REST.resolveSibling(
                    "azure-cli-recordings/az-security-security-connector-show-azuredevops.json"))
            .connectors());
    assertEquals(7, connectors.size());
    ImportResult r = importConnectors(connectors);
    assertFalse(r.yaml().contains("\nthreat:"), r.yaml());
    List<String> notes = messages(r, Code.W650);
    assertEquals(7, notes.size(), notes.toString());
    String all = String.join("\n", notes);
    for (String name :
        List.of(
            "exampleSecurityConnectorName",
            "exampleSecurityConnectorAws",
            "exampleSecurityConnectorAwsOrganization")) {
      assertContains(
          all,
          "/securityConnectors/"
              + name
              + "): not imported: its hierarchy identifier 'exampleHierarchyId' is not a 12-digit"
              + " AWS account ID");
    }
    assertContains(
        all,
        "exampleSecurityConnectorGcp): not imported: its project ID 'My-0GCP-Project' is not a GCP"
            + " project ID");
    assertContains(
        all,
        "\"githubTest\" (/subscriptions/"
            + HOST
            + "/resourceGroups/exampleResourceGroup3/providers/Microsoft.Security/securityConnectors/"
            + "exampleSecurityConnectorGithub): not imported: a connector for Github (GithubScope); the"
            + " estate declares AWS accounts and GCP projects only");
    assertContains(all, "\"AzureDevOpsTest\"");
    assertContains(
        all,
        "\"cli000002\" (/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/"
            + "clitest.rg000001/providers/Microsoft.Security/securityConnectors/cli000002): not"
            + " imported: a connector for AzureDevOps (AzureDevOpsScope)");
  }

  /**
   * The same examples with identifiers an estate accepts (a 12-digit account per AWS connector, a
   * GCP project ID and number) and in one resource group: what they configure is imported.
   */
  static List<TenantObject> restExamplesWithRealIds(Path tmp) throws IOException {
    List<TenantObject> out = new ArrayList<>();
    int next = 0;
    for (TenantObject c : restExamples(tmp)) {
      ObjectNode body = c.body().deepCopy();
      ObjectNode p = (ObjectNode) body.get("properties");
      String type = p.at("/environmentData/environmentType").asString("");
      if (type.equals("AwsAccount")) {
        p.put("hierarchyIdentifier", "11112222333" + next++);
      } else if (type.equals("GcpProject")) {
        p.put("hierarchyIdentifier", "123456789012");
        ((ObjectNode) p.at("/environmentData/projectDetails"))
            .put("projectId", "my-0gcp-project")
            .put("projectNumber", "123456789012");
      }
      String id = c.id().replaceFirst("exampleResourceGroup[0-9]*", "exampleResourceGroup");
      out.add(new TenantObject(id, c.displayName(), c.scope(), body, List.of(), c.source()));
    }
    return out;
  }

  @Test
  void restApiExamplesWithRealIdsAreImportedWithWhatTheEstateDeploysOtherwise(@TempDir Path tmp)
      throws IOException {
    ImportResult r = importConnectors(restExamplesWithRealIds(tmp));
    ThreatProtection t = threat(r);
    assertEquals(
        new ThreatProtection.ConnectorHost(HOST, "exampleResourceGroup", "centralus"),
        t.connectorHost(),
        "'Central US' is the region centralus");
    assertEquals(
        List.of(
            new ThreatProtection.AwsAccount(
                "111122223330", null, null, null, 4, List.of("cspm"), null, null),
            new ThreatProtection.AwsAccount(
                "111122223331", null, null, null, null, List.of("cspm"), null, null),
            new ThreatProtection.AwsAccount(
                "111122223332",
                null,
                new ThreatProtection.AwsOrganization("myStackSetName", null),
                null,
                null,
                List.of("cspm"),
                null,
                null)),
        t.awsAccounts());
    assertEquals(
        List.of(
            new ThreatProtection.GcpProject(
                "my-0gcp-project", "123456789012", null, null, null, List.of("cspm"))),
        t.gcpProjects());
    String all = String.join("\n", messages(r, Code.W650));
    assertContains(
        all,
        "exampleSecurityConnectorName): offering CspmMonitorAws (cspm) imported, but the estate"
            + " deploys nativeCloudConnection.cloudRoleArn"
            + " arn:aws:iam::111122223330:role/CspmMonitorAws (the connector has"
            + " arn:aws:iam::00000000:role/ASCMonitor)");
    assertContains(
        all,
        "exampleSecurityConnectorAwsOrganization): imported as AWS account 111122223332, but the"
            + " estate deploys no environmentData.organizationalData.excludedAccountIds (the"
            + " connector has [\"excludedAccountIdExample\"]); environmentData.scanInterval 12 (the"
            + " connector has none)");
    assertContains(
        all,
        "exampleSecurityConnectorName): imported as AWS account 111122223330, but not its name: the"
            + " estate names the connector aws-111122223330");
    assertContains(
        all,
        "exampleSecurityConnectorGcp): offering CspmMonitorGcp (cspm) imported, but the estate"
            + " deploys nativeCloudConnection.serviceAccountEmailAddress"
            + " microsoft-defender-cspm@my-0gcp-project.iam.gserviceaccount.com (the connector has"
            + " capm@projectName.com); nativeCloudConnection.workloadIdentityProviderId cspm");
    assertContains(all, "\"githubTest\"");
    assertContains(
        String.join("\n", messages(r, Code.W652)),
        "threat.gcp.workloadIdentityPoolId: the snapshot does not hold the workload identity pool");
    // Each account's settings the estate took are what it deploys.
    JsonNode aws0 = org.aisecuritybaseline.defender.ConnectorTemplates.aws(t.awsAccounts().get(0));
    assertEquals(4, aws0.at("/properties/environmentData/scanInterval").asInt());
  }

  /**
   * The project's own connectors for every offering, as a portal would show them after small
   * changes: the same settings come back; what the estate cannot say is listed, member by member.
   */
  @Test
  void ownConnectorsWithPortalChangesListEveryDifference() {
    ThreatProtection.AwsAccount all =
        new ThreatProtection.AwsAccount(
            "123456789012",
            null,
            null,
            List.of("us-east-1"),
            24,
            List.of("cspm", "defenderCspm", "servers", "containers", "databases"),
            "ext-id-1",
            "arn:aws:iam::123456789012:role/MyRds");
    ObjectNode changed = get(org.aisecuritybaseline.defender.ConnectorTemplates.aws(all));
    ObjectNode servers = offering(changed, "DefenderForServersAws");
    ((ObjectNode) servers.get("subPlan")).put("type", "P1");
    ((ArrayNode) changed.at("/properties/offerings"))
        .addObject()
        .put("offeringType", "InformationProtectionAws")
        .putObject("informationProtection")
        .put("cloudRoleArn", "arn:aws:iam::123456789012:role/MipRole");
    ImportResult r = importConnectors(List.of(connector("rg-mdc", changed)));
    ThreatProtection t = threat(r);
    assertEquals(List.of(all), t.awsAccounts(), r.yaml());
    String notes = String.join("\n", messages(r, Code.W650));
    assertContains(
        notes,
        "offering DefenderForServersAws (servers) imported, but the estate deploys subPlan.type P2"
            + " (the connector has P1)");
    assertContains(
        notes, "offering InformationProtectionAws not imported: the estate has no such offering");
    assertEquals(2, messages(r, Code.W650).size(), notes);

    // Containers without the external ID the estate needs: the rest is imported.
    ObjectNode noExternalId = get(org.aisecuritybaseline.defender.ConnectorTemplates.aws(all));
    offering(noExternalId, "DefenderForContainersAws").remove("dataCollectionExternalId");
    r = importConnectors(List.of(connector("rg-mdc", noExternalId)));
    assertEquals(
        List.of("cspm", "defenderCspm", "servers", "databases"),
        threat(r).awsAccounts().get(0).offerings());
    assertContains(
        String.join("\n", messages(r, Code.W650)),
        "offering DefenderForContainersAws (containers) not imported: it has no"
            + " dataCollectionExternalId, which the estate needs (containersExternalId)");
  }

  /**
   * GCP: an organization onboarding comes back with its organization ID; a member project, a
   * connector in a second resource group and a second connector for one account are not imported.
   */
  @Test
  void organizationsMembersHostsAndDuplicates() {
    ThreatProtection.GcpProject management =
        new ThreatProtection.GcpProject(
            "contoso-mgmt",
            "111111111111",
            null,
            new ThreatProtection.GcpOrganization("987654321098", List.of("222222222222")),
            null,
            List.of("cspm", "defenderCspm"));
    ThreatProtection.AwsAccount account =
        new ThreatProtection.AwsAccount(
            "210987654321", null, null, null, null, List.of("cspm"), null, null);
    ObjectNode member =
        get(
            org.aisecuritybaseline.defender.ConnectorTemplates.gcp(
                new ThreatProtection.GcpProject(
                    "contoso-member", "333333333333", null, null, null, List.of("cspm"))));
    ((ObjectNode) member.at("/properties/environmentData"))
        .putObject("organizationalData")
        .put("organizationMembershipType", "Member")
        .put("parentHierarchyId", "111111111111");
    ObjectNode elsewhere =
        get(
            org.aisecuritybaseline.defender.ConnectorTemplates.aws(
                new ThreatProtection.AwsAccount(
                    "999999999999", null, null, null, null, List.of("cspm"), null, null)));
    ObjectNode again = get(org.aisecuritybaseline.defender.ConnectorTemplates.aws(account));
    again.put("name", "aws-210987654321-again");
    List<TenantObject> connectors =
        List.of(
            connector(
                "rg-mdc", get(org.aisecuritybaseline.defender.ConnectorTemplates.gcp(management))),
            connector(
                "rg-mdc", get(org.aisecuritybaseline.defender.ConnectorTemplates.aws(account))),
            connector("rg-mdc", member),
            connector("rg-other", elsewhere),
            connector("rg-mdc", again));
    ImportResult r = importConnectors(connectors);
    ThreatProtection t = threat(r);
    assertEquals(List.of(management), t.gcpProjects());
    assertEquals(List.of(account), t.awsAccounts());
    assertEquals("rg-mdc", t.connectorHost().resourceGroup());
    String notes = String.join("\n", messages(r, Code.W650));
    assertContains(
        notes,
        "\"gcp-contoso-member\" (/subscriptions/"
            + HOST
            + "/resourceGroups/rg-mdc/providers/Microsoft.Security/securityConnectors/"
            + "gcp-contoso-member): not imported: a member of an organization (parent"
            + " 111111111111), onboarded by the management project's connector");
    assertContains(
        notes,
        "aws-999999999999): not imported: it is in "
            + HOST
            + "/rg-other (westeurope), and the estate has one connector host, "
            + HOST
            + "/rg-mdc (westeurope), which holds 3 connectors");
    assertContains(
        notes,
        "aws-210987654321-again): not imported: AWS account 210987654321 is imported from"
            + " security connector \"aws-210987654321\"");
    assertEquals(3, messages(r, Code.W650).size(), notes);
    assertContains(
        r.yaml(),
        "# - 1 AWS account and 1 GCP project from their security connectors ('threat.aws',"
            + " 'threat.gcp');");

    // The order of the snapshot does not matter.
    List<TenantObject> reversed = new ArrayList<>(connectors);
    java.util.Collections.reverse(reversed);
    assertEquals(r.yaml(), importConnectors(reversed).yaml());
  }

  /**
   * The enterprise example generated, returned as the service would return it, imported: the
   * connector host, accounts and projects come back, and their connectors are generated byte for
   * byte (names, which no connector holds, aside).
   */
  @Test
  void enterpriseExampleRoundTrip(@TempDir Path tmp) throws Exception {
    Path example = TestSupport.root().resolve("examples/enterprise-p2/estate.yaml");
    Path out = tmp.resolve("out");
    assertEquals(
        0, TestSupport.cli("generate", example.toString(), "--out", out.toString()).code());
    AsReturned.snapshotFolder(out, tmp.resolve("snapshot"), Snapshots.TENANT);
    TenantSnapshot snapshot = SnapshotReader.read(tmp.resolve("snapshot"));
    assertEquals(4, snapshot.connectors().size());
    ImportResult r = importConnectors(snapshot.connectors());
    assertEquals(List.of(), messages(r, Code.W650));
    ThreatProtection before =
        TestSupport.validate(example.toString(), TestSupport.read(example)).estate().threat();
    ThreatProtection after = threat(r);
    assertEquals(before.connectorHost(), after.connectorHost());
    assertEquals(before.awsAccounts().size(), after.awsAccounts().size());
    for (ThreatProtection.AwsAccount a : before.awsAccounts()) {
      ThreatProtection.AwsAccount b =
          after.awsAccounts().stream().filter(x -> x.id().equals(a.id())).findFirst().orElseThrow();
      assertEquals(
          Json.write(org.aisecuritybaseline.defender.ConnectorTemplates.aws(a)),
          Json.write(org.aisecuritybaseline.defender.ConnectorTemplates.aws(b)));
    }
    for (ThreatProtection.GcpProject p : before.gcpProjects()) {
      ThreatProtection.GcpProject q =
          after.gcpProjects().stream()
              .filter(x -> x.projectId().equals(p.projectId()))
              .findFirst()
              .orElseThrow();
      assertEquals(
          Json.write(org.aisecuritybaseline.defender.ConnectorTemplates.gcp(p)),
          Json.write(org.aisecuritybaseline.defender.ConnectorTemplates.gcp(q)));
    }
  }

  /** A connector whose resource ID or location gives no connector host says which. */
  @Test
  void connectorsWithNoHostSayWhy() {
    ThreatProtection.AwsAccount account =
        new ThreatProtection.AwsAccount(
            "210987654321", null, null, null, null, List.of("cspm"), null, null);
    ObjectNode noLocation = get(org.aisecuritybaseline.defender.ConnectorTemplates.aws(account));
    noLocation.remove("location");
    TenantObject nilSubscription =
        connector("rg-mdc", get(org.aisecuritybaseline.defender.ConnectorTemplates.aws(account)));
    nilSubscription =
        new TenantObject(
            nilSubscription.id().replace(HOST, "00000000-0000-0000-0000-000000000000"),
            nilSubscription.displayName(),
            null,
            nilSubscription.body(),
            List.of(),
            nilSubscription.source());
    ImportResult r = importConnectors(List.of(connector("rg-mdc", noLocation), nilSubscription));
    String notes = String.join("\n", messages(r, Code.W650));
    assertContains(notes, "not imported: its location '' is not an Azure region");
    assertContains(
        notes,
        "not imported: its subscription '00000000-0000-0000-0000-000000000000' is not a"
            + " subscription ID");
    assertFalse(r.yaml().contains("\nthreat:"), r.yaml());
  }

  /**
   * The workload identity pool is read-only, so the readers leave it out; a body that still has it
   * (another reader, a hand-made snapshot) gives threat.gcp.workloadIdentityPoolId, unless the
   * projects disagree.
   */
  @Test
  void workloadIdentityPoolWhereTheBodyHasIt() {
    ThreatProtection.GcpProject a =
        new ThreatProtection.GcpProject(
            "contoso-alpha", "111111111111", null, null, null, List.of("cspm"));
    ThreatProtection.GcpProject b =
        new ThreatProtection.GcpProject(
            "contoso-beta", "222222222222", null, null, null, List.of("cspm"));
    TenantObject first =
        withPool(
            connector("rg-mdc", get(org.aisecuritybaseline.defender.ConnectorTemplates.gcp(a))),
            "6c78da41157548d3b1d8b3c72effdf8c");
    ImportResult r = importConnectors(List.of(first));
    assertEquals(List.of(), messages(r, Code.W650));
    assertEquals(List.of(), messages(r, Code.W652));
    assertContains(r.yaml(), "workloadIdentityPoolId: \"6c78da41157548d3b1d8b3c72effdf8c\"");

    TenantObject second =
        withPool(
            connector("rg-mdc", get(org.aisecuritybaseline.defender.ConnectorTemplates.gcp(b))),
            "other-pool");
    r = importConnectors(List.of(first, second));
    assertFalse(r.yaml().contains("\n    workloadIdentityPoolId:"), r.yaml());
    assertContains(
        String.join("\n", messages(r, Code.W650)),
        "threat.gcp.workloadIdentityPoolId: not imported: the GCP connectors name several workload"
            + " identity pools (6c78da41157548d3b1d8b3c72effdf8c, other-pool)");
  }

  static TenantObject withPool(TenantObject c, String pool) {
    ObjectNode body = c.body().deepCopy();
    ((ObjectNode) body.at("/properties/environmentData/projectDetails"))
        .put("workloadIdentityPoolId", pool);
    return new TenantObject(c.id(), c.displayName(), c.scope(), body, List.of(), c.source());
  }

  // ---------------------------------------------------------------- more helpers

  /** A generated connector resource as ARM GET returns it (in westeurope). */
  static ObjectNode get(ObjectNode resource) {
    ObjectNode body = resource.deepCopy();
    body.put("location", "westeurope");
    body.put("type", "Microsoft.Security/securityConnectors");
    body.remove("apiVersion");
    return body;
  }

  static TenantObject connector(String group, ObjectNode getBody) {
    String id =
        "/subscriptions/"
            + HOST
            + "/resourceGroups/"
            + group
            + "/providers/Microsoft.Security/securityConnectors/"
            + getBody.get("name").asString();
    getBody.put("id", id);
    return new TenantObject(
        id,
        getBody.get("name").asString(),
        HOST,
        org.aisecuritybaseline.tenant.Canonical.connector(getBody),
        List.of(),
        "defender/" + HOST + "/security-connectors.json");
  }

  static ObjectNode offering(ObjectNode body, String type) {
    for (JsonNode o : body.at("/properties/offerings")) {
      if (o.path("offeringType").asString("").equals(type)) {
        return (ObjectNode) o;
      }
    }
    throw new AssertionError(type);
  }
}
