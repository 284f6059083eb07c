package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.aisecuritybaseline.defender.DefenderPlans;
import org.aisecuritybaseline.defender.RecommendedProfile;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11, "deploys and protects as claimed": what the connectors and templates switch on is what
 * the cloud-side scripts prepare and what the output README says, because all three come from one
 * model.
 */
class DefenderClaimsTest {
  static final Path ENTERPRISE = TestSupport.root().resolve("examples/enterprise-p2/estate.yaml");

  static Map<String, String> files(Path estate) {
    return TestSupport.generate(estate).stream()
        .collect(Collectors.toMap(Artifact::path, Artifact::text));
  }

  // Item 4: the databases DSPM role trusts the Defender for Databases audience (Microsoft's AWS
  // onboarding
  // sample), so the OIDC provider must list it wherever a connector turns databases DSPM on, not
  // only with
  // the databases offering.
  @Test
  void theOidcProviderListsTheDatabasesAudienceWheneverDatabasesDspmIsOn() {
    Map<String, String> files = files(ENTERPRISE);
    for (String account : List.of("111122223333", "777788889999")) {
      JsonNode connector = Json.parse(files.get("defender/aws/" + account + "/connector.json"));
      boolean dspm =
          connector.findParents("databasesDspm").stream()
              .anyMatch(o -> o.at("/databasesDspm/enabled").asBoolean());
      assertTrue(dspm, account + " has databases DSPM on (Defender CSPM)");
      JsonNode expected = Json.parse(files.get("defender/aws/" + account + "/expected-stack.json"));
      assertTrue(
          Json.strings(expected.at("/oidcProvider/audiences"))
              .contains("api://AzureSecurityCenter.MultiCloud.DefenderForDatabases"),
          account + ": " + expected.at("/oidcProvider/audiences"));
      assertContains(
          files.get("defender/aws/check-aws.sh"),
          "'" + account + "' 'api://AzureSecurityCenter.MultiCloud.DefenderForDatabases'");
    }
  }

  // Item 4: the external ID the connector uses is checked against the data-collection role's trust,
  // and
  // the README says where to copy it from with the same query the check runs.
  @Test
  void theExternalIdIsCheckedAndTheReadmeSaysWhereToCopyItFrom() {
    Map<String, String> files = files(ENTERPRISE);
    JsonNode connector = Json.parse(files.get("defender/aws/777788889999/connector.json"));
    JsonNode containers = connector.findParents("dataCollectionExternalId").get(0);
    String id = containers.get("dataCollectionExternalId").asString();
    String role =
        containers
            .at("/kubernetesDataCollection/cloudRoleArn")
            .asString()
            .replaceAll(".*:role/", "");
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
    assertContains(
        files.get("README.md"),
        "- AWS 777788889999: `aws iam get-role --role-name "
            + role
            + " --query '"
            + query
            + "' --output text`");
    assertContains(files.get("README.md"), "`containersExternalId`");
    // The organization account has no containers offering: nothing to compare there.
    assertTrue(
        Json.parse(files.get("defender/aws/111122223333/connector.json"))
            .findParents("dataCollectionExternalId")
            .isEmpty());
    assertTrue(!files.get("README.md").contains("- AWS 111122223333: `aws iam get-role"));
  }

  /**
   * A default estate: one subscription with AI workloads, a tenant with an E5 licence (Purview).
   */
  static final String DEFAULT_ESTATE =
      TestSupport.MINIMAL_ESTATE.replace("licences: [entraIdP1]", "licences: [microsoft365E5]")
          + """
      threat:
        azure:
          deploymentLocation: westeurope
          subscriptions:
            - id: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
              hostsAiWorkloads: true
      """;

  static Map<String, String> generate(String yaml) {
    return Generator.generate(TestSupport.validate("estate.yaml", yaml)).stream()
        .collect(Collectors.toMap(Artifact::path, Artifact::text));
  }

  /**
   * isEnabled of every extension of a subscription template, by "Plan/Extension"; properties by
   * "Plan/Extension/Property".
   */
  static Map<String, String> extensions(String template) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode r : Json.parse(template).get("resources")) {
      if (!r.get("type").asString().equals("Microsoft.Security/pricings")) {
        continue;
      }
      for (JsonNode x : r.at("/properties/extensions")) {
        String key = r.get("name").asString() + "/" + x.get("name").asString();
        out.put(key, x.get("isEnabled").asString());
        x.path("additionalExtensionProperties")
            .properties()
            .forEach(p -> out.put(key + "/" + p.getKey(), p.getValue().asString()));
      }
    }
    return out;
  }

  // Item 3: the defaults are those of Microsoft's built-in "full features" policies, read from the
  // policies themselves (Azure/azure-policy, built-in-policies/policyDefinitions/Security Center):
  // 72f8cee7-2937-403d-84a1-a4e3e57f3c21 v1.0.0 (CSPM), efd4031d-b232-4595-babf-ae817348e91b v1.5.0
  // (Containers), 5eb6d64a-4086-4d7a-92da-ec51aed0332d v1.0.0 (Servers),
  // cfdc5972-75b3-4418-8ae1-7f5c36839390
  // v1.4.0 (Storage), 359a48a3-351a-4618-bb32-f1628645694b v1.1.0 (AI). This list is the test's own
  // copy of their parameter defaults, not the profile's.
  static final Map<String, String> FULL_FEATURES = new LinkedHashMap<>();

  static {
    for (String x :
        List.of(
            "SensitiveDataDiscovery",
            "ContainerRegistriesVulnerabilityAssessments",
            "AgentlessDiscoveryForKubernetes",
            "AgentlessVmScanning",
            "EntraPermissionsManagement")) {
      FULL_FEATURES.put("CloudPosture/" + x, "True");
    }
    for (String x :
        List.of(
            "ContainerRegistriesVulnerabilityAssessments",
            "AgentlessDiscoveryForKubernetes",
            "AgentlessVmScanning",
            "ContainerSensor",
            "ContainerIntegrityContribution")) {
      FULL_FEATURES.put("Containers/" + x, "True");
    }
    FULL_FEATURES.put("Containers/ContainerSensor/SecurityGatingEnabled", "True");
    FULL_FEATURES.put("VirtualMachines/AgentlessVmScanning", "True");
    FULL_FEATURES.put("VirtualMachines/MdeDesignatedSubscription", "False");
    FULL_FEATURES.put("StorageAccounts/OnUploadMalwareScanning", "True");
    FULL_FEATURES.put("StorageAccounts/SensitiveDataDiscovery", "True");
    FULL_FEATURES.put("AI/AIPromptEvidence", "True");
    FULL_FEATURES.put("AI/AIPromptSharingWithPurview", "True");
  }

  @Test
  void theDefaultsAreThoseOfMicrosoftsFullFeaturesPolicies() {
    Map<String, String> ext =
        extensions(
            generate(DEFAULT_ESTATE)
                .get("defender/azure/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.json"));
    List<String> wrong = new ArrayList<>();
    FULL_FEATURES.forEach(
        (k, v) -> {
          if (!v.equals(ext.get(k))) {
            wrong.add(k + " is " + ext.get(k) + ", the built-in policy's default is " + v);
          }
        });
    assertEquals(List.of(), wrong);
  }

  @Test
  void everyExtensionTheProfileSetsHasItsBasisAndNoneIsLeftToChance() {
    RecommendedProfile profile = RecommendedProfile.get();
    List<String> missing = new ArrayList<>();
    Map<String, org.aisecuritybaseline.model.ThreatProtection.PlanSettings> all =
        new LinkedHashMap<>(profile.plans());
    all.putAll(profile.aiWorkloadPlans());
    all.forEach(
        (plan, settings) -> {
          if (!"Standard".equals(settings.tier())) {
            return;
          }
          for (DefenderPlans.Extension x :
              DefenderPlans.get().plan(plan).orElseThrow().extensions().values()) {
            if (!x.confirmed()) {
              continue;
            }
            if (!settings.extensions().containsKey(x.name())
                || !profile.basis().containsKey(plan + "/" + x.name())) {
              missing.add(plan + "/" + x.name());
            }
          }
        });
    assertEquals(
        List.of(), missing, "documented extensions the profile does not decide explicitly");
    // The features the issue names: on as their policy has them, or an explicit choice.
    assertTrue(profile.basis().get("CloudPosture/ApiPosture").choice() != null);
    assertTrue(profile.basis().get("VirtualMachines/FileIntegrityMonitoring").choice() != null);
    assertTrue(profile.basis().get("VirtualMachines/MdeDesignatedSubscription").choice() != null);
    assertEquals(
        "72f8cee7-2937-403d-84a1-a4e3e57f3c21",
        profile.basis().get("CloudPosture/EntraPermissionsManagement").policy().id());
    assertEquals(
        "efd4031d-b232-4595-babf-ae817348e91b",
        profile.basis().get("Containers/ContainerIntegrityContribution").policy().id());
  }

  // Item 3: every extension a template turns off is in the README, with the subscriptions whose
  // template turns it off, and nothing else is.
  @Test
  void theReadmeListsEveryExtensionATemplateTurnsOff() {
    List<Map<String, String>> estates = new ArrayList<>();
    for (Path example : TestSupport.examples()) {
      estates.add(files(example));
    }
    estates.add(generate(DEFAULT_ESTATE));
    for (Map<String, String> files : estates) {
      String readme = files.get("README.md");
      Map<String, List<String>> offIn = new java.util.TreeMap<>();
      Map<String, List<String>> onIn = new java.util.TreeMap<>();
      files.forEach(
          (path, text) -> {
            if (path.matches("defender/azure/[0-9a-f-]{36}\\.json")) {
              String sub = path.substring("defender/azure/".length(), path.length() - 5);
              extensions(text)
                  .forEach(
                      (k, v) -> {
                        if (k.chars().filter(c -> c == '/').count() == 1) {
                          (v.equals("False") ? offIn : onIn)
                              .computeIfAbsent(k, x -> new ArrayList<>())
                              .add(sub);
                        }
                      });
            }
          });
      assertTrue(!offIn.isEmpty());
      List<String> rows =
          readme.lines().filter(l -> l.matches("\\| [A-Za-z]+ \\| [A-Za-z]+ \\| `.*")).toList();
      for (Map.Entry<String, List<String>> e : offIn.entrySet()) {
        String[] k = e.getKey().split("/");
        List<String> row =
            rows.stream().filter(r -> r.startsWith("| " + k[0] + " | " + k[1] + " | ")).toList();
        assertTrue(!row.isEmpty(), "README lists " + e.getKey() + " as turned off:\n" + readme);
        for (String sub : e.getValue()) {
          assertTrue(
              row.stream().anyMatch(r -> r.contains("`" + sub + "`")),
              e.getKey() + " off in " + sub);
        }
        for (String sub : onIn.getOrDefault(e.getKey(), List.of())) {
          assertTrue(
              row.stream().noneMatch(r -> r.contains("`" + sub + "`")),
              e.getKey() + " is on in " + sub);
        }
      }
      assertEquals(
          offIn.size(),
          rows.stream()
              .map(r -> r.split(" \\| ")[0] + "/" + r.split(" \\| ")[1])
              .distinct()
              .count(),
          "no other rows: " + rows);
    }
  }

  // Item 5: the AI plan's prerequisites (Microsoft Learn, "Enable threat protection for AI
  // services")
  // are in the README when a template turns the plan on; the Purview ones only where prompt sharing
  // is on.
  @Test
  void theAiPlansPrerequisitesAreInTheReadme() {
    String withPurview = generate(DEFAULT_ESTATE).get("README.md");
    assertContains(withPurview, "### Threat protection for AI services: before you deploy");
    assertContains(withPurview, "Owner or Contributor on the subscription");
    assertContains(
        withPurview,
        "- `AIPromptSharingWithPurview` (on for `1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d`):");
    assertContains(withPurview, "Microsoft Purview licence, which the plan does not include");
    assertContains(
        withPurview,
        "`New-AzADServicePrincipal -ApplicationId 9ec59623-ce40-4dc8-a635-ed0275b5d58a`");
    assertContains(withPurview, "Microsoft Entra ID user-context token");

    String withoutPurview =
        generate(DEFAULT_ESTATE.replace("licences: [microsoft365E5]", "licences: [microsoft365E3]"))
            .get("README.md");
    assertContains(withoutPurview, "Owner or Contributor on the subscription");
    assertTrue(
        !withoutPurview.contains("9ec59623-ce40-4dc8-a635-ed0275b5d58a"),
        "no Purview steps when prompt sharing is off");
    assertContains(
        withoutPurview,
        "| AI | AIPromptSharingWithPurview | `1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d` | Needs a Microsoft Purview licence");

    String noAi =
        generate(DEFAULT_ESTATE.replace("hostsAiWorkloads: true", "hostsAiWorkloads: false"))
            .get("README.md");
    assertTrue(
        !noAi.contains("### Threat protection for AI services"),
        "no AI section when no template turns the AI plan on");
  }

  // Item 1: the connector's container posture features are those of Microsoft's example, and the
  // README
  // no longer calls the Defender for Containers roles unpublished; what setup-gcp.sh cannot do is
  // listed.
  @Test
  void gcpConnectorsConfigureMicrosoftsContainerPostureAndTheReadmeSaysWhatIsLeft() {
    Map<String, String> files = files(ENTERPRISE);
    int checked = 0;
    for (String p : List.of("contoso-vertex-forecast", "contoso-gke-platform")) {
      JsonNode connector = Json.parse(files.get("defender/gcp/" + p + "/connector.json"));
      for (JsonNode o : connector.at("/resources/0/properties/offerings")) {
        String type = o.get("offeringType").asString();
        if (type.equals("DefenderCspmGcp") || type.equals("DefenderForContainersGcp")) {
          checked++;
          assertEquals(
              "containers",
              o.at("/mdcContainersImageAssessment/workloadIdentityProviderId").asString(),
              p + " " + type);
          assertEquals(
              "mdc-containers-artifact-assess@" + p + ".iam.gserviceaccount.com",
              o.at("/mdcContainersImageAssessment/serviceAccountEmailAddress").asString());
          assertEquals(
              "containers",
              o.at("/mdcContainersAgentlessDiscoveryK8s/workloadIdentityProviderId").asString());
          assertEquals(
              "mdc-containers-k8s-operator@" + p + ".iam.gserviceaccount.com",
              o.at("/mdcContainersAgentlessDiscoveryK8s/serviceAccountEmailAddress").asString());
          assertTrue(
              o.at("/mdcContainersImageAssessment/enabled").asBoolean()
                  && o.at("/mdcContainersAgentlessDiscoveryK8s/enabled").asBoolean());
        }
      }
    }
    assertEquals(2, checked, "Defender CSPM in one project, Defender for Containers in the other");
    String readme = files.get("README.md");
    assertTrue(
        !readme.contains("(permissions not published)"),
        "the containers roles are published and granted");
    assertContains(
        readme,
        "GCP contoso-vertex-forecast: To scan disks encrypted with customer-managed keys (CMEK), grant"
            + " roles/cloudkms.cryptoKeyEncrypterDecrypter");
    assertContains(
        readme,
        "GCP contoso-vertex-forecast: Organizations created since May 2024 enforce Domain Restricted Sharing");
    assertContains(
        readme,
        "GCP contoso-vertex-forecast: Defender CSPM's permissions discovery (CIEM) and data sensitivity discovery need");
    assertTrue(
        !readme.contains("GCP contoso-gke-platform: Organizations created"),
        "no scanner grant, no note");
  }
}
