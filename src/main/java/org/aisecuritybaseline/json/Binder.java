package org.aisecuritybaseline.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Binds a JSON tree to the tool's records: each record from the members named like its components
 * (through its canonical constructor, so that its defaults apply), enums by the key of their
 * constants ({@link Keyed}) or else their own name, lists, sets, maps with string keys, scalars and
 * JSON nodes (copied). Members the record does not have are ignored and missing ones are null (or
 * zero and false for primitives), as the general-purpose data binder was configured to do.
 *
 * <p>Why not that binder: it introspects every class on first use (annotations, creators,
 * properties, coercion rules), which took about a quarter of a second for the estate's sixty
 * records on every run of the command-line tool, against a few milliseconds here. The records are
 * plain, the estate is checked against its JSON Schema before it is bound, and the tests compare
 * this binder with the general one on every estate they hold.
 */
final class Binder {
  private Binder() {}

  /** A record's canonical constructor and its components' names and generic types. */
  private record RecordShape(Constructor<?> constructor, String[] names, Type[] types) {}

  private static final Map<Class<?>, RecordShape> RECORDS = new ConcurrentHashMap<>();
  private static final Map<Class<?>, Map<String, Object>> ENUMS = new ConcurrentHashMap<>();

  static Object bind(JsonNode node, Type type) {
    return value(node, type, "");
  }

  private static Object value(JsonNode node, Type type, String path) {
    Class<?> raw = raw(type, path);
    if (raw == JsonNode.class && node != null && node.isNull()) {
      return node; // an explicit null stays a JSON null where the type takes any JSON value
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return raw.isPrimitive() ? primitiveDefault(raw) : null;
    }
    if (JsonNode.class.isAssignableFrom(raw)) {
      if (!raw.isInstance(node)) {
        throw new Json.BindException(path, "expected " + article(raw) + ", found " + kind(node));
      }
      return node.deepCopy();
    }
    if (raw == String.class) {
      if (node.isContainer()) {
        throw new Json.BindException(path, "expected a string, found " + kind(node));
      }
      return node.asString();
    }
    if (raw == boolean.class || raw == Boolean.class) {
      if (node.isBoolean()) {
        return node.booleanValue();
      }
      if (node.isString()
          && (node.stringValue().equals("true") || node.stringValue().equals("false"))) {
        return Boolean.valueOf(node.stringValue());
      }
      throw new Json.BindException(path, "expected true or false, found " + kind(node));
    }
    if (raw == int.class || raw == Integer.class) {
      return (int) integral(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (raw == long.class || raw == Long.class) {
      return integral(node, path, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (raw == double.class || raw == Double.class) {
      return number(node, path).doubleValue();
    }
    if (raw == BigDecimal.class) {
      return number(node, path);
    }
    if (raw.isEnum()) {
      if (!node.isString()) {
        throw new Json.BindException(path, "expected a name, found " + kind(node));
      }
      Object constant = enumConstants(raw).get(node.stringValue());
      if (constant == null) {
        throw new Json.BindException(
            path,
            "'"
                + node.stringValue()
                + "' is not one of "
                + String.join(", ", enumConstants(raw).keySet()));
      }
      return constant;
    }
    if (raw == List.class || raw == Collection.class || raw == Set.class) {
      if (!node.isArray()) {
        throw new Json.BindException(path, "expected a list, found " + kind(node));
      }
      Type item = argument(type, 0, path);
      Collection<Object> items =
          raw == Set.class ? new LinkedHashSet<>() : new ArrayList<>(node.size());
      int i = 0;
      for (JsonNode element : node.values()) {
        items.add(value(element, item, path + "/" + i++));
      }
      return items;
    }
    if (raw == Map.class) {
      if (!node.isObject()) {
        throw new Json.BindException(path, "expected a mapping, found " + kind(node));
      }
      if (argument(type, 0, path) != String.class) {
        throw new IllegalStateException("maps bind with string keys only: " + type);
      }
      Type item = argument(type, 1, path);
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        map.put(e.getKey(), value(e.getValue(), item, path + "/" + escape(e.getKey())));
      }
      return map;
    }
    if (raw.isRecord()) {
      if (!node.isObject()) {
        throw new Json.BindException(path, "expected a mapping, found " + kind(node));
      }
      RecordShape shape = RECORDS.computeIfAbsent(raw, Binder::shape);
      Object[] args = new Object[shape.names().length];
      for (int i = 0; i < args.length; i++) {
        String name = shape.names()[i];
        args[i] = value(node.get(name), shape.types()[i], path + "/" + escape(name));
      }
      try {
        return shape.constructor().newInstance(args);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        throw new Json.BindException(
            path, "cannot build " + raw.getSimpleName() + ": " + String.valueOf(cause));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot build " + raw.getName(), e);
      }
    }
    throw new IllegalStateException("no binding for " + type);
  }

  private static RecordShape shape(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] parameters = new Class<?>[components.length];
    String[] names = new String[components.length];
    Type[] types = new Type[components.length];
    for (int i = 0; i < components.length; i++) {
      parameters[i] = components[i].getType();
      names[i] = components[i].getName();
      types[i] = components[i].getGenericType();
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(parameters);
      constructor.setAccessible(true);
      return new RecordShape(constructor, names, types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("a record without its canonical constructor: " + type, e);
    }
  }

  /** The enum's constants by the name the files use: their key ({@link Keyed}), else their own. */
  private static Map<String, Object> enumConstants(Class<?> type) {
    return ENUMS.computeIfAbsent(
        type,
        t -> {
          Map<String, Object> byName = new LinkedHashMap<>();
          for (Object constant : t.getEnumConstants()) {
            byName.put(
                constant instanceof Keyed k ? k.key() : ((Enum<?>) constant).name(), constant);
          }
          return byName;
        });
  }

  private static long integral(JsonNode node, String path, long min, long max) {
    BigDecimal n = number(node, path);
    try {
      long v = n.longValueExact();
      if (v >= min && v <= max) {
        return v;
      }
    } catch (ArithmeticException e) {
      // Falls through to the error below.
    }
    throw new Json.BindException(
        path, "expected a whole number from " + min + " to " + max + ", found " + n);
  }

  private static BigDecimal number(JsonNode node, String path) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isString()) {
      try {
        return new BigDecimal(node.stringValue().trim());
      } catch (NumberFormatException e) {
        // Falls through to the error below.
      }
    }
    throw new Json.BindException(path, "expected a number, found " + kind(node));
  }

  private static Class<?> raw(Type type, String path) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (type instanceof WildcardType w) {
      return raw(w.getUpperBounds()[0], path);
    }
    throw new IllegalStateException("no binding for " + type + " at " + path);
  }

  private static Type argument(Type type, int index, String path) {
    if (type instanceof ParameterizedType p) {
      Type arg = p.getActualTypeArguments()[index];
      return arg instanceof WildcardType w ? w.getUpperBounds()[0] : arg;
    }
    throw new IllegalStateException("a raw collection type at " + path + ": " + type);
  }

  private static final Map<Class<?>, Object> DEFAULTS =
      new HashMap<>(Map.of(boolean.class, false, int.class, 0, long.class, 0L, double.class, 0.0d));

  private static Object primitiveDefault(Class<?> type) {
    Object v = DEFAULTS.get(type);
    if (v == null) {
      throw new IllegalStateException("no default for " + type);
    }
    return v;
  }

  private static String kind(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isString()) {
      return "the string '" + node.stringValue() + "'";
    }
    return node.toString();
  }

  private static String article(Class<?> type) {
    return type == ObjectNode.class ? "a mapping" : type == ArrayNode.class ? "a list" : "a value";
  }

  /** A member name as a JSON pointer token (RFC 6901). */
  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
