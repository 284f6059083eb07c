package org.aisecuritybaseline.secops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.family.LeftOut;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.Secops;
import org.aisecuritybaseline.model.ThreatProtection;

/**
 * What the secops family deploys for an estate: the workspace (created or existing), the data
 * connectors in deployment order, the subscriptions whose Defender for Cloud alerts are connected,
 * and the region of the tenant-scope deployment. Empty (no workspace) without a secops section.
 *
 * @param tenantLocation the region of the Entra ID diagnostic settings' deployment, or null when
 *     the Entra ID connector is off
 */
public record SecopsExpansion(
    Workspace workspace,
    List<SentinelCatalogue.Connector> connectors,
    List<String> defenderSubscriptions,
    String tenantLocation,
    List<Finding> findings,
    List<LeftOut> leftOut,
    List<LeftOut> limitations)
    implements Family.Result {

  /**
   * The workspace. {@code location} and {@code retentionDays} are null for an existing workspace
   * ({@code created} false).
   */
  public record Workspace(
      String subscription,
      String resourceGroup,
      String name,
      String location,
      Integer retentionDays,
      boolean created) {
    public String resourceId() {
      return "/subscriptions/"
          + subscription
          + "/resourceGroups/"
          + resourceGroup
          + "/providers/Microsoft.OperationalInsights/workspaces/"
          + name;
    }
  }

  static final SecopsExpansion NONE =
      new SecopsExpansion(null, List.of(), List.of(), null, List.of(), List.of(), List.of());

  public boolean present() {
    return workspace != null;
  }

  public boolean has(String connector) {
    return connectors.stream().anyMatch(c -> c.key().equals(connector));
  }

  static SecopsExpansion expand(Estate estate) {
    Secops s = estate.secops();
    if (!s.present()) {
      return NONE;
    }
    SentinelCatalogue catalogue = SentinelCatalogue.get();
    Workspace w = workspace(s.workspace(), catalogue);
    List<String> subscriptions =
        estate.threat().subscriptions().stream()
            .map(ThreatProtection.Subscription::id)
            .map(id -> id.toLowerCase(Locale.ROOT))
            .toList();
    List<String> named = s.sentinel() == null ? null : s.sentinel().connectors();
    List<SentinelCatalogue.Connector> connectors = new ArrayList<>();
    List<LeftOut> leftOut = new ArrayList<>();
    for (SentinelCatalogue.Connector c : catalogue.connectors()) {
      if (named != null) {
        if (named.contains(c.key())) {
          connectors.add(c);
        }
        continue;
      }
      if (c.key().equals("defenderForCloud") && subscriptions.isEmpty()) {
        leftOut.add(
            new LeftOut(
                c.key(),
                c.name(),
                "no Azure subscription is declared under threat.azure, so there are no Defender for"
                    + " Cloud alerts to connect"));
      } else if (c.key().equals("entraId") && !w.created() && s.deploymentLocation() == null) {
        continue; // SecopsCheck reports it (E314): the tenant deployment needs a region
      } else {
        connectors.add(c);
      }
    }
    boolean entra = connectors.stream().anyMatch(c -> c.key().equals("entraId"));
    String tenantLocation =
        !entra ? null : s.deploymentLocation() != null ? s.deploymentLocation() : w.location();
    boolean asc = connectors.stream().anyMatch(c -> c.key().equals("defenderForCloud"));
    return new SecopsExpansion(
        w,
        List.copyOf(connectors),
        asc ? subscriptions : List.of(),
        tenantLocation,
        List.of(),
        List.copyOf(leftOut),
        List.of());
  }

  private static Workspace workspace(Secops.Workspace w, SentinelCatalogue catalogue) {
    if (w.create() != null) {
      Secops.Create c = w.create();
      return new Workspace(
          c.subscription().toLowerCase(Locale.ROOT),
          c.resourceGroup(),
          c.name(),
          c.location(),
          c.retentionDays() == null ? catalogue.defaultRetention() : c.retentionDays(),
          true);
    }
    // /subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>
    String[] parts = w.resourceId().split("/");
    return new Workspace(parts[2].toLowerCase(Locale.ROOT), parts[4], parts[8], null, null, false);
  }
}
