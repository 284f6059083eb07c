package org.aisecuritybaseline.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.load.JsonPointers;
import org.aisecuritybaseline.render.YamlText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON tree written as a commented YAML estate, in the style of the one {@code init} writes:
 * block mappings indented by two, short lists of scalars in flow style, and every string that could
 * read back as something else (a number, true, null, a key with a colon) double-quoted by {@link
 * YamlText}. Comments come from a map of JSON pointers to lines written above that member or item;
 * every comment line is one line ({@link ConsoleText#oneLine}), so no text from the tenant can end
 * a comment early.
 */
final class EstateYaml {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9 _./@+()'-]*");
  private static final Set<String> RESERVED =
      Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");
  private static final int WIDTH = 100;
  private static final Set<String> SNUG = Set.of("apiVersion", "kind", "tenant");

  private final Map<String, List<String>> comments = new LinkedHashMap<>();
  private final StringBuilder out = new StringBuilder();

  /** Adds comment lines above the member or item at {@code pointer}. */
  void comment(String pointer, String... lines) {
    List<String> list = comments.computeIfAbsent(pointer, p -> new ArrayList<>());
    list.addAll(List.of(lines));
  }

  /** The YAML text: {@code header} lines as comments, then the tree. */
  String write(List<String> header, ObjectNode root) {
    out.setLength(0);
    for (String line : header) {
      out.append(line.isEmpty() ? "#" : "# " + ConsoleText.oneLine(line)).append('\n');
    }
    members(root, "", 0);
    return out.toString();
  }

  private void members(ObjectNode object, String pointer, int indent) {
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      String p = JsonPointers.child(pointer, e.getKey());
      if (indent == 0 && !SNUG.contains(e.getKey())) {
        line(""); // a blank line between the top-level sections, as init writes them
      }
      comments(p, indent);
      String head = " ".repeat(indent) + scalar(e.getKey()) + ":";
      value(head, e.getValue(), p, indent);
    }
  }

  /** {@code head} (" key:" or " -") followed by the value, inline where it fits. */
  private void value(String head, JsonNode v, String pointer, int indent) {
    if (v instanceof ObjectNode o) {
      if (o.isEmpty()) {
        line(head + " {}");
      } else {
        line(head);
        members(o, pointer, indent + 2);
      }
    } else if (v instanceof ArrayNode a) {
      String flow = flow(a);
      if (flow != null && head.length() + 1 + flow.length() <= WIDTH && !hasComments(pointer)) {
        line(head + " " + flow);
      } else {
        line(head);
        items(a, pointer, indent + 2);
      }
    } else {
      line(head + " " + scalar(v));
    }
  }

  private void items(ArrayNode array, String pointer, int indent) {
    for (int i = 0; i < array.size(); i++) {
      String p = pointer + "/" + i;
      comments(p, indent);
      JsonNode item = array.get(i);
      String dash = " ".repeat(indent) + "-";
      if (item instanceof ObjectNode o && !o.isEmpty()) {
        // The first member on the dash's line, the others under it.
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : o.properties()) {
          String mp = JsonPointers.child(p, e.getKey());
          String head;
          if (first) {
            head = dash + " " + scalar(e.getKey()) + ":";
            first = false;
          } else {
            comments(mp, indent + 2);
            head = " ".repeat(indent + 2) + scalar(e.getKey()) + ":";
          }
          value(head, e.getValue(), mp, indent + 2);
        }
      } else {
        value(dash, item, p, indent);
      }
    }
  }

  /** A list of scalars in flow style, or null when the list holds a collection. */
  private static String flow(ArrayNode a) {
    List<String> parts = new ArrayList<>();
    for (JsonNode item : a) {
      if (item.isContainer()) {
        return null;
      }
      parts.add(scalar(item));
    }
    return "[" + String.join(", ", parts) + "]";
  }

  private boolean hasComments(String pointer) {
    return comments.keySet().stream().anyMatch(k -> k.startsWith(pointer + "/"));
  }

  private void comments(String pointer, int indent) {
    for (String c : comments.getOrDefault(pointer, List.of())) {
      line(" ".repeat(indent) + (c.isEmpty() ? "#" : "# " + ConsoleText.oneLine(c)));
    }
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  static String scalar(JsonNode v) {
    if (v.isString()) {
      return scalar(v.asString());
    }
    if (v.isNull()) {
      return "null";
    }
    return v.toString();
  }

  /** A string plain where YAML reads it back as the same string, else double-quoted. */
  static String scalar(String s) {
    if (Normal.GUID.matcher(s).matches()
        || PLAIN.matcher(s).matches()
            && !s.endsWith(" ")
            && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
      return s;
    }
    return YamlText.quoted(s);
  }
}
