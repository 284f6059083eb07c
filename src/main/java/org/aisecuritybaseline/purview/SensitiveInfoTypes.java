package org.aisecuritybaseline.purview;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/** The built-in sensitive information types, by readable key (data/sensitive-info-types.json). */
public final class SensitiveInfoTypes {
  /**
   * One type: its cmdlet name, its global GUID, its recommended confidence, and whether Microsoft
   * publishes the GUID.
   */
  public record Type(
      String key, String name, String id, String recommendedConfidence, boolean confirmed) {}

  private static final SensitiveInfoTypes INSTANCE = load();

  private final Map<String, Type> types;

  private SensitiveInfoTypes(Map<String, Type> types) {
    this.types = types;
  }

  public static SensitiveInfoTypes get() {
    return INSTANCE;
  }

  private static SensitiveInfoTypes load() {
    JsonNode root = Json.parseResource("/data/sensitive-info-types.json");
    Map<String, Type> types = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : root.get("types").properties()) {
      JsonNode t = e.getValue();
      types.put(
          e.getKey(),
          new Type(
              e.getKey(),
              t.get("name").asString(),
              t.get("id").asString(),
              t.get("recommendedConfidence").asString(),
              t.get("confirmed").asBoolean()));
    }
    return new SensitiveInfoTypes(java.util.Collections.unmodifiableMap(types));
  }

  public Optional<Type> type(String key) {
    return Optional.ofNullable(types.get(key));
  }

  public Map<String, Type> all() {
    return types;
  }

  /** Confidence level to the minimum confidence the cmdlets take: low 65, medium 75, high 85. */
  public static int minConfidence(String level) {
    return switch (level) {
      case "low" -> 65;
      case "medium" -> 75;
      case "high" -> 85;
      default -> throw new IllegalArgumentException("confidence " + level);
    };
  }
}
