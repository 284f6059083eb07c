package org.aisecuritybaseline.defender;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.aisecuritybaseline.family.Arm;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.ThreatProtection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Microsoft.Security/securityConnectors (API 2024-08-01-preview) for AWS accounts and GCP projects,
 * and the cloud-side expectations read back from the rendered connector itself: the AWS roles and
 * audiences, the GCP providers and service accounts. The two cannot disagree because one is derived
 * from the other.
 */
final class Connectors {
  static final String API_VERSION = "2024-08-01-preview";

  private Connectors() {}

  static String awsName(ThreatProtection.AwsAccount a) {
    return "aws-" + a.id();
  }

  static String gcpName(ThreatProtection.GcpProject p) {
    return "gcp-" + p.projectId();
  }

  static ObjectNode awsTemplate(ThreatProtection.AwsAccount a) {
    ObjectNode env = Json.NODES.objectNode();
    env.put("environmentType", "AwsAccount");
    env.put("scanInterval", a.scanInterval() == null ? 12 : a.scanInterval());
    if (!a.regions().isEmpty()) {
      env.set("regions", Json.stringArray(a.regions().stream().sorted().toList()));
    }
    if (a.organization() != null) {
      ObjectNode org = env.putObject("organizationalData");
      org.put("organizationMembershipType", "Organization");
      if (a.organization().stacksetName() != null) {
        org.put("stacksetName", a.organization().stacksetName());
      }
      org.set(
          "excludedAccountIds",
          Json.stringArray(a.organization().excludedAccountIds().stream().sorted().toList()));
    }
    ArrayNode offerings = Json.NODES.arrayNode();
    for (String o : sorted(a.offerings())) {
      offerings.add(awsOffering(o, a));
    }
    return template(awsName(a), a.id(), "AWS", env, offerings);
  }

  private static ObjectNode awsOffering(String offering, ThreatProtection.AwsAccount a) {
    ObjectNode o = Json.NODES.objectNode();
    switch (offering) {
      case "cspm" -> {
        o.put("offeringType", "CspmMonitorAws");
        o.putObject("nativeCloudConnection").put("cloudRoleArn", arn(a, "cspmMonitor"));
      }
      case "defenderCspm" -> {
        o.put("offeringType", "DefenderCspmAws");
        o.set("vmScanners", vmScanners(arn(a, "agentlessScanner")));
        o.set("dataSensitivityDiscovery", enabledRole(arn(a, "sensitiveDataDiscovery")));
        o.set("databasesDspm", enabledRole(arn(a, "databasesDspm")));
        ObjectNode ciem = o.putObject("ciem");
        ciem.putObject("ciemDiscovery").put("cloudRoleArn", arn(a, "ciemDiscovery"));
        ciem.putObject("ciemOidc")
            .put("cloudRoleArn", arn(a, "ciemOidc"))
            .put("azureActiveDirectoryAppName", Multicloud.awsCiemAppName());
        o.set("mdcContainersImageAssessment", enabledRole(arn(a, "containersImageAssessment")));
        o.set(
            "mdcContainersAgentlessDiscoveryK8s",
            enabledRole(arn(a, "containersAgentlessDiscovery")));
      }
      case "servers" -> {
        o.put("offeringType", "DefenderForServersAws");
        o.putObject("subPlan").put("type", "P2");
        o.putObject("defenderForServers").put("cloudRoleArn", arn(a, "defenderForServers"));
        o.set(
            "arcAutoProvisioning",
            enabledRole(arn(a, "arcAutoProvisioning"))
                .set("configuration", Json.NODES.objectNode()));
        o.putObject("mdeAutoProvisioning").put("enabled", true).putObject("configuration");
        o.putObject("vaAutoProvisioning")
            .put("enabled", true)
            .putObject("configuration")
            .put("type", "TVM");
        o.set("vmScanners", vmScanners(arn(a, "agentlessScanner")));
      }
      case "containers" -> {
        o.put("offeringType", "DefenderForContainersAws");
        o.putObject("kubernetesService").put("cloudRoleArn", arn(a, "kubernetesService"));
        o.putObject("kubernetesDataCollection")
            .put("cloudRoleArn", arn(a, "kubernetesDataCollection"));
        o.put("dataCollectionExternalId", a.containersExternalId());
        o.putObject("cloudWatchToKinesis").put("cloudRoleArn", arn(a, "cloudWatchToKinesis"));
        o.putObject("kinesisToS3").put("cloudRoleArn", arn(a, "kinesisToS3"));
        o.put("enableAuditLogsAutoProvisioning", true);
        o.put("enableDefenderAgentAutoProvisioning", true);
        o.put("enablePolicyAgentAutoProvisioning", true);
        o.put("kubeAuditRetentionTime", 30);
        o.set("mdcContainersImageAssessment", enabledRole(arn(a, "containersImageAssessment")));
        o.set(
            "mdcContainersAgentlessDiscoveryK8s",
            enabledRole(arn(a, "containersAgentlessDiscovery")));
      }
      case "databases" -> {
        o.put("offeringType", "DefenderForDatabasesAws");
        o.set(
            "arcAutoProvisioning",
            enabledRole(arn(a, "arcAutoProvisioning"))
                .set("configuration", Json.NODES.objectNode()));
        if (a.rdsRoleArn() != null) {
          o.set("rds", enabledRole(a.rdsRoleArn()));
        }
        o.set("databasesDspm", enabledRole(arn(a, "databasesDspm")));
      }
      default -> throw new IllegalStateException("offering " + offering);
    }
    return o;
  }

  static ObjectNode gcpTemplate(ThreatProtection.GcpProject p) {
    ObjectNode env = Json.NODES.objectNode();
    env.put("environmentType", "GcpProject");
    env.put("scanInterval", p.scanInterval() == null ? 12 : p.scanInterval());
    env.putObject("projectDetails")
        .put("projectId", p.projectId())
        .put("projectNumber", p.projectNumber());
    if (p.organization() != null) {
      String mgmt =
          Multicloud.gcpOrganization("managementProjectPrefix") + p.organization().organizationId();
      ObjectNode org = env.putObject("organizationalData");
      org.put("organizationMembershipType", "Organization");
      org.put(
          "serviceAccountEmailAddress",
          Multicloud.gcpOrganization("onboardingServiceAccount")
              + "@"
              + mgmt
              + ".iam.gserviceaccount.com");
      org.put("workloadIdentityProviderId", Multicloud.gcpOrganization("provider"));
      org.set(
          "excludedProjectNumbers",
          Json.stringArray(p.organization().excludedProjectNumbers().stream().sorted().toList()));
    }
    ArrayNode offerings = Json.NODES.arrayNode();
    for (String o : sorted(p.offerings())) {
      offerings.add(gcpOffering(o, p));
    }
    return template(gcpName(p), p.projectNumber(), "GCP", env, offerings);
  }

  private static ObjectNode gcpOffering(String offering, ThreatProtection.GcpProject p) {
    ObjectNode o = Json.NODES.objectNode();
    switch (offering) {
      case "cspm" -> {
        o.put("offeringType", "CspmMonitorGcp");
        o.set("nativeCloudConnection", identity(p, "cspm", "microsoft-defender-cspm"));
      }
      case "defenderCspm" -> {
        o.put("offeringType", "DefenderCspmGcp");
        o.set("vmScanners", vmScannersGcp());
        containerPosture(o, p);
      }
      case "servers" -> {
        o.put("offeringType", "DefenderForServersGcp");
        o.putObject("subPlan").put("type", "P2");
        o.set(
            "defenderForServers",
            identity(p, "defender-for-servers", "microsoft-defender-for-servers"));
        o.putObject("arcAutoProvisioning").put("enabled", true).putObject("configuration");
        o.putObject("mdeAutoProvisioning").put("enabled", true).putObject("configuration");
        o.putObject("vaAutoProvisioning")
            .put("enabled", true)
            .putObject("configuration")
            .put("type", "TVM");
        o.set("vmScanners", vmScannersGcp());
      }
      case "containers" -> {
        o.put("offeringType", "DefenderForContainersGcp");
        o.set("nativeCloudConnection", identity(p, "containers", "microsoft-defender-containers"));
        o.set(
            "dataPipelineNativeCloudConnection",
            identity(p, "containers-streams", "ms-defender-containers-stream"));
        o.put("enableAuditLogsAutoProvisioning", true);
        o.put("enableDefenderAgentAutoProvisioning", true);
        o.put("enablePolicyAgentAutoProvisioning", true);
        containerPosture(o, p);
      }
      case "databases" -> {
        o.put("offeringType", "DefenderForDatabasesGcp");
        o.putObject("arcAutoProvisioning").put("enabled", true).putObject("configuration");
        o.set(
            "defenderForDatabasesArcAutoProvisioning",
            identity(p, "microsoft-databases-arc-ap", "microsoft-databases-arc-ap"));
      }
      default -> throw new IllegalStateException("offering " + offering);
    }
    return o;
  }

  /**
   * Container image assessment and agentless Kubernetes discovery, as Microsoft's GCP connector
   * example configures them in both DefenderCspmGcp and DefenderForContainersGcp: provider
   * "containers", service accounts mdc-containers-artifact-assess and mdc-containers-k8s-operator
   * (Az.Security help, New-AzSecurityConnector "Example 2: Create GCP security connector",
   * Azure/azure-powershell src/Security/Security/help/New-AzSecurityConnector.md @3d985575). Their
   * roles are published (containers-permissions.md), so setup-gcp.sh grants them.
   */
  private static void containerPosture(ObjectNode o, ThreatProtection.GcpProject p) {
    o.set(
        "mdcContainersImageAssessment",
        enabledIdentity(p, "containers", "mdc-containers-artifact-assess"));
    o.set(
        "mdcContainersAgentlessDiscoveryK8s",
        enabledIdentity(p, "containers", "mdc-containers-k8s-operator"));
  }

  private static ObjectNode enabledIdentity(
      ThreatProtection.GcpProject p, String provider, String serviceAccount) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("enabled", true);
    o.setAll(identity(p, provider, serviceAccount));
    return o;
  }

  private static ObjectNode template(
      String name, String hierarchy, String environment, ObjectNode env, ArrayNode offerings) {
    ObjectNode t = Arm.template(Arm.GROUP_SCHEMA);
    ObjectNode r = t.putArray("resources").addObject();
    r.put("type", "Microsoft.Security/securityConnectors");
    r.put("apiVersion", API_VERSION);
    r.put("name", name);
    r.set("location", Arm.expression("[resourceGroup().location]"));
    ObjectNode props = r.putObject("properties");
    props.put("hierarchyIdentifier", hierarchy);
    props.put("environmentName", environment);
    props.set("environmentData", env);
    props.set("offerings", offerings);
    return t;
  }

  private static String arn(ThreatProtection.AwsAccount a, String roleKey) {
    return "arn:aws:iam::" + a.id() + ":role/" + Multicloud.awsRole(roleKey);
  }

  private static ObjectNode enabledRole(String arn) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("enabled", true);
    o.put("cloudRoleArn", arn);
    return o;
  }

  private static ObjectNode vmScanners(String arn) {
    ObjectNode o = enabledRole(arn);
    o.putObject("configuration").put("scanningMode", "Default").putObject("exclusionTags");
    return o;
  }

  private static ObjectNode vmScannersGcp() {
    ObjectNode o = Json.NODES.objectNode();
    o.put("enabled", true);
    o.putObject("configuration").put("scanningMode", "Default").putObject("exclusionTags");
    return o;
  }

  private static ObjectNode identity(
      ThreatProtection.GcpProject p, String provider, String serviceAccount) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("workloadIdentityProviderId", provider);
    o.put(
        "serviceAccountEmailAddress",
        serviceAccount + "@" + p.projectId() + ".iam.gserviceaccount.com");
    return o;
  }

  private static List<String> sorted(List<String> offerings) {
    List<String> order = List.of("cspm", "defenderCspm", "servers", "containers", "databases");
    return offerings.stream().sorted(java.util.Comparator.comparingInt(order::indexOf)).toList();
  }

  /** Every cloudRoleArn in a rendered connector: the roles the AWS stack must have created. */
  static List<String> roleArns(JsonNode template) {
    return new ArrayList<>(new TreeSet<>(template.findValuesAsString("cloudRoleArn")));
  }

  /**
   * A workload identity provider and a service account (name, without the project) the connector
   * pairs with it.
   */
  record Identity(String provider, String serviceAccount) {}

  /**
   * Every (provider, service account) pair in a rendered GCP connector, by provider then account,
   * once each.
   */
  static List<Identity> gcpIdentities(JsonNode template, String projectId) {
    TreeSet<Identity> out =
        new TreeSet<>(
            java.util.Comparator.comparing(Identity::provider)
                .thenComparing(Identity::serviceAccount));
    for (JsonNode n : template.findParents("workloadIdentityProviderId")) {
      String email = n.get("serviceAccountEmailAddress").asString();
      String suffix = "@" + projectId + ".iam.gserviceaccount.com";
      if (email.endsWith(suffix)) {
        out.add(
            new Identity(
                n.get("workloadIdentityProviderId").asString(),
                email.substring(0, email.length() - suffix.length())));
      }
    }
    return List.copyOf(out);
  }

  /**
   * The features of a rendered GCP connector that need grants beyond its service accounts:
   * "agentlessScanning" when a vmScanners block is enabled, "containers" with a
   * DefenderForContainersGcp offering.
   */
  static List<String> gcpFeatures(JsonNode template) {
    List<String> out = new ArrayList<>();
    if (template.findParents("vmScanners").stream()
        .anyMatch(o -> o.at("/vmScanners/enabled").asBoolean(false))) {
      out.add("agentlessScanning");
    }
    if (template.findValuesAsString("offeringType").contains("DefenderForContainersGcp")) {
      out.add("containers");
    }
    return out;
  }
}
