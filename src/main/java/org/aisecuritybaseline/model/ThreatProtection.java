package org.aisecuritybaseline.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** The estate's {@code threat} section: Defender for Cloud on Azure, AWS and GCP. */
public record ThreatProtection(Azure azure, ConnectorHost connectorHost, Aws aws, Gcp gcp) {

  public static ThreatProtection empty() {
    return new ThreatProtection(null, null, null, null);
  }

  public boolean isEmpty() {
    return azure == null && aws == null && gcp == null;
  }

  public List<Subscription> subscriptions() {
    return azure == null ? List.of() : azure.subscriptions();
  }

  public List<AwsAccount> awsAccounts() {
    return aws == null ? List.of() : aws.accounts();
  }

  public List<GcpProject> gcpProjects() {
    return gcp == null ? List.of() : gcp.projects();
  }

  public record Azure(
      String deploymentLocation,
      Map<String, PlanSettings> plans,
      SecurityContact securityContact,
      List<Subscription> subscriptions) {
    public Azure {
      plans = sorted(plans);
      subscriptions = Estate.list(subscriptions);
    }
  }

  public record Subscription(
      String id, String name, boolean hostsAiWorkloads, Map<String, PlanSettings> plans) {
    public Subscription {
      plans = sorted(plans);
    }
  }

  public record PlanSettings(
      String tier, String subPlan, Map<String, ExtensionSettings> extensions) {
    public PlanSettings {
      extensions = sorted(extensions);
    }
  }

  public record ExtensionSettings(
      boolean enabled, Map<String, JsonNode> properties, List<Tag> exclusionTags) {
    public ExtensionSettings {
      properties = sorted(properties);
      exclusionTags = Estate.list(exclusionTags);
    }
  }

  public record Tag(String key, String value) {}

  public record SecurityContact(
      List<String> emails,
      List<String> notifyRoles,
      String minimalSeverity,
      String minimalAttackPathRiskLevel) {
    public SecurityContact {
      emails = Estate.list(emails);
      notifyRoles = Estate.list(notifyRoles);
    }
  }

  public record ConnectorHost(String subscription, String resourceGroup, String location) {}

  public record Aws(List<AwsAccount> accounts) {
    public Aws {
      accounts = Estate.list(accounts);
    }
  }

  public record AwsAccount(
      String id,
      String name,
      AwsOrganization organization,
      List<String> regions,
      Integer scanInterval,
      List<String> offerings,
      String containersExternalId,
      String rdsRoleArn) {
    public AwsAccount {
      regions = Estate.list(regions);
      offerings =
          offerings == null || offerings.isEmpty() ? DEFAULT_OFFERINGS : List.copyOf(offerings);
    }
  }

  public record AwsOrganization(String stacksetName, List<String> excludedAccountIds) {
    public AwsOrganization {
      excludedAccountIds = Estate.list(excludedAccountIds);
    }
  }

  public record Gcp(String workloadIdentityPoolId, List<GcpProject> projects) {
    public Gcp {
      projects = Estate.list(projects);
    }
  }

  public record GcpProject(
      String projectId,
      String projectNumber,
      String name,
      GcpOrganization organization,
      Integer scanInterval,
      List<String> offerings) {
    public GcpProject {
      offerings =
          offerings == null || offerings.isEmpty() ? DEFAULT_OFFERINGS : List.copyOf(offerings);
    }
  }

  public record GcpOrganization(String organizationId, List<String> excludedProjectNumbers) {
    public GcpOrganization {
      excludedProjectNumbers = Estate.list(excludedProjectNumbers);
    }
  }

  /** Foundational CSPM, Defender CSPM (AI security posture) and Defender for Servers. */
  public static final List<String> DEFAULT_OFFERINGS = List.of("cspm", "defenderCspm", "servers");

  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
