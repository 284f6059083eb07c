package org.aisecuritybaseline.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * What one of the Graph Conditional Access schemas (copies in schemas/graph/, provenance in their
 * README) says about a member: whether it exists, whether it is an array (a set), a flags enum, or
 * an object whose {@code @odata.type} selects one of several derived types. The schemas are the
 * data; nothing here names a Graph member.
 */
final class GraphSchema {
  static final String V1_RESOURCE = "/schemas/graph/conditionalAccessPolicy.v1.schema.json";
  static final String BETA_RESOURCE = "/schemas/graph/conditionalAccessPolicy.beta.schema.json";

  static final GraphSchema V1 = new GraphSchema(Json.parseResource(V1_RESOURCE));
  static final GraphSchema BETA = new GraphSchema(Json.parseResource(BETA_RESOURCE));

  /** A resolved schema position. */
  sealed interface Shape permits ObjectShape, ArrayShape, StringShape, OtherShape {}

  /**
   * An object, possibly one of several derived types ({@code polymorphic}): each branch is the
   * {@code properties} of one concrete type, with the {@code @odata.type} it requires (or null).
   */
  record ObjectShape(List<Branch> branches) implements Shape {
    boolean polymorphic() {
      return branches.stream().anyMatch(b -> b.odataType() != null);
    }

    /**
     * The branches an instance with this {@code @odata.type} can be: the one whose type matches, or
     * all of them when the instance names none; empty when it names a type no branch has.
     */
    List<Branch> select(String odataType) {
      if (odataType == null || !polymorphic()) {
        return branches;
      }
      return branches.stream()
          .filter(b -> b.odataType() != null && b.odataType().equalsIgnoreCase(odataType))
          .toList();
    }
  }

  record Branch(String odataType, JsonNode properties) {}

  record ArrayShape(GraphSchema schema, JsonNode items) implements Shape {
    Shape itemShape() {
      return schema.resolve(items);
    }
  }

  /** A string; {@code flags} when it is a flags enum (comma-separated member names). */
  record StringShape(boolean flags) implements Shape {}

  record OtherShape() implements Shape {}

  private final JsonNode defs;
  private final Map<String, Shape> byDef = new ConcurrentHashMap<>();

  GraphSchema(JsonNode schema) {
    this.defs = schema.path("$defs");
  }

  /** The shape of a {@code $defs} type, e.g. {@code microsoft.graph.conditionalAccessPolicy}. */
  Shape type(String def) {
    return byDef.computeIfAbsent(def, d -> resolve(defs.path(d)));
  }

  /**
   * Every concrete named-location type this schema declares (a {@code $defs} entry whose name ends
   * with NamedLocation and whose {@code @odata.type} is a constant), as one polymorphic object.
   */
  ObjectShape namedLocations() {
    List<Branch> branches = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : defs.properties()) {
      JsonNode type = e.getValue().path("properties").path("@odata.type").path("const");
      if (e.getKey().endsWith("NamedLocation") && type.isString()) {
        branches.add(new Branch(type.asString(), e.getValue().path("properties")));
      }
    }
    return new ObjectShape(List.copyOf(branches));
  }

  /** The members a set of branches declares, for matching PowerShell's PascalCase names. */
  static String declaredName(List<Branch> branches, String name) {
    for (Branch b : branches) {
      if (b.properties().has(name)) {
        return name;
      }
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (Branch b : branches) {
      for (String declared : b.properties().propertyNames()) {
        if (declared.toLowerCase(Locale.ROOT).equals(lower)) {
          return declared;
        }
      }
    }
    return null;
  }

  /** The shape of the member {@code name} in any of the branches, or null when none declares it. */
  Shape member(List<Branch> branches, String name) {
    for (Branch b : branches) {
      JsonNode p = b.properties().get(name);
      if (p != null) {
        return resolve(p);
      }
    }
    return null;
  }

  Shape resolve(JsonNode s) {
    if (s == null || s.isMissingNode()) {
      return new OtherShape();
    }
    if (s.has("$ref")) {
      String ref = s.get("$ref").asString();
      String prefix = "#/$defs/";
      return ref.startsWith(prefix) ? type(ref.substring(prefix.length())) : new OtherShape();
    }
    if (s.has("const")) {
      return new StringShape(false);
    }
    String type = typeOf(s.get("type"));
    // an object's own anyOf/oneOf lists required members ("users or clientApplications"), not types
    if ("object".equals(type) || s.has("properties")) {
      JsonNode odata = s.path("properties").path("@odata.type").path("const");
      return new ObjectShape(
          List.of(new Branch(odata.isString() ? odata.asString() : null, s.path("properties"))));
    }
    for (String composite : List.of("anyOf", "oneOf")) {
      if (s.has(composite)) {
        List<Shape> shapes = new ArrayList<>();
        for (JsonNode branch : s.get(composite)) {
          if (!"null".equals(branch.path("type").asString(""))) {
            shapes.add(resolve(branch));
          }
        }
        if (shapes.isEmpty()) {
          return new OtherShape();
        }
        if (shapes.size() > 1 && shapes.stream().allMatch(x -> x instanceof ObjectShape)) {
          List<Branch> all = new ArrayList<>();
          shapes.forEach(x -> all.addAll(((ObjectShape) x).branches()));
          return new ObjectShape(List.copyOf(all));
        }
        return shapes.get(0);
      }
    }
    if ("array".equals(type)) {
      return new ArrayShape(this, s.path("items"));
    }
    if ("string".equals(type)) {
      return new StringShape(s.path("$comment").asString("").contains("IsFlags=true"));
    }
    return new OtherShape();
  }

  /** The first type that is not "null" ({@code ["string", "null"]} is a string). */
  private static String typeOf(JsonNode type) {
    if (type == null) {
      return null;
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!t.asString().equals("null")) {
          return t.asString();
        }
      }
      return null;
    }
    return type.asString();
  }
}
