package org.aisecuritybaseline.pipeline;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.defender.DefenderRenderer;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.ThreatProtection;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.render.Templates;

/**
 * The tenant export scripts of the whole output (docs/contracts.md section 9.1): {@code
 * export/export-tenant.sh} (Azure CLI) and {@code export/Export-Tenant.ps1} (Microsoft Graph, Az
 * and Security &amp; Compliance PowerShell) read the tenant, read-only, into a tenant snapshot
 * folder. Their only data from the estate are IDs: the tenant, whose sign-in they check, and the
 * Azure subscriptions they read by default.
 */
public final class ExportScripts {
  /** The bash and the PowerShell script's templates. */
  static final List<String> TEMPLATES =
      List.of("scripts/export/export-tenant.sh.ftl", "scripts/export/Export-Tenant.ps1.ftl");

  public static final String DIR = "export/";
  public static final String BASH = DIR + "export-tenant.sh";
  public static final String POWERSHELL = DIR + "Export-Tenant.ps1";

  private static final String GUID =
      "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

  private ExportScripts() {}

  /**
   * The templates' data model. {@code subscriptions}: the Azure subscriptions the estate names, in
   * its order (threat.azure.subscriptions, then the connector host, which holds the security
   * connectors), each once, lower case. The API versions are the ones the threat-protection family
   * writes, so that what is read back compares with what is generated.
   */
  public record Model(
      String generatorVersion,
      String toolName,
      String tenantId,
      List<String> subscriptions,
      String pricingsApi,
      String connectorsApi) {}

  static List<Artifact> render(Estate estate) {
    Model model = model(estate);
    return List.of(
        Artifact.text(BASH, Templates.render(TEMPLATES.get(0), model)),
        Artifact.text(POWERSHELL, Templates.render(TEMPLATES.get(1), model)));
  }

  static Model model(Estate estate) {
    Set<String> subscriptions = new LinkedHashSet<>();
    ThreatProtection threat = estate.threat();
    if (threat != null) {
      threat.subscriptions().forEach(s -> subscriptions.add(guid(s.id())));
      if (threat.connectorHost() != null && threat.connectorHost().subscription() != null) {
        subscriptions.add(guid(threat.connectorHost().subscription()));
      }
    }
    return new Model(
        Version.VALUE,
        Version.NAME,
        guid(estate.tenant().id()),
        List.copyOf(subscriptions),
        DefenderRenderer.PRICING_API,
        DefenderRenderer.CONNECTOR_API);
  }

  /** IDs go into the scripts quoted but unescaped: each must be a GUID (the estate schema's). */
  private static String guid(String id) {
    String lower = id.toLowerCase(Locale.ROOT);
    if (!lower.matches(GUID)) {
      throw new IllegalStateException("not a GUID: " + id);
    }
    return lower;
  }
}
