package org.aisecuritybaseline.validate;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The estate's own rules for one answer that {@code baseline init} writes into an estate, whether the
 * answer comes as an option or from the interview, so that a value the estate would refuse is refused
 * when it is given. The estate schema judges the format: the value is placed where init writes it, in
 * a probe document that holds nothing else. As the semantic checks do, the nil GUID is refused, and so
 * is a value that repeats one already given where the estate needs each value once.
 */
public final class AnswerCheck {
  private static final String GUID = "a GUID such as 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
  private static final String ENTRA = "copy it from the object's overview page in the Entra admin center";

  /** What an answer is: where init writes it in the estate, and how to tell the user what is wrong. */
  public enum Field {
    TENANT_ID(GUID, "copy the Tenant ID from the overview page of the Entra admin center", "", "/tenant/id"),
    PRIMARY_DOMAIN("a domain such as contoso.onmicrosoft.com", "", "", "/tenant/primaryDomain"),
    LICENCE(null, "", "is given twice; list each licence once", "/tenant/licences/0"),
    BREAK_GLASS_ACCOUNT("an object ID (" + GUID + ")", ENTRA, "is given twice; list each account once", "/breakGlass/accounts/0/id"),
    BREAK_GLASS_GROUP("an object ID (" + GUID + ")", ENTRA, "is given twice; list each group once", "/breakGlass/groups/0/id"),
    /** The admins, pilot and specialized groups: one group per purpose, as group IDs are unique in the estate. */
    GROUP("an object ID (" + GUID + ")", ENTRA, "is already given for another purpose; give each purpose a group of its own", "/groups/0/id"),
    TIER(null, "", "", "/baseline/tier"),
    SUBSCRIPTION("a subscription ID (" + GUID + ")", "copy it from Subscriptions in the Azure portal",
        "is given twice; list each subscription once", "/threat/azure/subscriptions/0/id"),
    AWS_ACCOUNT("a 12-digit AWS account ID", "", "is given twice; list each account once", "/threat/aws/accounts/0/id"),
    /** {@code project-id:project-number}; each part is checked where it is written. */
    GCP_PROJECT("project-id:project-number, such as contoso-ai:843025268399", "",
        "repeats the ID or number of a project given before; list each project once",
        "/threat/gcp/projects/0/projectId", "/threat/gcp/projects/0/projectNumber"),
    REGION("a region name such as westeurope", "", "", "/threat/azure/deploymentLocation", "/threat/connectorHost/location"),
    RESOURCE_GROUP("a resource group name: letters, digits, '.', '_' and '-' (up to 90)", "", "", "/threat/connectorHost/resourceGroup");

    /** What the value must be; null where the schema's own message (its allowed values) says it. */
    final String expected;
    final String fix;
    /** What is wrong with a value given twice where the estate needs each once. */
    final String repeated;
    final List<String> pointers;

    Field(String expected, String fix, String repeated, String... pointers) {
      this.expected = expected;
      this.fix = fix;
      this.repeated = repeated;
      this.pointers = List.of(pointers);
    }
  }

  private AnswerCheck() {}

  /**
   * Empty when the estate accepts {@code value} as {@code field}, after the values given {@code before}
   * it in the same list (or, for {@link Field#GROUP}, for the other purposes); else what is wrong and
   * how to fix it.
   */
  public static Optional<String> check(Field field, String value, List<String> before) {
    List<String> parts = parts(field, value);
    if (parts.isEmpty()) {
      return Optional.of("'" + value + "' is not " + field.expected);
    }
    ObjectNode probe = Json.NODES.objectNode();
    for (int i = 0; i < parts.size(); i++) {
      put(probe, field.pointers.get(i), parts.get(i));
    }
    for (SchemaCheck.Violation v : EstateValidator.estateSchema().check(probe)) {
      if (field.pointers.contains(v.pointer())) {
        return Optional.of(field.expected == null ? v.message()
            : "'" + value + "' is not " + field.expected + (field.fix.isEmpty() ? "" : "; " + field.fix));
      }
    }
    if (parts.contains(Uniqueness.NIL_GUID)) {
      return Optional.of("the nil GUID is a placeholder, not a real ID; " + field.fix);
    }
    List<String> keys = keys(field, parts);
    if (before.stream().anyMatch(b -> keys(field, parts(field, b)).stream().anyMatch(keys::contains))) {
      return Optional.of("'" + value + "' " + field.repeated);
    }
    return Optional.empty();
  }

  /** The value, or for a GCP project its ID and number; empty when a GCP project has no ':'. */
  private static List<String> parts(Field field, String value) {
    if (field != Field.GCP_PROJECT) {
      return Collections.nCopies(field.pointers.size(), value);
    }
    int colon = value.indexOf(':');
    return colon < 0 ? List.of() : List.of(value.substring(0, colon), value.substring(colon + 1));
  }

  /** What makes two values the same: IDs compare without case; two GCP projects are one if the ID or the number is. */
  private static List<String> keys(Field field, List<String> parts) {
    return field == Field.GCP_PROJECT
        ? List.of("id " + parts.get(0), "number " + parts.get(1))
        : List.of(parts.get(0).toLowerCase(Locale.ROOT));
  }

  /** Sets {@code value} at {@code pointer}, creating the objects and one-item arrays on the way. */
  private static void put(ObjectNode root, String pointer, String value) {
    String[] names = pointer.substring(1).split("/");
    JsonNode node = root;
    for (int i = 0; i < names.length; i++) {
      boolean last = i == names.length - 1;
      JsonNode child = last ? Json.NODES.stringNode(value) : names[i + 1].equals("0") ? Json.NODES.arrayNode() : Json.NODES.objectNode();
      if (node instanceof ArrayNode array) {
        if (array.isEmpty()) {
          array.add(child);
        }
        node = array.get(0);
      } else {
        ObjectNode object = (ObjectNode) node;
        if (!object.has(names[i])) {
          object.set(names[i], child);
        }
        node = object.get(names[i]);
      }
    }
  }
}
