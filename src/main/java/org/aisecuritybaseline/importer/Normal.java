package org.aisecuritybaseline.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The form in which a tenant policy and a generated one are compared: the canonical form of
 * docs/contracts.md section 9 as far as a comparison needs it (null, [] and {} members removed,
 * string arrays as sorted sets, GUIDs lower-cased, members sorted), and Graph's flags strings
 * ("internalGuest,b2bCollaborationGuest") as sorted sets, since Graph returns the flags in its own
 * order.
 *
 * <p>Tenant bodies arrive canonical ({@code tenant/Canonical}); this form is for what Canonical
 * cannot take: the baseline templates' fragments (with their symbols) that a match walks member by
 * member. Its rules are Canonical's for the members a match compares, so both agree, plus one of
 * the comparison's own: resilience defaults left on ({@code false}) are the default.
 */
final class Normal {
  static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** Members whose value is a Graph flags enumeration: comma-separated, in no fixed order. */
  static final Set<String> FLAGS =
      Set.of(
          "agentIdRiskLevels", "guestOrExternalUserTypes", "insiderRiskLevels", "transferMethods");

  /** What a policy's comparison leaves out: what the estate sets from id, name, summary, stage. */
  static final List<String> NAMING = List.of("displayName", "description", "state");

  private Normal() {}

  /** A normal copy of {@code node}; null, an empty array or object when nothing is left. */
  static JsonNode of(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        JsonNode v = of(e.getValue());
        if (!isEmpty(v)) {
          if (FLAGS.contains(e.getKey()) && v.isString()) {
            v = Json.NODES.stringNode(flags(v.asString()));
          }
          sorted.put(e.getKey(), v);
        }
      }
      ObjectNode copy = Json.NODES.objectNode();
      sorted.forEach(copy::set);
      return copy;
    }
    if (node instanceof ArrayNode array) {
      boolean strings = true;
      for (JsonNode item : array) {
        strings &= item.isString();
      }
      if (strings) {
        TreeSet<String> set = new TreeSet<>();
        array.forEach(item -> set.add(guid(item.asString())));
        return Json.stringArray(new ArrayList<>(set));
      }
      ArrayNode copy = Json.NODES.arrayNode();
      array.forEach(item -> copy.add(of(item)));
      return copy;
    }
    if (node != null && node.isString()) {
      return Json.NODES.stringNode(guid(node.asString()));
    }
    return node;
  }

  /** A policy body as compared: normal, without displayName, description and state. */
  static ObjectNode policy(JsonNode body) {
    if (!(body instanceof ObjectNode object)) {
      return Json.NODES.objectNode();
    }
    ObjectNode copy = object.deepCopy();
    NAMING.forEach(copy::remove);
    // false is Graph's default (resilience defaults on), which the portal writes explicitly.
    if (copy.at("/sessionControls/disableResilienceDefaults").isBoolean()
        && !copy.at("/sessionControls/disableResilienceDefaults").booleanValue()) {
      ((ObjectNode) copy.get("sessionControls")).remove("disableResilienceDefaults");
    }
    JsonNode n = of(copy);
    return n instanceof ObjectNode o ? o : Json.NODES.objectNode();
  }

  static boolean isEmpty(JsonNode v) {
    return v == null
        || v.isNull()
        || v.isMissingNode()
        || (v.isArray() || v.isObject()) && v.isEmpty();
  }

  static String guid(String s) {
    return GUID.matcher(s).matches() ? s.toLowerCase(Locale.ROOT) : s;
  }

  static String flags(String s) {
    TreeSet<String> set = new TreeSet<>();
    for (String part : s.split(",")) {
      if (!part.isBlank()) {
        set.add(part.trim());
      }
    }
    return String.join(",", set);
  }

  /**
   * The first difference between two normal trees, as "pointer: what"; null when they are equal.
   * Numbers compare by value.
   */
  static String diff(JsonNode a, JsonNode b, String at) {
    if (a instanceof ObjectNode x && b instanceof ObjectNode y) {
      TreeSet<String> names = new TreeSet<>();
      x.propertyNames().forEach(names::add);
      y.propertyNames().forEach(names::add);
      for (String name : names) {
        String p = at + "/" + name;
        if (!x.has(name)) {
          return p + ": only the tenant's policy has it";
        }
        if (!y.has(name)) {
          return p + ": the tenant's policy does not have it";
        }
        String d = diff(x.get(name), y.get(name), p);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a.isNumber() && b.isNumber()) {
      return sameNumber(a, b) ? null : at + ": " + b + " in the tenant, " + a + " in the baseline";
    }
    if (a.equals(b)) {
      return null;
    }
    if (a.isArray() && b.isArray() && Json.strings(a).size() == a.size()) {
      List<String> only = new ArrayList<>(Json.strings(b));
      only.removeAll(Json.strings(a));
      List<String> missing = new ArrayList<>(Json.strings(a));
      missing.removeAll(Json.strings(b));
      StringBuilder s = new StringBuilder(at).append(':');
      if (!only.isEmpty()) {
        s.append(" the tenant also has ").append(String.join(", ", only));
      }
      if (!missing.isEmpty()) {
        s.append(only.isEmpty() ? "" : ";").append(" the tenant lacks ");
        s.append(String.join(", ", missing));
      }
      return s.toString();
    }
    return at + ": " + shown(b) + " in the tenant, " + shown(a) + " in the baseline";
  }

  /**
   * By value (1 and 1.0 are the same); an export edited by hand may hold a number no BigDecimal
   * holds (1e400 reads as infinity), compared as a double.
   */
  private static boolean sameNumber(JsonNode a, JsonNode b) {
    return finite(a) && finite(b)
        ? a.decimalValue().compareTo(b.decimalValue()) == 0
        : Double.compare(a.asDouble(), b.asDouble()) == 0;
  }

  private static boolean finite(JsonNode n) {
    return !n.isFloatingPointNumber() || Double.isFinite(n.asDouble());
  }

  private static String shown(JsonNode n) {
    String s = Json.compact(n);
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
