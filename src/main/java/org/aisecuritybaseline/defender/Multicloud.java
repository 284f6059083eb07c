package org.aisecuritybaseline.defender;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/** The cloud-side onboarding model (data/defender/multicloud.json). */
final class Multicloud {
  private static final JsonNode ROOT = Json.parseResource("/data/defender/multicloud.json");

  private Multicloud() {}

  static String issuer() {
    return ROOT.get("issuer").asString();
  }

  static String awsRole(String key) {
    return require(ROOT.at("/aws/roles/" + key + "/name"), key);
  }

  static String awsCiemAppName() {
    return require(ROOT.at("/aws/roles/ciemOidc/azureActiveDirectoryAppName"), "ciemOidc app");
  }

  /** Role name to its OIDC audience, for the roles that have one. */
  static Map<String, String> awsAudiences() {
    Map<String, String> out = new TreeMap<>();
    ROOT.at("/aws/roles")
        .properties()
        .forEach(
            e -> {
              if (e.getValue().has("audience")) {
                out.put(
                    e.getValue().get("name").asString(), e.getValue().get("audience").asString());
              }
            });
    return out;
  }

  static String awsOidcProviderPath() {
    return ROOT.at("/aws/oidcProviderPath").asString();
  }

  static List<String> gcpApis() {
    return Json.strings(ROOT.at("/gcp/apis"));
  }

  static List<String> gcpOfferingApis(String offering) {
    return Json.strings(ROOT.at("/gcp/offeringApis/" + offering));
  }

  static String gcpAudience(String provider) {
    return require(ROOT.at("/gcp/providers/" + provider + "/audience"), provider);
  }

  static JsonNode gcpServiceAccount(String name) {
    JsonNode sa = ROOT.at("/gcp/serviceAccounts/" + name);
    if (sa.isMissingNode()) {
      throw new IllegalStateException("no GCP service account " + name + " in multicloud.json");
    }
    return sa;
  }

  /**
   * A custom role of the project: its title, description and permissions, as Microsoft publishes
   * them.
   */
  static JsonNode gcpCustomRole(String id) {
    JsonNode role = ROOT.at("/gcp/customRoles/" + id);
    if (role.isMissingNode()) {
      throw new IllegalStateException("no GCP custom role " + id + " in multicloud.json");
    }
    return role;
  }

  /**
   * What a connector feature (agentlessScanning, containers) needs beyond its service accounts:
   * bindings, manual steps, a note.
   */
  static JsonNode gcpFeature(String feature) {
    JsonNode f = ROOT.at("/gcp/features/" + feature);
    if (f.isMissingNode()) {
      throw new IllegalStateException("no GCP feature " + feature + " in multicloud.json");
    }
    return f;
  }

  /** The documented DefenderCspmGcp features, connector property to label, in the data's order. */
  static Map<String, String> gcpDefenderCspmFeatures() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    ROOT.at("/gcp/defenderCspmFeatures")
        .properties()
        .forEach(e -> out.put(e.getKey(), e.getValue().asString()));
    return out;
  }

  static String gcpOrganization(String key) {
    return require(ROOT.at("/gcp/organization/" + key), key);
  }

  private static String require(JsonNode n, String what) {
    if (n.isMissingNode() || n.isNull()) {
      throw new IllegalStateException("multicloud.json has no " + what);
    }
    return n.asString();
  }
}
