package org.aisecuritybaseline.defender;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * Defender plans, sub-plans, extensions and extension properties from defender-plans.json, each
 * documented property with its type from extension-properties.json. A value whose confidence is
 * "unconfirmed" or "community" is known but refused: the generator deploys only what Microsoft
 * documents.
 */
public final class DefenderPlans {
  /**
   * One extension: the sub-plans it needs (empty = any), its settable properties and their types,
   * whether it is documented.
   */
  public record Extension(
      String name, Set<String> subPlans, Map<String, PropertyType> properties, boolean confirmed) {}

  public record Plan(
      String name,
      String portalName,
      List<String> subPlans,
      Set<String> unconfirmedSubPlans,
      boolean deprecated,
      String replacedBy,
      Map<String, Extension> extensions) {

    /** Documented extensions that apply to a sub-plan, in name order. */
    public List<Extension> extensionsFor(String subPlan) {
      List<Extension> out = new ArrayList<>();
      for (Extension e : extensions.values()) {
        if (e.confirmed() && (e.subPlans().isEmpty() || e.subPlans().contains(subPlan))) {
          out.add(e);
        }
      }
      return out;
    }
  }

  public static final String EXCLUSION_TAGS = "ExclusionTags";
  private static final DefenderPlans INSTANCE = load();

  private final Map<String, Plan> plans;

  private DefenderPlans(Map<String, Plan> plans) {
    this.plans = plans;
  }

  public static DefenderPlans get() {
    return INSTANCE;
  }

  public Optional<Plan> plan(String name) {
    return Optional.ofNullable(plans.get(name));
  }

  public Set<String> names() {
    return plans.keySet();
  }

  private static DefenderPlans load() {
    JsonNode root = Json.parseResource("/data/defender/defender-plans.json");
    Map<String, PropertyType> types = propertyTypes();
    Set<String> typed = new TreeSet<>();
    Map<String, Plan> plans = new TreeMap<>();
    for (JsonNode p : root.get("plans")) {
      List<String> subPlans = new ArrayList<>();
      Set<String> unconfirmed = new TreeSet<>();
      for (JsonNode s : p.path("subPlans")) {
        (isConfirmed(s.path("confidence").asString("")) ? subPlans : unconfirmed)
            .add(s.get("value").asString());
      }
      Map<String, Extension> extensions = new TreeMap<>();
      for (JsonNode e : p.path("extensions")) {
        String name = e.get("name").asString();
        String plan = p.get("name").asString();
        Map<String, PropertyType> props = new TreeMap<>();
        JsonNode aep = e.path("additionalExtensionProperties");
        if (aep.isObject()) {
          aep.properties()
              .forEach(
                  prop -> {
                    if (!prop.getValue()
                        .asString("")
                        .toLowerCase(Locale.ROOT)
                        .contains("unconfirmed")) {
                      String key = plan + "/" + name + "/" + prop.getKey();
                      PropertyType type = types.get(key);
                      if (type == null) {
                        throw new IllegalStateException(
                            "extension-properties.json has no type for "
                                + key
                                + ", which defender-plans.json documents");
                      }
                      typed.add(key);
                      props.put(prop.getKey(), type);
                    }
                  });
        }
        Set<String> needs = new TreeSet<>(Json.strings(e.get("subPlans")));
        extensions.put(
            name,
            new Extension(
                name,
                Set.copyOf(needs),
                java.util.Collections.unmodifiableMap(props),
                name.matches("[A-Za-z0-9]+") && isConfirmed(e.path("confidence").asString(""))));
      }
      String name = p.get("name").asString();
      plans.put(
          name,
          new Plan(
              name,
              p.path("portalName").asString(name),
              List.copyOf(subPlans),
              Set.copyOf(unconfirmed),
              p.path("deprecated").asBoolean(false),
              Json.strings(p.get("replacedBy")).stream().findFirst().orElse(null),
              java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions))));
    }
    if (!typed.equals(types.keySet())) {
      Set<String> stale = new TreeSet<>(types.keySet());
      stale.removeAll(typed);
      throw new IllegalStateException(
          "extension-properties.json types properties defender-plans.json does not document: "
              + stale);
    }
    return new DefenderPlans(java.util.Collections.unmodifiableMap(plans));
  }

  /** Types by plan/extension/property, from extension-properties.json. */
  private static Map<String, PropertyType> propertyTypes() {
    Map<String, PropertyType> types = new TreeMap<>();
    for (JsonNode entry :
        Json.parseResource("/data/defender/extension-properties.json").get("properties")) {
      PropertyType type = PropertyType.parse(entry);
      for (String plan : Json.strings(entry.get("plans"))) {
        types.put(plan + "/" + entry.get("extension").asString() + "/" + type.property(), type);
      }
    }
    return types;
  }

  /** spec, ms-policy and ms-doc count as documented; community and unconfirmed do not. */
  static boolean isConfirmed(String confidence) {
    String c = confidence.toLowerCase(Locale.ROOT);
    return (c.startsWith("spec") || c.startsWith("ms-policy") || c.startsWith("ms-doc"))
        && !c.contains("unconfirmed literal");
  }
}
