package org.aisecuritybaseline.family;

import java.util.Map;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * ARM templates as trees, for every family that writes them (defender, secops). A template is built
 * with plain strings for literal values (estate text included, unescaped) and {@link #expression}
 * nodes for the few values that are meant to be evaluated; {@link #writeBytes} is the one place
 * that turns the tree into ARM JSON, escaping every literal and writing every expression as it is.
 * So no caller escapes anything, and the tree keeps the real values for code that reads it back
 * (the AWS and GCP expectations).
 */
public final class Arm {
  public static final String SUBSCRIPTION_SCHEMA =
      "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#";
  public static final String GROUP_SCHEMA =
      "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
  public static final String TENANT_SCHEMA =
      "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#";

  /**
   * A value ARM evaluates, such as {@code [resourceGroup().location]}; only the generator's own
   * code makes one.
   */
  record Expression(String text) {
    Expression {
      if (!isExpressionShaped(text) || text.startsWith("[[")) {
        throw new IllegalArgumentException("not an ARM expression: " + text);
      }
    }
  }

  private Arm() {}

  public static ObjectNode template(String schema) {
    ObjectNode t = Json.NODES.objectNode();
    t.put("$schema", schema);
    t.put("contentVersion", "1.0.0.0");
    return t;
  }

  /** A node that {@link #writeBytes} writes unescaped, so ARM evaluates it. */
  public static JsonNode expression(String text) {
    return Json.NODES.pojoNode(new Expression(text));
  }

  /**
   * A literal string as ARM JSON must spell it. Microsoft's rule ("Syntax and expressions in ARM
   * templates", section "Escape characters",
   * https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions): "To
   * have a literal string start with a left bracket [ and end with a right bracket ], but not have
   * it interpreted as an expression, add an extra bracket to start the string with [[." and "if the
   * literal string doesn't end with a bracket, don't escape the first bracket" ("[test] value"
   * resolves to "[test] value"). ARM's own schema says the same: an expression matches {@code
   * ^\[([^\[].*)?\]$} (schemas/common/definitions.json). So {@code [x]} becomes {@code [[x]}, while
   * {@code [soc]@example.com}, {@code [x} and {@code x]} stay as they are.
   */
  public static String literal(String value) {
    return isExpressionShaped(value) ? "[" + value : value;
  }

  private static boolean isExpressionShaped(String s) {
    return s.length() >= 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']';
  }

  /**
   * The template as ARM JSON text: every string a literal, every {@link #expression} as written.
   */
  public static byte[] writeBytes(JsonNode template) {
    return Json.writeBytes(toArm(template));
  }

  /** A copy of {@code node} as ARM reads it (see {@link #writeBytes}). */
  public static JsonNode toArm(JsonNode node) {
    if (node instanceof POJONode pojo && pojo.getPojo() instanceof Expression e) {
      return Json.NODES.stringNode(e.text());
    }
    if (node.isString()) {
      return Json.NODES.stringNode(literal(node.asString()));
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = Json.NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        if (isExpressionShaped(e.getKey())) {
          // ARM evaluates expressions in some property names; no estate text can get here (names
          // are
          // pattern-checked), so this is a bug, not bad input.
          throw new IllegalStateException(
              "an ARM template property name would be read as an expression: " + e.getKey());
        }
        copy.set(e.getKey(), toArm(e.getValue()));
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = Json.NODES.arrayNode();
      array.forEach(item -> copy.add(toArm(item)));
      return copy;
    }
    if (node instanceof POJONode) {
      throw new IllegalStateException("unexpected value in an ARM template: " + node);
    }
    return node;
  }

  /**
   * The value ARM deploys for a literal of a written template: a string escaped as {@code [[x]} is
   * {@code [x]} once deployed, and what a GET returns (see {@link #literal}). Expressions are left
   * as written.
   */
  public static JsonNode deployedValue(JsonNode node) {
    if (node.isString()) {
      String s = node.asString();
      return s.startsWith("[[") && isExpressionShaped(s)
          ? Json.NODES.stringNode(s.substring(1))
          : node;
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = Json.NODES.objectNode();
      object.properties().forEach(e -> copy.set(e.getKey(), deployedValue(e.getValue())));
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = Json.NODES.arrayNode();
      array.forEach(item -> copy.add(deployedValue(item)));
      return copy;
    }
    return node;
  }
}
