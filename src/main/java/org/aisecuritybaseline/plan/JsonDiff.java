package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * A structural diff of two JSON trees, as changes at pointers. Arrays of scalars are sets in
 * everything this tool writes (sorted and de-duplicated), so they diff as added and removed
 * members. Arrays of objects are matched by their key, so that inserting one element (a
 * subscription in the manifest, a policy in deployment.json) changes one row instead of every later
 * one: the key of each array this tool writes is listed below, file by file; other arrays use the
 * first identifying member that every element has with unique values (id, name, key, ...), and only
 * then positions.
 *
 * <p>Pointers are JSON pointers (RFC 6901) with two additions, documented in plan.schema.json: a
 * member matched by key is written after its array as {@code [key=value]} (several members joined
 * by commas, {@code [source=estate,kind=group,id=...]}), and {@code /-} is a member added to or
 * removed from a set. A value is written as it is when it holds only letters, digits, space and
 * {@code _.:@/()+#-}; any other value is a JSON string in double quotes. In property names {@code
 * ~}, {@code /} and {@code [} are escaped as {@code ~0}, {@code ~1} and {@code ~2}.
 */
public final class JsonDiff {
  /** One change: before or after is null when the value was added or removed. */
  public record Change(String pointer, JsonNode before, JsonNode after) {}

  /**
   * The key of one array in the files matching {@code file}; {@code shape} names the array, "*" for
   * any member.
   */
  private record Rule(Pattern file, String shape, List<List<String>> keys) {}

  private static final String DEPLOYMENT = "entra/deployment\\.json";
  private static final String DLP = "purview/dlp/[^/]+\\.json";
  private static final String ARM = "defender/(azure/[^/]+|(aws|gcp)/[^/]+/connector)\\.json";
  private static final String SECOPS = "secops/(sentinel|entra-diagnostics)\\.json";
  private static final String SENSITIVE_TYPES =
      "/rules/*/ContentContainsSensitiveInformation/*/groups";

  private static final List<Rule> RULES =
      List.of(
          rule("manifest\\.json", "/files", List.of("path")),
          rule(DEPLOYMENT, "/policies", List.of("id")),
          rule(DEPLOYMENT, "/policies/*/exclusions", List.of("source", "kind", "id")),
          rule(DEPLOYMENT, "/namedLocations", List.of("key")),
          rule(DEPLOYMENT, "/servicePrincipals", List.of("appId")),
          rule(DEPLOYMENT, "/directory/users", List.of("id")),
          rule(DEPLOYMENT, "/directory/groups", List.of("id")),
          rule(DEPLOYMENT, "/directory/roles", List.of("id")),
          rule(DEPLOYMENT, "/directory/applications", List.of("id")),
          rule("purview/deployment\\.json", "/policies", List.of("id")),
          rule("entra/named-locations/[^/]+\\.json", "/ipRanges", List.of("cidrAddress")),
          rule(DLP, "/rules", List.of("Name")),
          rule(DLP, SENSITIVE_TYPES, List.of("name")),
          new Rule(
              Pattern.compile(DLP),
              SENSITIVE_TYPES + "/*/sensitivetypes",
              List.of(List.of("name"), List.of("id"))),
          rule(DLP, "/rules/*/EndpointDlpRestrictions", List.of("Setting")),
          rule(DLP, "/rules/*/RestrictAccess", List.of("setting")),
          new Rule(
              Pattern.compile(ARM),
              "/resources",
              List.of(List.of("name"), List.of("type", "name"))),
          rule(ARM, "/resources/*/properties/extensions", List.of("name")),
          rule(ARM, "/resources/*/properties/notificationsSources", List.of("sourceType")),
          rule(ARM, "/resources/*/properties/offerings", List.of("offeringType")),
          rule("defender/aws/[^/]+/expected-stack\\.json", "/roles", List.of("name")),
          rule(SECOPS, "/resources", List.of("type", "name")),
          rule(SECOPS, "/resources/*/properties/logs", List.of("category")));

  /** For arrays without a rule: the first member that identifies every element. */
  private static final List<String> KEYS =
      List.of(
          "id",
          "name",
          "Name",
          "key",
          "path",
          "appId",
          "offeringType",
          "cidrAddress",
          "sourceType",
          "Setting",
          "setting",
          "category");

  /** The characters of a value written plain in a selector (at least one, only these). */
  private static final String PLAIN_PUNCTUATION = " _.:@/()+#-";

  /** Whether {@code v} is written plain: {@code [A-Za-z0-9 _.:@/()+#-]+}, checked by hand. */
  static boolean plain(String v) {
    if (v.isEmpty()) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || PLAIN_PUNCTUATION.indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  private final List<Rule> rules;
  private final List<Change> out = new ArrayList<>();

  private JsonDiff(String file) {
    this.rules = RULES.stream().filter(r -> r.file().matcher(file).matches()).toList();
  }

  private static Rule rule(String file, String shape, List<String> key) {
    return new Rule(Pattern.compile(file), shape, List.of(key));
  }

  /**
   * The changes from {@code before} to {@code after}, the content of {@code file} in the output
   * directory.
   */
  public static List<Change> diff(String file, JsonNode before, JsonNode after) {
    JsonDiff d = new JsonDiff(file);
    if (!same(before, after)) {
      d.diff("", "", before, after);
    }
    return List.copyOf(d.out);
  }

  /**
   * @param shape the pointer with every array member as "*", to find the rule of an array
   */
  private void diff(String pointer, String shape, JsonNode before, JsonNode after) {
    if (before == null || after == null) {
      if (before != after) {
        out.add(new Change(pointer, before, after));
      }
      return;
    }
    if (before.isObject() && after.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      before.propertyNames().forEach(names::add);
      after.propertyNames().forEach(names::add);
      for (String name : names) {
        JsonNode b = before.get(name);
        JsonNode a = after.get(name);
        if (!same(b, a)) {
          diff(pointer + "/" + property(name), shape + "/" + name, b, a);
        }
      }
      return;
    }
    if (before.isArray() && after.isArray()) {
      array(pointer, shape, before, after);
      return;
    }
    if (!before.equals(after)) {
      out.add(new Change(pointer, before, after));
    }
  }

  private void array(String pointer, String shape, JsonNode before, JsonNode after) {
    if (allScalars(before) && allScalars(after)) {
      Set<JsonNode> b = new LinkedHashSet<>();
      before.forEach(b::add);
      Set<JsonNode> a = new LinkedHashSet<>();
      after.forEach(a::add);
      for (JsonNode removed : b) {
        if (!a.contains(removed)) {
          out.add(new Change(pointer + "/-", removed, null));
        }
      }
      for (JsonNode added : a) {
        if (!b.contains(added)) {
          out.add(new Change(pointer + "/-", null, added));
        }
      }
      return;
    }
    List<String> key = key(shape, before, after);
    if (key != null) {
      Map<String, JsonNode> b = byKey(before, key);
      Map<String, JsonNode> a = byKey(after, key);
      Set<String> ids = new LinkedHashSet<>(b.keySet());
      ids.addAll(a.keySet());
      for (String id : ids) {
        if (!same(b.get(id), a.get(id))) {
          diff(pointer + id, shape + "/*", b.get(id), a.get(id));
        }
      }
      return;
    }
    int n = Math.max(before.size(), after.size());
    for (int i = 0; i < n; i++) {
      if (!same(before.get(i), after.get(i))) {
        diff(pointer + "/" + i, shape + "/*", before.get(i), after.get(i));
      }
    }
  }

  /**
   * True when both are there and equal: no change lies below them, so their pointers are not even
   * built (most of a changed file is unchanged).
   */
  private static boolean same(JsonNode before, JsonNode after) {
    return before != null && before.equals(after);
  }

  /**
   * The key of the array: its rule's first key that identifies every element, else the first common
   * member.
   */
  private List<String> key(String shape, JsonNode before, JsonNode after) {
    for (Rule r : rules) {
      if (r.shape().equals(shape)) {
        for (List<String> key : r.keys()) {
          if (identifies(before, key) && identifies(after, key)) {
            return key;
          }
        }
      }
    }
    for (String k : KEYS) {
      List<String> key = List.of(k);
      if (identifies(before, key) && identifies(after, key)) {
        return key;
      }
    }
    return null;
  }

  private static boolean allScalars(JsonNode array) {
    for (JsonNode n : array) {
      if (n.isContainer()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every element is an object with a scalar at each member of the key, and no two share the key's
   * values.
   */
  private static boolean identifies(JsonNode array, List<String> key) {
    // By the values a selector is made of (it writes them one to one): no selector text is built.
    // A manifest at the platform limits is an array of 3,500 files: a key of one member is its
    // value, not a list of one.
    Set<Object> seen = new HashSet<>();
    for (JsonNode n : array) {
      if (!n.isObject()) {
        return false;
      }
      Object id;
      if (key.size() == 1) {
        id = scalar(n, key.get(0));
      } else {
        List<String> values = new ArrayList<>(key.size());
        for (String k : key) {
          values.add(scalar(n, k));
        }
        id = values.contains(null) ? null : values;
      }
      if (id == null || !seen.add(id)) {
        return false;
      }
    }
    return true;
  }

  /** The text of the scalar at member {@code k} of {@code object}, or null when there is none. */
  private static String scalar(JsonNode object, String k) {
    JsonNode v = object.get(k);
    return v == null || !v.isValueNode() || v.isNull() ? null : v.asString();
  }

  private static Map<String, JsonNode> byKey(JsonNode array, List<String> key) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    array.forEach(n -> out.put(selector(n, key), n));
    return out;
  }

  /** {@code [k=v,k2=v2]}, each value plain or a JSON string. */
  private static String selector(JsonNode element, List<String> key) {
    StringBuilder b = new StringBuilder("[");
    for (String k : key) {
      if (b.length() > 1) {
        b.append(',');
      }
      String v = element.get(k).asString();
      b.append(property(k)).append('=').append(plain(v) ? v : quoted(v));
    }
    return b.append(']').toString();
  }

  /**
   * {@code v} as a JSON string: between quotes as it is when nothing in it needs an escape (no
   * quote, backslash or control character, the only ones the JSON writer escapes), else as the JSON
   * writer writes it. A manifest at the platform limits has thousands of paths to quote.
   */
  static String quoted(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        return Json.compact(Json.NODES.stringNode(v));
      }
    }
    return '"' + v + '"';
  }

  private static String property(String name) {
    return name.replace("~", "~0").replace("/", "~1").replace("[", "~2");
  }
}
