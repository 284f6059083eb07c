package org.aisecuritybaseline.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * The check catalogue: rules with their framework IDs, the highly privileged roles and the
 * authentication-method sets the rules use ({@code data/checks/rules.json}, sources in its README).
 */
public final class RuleCatalogue {
  private static final RuleCatalogue BUILT_IN = load("/data/checks/rules.json");

  private final List<Rule> rules;
  private final Map<String, String> privilegedRoles;
  private final Set<String> phishingResistant;
  private final Set<String> multifactor;
  private final Map<String, String> builtInStrengthKinds;
  private final Map<String, String> builtInStrengthNames;

  private RuleCatalogue(
      List<Rule> rules,
      Map<String, String> privilegedRoles,
      Set<String> phishingResistant,
      Set<String> multifactor,
      Map<String, String> builtInStrengthKinds,
      Map<String, String> builtInStrengthNames) {
    this.rules = rules;
    this.privilegedRoles = privilegedRoles;
    this.phishingResistant = phishingResistant;
    this.multifactor = multifactor;
    this.builtInStrengthKinds = builtInStrengthKinds;
    this.builtInStrengthNames = builtInStrengthNames;
  }

  public static RuleCatalogue builtIn() {
    return BUILT_IN;
  }

  static RuleCatalogue load(String resource) {
    JsonNode root = Json.parseResource(resource);
    List<Rule> rules = new ArrayList<>();
    for (JsonNode r : root.get("rules")) {
      List<Rule.Reference> refs = new ArrayList<>();
      for (JsonNode ref : r.get("references")) {
        refs.add(
            new Rule.Reference(
                ref.get("framework").asString(),
                ref.get("id").asString(),
                ref.get("relation").asString(),
                ref.get("url").asString()));
      }
      rules.add(
          new Rule(
              r.get("id").asString(),
              r.get("title").asString(),
              r.get("statement").asString(),
              r.get("criticality").asString(),
              r.get("severity").asString(),
              r.get("evaluation").asString(),
              r.get("evaluates").asString(),
              r.get("helpUri").asString(),
              r.get("source").asString(),
              refs));
    }
    Map<String, String> roles = new LinkedHashMap<>();
    for (JsonNode role : root.get("privilegedRoles").get("roles")) {
      roles.put(role.get("templateId").asString(), role.get("name").asString());
    }
    JsonNode methods = root.get("authenticationMethods");
    Map<String, String> kinds = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : methods.get("builtInStrengths").properties()) {
      if (e.getValue().isObject()) {
        kinds.put(e.getKey(), e.getValue().get("kind").asString());
        names.put(e.getKey(), e.getValue().get("name").asString());
      }
    }
    return new RuleCatalogue(
        List.copyOf(rules),
        java.util.Collections.unmodifiableMap(roles),
        Set.copyOf(Json.strings(methods.get("phishingResistant"))),
        Set.copyOf(Json.strings(methods.get("multifactor"))),
        Map.copyOf(kinds),
        Map.copyOf(names));
  }

  public List<Rule> rules() {
    return rules;
  }

  public Optional<Rule> find(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  public Set<String> ids() {
    Set<String> ids = new TreeSet<>();
    rules.forEach(r -> ids.add(r.id()));
    return ids;
  }

  /** SCuBA's highly privileged roles: template ID to name, in the baseline's order. */
  public Map<String, String> privilegedRoles() {
    return privilegedRoles;
  }

  public Set<String> phishingResistantMethods() {
    return phishingResistant;
  }

  public Set<String> multifactorMethods() {
    return multifactor;
  }

  /** "phishingResistant" or "multifactor" for a built-in authentication strength ID, else null. */
  public String builtInStrengthKind(String id) {
    return id == null ? null : builtInStrengthKinds.get(id);
  }

  public String builtInStrengthName(String id) {
    return id == null ? null : builtInStrengthNames.get(id);
  }
}
