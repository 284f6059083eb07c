package org.aisecuritybaseline.defender;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.ThreatProtection.PlanSettings;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The default plan profile (data/defender/recommended-profile.json): the plan settings, and for
 * every extension it decides, its basis (a Microsoft built-in policy's default, or this profile's
 * stated choice), plus the AI plan's prerequisites for the output README.
 *
 * @param basis by "Plan/Extension"
 */
public record RecommendedProfile(
    Map<String, PlanSettings> plans,
    Map<String, PlanSettings> aiWorkloadPlans,
    Map<String, Basis> basis,
    List<Prerequisite> aiPrerequisites) {
  private static final RecommendedProfile INSTANCE = load();

  /**
   * A Microsoft built-in "full features" policy that deploys one plan with every extension as a
   * parameter.
   */
  public record BuiltInPolicy(String id, String version, String displayName) {
    public String label() {
      return "'" + displayName + "' (" + id + ", version " + version + ")";
    }
  }

  /**
   * Why the profile sets an extension as it does: a built-in {@code policy}, its {@code parameter}
   * and that parameter's default when a built-in policy decides (the profile follows the default
   * unless a choice is stated), and {@code choice} when this profile decides; one of policy and
   * choice at least.
   */
  public record Basis(
      BuiltInPolicy policy, String parameter, boolean policyDefault, String choice) {
    /** The basis as one or two sentences. */
    public String describe() {
      String byPolicy =
          policy == null
              ? null
              : "Microsoft's built-in policy "
                  + policy.label()
                  + " turns it "
                  + (policyDefault ? "on" : "off")
                  + " by default.";
      if (choice == null) {
        return byPolicy;
      }
      return byPolicy == null ? choice : choice + " " + byPolicy;
    }
  }

  /**
   * Something the operator must have or know before the AI plan (or one of its extensions, when
   * set) is on.
   */
  public record Prerequisite(String extension, String text) {}

  public RecommendedProfile {
    plans = Map.copyOf(plans);
    aiWorkloadPlans = Map.copyOf(aiWorkloadPlans);
    basis = Collections.unmodifiableMap(new TreeMap<>(basis));
    aiPrerequisites = List.copyOf(aiPrerequisites);
  }

  public static RecommendedProfile get() {
    return INSTANCE;
  }

  private static RecommendedProfile load() {
    JsonNode root = Json.parseResource("/data/defender/recommended-profile.json");
    Map<String, BuiltInPolicy> policies = new TreeMap<>();
    root.get("builtInPolicies")
        .properties()
        .forEach(
            e ->
                policies.put(
                    e.getKey(),
                    new BuiltInPolicy(
                        e.getValue().get("id").asString(),
                        e.getValue().get("version").asString(),
                        e.getValue().get("displayName").asString())));
    Map<String, Basis> basis = new TreeMap<>();
    Map<String, PlanSettings> plans = plans(root.get("plans"), policies, basis);
    Map<String, PlanSettings> ai = plans(root.at("/aiWorkloads/plans"), policies, basis);
    List<Prerequisite> prerequisites = new ArrayList<>();
    for (JsonNode p : root.at("/aiWorkloads/prerequisites")) {
      prerequisites.add(
          new Prerequisite(
              p.has("extension") ? p.get("extension").asString() : null, p.get("text").asString()));
    }
    return new RecommendedProfile(plans, ai, basis, prerequisites);
  }

  /** Plan settings without the basis keys, which go to {@code basis}. */
  private static Map<String, PlanSettings> plans(
      JsonNode node, Map<String, BuiltInPolicy> policies, Map<String, Basis> basis) {
    ObjectNode copy = (ObjectNode) node.deepCopy();
    copy.properties()
        .forEach(
            plan ->
                plan.getValue()
                    .path("extensions")
                    .properties()
                    .forEach(
                        ext -> {
                          ObjectNode x = (ObjectNode) ext.getValue();
                          String key = plan.getKey() + "/" + ext.getKey();
                          BuiltInPolicy policy = null;
                          if (x.has("policy")) {
                            policy = policies.get(x.get("policy").asString());
                            if (policy == null) {
                              throw new IllegalStateException(
                                  "recommended-profile.json: "
                                      + key
                                      + " names an unknown policy "
                                      + x.get("policy"));
                            }
                          }
                          String choice = x.has("choice") ? x.get("choice").asString() : null;
                          if (policy == null && choice == null) {
                            throw new IllegalStateException(
                                "recommended-profile.json: "
                                    + key
                                    + " has neither a policy nor a choice");
                          }
                          if (policy != null && !x.path("policyDefault").isBoolean()) {
                            throw new IllegalStateException(
                                "recommended-profile.json: "
                                    + key
                                    + " names a policy without its policyDefault");
                          }
                          if (policy != null
                              && choice == null
                              && x.path("enabled").asBoolean(false)
                                  != x.get("policyDefault").asBoolean()) {
                            throw new IllegalStateException(
                                "recommended-profile.json: "
                                    + key
                                    + " departs from its policy's default without a choice");
                          }
                          basis.put(
                              key,
                              new Basis(
                                  policy,
                                  x.has("parameter") ? x.get("parameter").asString() : null,
                                  x.path("policyDefault").asBoolean(false),
                                  choice));
                          for (String meta :
                              List.of(
                                  "policy",
                                  "parameter",
                                  "policyDefault",
                                  "choice",
                                  "source",
                                  "note")) {
                            x.remove(meta);
                          }
                        }));
    TypeReference<Map<String, PlanSettings>> type = new TypeReference<>() {};
    @SuppressWarnings("unchecked")
    Map<String, PlanSettings> plans = (Map<String, PlanSettings>) Json.bind(copy, type.getType());
    return plans;
  }
}
