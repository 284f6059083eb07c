package org.aisecuritybaseline.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Symbolic references in templates: an array element {@code {"$symbol": "name"}} is replaced, on the
 * parsed tree, by the strings the symbol stands for in this estate.
 */
public final class Symbols {
  public static final Set<String> KNOWN =
      Set.of(
          "roles.admins",
          "roles.privileged",
          "roles.directorySync",
          "groups.admins",
          "groups.specialized",
          "groups.serviceAccounts",
          "apps.generativeAi");

  private Symbols() {}

  static void checkKnown(JsonNode node, String file) {
    if (isSymbol(node)) {
      String name = node.get("$symbol").asString();
      if (!KNOWN.contains(name)) {
        throw new IllegalStateException(file + ": unknown symbol " + name + "; known: " + KNOWN);
      }
      return;
    }
    for (JsonNode child : node) {
      checkKnown(child, file);
    }
  }

  /** A copy of {@code body} with every symbol spliced out for its values. */
  static ObjectNode resolve(ObjectNode body, Map<String, List<String>> values) {
    return (ObjectNode) resolveNode(body, values);
  }

  private static JsonNode resolveNode(JsonNode node, Map<String, List<String>> values) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = Json.NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        copy.set(e.getKey(), resolveNode(e.getValue(), values));
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = Json.NODES.arrayNode();
      for (JsonNode item : array) {
        if (isSymbol(item)) {
          List<String> resolved = values.get(item.get("$symbol").asString());
          if (resolved == null) {
            throw new IllegalStateException("no value for symbol " + item.get("$symbol").asString());
          }
          resolved.forEach(copy::add);
        } else {
          copy.add(resolveNode(item, values));
        }
      }
      return copy;
    }
    return node;
  }

  private static boolean isSymbol(JsonNode node) {
    return node instanceof ObjectNode o && o.size() == 1 && o.has("$symbol");
  }

  static List<String> sortedUnique(List<String> values) {
    return new ArrayList<>(new java.util.TreeSet<>(values));
  }
}
