package org.aisecuritybaseline.defender;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.family.Arm;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.ThreatProtection;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.render.Templates;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The threat-protection family: one subscription-scope ARM template per Azure subscription, one
 * connector template per AWS account and GCP project, the cloud-side expectations and scripts.
 */
public final class DefenderRenderer {
  public static final String DIR = "defender/";

  static final String ENABLE_SH = "scripts/defender/enable-defender.sh.ftl";
  static final String ENABLE_PS1 = "scripts/defender/enable-defender.ps1.ftl";
  static final String DEPLOY_CONNECTORS = "scripts/defender/deploy-connectors.sh.ftl";
  static final String CHECK_AWS = "scripts/defender/check-aws.sh.ftl";
  static final String SETUP_GCP = "scripts/defender/setup-gcp.sh.ftl";

  /** The templates this renderer uses (preloaded by DefenderFamily). */
  static final List<String> TEMPLATES =
      List.of(ENABLE_SH, ENABLE_PS1, DEPLOY_CONNECTORS, CHECK_AWS, SETUP_GCP);

  /**
   * A written template's value as ARM deploys it and a GET returns it: literals lose the escape
   * ({@code [[x]} is {@code [x]}). For comparisons with a tenant.
   */
  public static tools.jackson.databind.JsonNode deployedValue(
      tools.jackson.databind.JsonNode written) {
    return Arm.deployedValue(written);
  }

  /** API version of the pricings this family writes, and that export-tenant reads back. */
  public static final String PRICING_API = "2024-01-01";

  /**
   * API version of the security connectors this family writes, and that export-tenant reads back.
   */
  public static final String CONNECTOR_API = Connectors.API_VERSION;

  static final String CONTACTS_API = "2023-12-01-preview";
  static final String DEPLOYMENT_PREFIX = "ai-security-baseline-defender";

  /**
   * Error codes on which enable-defender retries a subscription deployment. "Conflict" (HTTP 409)
   * is what a pricing PUT answers while another one runs on the subscription ("Conflict: Another
   * update operation is in progress. Please retry in a few minutes",
   * hashicorp/terraform-provider-azurerm PR #32444); "ConcurrentOperationInProgress" is the
   * pricings API's own code for it ("Another batch pricing operation is currently in progress for
   * this subscription. Please wait for the current operation to complete before starting a new
   * one.", Azure/azure-rest-api-specs
   * specification/security/resource-manager/Microsoft.Security/preview/2025-10-01-preview/examples/Pricings/BatchUpdatePricings_ConflictError_example.json @2fe907b8c41adca82129c7be7bf0c790e858edc5).
   * "AnotherOperationInProgress" is kept from the first version of these scripts: other Azure
   * providers (Microsoft.Network) answer a concurrent change with it; no Microsoft source documents
   * it for pricings. HTTP 409 itself is matched as a number.
   */
  static final List<String> RETRY_CODES =
      List.of("Conflict", "ConcurrentOperationInProgress", "AnotherOperationInProgress");

  /**
   * Codes that come with the same 409 but do not go away by waiting (the same spec example):
   * "EnforcementPolicyViolation" (enforcement at a management group prevents changes to descendant
   * scopes) and "ResourceLocked" (a resource lock prevents modifications). The scripts stop at once
   * on these instead of retrying.
   */
  static final List<String> PERMANENT_CODES =
      List.of("EnforcementPolicyViolation", "ResourceLocked");

  /**
   * Longest deployment name. Microsoft Learn, "Naming rules and restrictions for Azure resources",
   * Microsoft.Resources: "deployments | resource group | 1-64 | Alphanumerics, underscores,
   * parentheses, hyphens, and periods."
   * (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules)
   */
  static final int MAX_DEPLOYMENT_NAME = 64;

  private DefenderRenderer() {}

  // Data models of the script templates (docs/contracts.md section 5).
  public record EnableDefenderModel(
      String generatorVersion,
      List<String> retryCodes,
      List<String> permanentCodes,
      List<Subscription> subscriptions) {}

  public record Subscription(String id, String file, String deploymentName, String location) {}

  public record ConnectorDeployModel(
      String generatorVersion,
      String cloud,
      String hostSubscription,
      String resourceGroup,
      String location,
      List<Connector> connectors) {}

  public record Connector(String name, String file) {}

  public record GcpSetupModel(
      String generatorVersion,
      String projectId,
      String projectNumber,
      String poolId,
      String issuer,
      List<String> apis,
      List<Provider> providers,
      List<CustomRole> customRoles,
      List<ServiceAccount> serviceAccounts,
      List<Binding> bindings) {}

  public record Provider(String id, String audience) {}

  /** A custom role of the project; {@code permissions} comma-separated, as gcloud takes them. */
  public record CustomRole(String id, String title, String description, String permissions) {}

  /**
   * {@code projectRoles}: predefined (roles/...) or the project's custom roles
   * (projects/P/roles/...).
   */
  public record ServiceAccount(
      String name,
      String displayName,
      List<String> projectRoles,
      boolean bindPool,
      List<String> tokenCreatorMembers) {}

  /**
   * A project role for an account outside the project (Microsoft's scanner, Google's logging
   * service).
   */
  public record Binding(String member, String role) {}

  public record AwsCheckModel(
      String generatorVersion, String externalIdQuery, List<Account> accounts) {}

  /**
   * The AWS CLI query (JMESPath) that lists every sts:ExternalId in a role's trust policy, whatever
   * the condition operator: {@code aws iam get-role --role-name NAME --query ... --output text}.
   * The check script runs it and the output README shows it, so both say the same.
   */
  public static final String EXTERNAL_ID_QUERY =
      "Role.AssumeRolePolicyDocument.Statement[].Condition.*.\"sts:ExternalId\"[]";

  public record Account(
      String id,
      String oidcProviderArn,
      List<String> audiences,
      List<Role> roles,
      List<ExternalId> externalIds) {}

  public record Role(String name, String arn) {}

  /** A role whose trust policy must name the connector's external ID (sts:ExternalId). */
  public record ExternalId(String role, String externalId) {}

  public static List<Artifact> render(Estate estate, List<PlannedSubscription> subscriptions) {
    List<Artifact> out = new ArrayList<>();
    ThreatProtection t = estate.threat();
    if (!subscriptions.isEmpty()) {
      String location =
          t.azure().deploymentLocation() != null
              ? t.azure().deploymentLocation()
              : t.connectorHost().location();
      List<Subscription> subs = new ArrayList<>();
      for (PlannedSubscription s : subscriptions) {
        out.add(
            new Artifact(
                DIR + "azure/" + s.id() + ".json",
                Arm.writeBytes(subscriptionTemplate(s, t.azure().securityContact()))));
        subs.add(new Subscription(s.id(), s.id() + ".json", deploymentName(location), location));
      }
      EnableDefenderModel model =
          new EnableDefenderModel(Version.VALUE, RETRY_CODES, PERMANENT_CODES, subs);
      out.add(script(DIR + "azure/enable-defender.sh", ENABLE_SH, model));
      out.add(script(DIR + "azure/enable-defender.ps1", ENABLE_PS1, model));
    }
    if (!t.awsAccounts().isEmpty()) {
      List<Connector> connectors = new ArrayList<>();
      List<Account> accounts = new ArrayList<>();
      for (ThreatProtection.AwsAccount a : t.awsAccounts()) {
        ObjectNode template = Connectors.awsTemplate(a);
        out.add(new Artifact(DIR + "aws/" + a.id() + "/connector.json", Arm.writeBytes(template)));
        Account expected = awsExpectations(a, template);
        accounts.add(expected);
        out.add(
            new Artifact(
                DIR + "aws/" + a.id() + "/expected-stack.json",
                Json.writeBytes(expectedStack(a, expected))));
        connectors.add(new Connector(Connectors.awsName(a), a.id() + "/connector.json"));
      }
      out.add(
          script(
              DIR + "aws/deploy-connectors.sh",
              DEPLOY_CONNECTORS,
              deployModel(t, "aws", connectors)));
      out.add(
          script(
              DIR + "aws/check-aws.sh",
              CHECK_AWS,
              new AwsCheckModel(Version.VALUE, EXTERNAL_ID_QUERY, accounts)));
    }
    if (!t.gcpProjects().isEmpty()) {
      List<Connector> connectors = new ArrayList<>();
      for (ThreatProtection.GcpProject p : t.gcpProjects()) {
        ObjectNode template = Connectors.gcpTemplate(p);
        out.add(
            new Artifact(
                DIR + "gcp/" + p.projectId() + "/connector.json", Arm.writeBytes(template)));
        out.add(
            script(
                DIR + "gcp/" + p.projectId() + "/setup-gcp.sh",
                SETUP_GCP,
                gcpSetup(estate, p, template)));
        connectors.add(new Connector(Connectors.gcpName(p), p.projectId() + "/connector.json"));
      }
      out.add(
          script(
              DIR + "gcp/deploy-connectors.sh",
              DEPLOY_CONNECTORS,
              deployModel(t, "gcp", connectors)));
    }
    return out;
  }

  /**
   * The subscription deployment's name, which carries its location: "For each deployment name, the
   * location is immutable. You can't create a deployment in one location when there's an existing
   * deployment with the same name in a different location. If you get the error code
   * InvalidDeploymentLocation, either use a different name or the same location as the previous
   * deployment for that name." (Microsoft Learn, "Subscription deployments with ARM templates",
   * section "Deployment location and name",
   * https://learn.microsoft.com/azure/azure-resource-manager/templates/deploy-to-subscription). So
   * a changed threat.azure.deploymentLocation makes a new deployment instead of a failing one.
   * Every Azure region name fits; a longer location (the estate allows 40 characters) keeps a
   * prefix of itself and a hash of the whole, so two locations never share a name.
   */
  static String deploymentName(String location) {
    String name = DEPLOYMENT_PREFIX + "-" + location;
    if (name.length() <= MAX_DEPLOYMENT_NAME) {
      return name;
    }
    String hash = java.util.HexFormat.of().formatHex(sha256(location), 0, 4);
    return name.substring(0, MAX_DEPLOYMENT_NAME - hash.length() - 1) + "-" + hash;
  }

  private static byte[] sha256(String s) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Artifact script(String path, String template, Record model) {
    return Artifact.text(path, Templates.render(template, model));
  }

  private static ConnectorDeployModel deployModel(
      ThreatProtection t, String cloud, List<Connector> connectors) {
    ThreatProtection.ConnectorHost h = t.connectorHost();
    return new ConnectorDeployModel(
        Version.VALUE,
        cloud,
        h.subscription().toLowerCase(java.util.Locale.ROOT),
        h.resourceGroup(),
        h.location(),
        connectors);
  }

  /**
   * Pricings in name order, each depending on the one before (parallel PUTs answer 409), then the
   * security contact. Literal values go in unescaped; {@link Arm#writeBytes} escapes them.
   */
  static ObjectNode subscriptionTemplate(
      PlannedSubscription s, ThreatProtection.SecurityContact contact) {
    ObjectNode t = Arm.template(Arm.SUBSCRIPTION_SCHEMA);
    ArrayNode resources = t.putArray("resources");
    String previous = null;
    for (PlannedSubscription.PlanState plan : s.plans()) {
      ObjectNode r = resources.addObject();
      r.put("type", "Microsoft.Security/pricings");
      r.put("apiVersion", PRICING_API);
      r.put("name", plan.name());
      if (previous != null) {
        r.putArray("dependsOn")
            .add(
                Arm.expression(
                    "[subscriptionResourceId('Microsoft.Security/pricings', '" + previous + "')]"));
      }
      ObjectNode props = r.putObject("properties");
      props.put("pricingTier", plan.tier());
      if (plan.subPlan() != null) {
        props.put("subPlan", plan.subPlan());
      }
      if (!plan.extensions().isEmpty()) {
        ArrayNode ext = props.putArray("extensions");
        for (PlannedSubscription.ExtensionState e : plan.extensions()) {
          ObjectNode x = ext.addObject();
          x.put("name", e.name());
          x.put("isEnabled", e.enabled() ? "True" : "False");
          if (e.enabled() && !e.properties().isEmpty()) {
            ObjectNode aep = x.putObject("additionalExtensionProperties");
            e.properties().forEach(aep::set);
          }
        }
      }
      previous = plan.name();
    }
    if (contact != null) {
      ObjectNode r = resources.addObject();
      r.put("type", "Microsoft.Security/securityContacts");
      r.put("apiVersion", CONTACTS_API);
      r.put("name", "default");
      ObjectNode props = r.putObject("properties");
      props.put("emails", String.join(";", contact.emails().stream().sorted().toList()));
      props.put("isEnabled", true);
      ObjectNode byRole = props.putObject("notificationsByRole");
      byRole.put("state", contact.notifyRoles().isEmpty() ? "Off" : "On");
      byRole.set("roles", Json.stringArray(contact.notifyRoles().stream().sorted().toList()));
      ArrayNode sources = props.putArray("notificationsSources");
      sources
          .addObject()
          .put("sourceType", "Alert")
          .put(
              "minimalSeverity",
              contact.minimalSeverity() == null ? "Medium" : contact.minimalSeverity());
      if (contact.minimalAttackPathRiskLevel() != null) {
        sources
            .addObject()
            .put("sourceType", "AttackPath")
            .put("minimalRiskLevel", contact.minimalAttackPathRiskLevel());
      }
    }
    return t;
  }

  /**
   * What the AWS account must hold for this connector, read from the connector itself: every role
   * it names, the audience each of those roles trusts on the OIDC provider, and the external ID the
   * data-collection role's trust policy must name.
   */
  public static Account awsExpectations(ThreatProtection.AwsAccount a, JsonNode connector) {
    Map<String, String> audienceOf = Multicloud.awsAudiences();
    TreeSet<String> audiences = new TreeSet<>();
    List<Role> roles = new ArrayList<>();
    for (String arn : Connectors.roleArns(connector)) {
      String name = roleName(arn);
      roles.add(new Role(name, arn));
      if (audienceOf.containsKey(name)) {
        audiences.add(audienceOf.get(name));
      }
    }
    List<ExternalId> externalIds = new ArrayList<>();
    for (JsonNode offering : connector.findParents("dataCollectionExternalId")) {
      String role = roleName(offering.at("/kubernetesDataCollection/cloudRoleArn").asString());
      externalIds.add(new ExternalId(role, offering.get("dataCollectionExternalId").asString()));
    }
    String provider =
        "arn:aws:iam::" + a.id() + ":oidc-provider/" + Multicloud.awsOidcProviderPath();
    return new Account(
        a.id(), provider, List.copyOf(audiences), List.copyOf(roles), List.copyOf(externalIds));
  }

  /** The AWS account's expectations, from its rendered connector. */
  public static Account awsExpectations(ThreatProtection.AwsAccount a) {
    return awsExpectations(a, Connectors.awsTemplate(a));
  }

  private static String roleName(String arn) {
    return arn.substring(arn.indexOf(":role/") + 6);
  }

  private static ObjectNode expectedStack(ThreatProtection.AwsAccount a, Account expected) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("accountId", a.id());
    root.put(
        "note",
        "What the CloudFormation stack generated by the Defender for Cloud portal must create in this account for"
            + " connector "
            + Connectors.awsName(a)
            + ". Reconstructed from Microsoft's samples (default role names), not published"
            + " by Microsoft: check it with check-aws.sh after deploying the portal's stack.");
    ObjectNode oidc = root.putObject("oidcProvider");
    oidc.put("arn", expected.oidcProviderArn());
    oidc.put("url", Multicloud.issuer());
    oidc.set("audiences", Json.stringArray(expected.audiences()));
    ArrayNode roles = root.putArray("roles");
    for (Role r : expected.roles()) {
      ObjectNode role = roles.addObject().put("name", r.name()).put("arn", r.arn());
      expected.externalIds().stream()
          .filter(x -> x.role().equals(r.name()))
          .forEach(x -> role.put("trustedExternalId", x.externalId()));
    }
    return root;
  }

  /**
   * The GCP setup script's model, read from the rendered connector: the providers and service
   * accounts it names with their published roles, and for the features it turns on (agentless
   * scanning, Defender for Containers) the custom roles and the grants to Microsoft's and Google's
   * accounts they need.
   */
  static GcpSetupModel gcpSetup(Estate estate, ThreatProtection.GcpProject p, JsonNode connector) {
    List<Connectors.Identity> identities = Connectors.gcpIdentities(connector, p.projectId());
    java.util.LinkedHashMap<String, Provider> providers = new java.util.LinkedHashMap<>();
    List<ServiceAccount> accounts = new ArrayList<>();
    List<String> arcMembers = new ArrayList<>();
    TreeSet<String> customRoles = new TreeSet<>();
    for (Connectors.Identity id : identities) {
      providers.computeIfAbsent(id.provider(), k -> new Provider(k, Multicloud.gcpAudience(k)));
      if (accounts.stream().anyMatch(a -> a.name().equals(id.serviceAccount()))) {
        continue;
      }
      JsonNode data = Multicloud.gcpServiceAccount(id.serviceAccount());
      List<String> roles = new ArrayList<>(Json.strings(data.get("roles")));
      for (String custom : Json.strings(data.get("customRoles"))) {
        customRoles.add(custom);
        roles.add(customRoleName(p, custom));
      }
      accounts.add(
          new ServiceAccount(
              id.serviceAccount(), displayName(data), List.copyOf(roles), true, List.of()));
      if (id.provider().equals("defender-for-servers")
          || id.provider().equals("microsoft-databases-arc-ap")) {
        arcMembers.add(id.serviceAccount());
      }
    }
    if (!arcMembers.isEmpty()) {
      String arc = "azure-arc-for-servers-onboard";
      JsonNode data = Multicloud.gcpServiceAccount(arc);
      accounts.add(
          new ServiceAccount(arc, displayName(data), List.of(), false, List.copyOf(arcMembers)));
    }
    List<Binding> bindings = new ArrayList<>();
    for (String feature : Connectors.gcpFeatures(connector)) {
      for (JsonNode b : Multicloud.gcpFeature(feature).path("bindings")) {
        String role;
        if (b.has("customRole")) {
          customRoles.add(b.get("customRole").asString());
          role = customRoleName(p, b.get("customRole").asString());
        } else {
          role = b.get("role").asString();
        }
        bindings.add(
            new Binding(
                checked(
                    b.get("member").asString(),
                    "^serviceAccount:[a-z0-9-]+@[a-z0-9.-]+\\.gserviceaccount\\.com$"),
                checked(role, "^(roles/[A-Za-z0-9.]+|projects/[a-z0-9-]+/roles/[A-Za-z0-9_.]+)$")));
      }
    }
    List<CustomRole> roles = new ArrayList<>();
    for (String id : customRoles) {
      JsonNode r = Multicloud.gcpCustomRole(id);
      List<String> permissions = Json.strings(r.get("permissions"));
      permissions.forEach(x -> checked(x, "^[a-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)+$"));
      roles.add(
          new CustomRole(
              checked(id, "^[A-Za-z0-9_.]{3,64}$"),
              checked(r.get("title").asString(), "^[A-Za-z0-9 ]{1,100}$"),
              checked(r.get("description").asString(), "^[A-Za-z0-9 ]{1,300}$"),
              String.join(",", permissions)));
    }
    TreeSet<String> apis = new TreeSet<>(Multicloud.gcpApis());
    p.offerings().forEach(o -> apis.addAll(Multicloud.gcpOfferingApis(o)));
    return new GcpSetupModel(
        Version.VALUE,
        p.projectId(),
        p.projectNumber(),
        poolId(estate),
        Multicloud.issuer(),
        List.copyOf(apis),
        List.copyOf(providers.values()),
        List.copyOf(roles),
        List.copyOf(accounts),
        List.copyOf(bindings));
  }

  private static String customRoleName(ThreatProtection.GcpProject p, String id) {
    return "projects/" + p.projectId() + "/roles/" + id;
  }

  private static String displayName(JsonNode serviceAccount) {
    return checked(serviceAccount.get("displayName").asString(), "^[A-Za-z0-9 ]+$");
  }

  /** The patterns of {@link #checked}, each compiled once (per GCP project, a dozen checks). */
  private static final Map<String, java.util.regex.Pattern> PATTERNS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Data from multicloud.json goes into a script quoted but unescaped: it must have the documented
   * form (docs/contracts.md 5.3).
   */
  private static String checked(String value, String pattern) {
    if (!PATTERNS
        .computeIfAbsent(pattern, java.util.regex.Pattern::compile)
        .matcher(value)
        .matches()) {
      throw new IllegalStateException("multicloud.json: '" + value + "' does not match " + pattern);
    }
    return value;
  }

  /**
   * The workload identity pool ID: the estate's, or the tenant ID without hyphens (Microsoft's
   * sample).
   */
  public static String poolId(Estate estate) {
    ThreatProtection.Gcp gcp = estate.threat().gcp();
    if (gcp != null && gcp.workloadIdentityPoolId() != null) {
      return gcp.workloadIdentityPoolId();
    }
    return estate.tenant().id().replace("-", "").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * What setup-gcp.sh does not do for this project's connector, each as a sentence: the features'
   * unconfirmed grants, the note on Microsoft's external accounts, and the Defender CSPM features
   * the connector does not configure.
   */
  public static List<String> gcpManualSteps(ThreatProtection.GcpProject p) {
    List<String> steps = new ArrayList<>();
    ObjectNode connector = Connectors.gcpTemplate(p);
    for (String feature : Connectors.gcpFeatures(connector)) {
      JsonNode f = Multicloud.gcpFeature(feature);
      if (f.has("note")) {
        steps.add(f.get("note").asString());
      }
      for (JsonNode m : f.path("manual")) {
        steps.add(capitalised(m.get("text").asString()));
      }
    }
    for (JsonNode cspm : connector.findParents("offeringType")) {
      if (!cspm.get("offeringType").asString().equals("DefenderCspmGcp")) {
        continue;
      }
      List<String> on = new ArrayList<>();
      List<String> off = new ArrayList<>();
      Multicloud.gcpDefenderCspmFeatures()
          .forEach((property, label) -> (cspm.has(property) ? on : off).add(label));
      if (!off.isEmpty()) {
        steps.add(
            "Defender CSPM's "
                + and(off)
                + " need providers whose audiences Microsoft does not publish; the"
                + " connector configures "
                + and(on)
                + " only. Add the others with the portal.");
      }
    }
    return steps;
  }

  private static String and(List<String> items) {
    return items.size() < 2
        ? String.join("", items)
        : String.join(", ", items.subList(0, items.size() - 1))
            + " and "
            + items.get(items.size() - 1);
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
