package org.aisecuritybaseline.importer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.aisecuritybaseline.entra.DirectoryRoleCatalogue;
import org.aisecuritybaseline.entra.PolicyTemplate;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Stage;
import org.aisecuritybaseline.tenant.TenantObject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whether a tenant policy is a baseline template with the estate's values filled in: the template
 * and the tenant's normal body ({@link Normal}) are walked together; every member must be equal
 * except that
 *
 * <ul>
 *   <li>a symbol on an include side ({@code groups.admins}, {@code roles.admins}, {@code
 *       apps.generativeAi}, ...) takes the values the tenant has there beyond the template's own
 *       (its binding: what the estate must declare for the template to produce them);
 *   <li>the exclusion lists (users, groups, roles, applications) must hold at least what the
 *       template excludes, and what else they hold becomes the policy's exclusions in the estate
 *       (break-glass among them), as long as the estate can name it;
 *   <li>a policy the template gives to all users that the tenant enforces for groups instead is the
 *       template in the pilot stage, those groups the pilot groups.
 * </ul>
 *
 * A match is only a candidate: {@link Importer} generates the estate it implies and adopts the
 * policy only when the generated body is the tenant's (displayName, description and state aside).
 */
final class BaselineMatch {
  /** The symbols the estate's sections decide, which a match binds. */
  static final Set<String> INCLUDE_SYMBOLS =
      Set.of(
          "roles.admins",
          "roles.privileged",
          "groups.admins",
          "groups.specialized",
          "apps.generativeAi");

  /** The binding of the pilot groups (not a template symbol: the pilot stage's groups). */
  static final String PILOT = "groups.pilot";

  /** Exclusion lists by pointer, with the name of the estate's exclude member. */
  static final Map<String, String> EXCLUSIONS =
      Map.of(
          "/conditions/users/excludeUsers", "users",
          "/conditions/users/excludeGroups", "groups",
          "/conditions/users/excludeRoles", "roles",
          "/conditions/applications/excludeApplications", "apps");

  /**
   * A tenant policy that a template can produce.
   *
   * @param bindings values by symbol (and {@link #PILOT})
   * @param extras what the tenant excludes beyond the template, by estate exclude member
   */
  record Candidate(
      String templateId,
      TenantObject policy,
      Stage stage,
      Map<String, List<String>> bindings,
      Map<String, List<String>> extras) {}

  /** The outcome: a candidate, or why the tenant policy is not this template. */
  record Outcome(Candidate candidate, String miss) {}

  private final PolicyTemplate template;
  private final TenantObject policy;
  private final Map<String, List<String>> bindings = new TreeMap<>();
  private final Map<String, List<String>> extras = new TreeMap<>();
  private boolean pilot;

  private BaselineMatch(PolicyTemplate template, TenantObject policy) {
    this.template = template;
    this.policy = policy;
  }

  static Outcome match(PolicyTemplate template, TenantObject policy) {
    BaselineMatch m = new BaselineMatch(template, policy);
    JsonNode t = Normal.of(template.policy());
    String miss = m.walk(t, Normal.policy(policy.body()), "");
    if (miss == null
        && !m.extras.getOrDefault("apps", List.of()).isEmpty()
        && t.at("/conditions/applications/includeApplications").isMissingNode()) {
      miss =
          "/conditions/applications/excludeApplications: the baseline policy targets user actions,"
              + " so the estate cannot exclude applications from it";
    }
    String state = policy.body().path("state").asString("");
    if (miss == null && m.pilot && !state.equals("enabled")) {
      miss =
          "/conditions/users: targets groups instead of all users but is not enabled, so it is not"
              + " the pilot stage";
    }
    if (miss != null) {
      return new Outcome(null, miss);
    }
    Stage stage = m.pilot ? Stage.PILOT : stage(state);
    return new Outcome(
        new Candidate(template.id(), policy, stage, Map.copyOf(m.bindings), Map.copyOf(m.extras)),
        null);
  }

  /** The estate's stage for a Graph state; report-only for a state Graph does not document. */
  static Stage stage(String state) {
    return switch (state) {
      case "enabled" -> Stage.ENABLED;
      case "disabled" -> Stage.DISABLED;
      default -> Stage.REPORT_ONLY;
    };
  }

  private String walk(JsonNode t, JsonNode b, String at) {
    if (t instanceof ObjectNode tObject) {
      if (!(b instanceof ObjectNode bObject)) {
        return at + ": " + kind(b) + " in the tenant, an object in the baseline";
      }
      if (at.equals("/conditions/users")) {
        bObject = pilotAsAllUsers(tObject, bObject);
      }
      TreeSet<String> names = new TreeSet<>();
      tObject.propertyNames().forEach(names::add);
      bObject.propertyNames().forEach(names::add);
      for (String name : names) {
        String p = at + "/" + name;
        JsonNode tv = tObject.get(name);
        JsonNode bv = bObject.get(name);
        String miss;
        if (EXCLUSIONS.containsKey(p)) {
          miss = exclusion(tv, bv, p);
        } else if (tv == null) {
          miss = p + ": only the tenant's policy has it";
        } else if (bv == null) {
          miss =
              symbolsOnly(tv)
                  ? strings(tv, Json.NODES.arrayNode(), p)
                  : p + ": the tenant's policy does not have it";
        } else {
          miss = walk(tv, bv, p);
        }
        if (miss != null) {
          return miss;
        }
      }
      return null;
    }
    if (t instanceof ArrayNode tArray && stringsOrSymbols(tArray)) {
      if (!(b instanceof ArrayNode bArray) || !stringsOrSymbols(bArray) || hasSymbol(bArray)) {
        return at + ": " + kind(b) + " in the tenant, a list of strings in the baseline";
      }
      return strings(tArray, bArray, at);
    }
    return Normal.diff(t, b, at);
  }

  /**
   * The tenant's users as the template would have them before the pilot stage: a template for "All"
   * users only, that the tenant gives to groups only, is the pilot stage.
   */
  private ObjectNode pilotAsAllUsers(ObjectNode t, ObjectNode b) {
    boolean allUsersOnly =
        Json.strings(t.get("includeUsers")).equals(List.of("All"))
            && !t.has("includeGroups")
            && !t.has("includeRoles")
            && !t.has("includeGuestsOrExternalUsers");
    if (!allUsersOnly
        || b.has("includeUsers")
        || !b.path("includeGroups").isArray()
        || b.has("includeRoles")
        || b.has("includeGuestsOrExternalUsers")) {
      return b;
    }
    ObjectNode copy = b.deepCopy();
    bindings.put(PILOT, Json.strings(copy.remove("includeGroups")));
    copy.set("includeUsers", Json.stringArray(List.of("All")));
    pilot = true;
    return copy;
  }

  /** A list of strings in the template (literals and symbols) against the tenant's. */
  private String strings(JsonNode t, JsonNode b, String at) {
    Set<String> literal = new TreeSet<>();
    List<String> symbols = new ArrayList<>();
    for (JsonNode item : t) {
      if (item.isString()) {
        literal.add(item.asString());
      } else {
        String symbol = item.get("$symbol").asString();
        if (INCLUDE_SYMBOLS.contains(symbol)) {
          symbols.add(symbol);
        } else {
          literal.addAll(fixed(symbol));
        }
      }
    }
    Set<String> tenant = new TreeSet<>(Json.strings(b));
    if (symbols.isEmpty()) {
      return literal.equals(tenant)
          ? null
          : Normal.diff(Json.stringArray(List.copyOf(literal)), Normal.of(b), at);
    }
    if (symbols.size() > 1) {
      return at + ": the baseline fills it from more than one setting";
    }
    if (!tenant.containsAll(literal)) {
      Set<String> lacking = new TreeSet<>(literal);
      lacking.removeAll(tenant);
      return at + ": the tenant lacks " + String.join(", ", lacking);
    }
    Set<String> bound = new TreeSet<>(tenant);
    bound.removeAll(literal);
    List<String> values = List.copyOf(bound);
    List<String> earlier = bindings.putIfAbsent(symbols.get(0), values);
    if (earlier != null && !earlier.equals(values)) {
      return at + ": " + symbols.get(0) + " would need two different values";
    }
    return null;
  }

  /** An exclusion list: the template's exclusions, and what the estate can exclude beyond them. */
  private String exclusion(JsonNode t, JsonNode b, String at) {
    Set<String> base = new TreeSet<>();
    if (t != null) {
      for (JsonNode item : t) {
        if (item.isString()) {
          base.add(item.asString());
        } else if (INCLUDE_SYMBOLS.contains(item.get("$symbol").asString())) {
          return at + ": the baseline excludes a setting's values here";
        } else {
          base.addAll(fixed(item.get("$symbol").asString()));
        }
      }
    }
    Set<String> tenant = new TreeSet<>(b == null ? List.of() : Json.strings(b));
    if (!tenant.containsAll(base)) {
      Set<String> lacking = new TreeSet<>(base);
      lacking.removeAll(tenant);
      return at + ": the tenant's policy does not exclude " + String.join(", ", lacking);
    }
    Set<String> extra = new LinkedHashSet<>(tenant);
    extra.removeAll(base);
    for (String value : extra) {
      if (!Normal.GUID.matcher(value).matches()) {
        return at + ": the tenant's policy excludes " + value + ", which the estate cannot exclude";
      }
    }
    if (!extra.isEmpty()) {
      extras.put(EXCLUSIONS.get(at), List.copyOf(extra));
    }
    return null;
  }

  /** The value of a symbol that the estate this import writes never changes. */
  static List<String> fixed(String symbol) {
    return switch (symbol) {
      case "roles.directorySync" -> DirectoryRoleCatalogue.get().set("directorySync");
      // Service-account groups are imported as exclusions of the policies that exclude them.
      case "groups.serviceAccounts" -> List.of();
      default -> throw new IllegalStateException("no fixed value for symbol " + symbol);
    };
  }

  private static boolean stringsOrSymbols(ArrayNode a) {
    for (JsonNode item : a) {
      if (!item.isString() && !(item.isObject() && item.has("$symbol"))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasSymbol(ArrayNode a) {
    for (JsonNode item : a) {
      if (item.isObject()) {
        return true;
      }
    }
    return false;
  }

  private static boolean symbolsOnly(JsonNode t) {
    if (!(t instanceof ArrayNode a) || a.isEmpty()) {
      return false;
    }
    for (JsonNode item : a) {
      if (!item.isObject()
          || !item.has("$symbol")
          || !INCLUDE_SYMBOLS.contains(item.get("$symbol").asString())) {
        return false;
      }
    }
    return true;
  }

  private static String kind(JsonNode n) {
    if (n == null) {
      return "nothing";
    }
    return n.isObject() ? "an object" : n.isArray() ? "a list" : Json.compact(n);
  }
}
