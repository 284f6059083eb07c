package org.aisecuritybaseline.tenant;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.aisecuritybaseline.diag.Location;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.load.JsonPointers;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Export files as text and JSON: decoded by their byte-order mark (UTF-8, UTF-16LE, UTF-16BE; none
 * means UTF-8), parsed from the decoded text so that every position is a line and a column in
 * characters, and positions found again for the pointers a diagnostic names.
 */
final class JsonText {
  private static final ObjectReader READER =
      Json.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private JsonText() {}

  /** The file cannot be read as text or JSON; {@code location} is where, when known. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Location location;
    private final boolean encoding;

    Unreadable(String message, Location location, boolean encoding) {
      super(message);
      this.location = location;
      this.encoding = encoding;
    }

    Location location() {
      return location;
    }

    /** Whether the bytes were not text (rather than text that is not JSON). */
    boolean encoding() {
      return encoding;
    }
  }

  /** The text of a file, its byte-order mark removed. */
  static String decode(byte[] bytes) throws Unreadable {
    if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00) || startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
      throw new Unreadable(
          "the file is UTF-32, which no export tool writes; save it as UTF-8", null, true);
    }
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return strict(
          bytes, 3, StandardCharsets.UTF_8, "UTF-8 (it starts with a UTF-8 byte-order mark)");
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return strict(bytes, 2, StandardCharsets.UTF_16LE, "UTF-16LE (its byte-order mark says so)");
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return strict(bytes, 2, StandardCharsets.UTF_16BE, "UTF-16BE (its byte-order mark says so)");
    }
    if (looksLikeUtf16WithoutMark(bytes)) {
      throw new Unreadable(
          "the file looks like UTF-16 without a byte-order mark; save it as UTF-8 (or as UTF-16"
              + " with a byte-order mark, as Windows PowerShell's Out-File writes it)",
          null,
          true);
    }
    return strict(bytes, 0, StandardCharsets.UTF_8, "UTF-8");
  }

  private static String strict(byte[] bytes, int offset, Charset charset, String what)
      throws Unreadable {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Unreadable(
          "the file is not valid "
              + what
              + "; export it again, or save it as UTF-8 (with or without a byte-order mark)",
          null,
          true);
    }
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** JSON text starts with an ASCII character, which UTF-16 writes next to a zero byte. */
  private static boolean looksLikeUtf16WithoutMark(byte[] bytes) {
    return bytes.length >= 4
        && ((bytes[0] != 0 && bytes[1] == 0 && bytes[3] == 0)
            || (bytes[0] == 0 && bytes[2] == 0 && bytes[1] != 0));
  }

  /** The JSON value the text holds; duplicate member names and trailing content are refused. */
  static JsonNode parse(String text) throws Unreadable {
    if (text.isBlank()) {
      throw new Unreadable("the file is empty; export it again", Location.START, false);
    }
    try {
      JsonNode node = READER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new Unreadable("the file holds no JSON value", Location.START, false);
      }
      return node;
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      Location location =
          at == null || at.getLineNr() < 1
              ? Location.START
              : new Location(at.getLineNr(), Math.max(1, at.getColumnNr()));
      String reason = e.getOriginalMessage() == null ? "invalid JSON" : e.getOriginalMessage();
      int cut = reason.indexOf('\n');
      if (cut >= 0) {
        reason = reason.substring(0, cut);
      }
      // Jackson's own location ("(start marker at [Source: ...; byte offset: ...])") says nothing
      // the line and column do not.
      reason = reason.replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "").trim();
      // Nor does the setting behind a reading limit (", from `StreamReadConstraints...()`").
      reason = reason.replaceAll(",\\s*from `[^`]*`", "");
      throw new Unreadable("not valid JSON: " + reason, location, false);
    }
  }

  /**
   * Where each of {@code pointers} starts in {@code text}: the member's name for object members,
   * the value for array items; a pointer not found is left out. One pass over the text for all.
   */
  static Map<String, Location> locate(String text, Collection<String> pointers) {
    Set<String> wanted = new HashSet<>(pointers);
    Map<String, Location> found = new HashMap<>();
    if (wanted.isEmpty()) {
      return found;
    }
    Deque<Frame> stack = new ArrayDeque<>();
    try (JsonParser p = Json.mapper().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null && found.size() < wanted.size()) {
        if (t == JsonToken.PROPERTY_NAME) {
          Frame top = stack.peek();
          top.key = JsonPointers.child(top.pointer, p.currentName());
          record(wanted, found, top.key, p.currentTokenLocation());
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          stack.pop();
          continue;
        }
        String pointer;
        Frame top = stack.peek();
        if (top == null) {
          pointer = "";
        } else if (top.array) {
          pointer = JsonPointers.child(top.pointer, top.index++);
        } else {
          pointer = top.key;
        }
        record(wanted, found, pointer, p.currentTokenLocation());
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          stack.push(new Frame(pointer, t == JsonToken.START_ARRAY));
        }
      }
    } catch (JacksonException e) {
      // the text parsed before; a position not found falls back to the nearest parent
    }
    return found;
  }

  /** Where {@code pointer} (or its nearest parent that was found) starts. */
  static Location nearest(Map<String, Location> found, String pointer) {
    String p = pointer;
    while (true) {
      Location l = found.get(p);
      if (l != null) {
        return l;
      }
      if (p.isEmpty()) {
        return Location.START;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  private static void record(
      Set<String> wanted, Map<String, Location> found, String pointer, TokenStreamLocation at) {
    if (wanted.contains(pointer) && !found.containsKey(pointer)) {
      found.put(pointer, new Location(at.getLineNr(), Math.max(1, at.getColumnNr())));
    }
  }

  private static final class Frame {
    final String pointer;
    final boolean array;
    int index;
    String key;

    Frame(String pointer, boolean array) {
      this.pointer = pointer;
      this.array = array;
      this.key = pointer;
    }
  }
}
