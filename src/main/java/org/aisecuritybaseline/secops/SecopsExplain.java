package org.aisecuritybaseline.secops;

import org.aisecuritybaseline.family.Explanation;

/**
 * `baseline explain <connector>`: a Sentinel data connector, how it is deployed, and the estate's.
 */
final class SecopsExplain {
  private SecopsExplain() {}

  static Explanation of(SentinelCatalogue.Connector c, String label, SecopsExpansion result) {
    Explanation x =
        new Explanation()
            .head(
                c.key(),
                c.name(),
                c.kind() == null
                    ? "Microsoft Sentinel data source (security operations), microsoft.aadiam/diagnosticSettings "
                        + c.apiVersion()
                    : "Microsoft Sentinel data connector (security operations), Microsoft.SecurityInsights/dataConnectors kind "
                        + c.kind()
                        + " "
                        + c.apiVersion());
    x.line("Brings: " + c.what());
    if (c.kind() == null) {
      x.line("Categories: " + String.join(", ", SentinelCatalogue.get().entraCategories()));
    }
    x.line("Reference: " + c.learn().url());
    x.notes(c.manual());
    if (result == null) {
      return x;
    }
    x.inEstate(label);
    if (!result.present()) {
      x.line("  the estate has no secops section");
    } else if (!result.has(c.key())) {
      x.line("  not enabled");
    } else {
      x.line(
          "  enabled on workspace "
              + result.workspace().resourceId()
              + (c.key().equals("defenderForCloud")
                  ? " for " + String.join(", ", result.defenderSubscriptions())
                  : ""));
    }
    return x;
  }
}
