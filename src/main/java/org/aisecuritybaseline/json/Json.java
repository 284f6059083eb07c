package org.aisecuritybaseline.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place that reads and writes JSON. Output is canonical: two-space indent, LF line ends,
 * {@code "key": value}, empty containers as {@code []} and {@code {}}, trailing newline.
 */
public final class Json {
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  static final DefaultPrettyPrinter PRINTER =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private static final tools.jackson.databind.ObjectWriter PRETTY =
      MAPPER.writerWithDefaultPrettyPrinter().with(PRINTER);

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static JsonNode parse(String text) {
    return MAPPER.readTree(text);
  }

  /**
   * The tree of UTF-8 JSON bytes, read without decoding them to text first; bytes that are not
   * UTF-8 fail as a syntax error does.
   */
  public static JsonNode parse(byte[] utf8) {
    return MAPPER.readTree(utf8);
  }

  public static JsonNode parseResource(String resource) {
    try (InputStream in = Json.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the build: " + resource);
      }
      return MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The record (or other type) that {@code node} describes; see {@link Binder} for what binds.
   *
   * @throws BindException when a value does not fit its type
   */
  public static <T> T bind(JsonNode node, Class<T> type) {
    return type.cast(Binder.bind(node, type));
  }

  /** The value of a generic type (a map of records, for one) that {@code node} describes. */
  public static Object bind(JsonNode node, java.lang.reflect.Type type) {
    return Binder.bind(node, type);
  }

  /** A value that does not fit the type it is bound to, at a JSON pointer. */
  public static final class BindException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String pointer;

    BindException(String pointer, String message) {
      super((pointer.isEmpty() ? "the document" : pointer) + ": " + message);
      this.pointer = pointer;
    }

    /** Where the value is, as a JSON pointer ("" for the whole document). */
    public String pointer() {
      return pointer;
    }
  }

  /** Pretty, canonical JSON text with a trailing newline. */
  public static String write(JsonNode node) {
    return new String(writeBytes(node), StandardCharsets.UTF_8);
  }

  /** One-line JSON, for values that a cmdlet takes as a JSON string (-Locations, -AdvancedRule). */
  public static String compact(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /**
   * {@link #write} as UTF-8, written as bytes directly: no text in between to build, copy and
   * encode (at the platform limits thousands of files, with no fast path for that under the
   * launcher's client compiler). A lone surrogate, which the estate's loader refuses, is written in
   * JSON's six-character escape form (where encoding text would have written a question mark).
   */
  public static byte[] writeBytes(JsonNode node) {
    byte[] body = PRETTY.writeValueAsBytes(node);
    byte[] text = java.util.Arrays.copyOf(body, body.length + 1);
    text[body.length] = '\n';
    return text;
  }

  /** A deep copy with object members sorted by name at every level; arrays keep their order. */
  public static JsonNode sortKeys(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        sorted.put(e.getKey(), sortKeys(e.getValue()));
      }
      ObjectNode copy = NODES.objectNode();
      sorted.forEach(copy::set);
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = NODES.arrayNode();
      for (JsonNode item : array) {
        copy.add(sortKeys(item));
      }
      return copy;
    }
    return node;
  }

  public static ArrayNode stringArray(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  /**
   * A value's text as asString() gives it (a string's own text, a number's or boolean's, "" for
   * null); a list or mapping where a value was expected (in a file edited by hand) as its JSON
   * text, where asString() throws.
   */
  public static String text(JsonNode node) {
    return node.isContainer() ? node.toString() : node.asString();
  }

  public static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      for (JsonNode item : array) {
        out.add(text(item));
      }
    }
    return out;
  }
}
