package org.aisecuritybaseline.defender;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * The type of one documented extension property (data/defender/extension-properties.json): which
 * estate values it takes and how ARM receives them.
 *
 * @param also values outside minimum..maximum that mean something (-1: no cap), with their meaning
 */
public record PropertyType(
    String property, Kind kind, long minimum, long maximum, Map<Long, String> also, String unit) {

  public enum Kind {
    /** A YAML whole number in range; ARM gets a JSON number. */
    INTEGER,
    /** YAML true or false; ARM gets the string True or False. */
    BOOLEAN,
    /** Not set as a property: the extension's exclusionTags list is serialised into it. */
    EXCLUSION_TAGS
  }

  public PropertyType {
    also = java.util.Collections.unmodifiableMap(new TreeMap<>(also));
  }

  static PropertyType parse(JsonNode entry) {
    Kind kind =
        switch (entry.get("type").asString()) {
          case "integer" -> Kind.INTEGER;
          case "boolean" -> Kind.BOOLEAN;
          case "exclusionTags" -> Kind.EXCLUSION_TAGS;
          default ->
              throw new IllegalStateException(
                  "extension-properties.json: unknown type " + entry.get("type"));
        };
    Map<Long, String> also = new TreeMap<>();
    entry
        .path("also")
        .properties()
        .forEach(e -> also.put(Long.parseLong(e.getKey()), e.getValue().asString()));
    if (kind == Kind.INTEGER
        && (!entry.path("minimum").isIntegralNumber()
            || !entry.path("maximum").isIntegralNumber())) {
      throw new IllegalStateException(
          "extension-properties.json: " + entry.get("property") + " needs minimum and maximum");
    }
    return new PropertyType(
        entry.get("property").asString(),
        kind,
        entry.path("minimum").asLong(0),
        entry.path("maximum").asLong(0),
        also,
        entry.path("unit").asString(""));
  }

  /** The documented forms, as a message states them. */
  public String expected() {
    return switch (kind) {
      case INTEGER ->
          "a whole number from "
              + minimum
              + " to "
              + maximum
              + (unit.isEmpty() ? "" : " (" + unit + ")")
              + also.entrySet().stream()
                  .map(e -> ", or " + e.getKey() + " (" + e.getValue() + ")")
                  .collect(Collectors.joining());
      case BOOLEAN -> "true or false";
      case EXCLUSION_TAGS -> "the extension's exclusionTags list";
    };
  }

  /**
   * Why {@code value} is not one of the documented forms ("must be ...; got ..."), or empty when it
   * is.
   */
  public Optional<String> problem(JsonNode value) {
    boolean ok =
        switch (kind) {
          case INTEGER -> value.isIntegralNumber() && inRange(value.bigIntegerValue());
          case BOOLEAN -> value.isBoolean();
          case EXCLUSION_TAGS -> false;
        };
    if (ok) {
      return Optional.empty();
    }
    return Optional.of("must be " + expected() + "; got " + shown(value) + hint(value));
  }

  /** The value as ARM takes it; {@code value} has passed {@link #problem}. */
  public JsonNode render(JsonNode value) {
    if (problem(value).isPresent()) {
      throw new IllegalStateException(property + ": unchecked value " + shown(value));
    }
    return switch (kind) {
      case INTEGER -> Json.NODES.numberNode(value.longValue());
      case BOOLEAN -> Json.NODES.stringNode(value.booleanValue() ? "True" : "False");
      case EXCLUSION_TAGS ->
          throw new IllegalStateException("ExclusionTags is built from exclusionTags");
    };
  }

  private boolean inRange(BigInteger v) {
    boolean fitsLong = v.bitLength() < 64;
    return fitsLong
        && (v.longValue() >= minimum && v.longValue() <= maximum
            || also.containsKey(v.longValue()));
  }

  private String hint(JsonNode value) {
    if (!value.isString()) {
      return "";
    }
    String s = value.asString().trim();
    if (kind == Kind.INTEGER && s.matches("[+-]?[0-9]{1,18}") && inRange(new BigInteger(s))) {
      return "; write the number without quotes";
    }
    if (kind == Kind.BOOLEAN && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return "; write true or false without quotes (ARM receives the string True or False)";
    }
    return "";
  }

  /** The value as JSON, cut short: it is estate text and can be long. */
  private static String shown(JsonNode value) {
    String s = Json.compact(value);
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
