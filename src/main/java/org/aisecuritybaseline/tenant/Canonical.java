package org.aisecuritybaseline.tenant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.load.JsonPointers;
import org.aisecuritybaseline.tenant.GraphSchema.ArrayShape;
import org.aisecuritybaseline.tenant.GraphSchema.Branch;
import org.aisecuritybaseline.tenant.GraphSchema.ObjectShape;
import org.aisecuritybaseline.tenant.GraphSchema.Shape;
import org.aisecuritybaseline.tenant.GraphSchema.StringShape;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canonical form of tenant objects (docs/contracts.md section 9), applied alike to what a
 * tenant returns and to the files this project generates, so that both compare equal when they mean
 * the same. Pure functions: the input is never changed, the result is a new tree with its members
 * sorted by name, and applying a function to its own result changes nothing.
 *
 * <p>Graph objects (policies, named locations, authentication strengths): server fields, OData
 * annotations (but {@code @odata.type} where it selects a derived type) and operation
 * advertisements removed; {@code null}, {@code []} and {@code {}} removed after their own empty
 * members (an object left with only its {@code @odata.type} counts as empty); every array the
 * schemas declare sorted as a set (strings ordinal, objects by their canonical JSON text); flags
 * enums as their members sorted and joined with commas; GUID strings lower-cased; {@code
 * grantControls.authenticationStrength} reduced to its {@code id}; PowerShell SDK objects
 * (PascalCase, {@code AdditionalProperties}, unwrapped one-item arrays) turned into Graph's
 * camelCase. Strings that are not GUIDs ({@code "namedLocation:hq"}, {@code "All"}) stay as they
 * are.
 *
 * <p>Defender (ARM) and DLP (PowerShell) objects: the resource envelope, read-only properties and
 * PowerShell's remoting properties removed (data/tenant/canonical.json), empty members removed,
 * GUIDs lower-cased; their arrays keep their order and their keys their case.
 */
public final class Canonical {
  private static final JsonNode DATA = Json.parseResource("/data/tenant/canonical.json");
  private static final Set<String> SERVER_FIELDS = Set.copyOf(strings("/graph/serverFields"));
  private static final Set<String> POWERSHELL_NOISE = Set.copyOf(strings("/powerShell/noise"));
  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final String ODATA_TYPE = "@odata.type";
  private static final String STRENGTH = "/grantControls/authenticationStrength";

  private Canonical() {}

  /**
   * One object in canonical form, with what the schemas said of its members.
   *
   * @param id the object's own ID in the tenant, taken out of the body (a GUID lower-cased), or
   *     null
   * @param betaFields pointers (into {@code body}) of the members only Graph beta declares; a
   *     member inside one is not listed again. {@code /@odata.type} when the object's type itself
   *     is beta-only
   * @param unknownFields pointers of the members neither the v1.0 nor the beta schema declares
   * @param sourcePointers for each of those pointers, where the member was in the input (differs
   *     for PowerShell SDK objects and reordered arrays)
   */
  public record Form(
      String id,
      ObjectNode body,
      List<String> betaFields,
      List<String> unknownFields,
      Map<String, String> sourcePointers) {
    public Form {
      betaFields = List.copyOf(betaFields);
      unknownFields = List.copyOf(unknownFields);
      sourcePointers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sourcePointers));
    }
  }

  /** A Conditional Access policy (Graph v1.0 or beta, a generated body, or a PowerShell object). */
  public static ObjectNode policy(JsonNode policy) {
    return of(ObjectKind.POLICY, policy).body();
  }

  /** A named location of any type. */
  public static ObjectNode namedLocation(JsonNode location) {
    return of(ObjectKind.NAMED_LOCATION, location).body();
  }

  /** An authentication strength policy. */
  public static ObjectNode authenticationStrength(JsonNode strength) {
    return of(ObjectKind.AUTHENTICATION_STRENGTH, strength).body();
  }

  /** A Defender for Cloud pricing (ARM GET body, or a resource of a generated template). */
  public static ObjectNode pricing(JsonNode pricing) {
    return of(ObjectKind.PRICING, pricing).body();
  }

  /** A Defender for Cloud security connector (ARM GET body, or a template resource). */
  public static ObjectNode connector(JsonNode connector) {
    return of(ObjectKind.CONNECTOR, connector).body();
  }

  /** A DLP policy as Get-DlpCompliancePolicy | ConvertTo-Json writes it. */
  public static ObjectNode dlpPolicy(JsonNode policy) {
    return of(ObjectKind.DLP_POLICY, policy).body();
  }

  /** A DLP rule as Get-DlpComplianceRule | ConvertTo-Json writes it. */
  public static ObjectNode dlpRule(JsonNode rule) {
    return of(ObjectKind.DLP_RULE, rule).body();
  }

  /**
   * The canonical form of {@code input} as a {@code kind}, with its ID and what the schemas said.
   *
   * @throws IllegalArgumentException when {@code input} is not a JSON object
   */
  public static Form of(ObjectKind kind, JsonNode input) {
    if (!(input instanceof ObjectNode object)) {
      throw new IllegalArgumentException(kind.label() + " must be a JSON object");
    }
    return switch (kind) {
      case POLICY ->
          new GraphWalk(kind, object)
              .run(GraphSchema.V1.type(POLICY_TYPE), GraphSchema.BETA.type(POLICY_TYPE));
      case NAMED_LOCATION ->
          new GraphWalk(kind, object)
              .run(GraphSchema.V1.namedLocations(), GraphSchema.BETA.namedLocations());
      case AUTHENTICATION_STRENGTH ->
          new GraphWalk(kind, object)
              .run(GraphSchema.V1.type(STRENGTH_TYPE), GraphSchema.BETA.type(STRENGTH_TYPE));
      case PRICING -> arm(object, DATA.path("defender").path("pricings"));
      case CONNECTOR -> arm(object, DATA.path("defender").path("securityConnectors"));
      case DLP_POLICY, DLP_RULE -> dlp(object);
    };
  }

  private static final String POLICY_TYPE = "microsoft.graph.conditionalAccessPolicy";
  private static final String STRENGTH_TYPE = "microsoft.graph.authenticationStrengthPolicy";

  /** Whether {@code text} is a GUID (any case). */
  static boolean isGuid(String text) {
    return text.length() == 36 && GUID.matcher(text).matches();
  }

  // ---------------------------------------------------------------- Graph

  private enum Mode {
    /** The v1.0 schema declares this position: its members are checked against both schemas. */
    KNOWN,
    /** Inside a beta-only member: its members are checked against the beta schema only. */
    BETA,
    /** Inside a member no schema declares: nothing is checked. */
    UNKNOWN
  }

  private record Ctx(Shape v1, Shape beta, Mode mode) {}

  private record Mark(String key, boolean beta, String source) {}

  private record Entry(String key, JsonNode value, String source) {}

  private static final class GraphWalk {
    private final ObjectKind kind;
    private final ObjectNode input;
    private final boolean sdk;
    private final IdentityHashMap<ObjectNode, List<Mark>> marks = new IdentityHashMap<>();

    GraphWalk(ObjectKind kind, ObjectNode input) {
      this.kind = kind;
      this.input = input;
      this.sdk = isPowerShellSdk(input);
    }

    Form run(Shape v1, Shape beta) {
      ObjectNode body = object(input, "", new Ctx(v1, beta, Mode.KNOWN), "", true);
      List<String> betaFields = new ArrayList<>();
      List<String> unknownFields = new ArrayList<>();
      Map<String, String> sources = new LinkedHashMap<>();
      collect(body, "", betaFields, unknownFields, sources);
      return new Form(rootId(), body, betaFields, unknownFields, sources);
    }

    private String rootId() {
      JsonNode id = input.get("id");
      if (sdk && id == null) {
        id = input.get("Id");
      }
      if (id == null || !id.isString() || id.asString().isEmpty()) {
        return null;
      }
      return guidCase(id.asString());
    }

    private void collect(
        JsonNode node,
        String pointer,
        List<String> beta,
        List<String> unknown,
        Map<String, String> sources) {
      if (node instanceof ObjectNode object) {
        for (Mark m : marks.getOrDefault(object, List.of())) {
          String p = JsonPointers.child(pointer, m.key());
          (m.beta() ? beta : unknown).add(p);
          sources.put(p, m.source());
        }
        for (Map.Entry<String, JsonNode> e : object.properties()) {
          collect(e.getValue(), JsonPointers.child(pointer, e.getKey()), beta, unknown, sources);
        }
      } else if (node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          collect(array.get(i), JsonPointers.child(pointer, i), beta, unknown, sources);
        }
      }
    }

    private ObjectNode object(ObjectNode in, String source, Ctx ctx, String path, boolean top) {
      List<Entry> entries = new ArrayList<>();
      JsonNode extra = sdk ? in.get("AdditionalProperties") : null;
      for (Map.Entry<String, JsonNode> e : in.properties()) {
        if (!(extra instanceof ObjectNode && e.getKey().equals("AdditionalProperties"))) {
          entries.add(new Entry(e.getKey(), e.getValue(), JsonPointers.child(source, e.getKey())));
        }
      }
      if (extra instanceof ObjectNode bag) {
        String bagSource = JsonPointers.child(source, "AdditionalProperties");
        for (Map.Entry<String, JsonNode> e : bag.properties()) {
          entries.add(
              new Entry(e.getKey(), e.getValue(), JsonPointers.child(bagSource, e.getKey())));
        }
      }
      Entry typeEntry =
          entries.stream()
              .filter(e -> e.key().equals(ODATA_TYPE) && e.value().isString())
              .findFirst()
              .orElse(null);
      String odataType = typeEntry == null ? null : typeEntry.value().asString();
      List<Branch> v1Branches = branches(ctx.v1(), odataType);
      List<Branch> betaBranches = branches(ctx.beta(), odataType);
      boolean selector = polymorphic(ctx.v1()) || polymorphic(ctx.beta());
      Mode mode = ctx.mode();
      List<Mark> found = new ArrayList<>();
      if (selector && typeEntry != null && mode != Mode.UNKNOWN) {
        boolean inV1 = ctx.v1() instanceof ObjectShape && !v1Branches.isEmpty();
        boolean inBeta = ctx.beta() instanceof ObjectShape && !betaBranches.isEmpty();
        if (mode == Mode.KNOWN && !inV1) {
          found.add(new Mark(ODATA_TYPE, inBeta, typeEntry.source()));
          mode = inBeta ? Mode.BETA : Mode.UNKNOWN;
        } else if (mode == Mode.BETA && !inBeta) {
          found.add(new Mark(ODATA_TYPE, false, typeEntry.source()));
          mode = Mode.UNKNOWN;
        }
      }
      Map<String, JsonNode> members = new TreeMap<>();
      for (Entry e : entries) {
        String key = e.key();
        if (key.startsWith("#")) {
          continue; // an operation the service advertises (#microsoft.graph.restore)
        }
        if (key.contains("@odata.")) {
          if (key.equals(ODATA_TYPE) && selector && e.value().isString()) {
            members.put(ODATA_TYPE, e.value());
          }
          continue;
        }
        String name = sdk ? declaredOrCamel(key, v1Branches, betaBranches) : key;
        if ((top && SERVER_FIELDS.contains(name)) || e.value().isNull()) {
          continue;
        }
        if (members.containsKey(name)) {
          continue; // PowerShell: a declared property wins over the same name in its bag
        }
        Shape v1 = mode == Mode.KNOWN ? GraphSchema.V1.member(v1Branches, name) : null;
        Shape beta = mode != Mode.UNKNOWN ? GraphSchema.BETA.member(betaBranches, name) : null;
        Mode childMode;
        Mark mark = null;
        if (mode == Mode.UNKNOWN) {
          childMode = Mode.UNKNOWN;
        } else if (v1 != null) {
          childMode = Mode.KNOWN;
        } else if (beta != null) {
          childMode = Mode.BETA;
          if (mode == Mode.KNOWN) {
            mark = new Mark(name, true, e.source());
          }
        } else {
          childMode = Mode.UNKNOWN;
          mark = new Mark(name, false, e.source());
        }
        JsonNode value = e.value();
        Shape expected = v1 != null ? v1 : beta;
        if (sdk && expected instanceof ArrayShape && !value.isArray()) {
          value = Json.NODES.arrayNode().add(value); // ConvertTo-Json unwrapped a one-item array
        }
        String childPath = path + "/" + name;
        JsonNode canonical =
            kind == ObjectKind.POLICY && childPath.equals(STRENGTH) && value.isObject()
                ? strengthReference((ObjectNode) value)
                : value(
                    value,
                    e.source(),
                    new Ctx(
                        childMode == Mode.KNOWN ? v1 : null,
                        childMode == Mode.UNKNOWN ? null : beta,
                        childMode),
                    childPath);
        if (canonical == null || isEmpty(canonical)) {
          continue;
        }
        members.put(name, canonical);
        if (mark != null) {
          found.add(mark);
        }
      }
      ObjectNode out = Json.NODES.objectNode();
      members.forEach(out::set);
      if (!found.isEmpty() && (!isEmpty(out) || top)) {
        found.removeIf(m -> !out.has(m.key()));
        found.sort(Comparator.comparing(Mark::key));
        marks.put(out, found);
      }
      return out;
    }

    private JsonNode value(JsonNode in, String source, Ctx ctx, String path) {
      if (in == null || in.isNull() || in.isMissingNode()) {
        return null;
      }
      if (in instanceof ObjectNode object) {
        return object(object, source, ctx, path, false);
      }
      if (in instanceof ArrayNode array) {
        Ctx items =
            new Ctx(itemShape(ctx.v1()), itemShape(ctx.beta()), ctx.mode() /* same checks */);
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
          JsonNode item = value(array.get(i), JsonPointers.child(source, i), items, path);
          if (item != null && !isEmpty(item)) {
            out.add(item);
          }
        }
        if (ctx.v1() instanceof ArrayShape || ctx.beta() instanceof ArrayShape) {
          sortAsSet(out);
        }
        ArrayNode result = Json.NODES.arrayNode();
        out.forEach(result::add);
        return result;
      }
      if (in.isString()) {
        String text = guidCase(in.asString());
        Shape type = ctx.v1() != null ? ctx.v1() : ctx.beta();
        if (type instanceof StringShape s && s.flags()) {
          text = flags(text);
        }
        return Json.NODES.stringNode(text);
      }
      return in.deepCopy();
    }

    /** The expanded or referenced authentication strength as {@code {"id": ...}}, or nothing. */
    private JsonNode strengthReference(ObjectNode strength) {
      JsonNode id = strength.get("id");
      if (id == null && sdk) {
        id = strength.get("Id");
      }
      if (id == null || !id.isString() || id.asString().isEmpty()) {
        return null;
      }
      return Json.NODES.objectNode().put("id", guidCase(id.asString()));
    }
  }

  private static Shape itemShape(Shape shape) {
    return shape instanceof ArrayShape a ? a.itemShape() : null;
  }

  private static boolean polymorphic(Shape shape) {
    return shape instanceof ObjectShape o && o.polymorphic();
  }

  private static List<Branch> branches(Shape shape, String odataType) {
    return shape instanceof ObjectShape o ? o.select(odataType) : List.of();
  }

  /** A PowerShell name as the schemas declare it (any case), else with its first letter lower. */
  private static String declaredOrCamel(String key, List<Branch> v1, List<Branch> beta) {
    if (key.isEmpty() || key.startsWith("@")) {
      return key;
    }
    String declared = GraphSchema.declaredName(v1, key);
    if (declared == null) {
      declared = GraphSchema.declaredName(beta, key);
    }
    if (declared != null) {
      return declared;
    }
    return Character.toLowerCase(key.charAt(0)) + key.substring(1);
  }

  /**
   * A Graph PowerShell SDK object passed through ConvertTo-Json: PascalCase names (at least one
   * name starts with an upper-case letter and none with a lower-case one) or an
   * AdditionalProperties bag.
   */
  static boolean isPowerShellSdk(ObjectNode object) {
    boolean upper = false;
    for (String name : object.propertyNames()) {
      if (name.isEmpty()) {
        continue;
      }
      char c = name.charAt(0);
      if (c >= 'a' && c <= 'z') {
        return false;
      }
      upper |= c >= 'A' && c <= 'Z';
    }
    return upper;
  }

  /** Sorted as a set: strings ordinal, objects by their canonical text; mixed lists as they are. */
  private static void sortAsSet(List<JsonNode> items) {
    if (items.stream().allMatch(JsonNode::isString)) {
      items.sort(Comparator.comparing(JsonNode::asString));
    } else if (items.stream().allMatch(JsonNode::isObject)) {
      items.sort(Comparator.comparing(Json::compact));
    }
  }

  /** A flags enum value: its members trimmed, sorted and joined with commas. */
  static String flags(String value) {
    List<String> members = new ArrayList<>();
    for (String m : value.split(",", -1)) {
      String t = m.strip();
      if (!t.isEmpty()) {
        members.add(t);
      }
    }
    members.sort(null);
    return String.join(",", members);
  }

  private static String guidCase(String text) {
    return isGuid(text) ? text.toLowerCase(Locale.ROOT) : text;
  }

  /** Nothing left: {@code []}, {@code {}} or an object holding only its {@code @odata.type}. */
  private static boolean isEmpty(JsonNode node) {
    if (node instanceof ArrayNode a) {
      return a.isEmpty();
    }
    if (node instanceof ObjectNode o) {
      return o.isEmpty() || (o.size() == 1 && o.has(ODATA_TYPE));
    }
    return false;
  }

  // ---------------------------------------------------------------- Defender, DLP

  private static Form arm(ObjectNode in, JsonNode rules) {
    ObjectNode kept = Json.NODES.objectNode();
    for (JsonNode name : rules.path("keep")) {
      JsonNode value = in.get(name.asString());
      if (value != null) {
        kept.set(name.asString(), value.deepCopy());
      }
    }
    for (JsonNode path : rules.path("readOnly")) {
      remove(kept, List.of(path.asString().split("/")), 0);
    }
    JsonNode id = in.get("id");
    String name = id != null && id.isString() ? id.asString() : null;
    return new Form(name, (ObjectNode) plain(kept), List.of(), List.of(), Map.of());
  }

  private static void remove(JsonNode node, List<String> path, int at) {
    if (at == path.size() - 1) {
      if (node instanceof ObjectNode o) {
        o.remove(path.get(at));
      }
      return;
    }
    String step = path.get(at);
    if (step.equals("*")) {
      if (node instanceof ArrayNode a) {
        a.forEach(item -> remove(item, path, at + 1));
      }
    } else if (node instanceof ObjectNode o && o.get(step) != null) {
      remove(o.get(step), path, at + 1);
    }
  }

  private static Form dlp(ObjectNode in) {
    ObjectNode copy = in.deepCopy();
    POWERSHELL_NOISE.forEach(copy::remove);
    JsonNode name = in.get("Name");
    String id = name != null && name.isString() ? name.asString() : null;
    JsonNode body = plain(copy);
    return new Form(
        id,
        body instanceof ObjectNode o ? o : Json.NODES.objectNode(),
        List.of(),
        List.of(),
        Map.of());
  }

  /**
   * Empty members removed (after their own), GUIDs lower-cased, members sorted by name; arrays in
   * their order; null when nothing is left.
   */
  private static JsonNode plain(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node instanceof ObjectNode object) {
      Map<String, JsonNode> members = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        JsonNode v = plain(e.getValue());
        if (v != null && !isEmpty(v)) {
          members.put(e.getKey(), v);
        }
      }
      ObjectNode out = Json.NODES.objectNode();
      members.forEach(out::set);
      return out;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode out = Json.NODES.arrayNode();
      for (JsonNode item : array) {
        JsonNode v = plain(item);
        if (v != null && !isEmpty(v)) {
          out.add(v);
        }
      }
      return out;
    }
    if (node.isString()) {
      return Json.NODES.stringNode(guidCase(node.asString()));
    }
    return node.deepCopy();
  }

  private static List<String> strings(String pointer) {
    return Json.strings(DATA.at(pointer));
  }
}
