package org.aisecuritybaseline.defender;

import java.util.Map;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.ThreatProtection.PlanSettings;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** The default plan profile (data/defender/recommended-profile.json). */
public record RecommendedProfile(Map<String, PlanSettings> plans, Map<String, PlanSettings> aiWorkloadPlans) {
  private static final RecommendedProfile INSTANCE = load();

  public static RecommendedProfile get() {
    return INSTANCE;
  }

  private static RecommendedProfile load() {
    JsonNode root = Json.parseResource("/data/defender/recommended-profile.json");
    TypeReference<Map<String, PlanSettings>> type = new TypeReference<>() {};
    return new RecommendedProfile(
        Map.copyOf(Json.mapper().convertValue(root.get("plans"), type)),
        Map.copyOf(Json.mapper().convertValue(root.at("/aiWorkloads/plans"), type)));
  }
}
