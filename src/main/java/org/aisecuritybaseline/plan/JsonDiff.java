package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aisecuritybaseline.load.JsonPointers;
import tools.jackson.databind.JsonNode;

/**
 * A structural diff of two JSON trees, as changes at JSON pointers. Arrays of scalars are sets in
 * everything this tool writes (sorted and de-duplicated), so they diff as added and removed members;
 * arrays of objects are matched by their identifying member (id, name, Name, offeringType, ...), so
 * that inserting one element does not report every later one as changed.
 */
public final class JsonDiff {
  /** One change: before or after is null when the value was added or removed. */
  public record Change(String pointer, JsonNode before, JsonNode after) {}

  private static final List<String> KEYS = List.of("id", "name", "Name", "offeringType", "key", "sourceType", "Setting", "setting");

  private JsonDiff() {}

  public static List<Change> diff(JsonNode before, JsonNode after) {
    List<Change> out = new ArrayList<>();
    diff("", before, after, out);
    return out;
  }

  private static void diff(String pointer, JsonNode before, JsonNode after, List<Change> out) {
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
        diff(JsonPointers.child(pointer, name), before.get(name), after.get(name), out);
      }
      return;
    }
    if (before.isArray() && after.isArray()) {
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
      String key = commonKey(before, after);
      if (key != null) {
        Map<String, JsonNode> b = byKey(before, key);
        Map<String, JsonNode> a = byKey(after, key);
        Set<String> ids = new LinkedHashSet<>(b.keySet());
        ids.addAll(a.keySet());
        for (String id : ids) {
          diff(pointer + "/[" + key + "=" + id + "]", b.get(id), a.get(id), out);
        }
        return;
      }
      int n = Math.max(before.size(), after.size());
      for (int i = 0; i < n; i++) {
        diff(JsonPointers.child(pointer, i), before.get(i), after.get(i), out);
      }
      return;
    }
    if (!before.equals(after)) {
      out.add(new Change(pointer, before, after));
    }
  }

  private static boolean allScalars(JsonNode array) {
    for (JsonNode n : array) {
      if (n.isContainer()) {
        return false;
      }
    }
    return true;
  }

  /** The first identifying member that every element of both arrays has, with unique values. */
  private static String commonKey(JsonNode before, JsonNode after) {
    for (String key : KEYS) {
      if (hasUniqueKey(before, key) && hasUniqueKey(after, key)) {
        return key;
      }
    }
    return null;
  }

  private static boolean hasUniqueKey(JsonNode array, String key) {
    Set<String> seen = new java.util.HashSet<>();
    for (JsonNode n : array) {
      if (!n.isObject() || !n.path(key).isValueNode() || !seen.add(n.get(key).asString())) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, JsonNode> byKey(JsonNode array, String key) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    array.forEach(n -> out.put(n.get(key).asString(), n));
    return out;
  }
}
