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
    ROOT.at("/aws/roles").properties().forEach(e -> {
      if (e.getValue().has("audience")) {
        out.put(e.getValue().get("name").asString(), e.getValue().get("audience").asString());
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
