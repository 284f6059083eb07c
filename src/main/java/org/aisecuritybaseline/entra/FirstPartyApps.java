package org.aisecuritybaseline.entra;

import java.util.Map;
import java.util.TreeMap;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/** Microsoft first-party apps that policies target by app ID (Copilot and Security Copilot). */
public final class FirstPartyApps {
  private static final FirstPartyApps INSTANCE = load();

  private final Map<String, String> appIds;
  private final Map<String, String> names;

  private FirstPartyApps(Map<String, String> appIds, Map<String, String> names) {
    this.appIds = appIds;
    this.names = names;
  }

  public static FirstPartyApps get() {
    return INSTANCE;
  }

  private static FirstPartyApps load() {
    JsonNode root = Json.parseResource("/data/first-party-apps.json");
    Map<String, String> ids = new TreeMap<>();
    Map<String, String> names = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : root.get("apps").properties()) {
      ids.put(e.getKey(), e.getValue().get("appId").asString());
      names.put(e.getKey(), e.getValue().get("name").asString());
    }
    return new FirstPartyApps(Map.copyOf(ids), Map.copyOf(names));
  }

  public String appId(String key) {
    return appIds.get(key);
  }

  /** The catalogue's key and name for an application ID, if it is one of Microsoft's it knows. */
  public java.util.Optional<Map.Entry<String, String>> byAppId(String appId) {
    return appIds.entrySet().stream()
        .filter(e -> e.getValue().equalsIgnoreCase(appId))
        .findFirst()
        .map(e -> Map.entry(e.getKey(), names.get(e.getKey())));
  }

  public String name(String key) {
    return names.get(key);
  }
}
