package org.aisecuritybaseline.init;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.aisecuritybaseline.validate.Schemas;
import org.aisecuritybaseline.validate.Uniqueness;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The estate's own rules for one answer that {@code baseline init} writes into an estate, whether
 * the answer comes as an option or from the interview, so that a value the estate would refuse is
 * refused when it is given. The estate schema judges the format: the value is placed where init
 * writes it, in a probe document that holds nothing else. As the semantic checks do, the nil GUID
 * is refused, and so is a value that repeats one already given where the estate needs each value
 * once.
 */
public final class AnswerCheck {
  private static final String GUID = "a GUID such as 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
  private static final String ADMIN_CENTER =
      " in the Microsoft Entra admin center (entra.microsoft.com)";
  private static final String USER =
      "copy the Object ID from Entra ID > Users > All users > the account > Overview"
          + ADMIN_CENTER;
  private static final String GROUP_ID =
      "copy the Object ID from Entra ID > Groups > All groups > the group > Overview"
          + ADMIN_CENTER;

  /**
   * What an answer is: where init writes it in the estate, and how to tell the user what is wrong
   * and where to look.
   */
  public enum Field {
    TENANT_ID(
        GUID,
        "copy the Tenant ID from Entra ID > Overview > Properties" + ADMIN_CENTER,
        "",
        "/tenant/id"),
    PRIMARY_DOMAIN("a domain such as contoso.onmicrosoft.com", "", "", "/tenant/primaryDomain"),
    LICENCE(null, "", "is given twice; list each licence once", "/tenant/licences/0"),
    BREAK_GLASS_ACCOUNT(
        "an object ID (" + GUID + ")",
        USER,
        "is given twice; list each account once",
        "/breakGlass/accounts/0/id"),
    BREAK_GLASS_GROUP(
        "an object ID (" + GUID + ")",
        GROUP_ID,
        "is given twice; list each group once",
        "/breakGlass/groups/0/id"),
    /**
     * The admins, pilot and specialized groups: one group per purpose, and none of them a
     * break-glass group.
     */
    GROUP(
        "an object ID (" + GUID + ")",
        GROUP_ID,
        "is already given for another purpose; give each purpose a group of its own",
        "/groups/0/id"),
    TIER(null, "", "", "/baseline/tier"),
    /** {@code name=label-GUID}; the name is split from the GUID at the last '='. */
    LABEL(
        "name=label-GUID, such as Highly Confidential=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        "copy the names and GUIDs from Get-Label | Format-List Name,Guid in Security & Compliance PowerShell",
        "repeats the name or GUID of a label given before; list each label once",
        "/data/labels/0/name",
        "/data/labels/0/id"),
    SUBSCRIPTION(
        "a subscription ID (" + GUID + ")",
        "copy the Subscription ID from Subscriptions in the Azure portal (portal.azure.com)",
        "is given twice; list each subscription once",
        "/threat/azure/subscriptions/0/id"),
    AWS_ACCOUNT(
        "a 12-digit AWS account ID",
        "",
        "is given twice; list each account once",
        "/threat/aws/accounts/0/id"),
    /** {@code project-id:project-number}; each part is checked where it is written. */
    GCP_PROJECT(
        "project-id:project-number, such as contoso-ai:843025268399",
        "",
        "repeats the ID or number of a project given before; list each project once",
        "/threat/gcp/projects/0/projectId",
        "/threat/gcp/projects/0/projectNumber"),
    REGION(
        "a region name such as westeurope",
        "",
        "",
        "/threat/azure/deploymentLocation",
        "/threat/connectorHost/location"),
    RESOURCE_GROUP(
        "a resource group name: letters, digits, '.', '_' and '-' (up to 90)",
        "",
        "",
        "/threat/connectorHost/resourceGroup");

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

    /**
     * Where to find the value, for the interview and for --help; empty where there is nothing to
     * say.
     */
    public String help() {
      return fix;
    }

    private boolean objectId() {
      return this == BREAK_GLASS_ACCOUNT || this == BREAK_GLASS_GROUP || this == GROUP;
    }
  }

  private AnswerCheck() {}

  /**
   * Empty when the estate accepts {@code value} as {@code field}, after the values given {@code
   * before} it in the same list (or, for {@link Field#GROUP}, for the other purposes and as
   * break-glass groups); else what is wrong and how to fix it.
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
    for (SchemaCheck.Violation v : Schemas.estate().check(probe)) {
      if (field.pointers.contains(v.pointer())) {
        if (field.expected == null) {
          return Optional.of(v.message());
        }
        String upn =
            field.objectId() && value.contains("@")
                ? ": it looks like a user principal name, and init needs the object ID"
                : "";
        return Optional.of(
            "'"
                + value
                + "' is not "
                + field.expected
                + upn
                + (field.fix.isEmpty() ? "" : "; " + field.fix));
      }
    }
    if (parts.contains(Uniqueness.NIL_GUID)) {
      return Optional.of("the nil GUID is a placeholder, not a real ID; " + field.fix);
    }
    if (field == Field.LABEL && !plainText(parts.get(0))) {
      return Optional.of(
          "the label name has a control or format character or half a surrogate pair; type it as plain text");
    }
    List<String> keys = keys(field, parts);
    if (before.stream()
        .anyMatch(b -> keys(field, parts(field, b)).stream().anyMatch(keys::contains))) {
      return Optional.of("'" + value + "' " + field.repeated);
    }
    return Optional.empty();
  }

  /**
   * The value as init writes it: one part, or for a GCP project its ID and number, for a label its
   * name and GUID (split at the last '=', each stripped); empty when the separator is missing.
   */
  public static List<String> parts(Field field, String value) {
    if (field == Field.GCP_PROJECT) {
      int colon = value.indexOf(':');
      return colon < 0 ? List.of() : List.of(value.substring(0, colon), value.substring(colon + 1));
    }
    if (field == Field.LABEL) {
      int eq = value.lastIndexOf('=');
      return eq < 0
          ? List.of()
          : List.of(value.substring(0, eq).strip(), value.substring(eq + 1).strip());
    }
    return Collections.nCopies(field.pointers.size(), value);
  }

  /**
   * What makes two values the same: IDs and label names compare without case; two projects or
   * labels are one if either part is.
   */
  private static List<String> keys(Field field, List<String> parts) {
    if (parts.isEmpty()) {
      return List.of();
    }
    return switch (field) {
      case GCP_PROJECT -> List.of("id " + parts.get(0), "number " + parts.get(1));
      case LABEL ->
          List.of(
              "name " + parts.get(0).toLowerCase(Locale.ROOT),
              "id " + parts.get(1).toLowerCase(Locale.ROOT));
      default -> List.of(parts.get(0).toLowerCase(Locale.ROOT));
    };
  }

  /**
   * No control or format character (such as a bidirectional override), no line separator and no
   * unpaired surrogate.
   */
  private static boolean plainText(String s) {
    return s.codePoints()
        .noneMatch(
            cp -> {
              int type = Character.getType(cp);
              return type == Character.CONTROL
                  || type == Character.FORMAT
                  || type == Character.SURROGATE
                  || type == Character.LINE_SEPARATOR
                  || type == Character.PARAGRAPH_SEPARATOR
                  || (cp & 0xFFFE) == 0xFFFE;
            });
  }

  /** Sets {@code value} at {@code pointer}, creating the objects and one-item arrays on the way. */
  private static void put(ObjectNode root, String pointer, String value) {
    String[] names = pointer.substring(1).split("/");
    JsonNode node = root;
    for (int i = 0; i < names.length; i++) {
      boolean last = i == names.length - 1;
      JsonNode child =
          last
              ? Json.NODES.stringNode(value)
              : names[i + 1].equals("0") ? Json.NODES.arrayNode() : Json.NODES.objectNode();
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
