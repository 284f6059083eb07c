package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11, "deploys and protects as claimed": what the connectors and templates switch on is what the
 * cloud-side scripts prepare and what the output README says, because all three come from one model.
 */
class DefenderClaimsTest {
  static final Path ENTERPRISE = TestSupport.root().resolve("examples/enterprise-p2/estate.yaml");

  static Map<String, String> files(Path estate) {
    return TestSupport.generate(estate).stream().collect(Collectors.toMap(Artifact::path, Artifact::text));
  }

  // Item 4: the databases DSPM role trusts the Defender for Databases audience (Microsoft's AWS onboarding
  // sample), so the OIDC provider must list it wherever a connector turns databases DSPM on, not only with
  // the databases offering.
  @Test
  void theOidcProviderListsTheDatabasesAudienceWheneverDatabasesDspmIsOn() {
    Map<String, String> files = files(ENTERPRISE);
    for (String account : List.of("111122223333", "777788889999")) {
      JsonNode connector = Json.parse(files.get("defender/aws/" + account + "/connector.json"));
      boolean dspm = connector.findParents("databasesDspm").stream().anyMatch(o -> o.at("/databasesDspm/enabled").asBoolean());
      assertTrue(dspm, account + " has databases DSPM on (Defender CSPM)");
      JsonNode expected = Json.parse(files.get("defender/aws/" + account + "/expected-stack.json"));
      assertTrue(Json.strings(expected.at("/oidcProvider/audiences")).contains("api://AzureSecurityCenter.MultiCloud.DefenderForDatabases"),
          account + ": " + expected.at("/oidcProvider/audiences"));
      assertContains(files.get("defender/aws/check-aws.sh"), "'" + account + "' 'api://AzureSecurityCenter.MultiCloud.DefenderForDatabases'");
    }
  }

  // Item 4: the external ID the connector uses is checked against the data-collection role's trust, and
  // the README says where to copy it from with the same query the check runs.
  @Test
  void theExternalIdIsCheckedAndTheReadmeSaysWhereToCopyItFrom() {
    Map<String, String> files = files(ENTERPRISE);
    JsonNode connector = Json.parse(files.get("defender/aws/777788889999/connector.json"));
    JsonNode containers = connector.findParents("dataCollectionExternalId").get(0);
    String id = containers.get("dataCollectionExternalId").asString();
    String role = containers.at("/kubernetesDataCollection/cloudRoleArn").asString().replaceAll(".*:role/", "");
    JsonNode stack = Json.parse(files.get("defender/aws/777788889999/expected-stack.json"));
    JsonNode trusted = null;
    for (JsonNode r : stack.get("roles")) {
      if (r.get("name").asString().equals(role)) {
        trusted = r.get("trustedExternalId");
      }
    }
    assertEquals(id, trusted == null ? null : trusted.asString());
    String check = files.get("defender/aws/check-aws.sh");
    assertContains(check, "'777788889999' '" + role + "' '" + id + "'");
    String query = "Role.AssumeRolePolicyDocument.Statement[].Condition.*.\"sts:ExternalId\"[]";
    assertContains(check, "readonly EXTERNAL_ID_QUERY='" + query + "'");
    assertContains(files.get("README.md"), "- AWS 777788889999: `aws iam get-role --role-name " + role + " --query '" + query
        + "' --output text`");
    assertContains(files.get("README.md"), "`containersExternalId`");
    // The organization account has no containers offering: nothing to compare there.
    assertTrue(Json.parse(files.get("defender/aws/111122223333/connector.json")).findParents("dataCollectionExternalId").isEmpty());
    assertTrue(!files.get("README.md").contains("- AWS 111122223333: `aws iam get-role"));
  }
}
