package org.aisecuritybaseline.secops;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.family.Arm;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.render.Templates;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The secops family's files: {@code sentinel.json} (resource-group scope: the workspace when it is
 * created, Sentinel's onboarding state, the data connectors one after another), {@code
 * entra-diagnostics.json} (tenant scope: the Entra ID diagnostic settings that send the sign-in,
 * audit and risk logs to the workspace) and the scripts that deploy them. Literal values go into
 * the trees unescaped; {@link Arm#writeBytes} escapes them.
 */
final class SentinelRenderer {
  static final String DIR = "secops/";
  static final String SCRIPT_SH = "scripts/secops/enable-sentinel.sh.ftl";
  static final String SCRIPT_PS1 = "scripts/secops/enable-sentinel.ps1.ftl";
  static final String SENTINEL = DIR + "sentinel.json";
  static final String ENTRA = DIR + "entra-diagnostics.json";
  static final String GROUP_DEPLOYMENT = "ai-security-baseline-sentinel";

  /**
   * The tenant deployment's name carries its location (a deployment name keeps the location it was
   * first created in, as for Defender's subscription deployments); prefix and a 40-character region
   * stay within the 64 characters of a deployment name.
   */
  static final String TENANT_DEPLOYMENT_PREFIX = "aisb-entra-diagnostics-";

  /** The name of the tenant's diagnostic setting this family manages. */
  static final String DIAGNOSTIC_SETTING = "ai-security-baseline-sentinel";

  /** The workspace's pricing tier: pay-as-you-go (the schema's PerGB2018). */
  static final String WORKSPACE_SKU = "PerGB2018";

  private static final String WORKSPACES = "Microsoft.OperationalInsights/workspaces";
  private static final List<String> PROVIDERS =
      List.of("Microsoft.OperationalInsights", "Microsoft.SecurityInsights");

  private SentinelRenderer() {}

  /** The data model of enable-sentinel.sh and .ps1 (templates/scripts/secops/). */
  public record EnableSentinelModel(
      String generatorVersion,
      String subscription,
      String resourceGroup,
      String workspace,
      boolean createGroup,
      String location,
      String groupDeployment,
      boolean entra,
      String tenantLocation,
      String tenantDeployment,
      List<String> providers,
      List<String> connectedSubscriptions) {}

  /**
   * The resource provider Microsoft requires in each subscription whose Defender for Cloud alerts
   * are connected ("Ingest Microsoft Defender for Cloud alerts to Microsoft Sentinel",
   * Prerequisites: "the SecurityInsights resource provider to be registered for each subscription
   * where you want to enable the connector").
   */
  static final String CONNECTED_PROVIDER = "Microsoft.SecurityInsights";

  static List<Artifact> render(Estate estate, SecopsExpansion x) {
    if (!x.present()) {
      return List.of();
    }
    List<Artifact> out = new ArrayList<>();
    out.add(new Artifact(SENTINEL, Arm.writeBytes(sentinelTemplate(estate, x))));
    if (x.tenantLocation() != null) {
      out.add(new Artifact(ENTRA, Arm.writeBytes(entraTemplate(x))));
    }
    SecopsExpansion.Workspace w = x.workspace();
    EnableSentinelModel model =
        new EnableSentinelModel(
            Version.VALUE,
            w.subscription(),
            w.resourceGroup(),
            w.name(),
            w.created(),
            w.created() ? w.location() : "",
            GROUP_DEPLOYMENT,
            x.tenantLocation() != null,
            x.tenantLocation() == null ? "" : x.tenantLocation(),
            x.tenantLocation() == null ? "" : TENANT_DEPLOYMENT_PREFIX + x.tenantLocation(),
            PROVIDERS,
            x.defenderSubscriptions().stream().filter(s -> !s.equals(w.subscription())).toList());
    out.add(Artifact.text(DIR + "enable-sentinel.sh", Templates.render(SCRIPT_SH, model)));
    out.add(Artifact.text(DIR + "enable-sentinel.ps1", Templates.render(SCRIPT_PS1, model)));
    return out;
  }

  /** The connector's resource name in the workspace. */
  static String connectorName(SentinelCatalogue.Connector c, String subscription) {
    return switch (c.key()) {
      case "defenderXdr" -> "defender-xdr";
      case "defenderForCloud" -> "defender-for-cloud-" + subscription;
      case "microsoft365" -> "microsoft-365";
      default -> throw new IllegalStateException("no data connector resource for " + c.key());
    };
  }

  static ObjectNode sentinelTemplate(Estate estate, SecopsExpansion x) {
    SentinelCatalogue catalogue = SentinelCatalogue.get();
    SecopsExpansion.Workspace w = x.workspace();
    ObjectNode t = Arm.template(Arm.GROUP_SCHEMA);
    ArrayNode resources = t.putArray("resources");
    String workspaceId = "resourceId('" + WORKSPACES + "', '" + w.name() + "')";
    if (w.created()) {
      ObjectNode r = resources.addObject();
      r.put("type", WORKSPACES);
      r.put("apiVersion", catalogue.workspaceApi());
      r.put("name", w.name());
      r.put("location", w.location());
      ObjectNode props = r.putObject("properties");
      props.putObject("sku").put("name", WORKSPACE_SKU);
      props.put("retentionInDays", w.retentionDays());
    }
    ObjectNode onboarding = resources.addObject();
    onboarding.put("type", "Microsoft.SecurityInsights/onboardingStates");
    onboarding.put("apiVersion", catalogue.sentinelApi());
    onboarding.put("name", "default");
    onboarding.put("scope", WORKSPACES + "/" + w.name());
    if (w.created()) {
      onboarding.putArray("dependsOn").add(Arm.expression("[" + workspaceId + "]"));
    }
    onboarding.putObject("properties");
    String previous =
        "[extensionResourceId("
            + workspaceId
            + ", 'Microsoft.SecurityInsights/onboardingStates', 'default')]";
    String tenant = estate.tenant().id().toLowerCase(java.util.Locale.ROOT);
    for (SentinelCatalogue.Connector c : x.connectors()) {
      if (c.kind() == null) {
        continue;
      }
      List<String> subscriptions =
          c.key().equals("defenderForCloud") ? x.defenderSubscriptions() : List.of("");
      for (String subscription : subscriptions) {
        String name = connectorName(c, subscription);
        ObjectNode r = resources.addObject();
        r.put("type", "Microsoft.SecurityInsights/dataConnectors");
        r.put("apiVersion", c.apiVersion());
        r.put("name", name);
        r.put("scope", WORKSPACES + "/" + w.name());
        r.put("kind", c.kind());
        r.putArray("dependsOn").add(Arm.expression(previous));
        ObjectNode props = r.putObject("properties");
        ObjectNode types = props.putObject("dataTypes");
        switch (c.kind()) {
          case "MicrosoftThreatProtection" -> {
            props.put("tenantId", tenant);
            types.putObject("alerts").put("state", "Enabled");
            types.putObject("incidents").put("state", "Enabled");
          }
          case "AzureSecurityCenter" -> {
            props.put("subscriptionId", subscription);
            types.putObject("alerts").put("state", "Enabled");
          }
          case "Office365" -> {
            props.put("tenantId", tenant);
            types.putObject("exchange").put("state", "Enabled");
            types.putObject("sharePoint").put("state", "Enabled");
            types.putObject("teams").put("state", "Enabled");
          }
          default -> throw new IllegalStateException("unknown connector kind " + c.kind());
        }
        previous =
            "[extensionResourceId("
                + workspaceId
                + ", 'Microsoft.SecurityInsights/dataConnectors', '"
                + name
                + "')]";
      }
    }
    return t;
  }

  static ObjectNode entraTemplate(SecopsExpansion x) {
    ObjectNode t = Arm.template(Arm.TENANT_SCHEMA);
    ArrayNode resources = t.putArray("resources");
    ObjectNode r = resources.addObject();
    r.put("type", "microsoft.aadiam/diagnosticSettings");
    r.put("apiVersion", SentinelCatalogue.get().connector("entraId").orElseThrow().apiVersion());
    r.put("name", DIAGNOSTIC_SETTING);
    ObjectNode props = r.putObject("properties");
    props.put("workspaceId", x.workspace().resourceId());
    ArrayNode logs = props.putArray("logs");
    for (String category : SentinelCatalogue.get().entraCategories()) {
      logs.addObject().put("category", category).put("enabled", true);
    }
    return t;
  }
}
