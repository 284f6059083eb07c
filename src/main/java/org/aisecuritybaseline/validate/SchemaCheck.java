package org.aisecuritybaseline.validate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.load.JsonPointers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates a JSON tree against a draft 2020-12 schema and turns the validator's findings into
 * short, specific problems: which property is unknown (and which were meant), which is missing,
 * what type or value was expected. Messages use the schema's own {@code description} where a
 * pattern fails, so that the schema stays the single source of the rules.
 */
public final class SchemaCheck {

  /** One schema violation at a JSON pointer; {@code atKey} asks to point at the member's key. */
  public record Violation(String pointer, boolean atKey, Code code, String message) {}

  private final JsonNode schemaTree;
  private final Schema schema;

  /**
   * @param baseUri where the schema is considered to live; relative {@code $id}s resolve against
   *     it. Only internal references are used, nothing is fetched.
   */
  public SchemaCheck(JsonNode schemaTree, String baseUri) {
    this.schemaTree = schemaTree;
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .locale(Locale.ROOT)
            .formatAssertionsEnabled(true)
            .build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(config));
    this.schema = registry.getSchema(com.networknt.schema.SchemaLocation.of(baseUri), schemaTree);
  }

  public static SchemaCheck fromResource(String resource) {
    return new SchemaCheck(
        Json.parseResource(resource), "https://ai-security-baseline.invalid" + resource);
  }

  /** The properties the schema object at {@code pointer} declares (its "properties"). */
  public List<String> propertiesAt(String pointer) {
    return allowedProperties(schemaTree.at(pointer));
  }

  /** The properties the schema object at {@code pointer} requires. */
  public List<String> requiredAt(String pointer) {
    List<String> names = new ArrayList<>();
    schemaTree.at(pointer).path("required").forEach(r -> names.add(r.asString()));
    return names;
  }

  public List<Violation> check(JsonNode instance) {
    List<Error> errors = withoutWhatMisspellingsExplain(schema.validate(instance), instance);
    Set<Violation> out = new LinkedHashSet<>();
    for (Error error : errors) {
      Violation v = toViolation(error, instance);
      if (v != null) {
        out.add(v);
      }
    }
    return dropCompositeNoise(new ArrayList<>(out));
  }

  /**
   * A misspelt property ('licenses' for 'licences') is one problem: the unknown property, with its
   * suggestion. The validator also reports what its absence breaks at the same mapping (a required
   * property, a oneOf or anyOf alternative, a minimum number of properties), so the instance is
   * validated again with every suggestion applied, and a violation that disappears then is the
   * misspelling's consequence and is dropped. Violations are matched by place, keyword and
   * property.
   */
  private List<Error> withoutWhatMisspellingsExplain(List<Error> errors, JsonNode instance) {
    JsonNode repaired = null;
    for (Error error : errors) {
      if (!isUnknownProperty(error) || error.getProperty() == null) {
        continue;
      }
      String name = error.getProperty();
      java.util.Optional<String> meant =
          Suggestions.closest(name, allowedProperties(schemaParent(error)));
      if (meant.isEmpty()) {
        continue;
      }
      if (repaired == null) {
        repaired = instance.deepCopy();
      }
      if (repaired.at(pointer(error.getInstanceLocation())) instanceof ObjectNode object
          && object.has(name)
          && !object.has(meant.get())) {
        object.set(meant.get(), object.remove(name));
      }
    }
    if (repaired == null || repaired.equals(instance)) {
      return errors;
    }
    Set<String> remaining = new java.util.HashSet<>();
    for (Error e : schema.validate(repaired)) {
      if (toViolation(e, repaired)
          != null) { // a shortfall the required properties explain is no violation
        remaining.add(identity(e));
      }
    }
    return errors.stream()
        .filter(e -> isUnknownProperty(e) || remaining.contains(identity(e)))
        .toList();
  }

  private static boolean isUnknownProperty(Error error) {
    return "additionalProperties".equals(error.getKeyword())
        || "unevaluatedProperties".equals(error.getKeyword());
  }

  private static String identity(Error error) {
    return pointer(error.getInstanceLocation())
        + "\u0000"
        + error.getKeyword()
        + "\u0000"
        + error.getProperty();
  }

  private Violation toViolation(Error error, JsonNode instance) {
    String pointer = pointer(error.getInstanceLocation());
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    JsonNode schemaNode = schemaParent(error);
    switch (keyword) {
      case "additionalProperties", "unevaluatedProperties" -> {
        String name = error.getProperty();
        String child = JsonPointers.child(pointer, name);
        List<String> allowed = allowedProperties(schemaNode);
        String hint =
            Suggestions.closest(name, allowed).map(s -> "; did you mean '" + s + "'?").orElse("");
        String list = allowed.isEmpty() ? "" : " Allowed here: " + String.join(", ", allowed) + ".";
        return new Violation(
            child, true, Code.E201, "unknown property '" + name + "'" + hint + list);
      }
      case "required" -> {
        String name = error.getProperty();
        return new Violation(
            pointer,
            true,
            Code.E202,
            "missing required property '" + name + "'" + describe(schemaNode, name));
      }
      case "type" -> {
        JsonNode actual = at(instance, pointer);
        String expected =
            error.getSchemaNode() == null
                ? "another type"
                : error.getSchemaNode().toString().replace("\"", "");
        return new Violation(
            pointer, false, Code.E203, "expected " + article(expected) + ", found " + kind(actual));
      }
      case "enum", "const" -> {
        JsonNode actual = at(instance, pointer);
        List<String> allowed = new ArrayList<>();
        if (error.getSchemaNode() != null) {
          if (error.getSchemaNode().isArray()) {
            error.getSchemaNode().forEach(n -> allowed.add(n.asString()));
          } else {
            allowed.add(error.getSchemaNode().asString());
          }
        }
        String found = actual == null ? "nothing" : "'" + text(actual) + "'";
        String hint =
            actual != null && actual.isString()
                ? Suggestions.closest(actual.asString(), allowed)
                    .map(s -> "; did you mean '" + s + "'?")
                    .orElse("")
                : "";
        return new Violation(
            pointer, false, Code.E204, "must be " + oneOf(allowed) + ", found " + found + hint);
      }
      case "pattern", "format" -> {
        JsonNode actual = at(instance, pointer);
        String rule = description(error).orElse("must match " + error.getSchemaNode());
        return new Violation(
            pointer, false, Code.E204, "'" + text(actual) + "' is not valid: " + rule);
      }
      case "minProperties" -> {
        return missingProperties(pointer, schemaNode, at(instance, pointer), error);
      }
      case "minLength",
          "maxLength",
          "minItems",
          "maxItems",
          "minimum",
          "maximum",
          "uniqueItems" -> {
        return new Violation(pointer, false, Code.E205, rephrase(keyword, error));
      }
      case "oneOf" -> {
        return new Violation(pointer, false, Code.E205, oneOfMessage(error));
      }
      case "anyOf" -> {
        JsonNode actual = at(instance, pointer);
        String rule = description(error).orElse("matches none of the allowed forms");
        return new Violation(
            pointer, false, Code.E204, "'" + text(actual) + "' is not valid: " + rule);
      }
      case "not" -> {
        return new Violation(pointer, false, Code.E205, notMessage(error));
      }
      case "propertyNames" -> {
        return null; // reported through the nested pattern error with the name itself
      }
      default -> {
        return new Violation(pointer, false, Code.E205, error.getMessage());
      }
    }
  }

  /**
   * Nullable Graph properties are "X or null"; when X fails, the validator also reports that the
   * value is not null. That line only repeats the real problem at the same place or below it, so it
   * goes.
   */
  private static List<Violation> dropCompositeNoise(List<Violation> items) {
    // Linear in the number of violations: pointers seen, and every ancestor of a pointer seen.
    java.util.Map<String, Integer> atPointer = new java.util.HashMap<>();
    Set<String> ancestors = new java.util.HashSet<>();
    for (Violation v : items) {
      atPointer.merge(v.pointer(), 1, Integer::sum);
      for (int slash = v.pointer().lastIndexOf('/');
          slash >= 0;
          slash = v.pointer().lastIndexOf('/', slash - 1)) {
        if (!ancestors.add(v.pointer().substring(0, slash))) {
          break;
        }
      }
    }
    List<Violation> out = new ArrayList<>();
    for (Violation v : items) {
      boolean nullNoise =
          v.message().startsWith("expected a null")
              && (atPointer.get(v.pointer()) > 1 || ancestors.contains(v.pointer()));
      if (!nullNoise) {
        out.add(v);
      }
    }
    out.sort(Comparator.comparing(Violation::pointer));
    return out;
  }

  /**
   * A mapping with fewer properties than its minimum names what is missing: the schema's properties
   * that are neither given nor required (a missing required property has its own violation). Null
   * when the missing required properties account for the shortfall.
   */
  private static Violation missingProperties(
      String pointer, JsonNode schemaObject, JsonNode actual, Error error) {
    int minimum = error.getSchemaNode() == null ? 1 : error.getSchemaNode().asInt();
    List<String> known = allowedProperties(schemaObject);
    Set<String> required = new java.util.HashSet<>();
    if (schemaObject != null) {
      schemaObject.path("required").forEach(r -> required.add(r.asString()));
    }
    Set<String> given = new java.util.HashSet<>();
    if (actual != null && actual.isObject()) {
      actual.propertyNames().forEach(given::add);
    }
    long present = known.stream().filter(given::contains).count();
    long missingRequired = required.stream().filter(r -> !given.contains(r)).count();
    long needed = minimum - present - missingRequired;
    if (needed <= 0) {
      return null;
    }
    List<String> candidates =
        known.stream().filter(k -> !given.contains(k) && !required.contains(k)).toList();
    if (candidates.isEmpty()) { // a map of free keys: its size is what is wrong
      return new Violation(pointer, false, Code.E205, "needs at least " + minimum + " entries");
    }
    if (candidates.size() == 1) {
      return new Violation(
          pointer,
          true,
          Code.E202,
          "missing required property '"
              + candidates.get(0)
              + "'"
              + describe(schemaObject, candidates.get(0)));
    }
    List<String> quoted = candidates.stream().map(c -> "'" + c + "'").toList();
    String list =
        String.join(", ", quoted.subList(0, quoted.size() - 1))
            + " or "
            + quoted.get(quoted.size() - 1);
    return new Violation(
        pointer,
        true,
        Code.E202,
        "missing required "
            + (needed == 1 ? "property: one" : "properties: " + needed)
            + " of "
            + list);
  }

  private String oneOfMessage(Error error) {
    JsonNode parent = schemaParent(error);
    if (parent != null && parent.has("description")) {
      return "does not fit: " + parent.get("description").asString();
    }
    return "must match exactly one of the allowed forms";
  }

  private String notMessage(Error error) {
    JsonNode parent = schemaParent(error);
    String d =
        parent != null && parent.has("description")
            ? " (" + parent.get("description").asString() + ")"
            : "";
    return "has a property that is not allowed in this combination" + d;
  }

  private static String rephrase(String keyword, Error error) {
    String limit = error.getSchemaNode() == null ? "?" : error.getSchemaNode().asString();
    return switch (keyword) {
      case "minLength" -> "is too short: at least " + limit + " characters";
      case "maxLength" -> "is too long: at most " + limit + " characters";
      case "minItems" -> "needs at least " + limit + " item(s)";
      case "maxItems" -> "has too many items: at most " + limit;
      case "minimum" -> "must be at least " + limit;
      case "maximum" -> "must be at most " + limit;
      case "uniqueItems" -> "has the same item twice; list each item once";
      default -> error.getMessage();
    };
  }

  /** The schema object that holds the failing keyword (for its description and properties). */
  private JsonNode schemaParent(Error error) {
    if (error.getSchemaLocation() == null) {
      return null;
    }
    String fragment =
        error.getSchemaLocation().getFragment() == null
            ? ""
            : error.getSchemaLocation().getFragment().toString();
    JsonNode node = schemaTree.at(fragment.startsWith("#") ? fragment.substring(1) : fragment);
    if (node == null || node.isMissingNode()) {
      return null;
    }
    int slash = fragment.lastIndexOf('/');
    if (slash <= 0) {
      return schemaTree;
    }
    String parent = fragment.substring(fragment.startsWith("#") ? 1 : 0, slash);
    JsonNode p = schemaTree.at(parent);
    return p.isMissingNode() ? null : p;
  }

  private java.util.Optional<String> description(Error error) {
    JsonNode parent = schemaParent(error);
    if (parent != null && parent.has("description")) {
      return java.util.Optional.of(parent.get("description").asString());
    }
    return java.util.Optional.empty();
  }

  private static List<String> allowedProperties(JsonNode schemaObject) {
    List<String> names = new ArrayList<>();
    if (schemaObject != null && schemaObject.has("properties")) {
      schemaObject.get("properties").propertyNames().forEach(names::add);
    }
    return names;
  }

  private static String describe(JsonNode schemaObject, String property) {
    if (schemaObject == null) {
      return "";
    }
    JsonNode d = schemaObject.path("properties").path(property).path("description");
    return d.isString() ? " (" + d.asString() + ")" : "";
  }

  static String pointer(NodePath path) {
    String p = "";
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      p =
          element instanceof Integer index
              ? JsonPointers.child(p, index)
              : JsonPointers.child(p, String.valueOf(element));
    }
    return p;
  }

  private static JsonNode at(JsonNode root, String pointer) {
    JsonNode n = root.at(pointer);
    return n.isMissingNode() ? null : n;
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isNull()) {
      return "nothing (null)";
    }
    if (node.isString()) {
      return "a string '" + node.asString() + "'";
    }
    if (node.isBoolean()) {
      return "a boolean " + node.asString();
    }
    if (node.isNumber()) {
      return "a number " + node.asString();
    }
    return node.isArray() ? "a list" : "a mapping";
  }

  private static String article(String type) {
    return switch (type) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "integer" -> "an integer";
      default -> "a " + type;
    };
  }

  private static String text(JsonNode node) {
    if (node == null) {
      return "";
    }
    return node.isString() ? node.asString() : node.toString();
  }

  private static String oneOf(List<String> allowed) {
    if (allowed.size() == 1) {
      return "'" + allowed.get(0) + "'";
    }
    return "one of " + allowed.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", "));
  }
}
