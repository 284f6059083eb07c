package org.aisecuritybaseline.tenant;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an object read from a loose export is, by its {@code @odata.type}, its ARM resource type or
 * its shape. Names are matched in any case, so PowerShell's PascalCase objects are recognised too.
 */
final class Classify {
  private static final String GRAPH = "#microsoft.graph.";
  private static final List<String> LOCATION_MEMBERS =
      List.of(
          "ipRanges",
          "countriesAndRegions",
          "compliantNetworkType",
          "serviceTags",
          "privateLinkResourcePolicyIds");

  private Classify() {}

  /** The kind of {@code item}, or null when nothing marks it as one the readers know. */
  static ObjectKind kind(ObjectNode item) {
    String type = graphType(item);
    if (type != null) {
      if (type.equals("conditionalaccesspolicy")) {
        return ObjectKind.POLICY;
      }
      if (type.endsWith("namedlocation")) {
        return ObjectKind.NAMED_LOCATION;
      }
      if (type.equals("authenticationstrengthpolicy")) {
        return ObjectKind.AUTHENTICATION_STRENGTH;
      }
    }
    String arm = text(item, "type");
    if ("Microsoft.Security/pricings".equalsIgnoreCase(arm)) {
      return ObjectKind.PRICING;
    }
    if ("Microsoft.Security/securityConnectors".equalsIgnoreCase(arm)) {
      return ObjectKind.CONNECTOR;
    }
    if (has(item, "conditions")
        && (has(item, "grantControls") || has(item, "sessionControls") || has(item, "state"))) {
      return ObjectKind.POLICY;
    }
    JsonNode bag = get(item, "AdditionalProperties");
    for (String member : LOCATION_MEMBERS) {
      if (has(item, member) || (bag instanceof ObjectNode b && has(b, member))) {
        return ObjectKind.NAMED_LOCATION;
      }
    }
    if (has(item, "allowedCombinations")) {
      return ObjectKind.AUTHENTICATION_STRENGTH;
    }
    JsonNode objectClass = item.get("ObjectClass");
    if (contains(objectClass, "msExchUnifiedRule")) {
      return ObjectKind.DLP_RULE;
    }
    if (contains(objectClass, "msExchUnifiedPolicy")) {
      return ObjectKind.DLP_POLICY;
    }
    if (item.has("ParentPolicyName") || (item.has("AdvancedRule") && item.has("Policy"))) {
      return ObjectKind.DLP_RULE;
    }
    if (item.has("Mode")
        && item.has("Workload")
        && item.propertyNames().stream().anyMatch(n -> n.endsWith("Location"))) {
      return ObjectKind.DLP_POLICY;
    }
    return null;
  }

  /** The kind a Graph list's {@code @odata.context} names, or null. */
  static ObjectKind fromContext(String context) {
    if (context == null) {
      return null;
    }
    String c = context.toLowerCase(Locale.ROOT);
    if (c.contains("conditionalaccess/policies")) {
      return ObjectKind.POLICY;
    }
    if (c.contains("conditionalaccess/namedlocations")) {
      return ObjectKind.NAMED_LOCATION;
    }
    if (c.contains("authenticationstrength")) {
      return ObjectKind.AUTHENTICATION_STRENGTH;
    }
    return null;
  }

  /**
   * The directory kind ("user", "group", "servicePrincipal", "role") of an item of
   * directoryObjects/getByIds or roleDefinitions, or null.
   */
  static String directoryKind(ObjectNode item, String context) {
    String type = text(item, "@odata.type");
    if (type != null && type.startsWith(GRAPH)) {
      String t = type.substring(GRAPH.length());
      if (List.of("user", "group", "servicePrincipal").contains(t)) {
        return t;
      }
      if (t.equals("unifiedRoleDefinition")) {
        return "role";
      }
    }
    if (context != null && context.toLowerCase(Locale.ROOT).contains("roledefinitions")) {
      return "role";
    }
    return null;
  }

  /** The Graph type without its namespace, lower-cased, from the object or its PowerShell bag. */
  private static String graphType(ObjectNode item) {
    String type = text(item, "@odata.type");
    if (type == null && get(item, "AdditionalProperties") instanceof ObjectNode bag) {
      type = text(bag, "@odata.type");
    }
    if (type == null) {
      return null;
    }
    String t = type.toLowerCase(Locale.ROOT);
    return t.startsWith(GRAPH) ? t.substring(GRAPH.length()) : t;
  }

  static String text(ObjectNode item, String name) {
    JsonNode v = item.get(name);
    return v != null && v.isString() ? v.asString() : null;
  }

  private static boolean has(ObjectNode item, String name) {
    return get(item, name) != null;
  }

  /** The member {@code name} in any case. */
  private static JsonNode get(ObjectNode item, String name) {
    JsonNode exact = item.get(name);
    if (exact != null) {
      return exact;
    }
    for (String n : item.propertyNames()) {
      if (n.equalsIgnoreCase(name)) {
        return item.get(n);
      }
    }
    return null;
  }

  private static boolean contains(JsonNode value, String text) {
    if (value == null) {
      return false;
    }
    if (value.isString()) {
      return value.asString().equalsIgnoreCase(text);
    }
    for (JsonNode v : value) {
      if (v.isString() && v.asString().equalsIgnoreCase(text)) {
        return true;
      }
    }
    return false;
  }
}
