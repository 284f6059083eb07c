package org.aisecuritybaseline.secops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aisecuritybaseline.family.Recommendation;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * What Microsoft documents for Sentinel that this family deploys (data/secops/sentinel.json): the
 * API versions, the data connectors with their ARM kinds, Learn pages and manual steps, the Entra
 * ID diagnostic categories and the workspace retention range. Read once. A Learn page marked {@code
 * "confirmed": false} there was not read for this file (its address is Microsoft's usual one,
 * UNCONFIRMED).
 */
final class SentinelCatalogue {
  private static final SentinelCatalogue INSTANCE =
      new SentinelCatalogue(Json.parseResource("/data/secops/sentinel.json"));

  /**
   * A data connector. {@code kind} is null for Entra ID, whose logs come through the tenant's
   * diagnostic settings rather than a Sentinel data connector resource.
   */
  record Connector(
      String key,
      String name,
      String what,
      String kind,
      String apiVersion,
      Recommendation learn,
      List<String> manual) {}

  private final List<Connector> connectors;
  private final List<String> entraCategories;
  private final String workspaceApi;
  private final String sentinelApi;
  private final String analyticsRules;
  private final int minRetention;
  private final int maxRetention;
  private final int defaultRetention;

  private SentinelCatalogue(JsonNode root) {
    JsonNode apis = root.get("apiVersions");
    List<Connector> list = new ArrayList<>();
    for (JsonNode c : root.get("connectors")) {
      JsonNode learn = c.get("learn");
      list.add(
          new Connector(
              c.get("key").asString(),
              c.get("name").asString(),
              c.get("what").asString(),
              c.get("kind").isNull() ? null : c.get("kind").asString(),
              apis.get(c.get("api").asString()).get("version").asString(),
              new Recommendation(learn.get("title").asString(), learn.get("url").asString()),
              Json.strings(c.get("manual"))));
    }
    connectors = List.copyOf(list);
    entraCategories = Json.strings(root.at("/entraCategories/categories"));
    workspaceApi = apis.at("/workspaces/version").asString();
    sentinelApi = apis.at("/securityInsights/version").asString();
    analyticsRules = root.get("analyticsRules").asString();
    minRetention = root.at("/retention/minimum").asInt();
    maxRetention = root.at("/retention/maximum").asInt();
    defaultRetention = root.at("/retention/default").asInt();
  }

  static SentinelCatalogue get() {
    return INSTANCE;
  }

  /** Every connector, in the order the templates deploy them. */
  List<Connector> connectors() {
    return connectors;
  }

  Optional<Connector> connector(String key) {
    return connectors.stream().filter(c -> c.key().equals(key)).findFirst();
  }

  List<String> entraCategories() {
    return entraCategories;
  }

  String workspaceApi() {
    return workspaceApi;
  }

  /**
   * The stable Microsoft.SecurityInsights version, for onboarding and the stable connector kinds.
   */
  String sentinelApi() {
    return sentinelApi;
  }

  String analyticsRules() {
    return analyticsRules;
  }

  int minRetention() {
    return minRetention;
  }

  int maxRetention() {
    return maxRetention;
  }

  int defaultRetention() {
    return defaultRetention;
  }
}
