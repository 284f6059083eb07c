package org.aisecuritybaseline.defender;

import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** ARM template helpers. */
final class Arm {
  static final String SUBSCRIPTION_SCHEMA = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#";
  static final String GROUP_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

  private Arm() {}

  /**
   * A literal string for an ARM template: a value that starts with '[' would be evaluated as an
   * expression, so it gets one more '[' (ARM drops it again).
   */
  static String literal(String value) {
    return value.startsWith("[") ? "[" + value : value;
  }

  static ObjectNode template(String schema) {
    ObjectNode t = Json.NODES.objectNode();
    t.put("$schema", schema);
    t.put("contentVersion", "1.0.0.0");
    return t;
  }
}
