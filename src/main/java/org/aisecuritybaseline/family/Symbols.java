package org.aisecuritybaseline.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Symbolic references in templates, resolved on the parsed tree, never on text:
 *
 * <ul>
 *   <li>an array element {@code {"$symbol": "name"}} is replaced by the strings the symbol stands
 *       for in this estate (zero or more, spliced into the array);
 *   <li>a value {@code {"$setting": "name", "default": v}} is replaced by the estate's setting of
 *       that name for the policy, or by the default.
 * </ul>
 */
public final class Symbols {
  /** Symbols of the Conditional Access templates. */
  public static final Set<String> CONDITIONAL_ACCESS =
      Set.of(
          "roles.admins",
          "roles.privileged",
          "roles.directorySync",
          "users.directorySync",
          "groups.admins",
          "groups.specialized",
          "groups.serviceAccounts",
          "apps.generativeAi",
          "agents.approved",
          "agentUsers.approved",
          "agentUsers.compliantDevice",
          "agentUsers.compliantNetwork",
          "locations.compliantNetwork");

  private Symbols() {}

  /**
   * Throws when a template uses a symbol or setting outside the known sets, or a setting without a
   * default.
   */
  public static void checkKnown(
      JsonNode node, String file, Set<String> symbols, Set<String> settings) {
    if (isSymbol(node)) {
      String name = node.get("$symbol").asString();
      if (!symbols.contains(name)) {
        throw new IllegalStateException(file + ": unknown symbol " + name + "; known: " + symbols);
      }
      return;
    }
    if (isSetting(node)) {
      String name = node.get("$setting").asString();
      if (!settings.contains(name) || !node.has("default")) {
        throw new IllegalStateException(
            file + ": unknown setting " + name + " or no default; known: " + settings);
      }
      return;
    }
    for (JsonNode child : node) {
      checkKnown(child, file, symbols, settings);
    }
  }

  /** A copy of {@code body} with every symbol spliced out and every setting replaced. */
  public static ObjectNode resolve(
      ObjectNode body, Map<String, List<String>> symbols, Map<String, JsonNode> settings) {
    return (ObjectNode) resolveNode(body, symbols, settings);
  }

  private static JsonNode resolveNode(
      JsonNode node, Map<String, List<String>> symbols, Map<String, JsonNode> settings) {
    if (isSetting(node)) {
      JsonNode value = settings.get(node.get("$setting").asString());
      return value == null || value.isNull() ? node.get("default") : value;
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = Json.NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        copy.set(e.getKey(), resolveNode(e.getValue(), symbols, settings));
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = Json.NODES.arrayNode();
      for (JsonNode item : array) {
        if (isSymbol(item)) {
          List<String> resolved = symbols.get(item.get("$symbol").asString());
          if (resolved == null) {
            throw new IllegalStateException(
                "no value for symbol " + item.get("$symbol").asString());
          }
          resolved.forEach(copy::add);
        } else {
          copy.add(resolveNode(item, symbols, settings));
        }
      }
      return copy;
    }
    return node;
  }

  static boolean isSymbol(JsonNode node) {
    return node instanceof ObjectNode o && o.size() == 1 && o.has("$symbol");
  }

  private static boolean isSetting(JsonNode node) {
    return node instanceof ObjectNode o && o.has("$setting");
  }

  public static List<String> sortedUnique(List<String> values) {
    return new ArrayList<>(new java.util.TreeSet<>(values));
  }
}
