package org.aisecuritybaseline.plan;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which deployable object an output file is: the file name carries the stable ID. Files outside the
 * families are their own objects.
 */
final class Objects {
  record Ref(String id, String kind) {}

  private static final Pattern CA =
      Pattern.compile("^entra/conditional-access/(CA[0-9]{3})-[^/]+\\.json$");
  private static final Pattern LOCATION =
      Pattern.compile("^entra/named-locations/(NL-[^/]+)\\.json$");
  private static final Pattern DLP = Pattern.compile("^purview/dlp/(DLP[0-9]{3})-[^/]+\\.json$");
  private static final Pattern LABEL = Pattern.compile("^purview/labels/([^/]+)\\.json$");
  private static final Pattern LABEL_POLICY =
      Pattern.compile("^purview/labels/policies/([^/]+)\\.json$");
  private static final Pattern COLLECTION = Pattern.compile("^purview/collection/([^/]+)\\.json$");
  private static final Pattern PRESET =
      Pattern.compile("^secops/office365-presets/(standard|strict)\\.json$");
  private static final Pattern SUBSCRIPTION =
      Pattern.compile("^defender/azure/([0-9a-f-]{36})\\.json$");
  private static final Pattern AWS = Pattern.compile("^defender/aws/([0-9]{12})/connector\\.json$");
  private static final Pattern GCP =
      Pattern.compile("^defender/gcp/([a-z0-9-]+)/connector\\.json$");

  private static final String SENTINEL = "secops/sentinel.json";
  private static final String ENTRA_DIAGNOSTICS = "secops/entra-diagnostics.json";

  private Objects() {}

  static Optional<Ref> of(String path) {
    if (path.equals(SENTINEL)) {
      return Optional.of(new Ref("sentinel", "Sentinel workspace and data connectors"));
    }
    if (path.equals(ENTRA_DIAGNOSTICS)) {
      return Optional.of(new Ref("entra-diagnostics", "Entra ID diagnostic setting"));
    }
    for (Object[] p :
        new Object[][] {
          {CA, "Conditional Access policy"},
          {LOCATION, "named location"},
          {DLP, "DLP policy"},
          {LABEL, "sensitivity label"},
          {LABEL_POLICY, "label policy"},
          {COLLECTION, "collection policy"},
          {SUBSCRIPTION, "subscription plans"},
          {AWS, "AWS connector"},
          {GCP, "GCP connector"},
          {PRESET, "Office 365 preset"}
        }) {
      Matcher m = ((Pattern) p[0]).matcher(path);
      if (m.matches()) {
        return Optional.of(new Ref(m.group(1), (String) p[1]));
      }
    }
    return Optional.empty();
  }

  /**
   * A file outside the families (the output's README, manifest.json, deploy-all.ps1): counted in
   * the summary as itself, so that a changed README or manifest is never left out of the table.
   */
  static Ref document(String path) {
    String kind =
        path.equals("manifest.json")
            ? "manifest"
            : path.endsWith(".md")
                ? "documentation"
                : path.endsWith(".ps1") || path.endsWith(".sh") ? "script" : "file";
    return new Ref(path, kind);
  }

  static boolean isConditionalAccess(String path) {
    return CA.matcher(path).matches();
  }

  static boolean isNamedLocation(String path) {
    return LOCATION.matcher(path).matches();
  }

  static boolean isDlp(String path) {
    return DLP.matcher(path).matches();
  }

  static boolean isLabel(String path) {
    return LABEL.matcher(path).matches();
  }

  static boolean isLabelPolicy(String path) {
    return LABEL_POLICY.matcher(path).matches();
  }

  static boolean isCollection(String path) {
    return COLLECTION.matcher(path).matches();
  }

  static boolean isSubscription(String path) {
    return SUBSCRIPTION.matcher(path).matches();
  }

  static boolean isConnector(String path) {
    return AWS.matcher(path).matches() || GCP.matcher(path).matches();
  }

  static boolean isPreset(String path) {
    return PRESET.matcher(path).matches();
  }

  static boolean isSentinel(String path) {
    return path.equals(SENTINEL);
  }

  static boolean isEntraDiagnostics(String path) {
    return path.equals(ENTRA_DIAGNOSTICS);
  }
}
