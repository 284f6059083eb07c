package org.aisecuritybaseline.load;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.diag.Diagnostic;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.diag.Location;
import org.aisecuritybaseline.diag.Severity;
import org.aisecuritybaseline.diag.SourceFile;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one YAML document into a JSON tree, keeping the position of every value.
 *
 * <p>The tree is built from the parser's event stream with an explicit stack, so that deeply nested
 * input cannot overflow the call stack, duplicate keys are all reported, and aliases are expanded
 * under a budget (an "alias bomb" is rejected instead of exhausting memory). Scalars are typed with
 * the YAML 1.2 core schema: {@code NO} and {@code yes} stay strings.
 */
public final class YamlLoader {
  public static final int MAX_BYTES = 1 << 20;
  public static final int MAX_DEPTH = 64;
  public static final int MAX_NODES = 100_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

  /**
   * Numbers beyond 2^53 lose precision in JSON tools and overflow the platform's integer fields.
   */
  private static final int MAX_NUMBER_BITS = 53;

  // The YAML 1.2 core schema's forms (yaml.org/spec/1.2.2/#1032-tag-resolution), checked also for
  // explicit tags.
  private static final Pattern NULL = Pattern.compile("null|Null|NULL|~|");
  private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  private final SourceFile source;
  private final Diagnostics diagnostics;
  private final Map<String, Location> valueLocations = new HashMap<>();
  private final Map<String, Location> keyLocations = new HashMap<>();
  private final Map<String, Anchored> anchors = new HashMap<>();
  private final Set<String> openAnchors = new HashSet<>();
  private int nodeCount;

  private record Anchored(JsonNode node, int size) {}

  private static final class Frame {
    final ContainerNode<?> node;
    final String pointer;
    final String anchor;
    final int startCount;
    final Map<String, Location> keys = new HashMap<>();
    String pendingKey;
    boolean keyIsPending;

    Frame(ContainerNode<?> node, String pointer, String anchor, int startCount) {
      this.node = node;
      this.pointer = pointer;
      this.anchor = anchor;
      this.startCount = startCount;
    }

    boolean isObject() {
      return node instanceof ObjectNode;
    }
  }

  /** Signals that reading must stop; the diagnostic has been recorded. */
  private static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Abort() {
      super(null, null, false, false);
    }
  }

  private YamlLoader(SourceFile source, Diagnostics diagnostics) {
    this.source = source;
    this.diagnostics = diagnostics;
  }

  /**
   * Parses {@code source}; problems go to {@code diagnostics}. Returns empty when the file cannot
   * be turned into a tree at all (syntax errors, limits); duplicate keys still yield a tree.
   */
  public static Optional<LoadedDocument> load(SourceFile source, Diagnostics diagnostics) {
    return new YamlLoader(source, diagnostics).run();
  }

  private Optional<LoadedDocument> run() {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(source.displayPath())
            .setCodePointLimit(MAX_BYTES)
            .setAllowDuplicateKeys(true)
            .setUseMarks(true)
            // The whole text in one buffer: snakeyaml-engine 3.0.1 fails with an index error when a
            // surrogate pair straddles the end of its default 1024-character buffer.
            .setBufferSize(source.text().length() + 1)
            .build();
    try {
      JsonNode root = build(new Parse(settings).parseString(source.text()).iterator());
      if (root == null) {
        error(
            Code.E106,
            "the file holds no YAML document; start from an example in examples/",
            Location.START,
            "");
        return Optional.empty();
      }
      // This loader is used once and dropped: its maps are handed over, not copied (at the
      // platform limits tens of thousands of entries each).
      return Optional.of(
          new LoadedDocument(
              source,
              root,
              java.util.Collections.unmodifiableMap(valueLocations),
              java.util.Collections.unmodifiableMap(keyLocations)));
    } catch (Abort abort) {
      return Optional.empty();
    } catch (MarkedYamlEngineException e) {
      Location at = e.getProblemMark().map(YamlLoader::location).orElse(Location.START);
      String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
      String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      error(Code.E101, "YAML syntax error: " + problem + context, at, "");
      return Optional.empty();
    } catch (ReaderException e) {
      error(
          Code.E101,
          String.format(
              java.util.Locale.ROOT,
              "the character U+%04X is not allowed in a YAML file, which holds no control"
                  + " characters but tab and line breaks, and no U+FFFE or U+FFFF; remove it",
              e.getCodePoint()),
          atCodePoint(e.getPosition()),
          "");
      return Optional.empty();
    } catch (YamlEngineException e) {
      error(Code.E101, "YAML syntax error: " + firstLine(e.getMessage()), Location.START, "");
      return Optional.empty();
    }
  }

  /**
   * Where the code point at {@code position} (counted from the start of the text, as the YAML
   * reader counts) stands: lines broken as {@link SourceFile} breaks them, columns in code points,
   * as in the parser's marks.
   */
  private Location atCodePoint(int position) {
    String text = source.text();
    int at =
        text.offsetByCodePoints(
            0, Math.max(0, Math.min(position, text.codePointCount(0, text.length()))));
    int line = source.lineAt(at);
    return new Location(line, text.codePointCount(source.lineStart(line), at) + 1);
  }

  private JsonNode build(Iterator<Event> events) {
    Deque<Frame> stack = new ArrayDeque<>();
    JsonNode root = null;
    int documents = 0;
    while (events.hasNext()) {
      Event event = events.next();
      switch (event.getEventId()) {
        case DocumentStart -> {
          documents++;
          if (documents > 1) {
            error(
                Code.E106,
                "the file holds more than one YAML document ('---'); keep one estate per file",
                location(event),
                "");
            throw new Abort();
          }
        }
        case MappingStart, SequenceStart -> {
          CollectionStartEvent start = (CollectionStartEvent) event;
          String pointer = nextPointer(stack, event);
          if (stack.size() >= MAX_DEPTH) {
            error(
                Code.E105,
                "nesting is deeper than "
                    + MAX_DEPTH
                    + " levels; an estate file never needs that much",
                location(event),
                pointer);
            throw new Abort();
          }
          count(event, pointer);
          boolean mapping = event.getEventId() == Event.ID.MappingStart;
          Optional<String> tag = start.getTag();
          if (tag.isPresent()) {
            collectionTag(tag.get(), mapping, location(event), pointer);
          }
          ContainerNode<?> node = mapping ? NODES.objectNode() : NODES.arrayNode();
          valueLocations.put(pointer, location(event));
          String anchor = start.getAnchor().map(Object::toString).orElse(null);
          if (anchor != null) {
            openAnchors.add(anchor);
          }
          stack.push(new Frame(node, pointer, anchor, nodeCount));
        }
        case MappingEnd, SequenceEnd -> {
          Frame done = stack.pop();
          if (done.anchor != null) {
            openAnchors.remove(done.anchor);
            anchors.put(done.anchor, new Anchored(done.node, nodeCount - done.startCount + 1));
          }
          root = attach(stack, done.node, done.pointer, root);
        }
        case Scalar -> {
          ScalarEvent scalar = (ScalarEvent) event;
          Frame top = stack.peek();
          if (top != null && top.isObject() && !top.keyIsPending) {
            acceptKey(top, scalar);
            continue;
          }
          String pointer = nextPointer(stack, event);
          count(event, pointer);
          valueLocations.put(pointer, location(event));
          JsonNode value = scalarValue(scalar, pointer);
          scalar.getAnchor().ifPresent(a -> anchors.put(a.toString(), new Anchored(value, 1)));
          root = attach(stack, value, pointer, root);
        }
        case Alias -> {
          AliasEvent alias = (AliasEvent) event;
          Frame top = stack.peek();
          if (top != null && top.isObject() && !top.keyIsPending) {
            error(
                Code.E106,
                "an alias cannot be used as a mapping key",
                location(event),
                top.pointer);
            throw new Abort();
          }
          String name = alias.getAlias().toString();
          String pointer = nextPointer(stack, event);
          if (openAnchors.contains(name)) {
            error(
                Code.E106,
                "alias *" + name + " refers to the node that contains it (a cycle)",
                location(event),
                pointer);
            throw new Abort();
          }
          Anchored anchored = anchors.get(name);
          if (anchored == null) {
            error(
                Code.E106,
                "alias *" + name + " refers to no anchor &" + name + " defined before it",
                location(event),
                pointer);
            throw new Abort();
          }
          nodeCount += anchored.size();
          if (nodeCount > MAX_NODES) {
            error(
                Code.E104,
                "anchors and aliases expand to more than "
                    + MAX_NODES
                    + " values; write the repeated parts out or reference them by key",
                location(event),
                pointer);
            throw new Abort();
          }
          valueLocations.put(pointer, location(event));
          root = attach(stack, anchored.node().deepCopy(), pointer, root);
        }
        default -> {
          // StreamStart, StreamEnd, DocumentEnd, Comment: nothing to build.
        }
      }
    }
    return root;
  }

  /**
   * An explicit tag on a mapping or a list: the non-specific one ({@code !}) and the collection's
   * own ({@code !!map}, {@code !!seq}) change nothing; any other is an error, as on a scalar,
   * rather than silently dropped.
   */
  private void collectionTag(String tag, boolean mapping, Location at, String pointer) {
    Tag own = mapping ? Tag.MAP : Tag.SEQ;
    if (tag.equals("!") || tag.equals(own.getValue())) {
      return;
    }
    String kind = mapping ? "a mapping" : "a list";
    error(
        Code.E106,
        CORE_TAGS.contains(tag)
            ? "the tag " + shown(tag) + " does not fit " + kind + "; remove the tag"
            : "unknown tag "
                + ConsoleText.oneLine(shown(tag))
                + " on "
                + kind
                + "; remove the tag (estate values are strings, numbers, booleans, lists and"
                + " mappings)",
        at,
        pointer);
  }

  /** The tags of YAML 1.2's core schema. */
  private static final Set<String> CORE_TAGS =
      Set.of(
          Tag.MAP.getValue(),
          Tag.SEQ.getValue(),
          Tag.STR.getValue(),
          Tag.INT.getValue(),
          Tag.FLOAT.getValue(),
          Tag.BOOL.getValue(),
          Tag.NULL.getValue());

  /** A tag as it is usually written: {@code !!int} for {@code tag:yaml.org,2002:int}. */
  private static String shown(String tag) {
    return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
  }

  private void acceptKey(Frame frame, ScalarEvent key) {
    String name = key.getValue();
    Location at = location(key);
    if (hasLoneSurrogate(name)) {
      error(
          Code.E101,
          "the key holds an unpaired UTF-16 surrogate, which is not a character; write the key in plain text",
          at,
          frame.pointer);
      throw new Abort();
    }
    String tag = key.getTag().orElse("!");
    if (!tag.equals("!") && !tag.equals(Tag.STR.getValue())) {
      error(
          Code.E106,
          "the key '"
              + ConsoleText.oneLine(abbreviate(name))
              + "' has the tag "
              + ConsoleText.oneLine(shown(tag))
              + ": keys are strings; remove the tag",
          at,
          frame.pointer);
    }
    Location first = frame.keys.putIfAbsent(name, at);
    if (first != null) {
      error(
          Code.E103,
          "duplicate key '"
              + name
              + "' (first defined at line "
              + first.line()
              + "); keep only one of them",
          at,
          JsonPointers.child(frame.pointer, name));
      frame.pendingKey = null;
    } else {
      frame.pendingKey = name;
      keyLocations.put(JsonPointers.child(frame.pointer, name), at);
    }
    frame.keyIsPending = true;
  }

  private String nextPointer(Deque<Frame> stack, Event event) {
    Frame top = stack.peek();
    if (top == null) {
      return "";
    }
    if (top.isObject()) {
      if (!top.keyIsPending) {
        error(
            Code.E106,
            "mapping keys must be plain strings, not lists or mappings",
            location(event),
            top.pointer);
        throw new Abort();
      }
      return top.pendingKey == null
          ? JsonPointers.child(top.pointer, "(duplicate)")
          : JsonPointers.child(top.pointer, top.pendingKey);
    }
    return JsonPointers.child(top.pointer, ((ArrayNode) top.node).size());
  }

  private static JsonNode attach(
      Deque<Frame> stack, JsonNode value, String pointer, JsonNode root) {
    Frame top = stack.peek();
    if (top == null) {
      return value;
    }
    if (top.node instanceof ObjectNode object) {
      if (top.pendingKey != null) {
        object.set(top.pendingKey, value);
      }
      top.pendingKey = null;
      top.keyIsPending = false;
    } else {
      ((ArrayNode) top.node).add(value);
    }
    return root;
  }

  private void count(Event event, String pointer) {
    if (++nodeCount > MAX_NODES) {
      error(
          Code.E102,
          "the file has more than " + MAX_NODES + " values; split it or simplify it",
          location(event),
          pointer);
      throw new Abort();
    }
  }

  private JsonNode scalarValue(ScalarEvent scalar, String pointer) {
    String text = scalar.getValue();
    Location at = valueLocations.get(pointer);
    if (hasLoneSurrogate(text)) {
      error(
          Code.E101,
          "the value holds an unpaired UTF-16 surrogate (an escape such as \\ud800 without its pair),"
              + " which is not a character; write the character itself or its \\U00xxxxxx escape",
          at,
          pointer);
      return NODES.stringNode(text.replaceAll("[\\ud800-\\udfff]", "\ufffd"));
    }
    Optional<String> explicit = scalar.getTag();
    if (scalar.getScalarStyle() != ScalarStyle.PLAIN && explicit.isEmpty()) {
      return NODES.stringNode(text);
    }
    if (explicit.isPresent() && explicit.get().equals("!")) {
      return NODES.stringNode(text); // the non-specific tag: a string
    }
    Tag tag =
        explicit
            .map(Tag::new)
            .orElseGet(
                () -> RESOLVER.resolve(text, scalar.getImplicit().canOmitTagInPlainScalar()));
    if (tag.equals(Tag.STR)) {
      return NODES.stringNode(text);
    }
    if (tag.equals(Tag.NULL)) {
      return explicit.isEmpty() || NULL.matcher(text).matches()
          ? NODES.nullNode()
          : badScalar(text, "null", at, pointer);
    }
    if (tag.equals(Tag.BOOL)) {
      return BOOL.matcher(text).matches()
          ? NODES.booleanNode(text.equalsIgnoreCase("true"))
          : badScalar(text, "bool", at, pointer);
    }
    if (tag.equals(Tag.INT)) {
      BigInteger value = INT.matcher(text).matches() ? parseInteger(text) : null;
      if (value == null) {
        return badScalar(text, "int", at, pointer);
      }
      return value.bitLength() > MAX_NUMBER_BITS
          ? tooLarge(text, at, pointer)
          : NODES.numberNode(value);
    }
    if (tag.equals(Tag.FLOAT)) {
      String lower = text.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("inf") || lower.contains("nan")) {
        error(
            Code.E106,
            "'"
                + text
                + "' (infinity or NaN) cannot be represented in JSON; quote it if it is text",
            at,
            pointer);
        return NODES.stringNode(text);
      }
      BigDecimal value;
      try {
        value =
            FLOAT.matcher(text).matches()
                ? new BigDecimal(text.startsWith("+") ? text.substring(1) : text)
                : null;
      } catch (NumberFormatException | ArithmeticException e) {
        return tooLarge(text, at, pointer); // an exponent beyond what any number type holds
      }
      if (value == null) {
        return badScalar(text, "float", at, pointer);
      }
      // In long: with an exponent near 2^31 the difference overflows an int (1e2147483647 has
      // precision 1 and scale -2147483647); JDK 25 also parses 1e2147483648, which JDK 17 refuses.
      if (value.signum() != 0
          && ((long) value.precision() - value.scale() > 16 || value.scale() > 64)) {
        return tooLarge(text, at, pointer);
      }
      return NODES.numberNode(value);
    }
    error(
        Code.E106,
        "unknown tag "
            + ConsoleText.oneLine(shown(tag.getValue()))
            + "; remove the tag (estate values are"
            + " strings, numbers, booleans, lists and mappings)",
        at,
        pointer);
    return NODES.stringNode(text);
  }

  private JsonNode badScalar(String text, String tag, Location at, String pointer) {
    error(
        Code.E106,
        "'"
            + ConsoleText.oneLine(abbreviate(text))
            + "' is not a valid !!"
            + tag
            + " value; remove the tag or fix the value",
        at,
        pointer);
    return NODES.stringNode(text);
  }

  private JsonNode tooLarge(String text, Location at, String pointer) {
    error(
        Code.E106,
        "the number "
            + ConsoleText.oneLine(abbreviate(text))
            + " is out of range: estate numbers lie within"
            + " +/-9007199254740991 with at most 64 decimal places",
        at,
        pointer);
    return NODES.stringNode(text);
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static BigInteger parseInteger(String text) {
    String t = text.startsWith("+") ? text.substring(1) : text;
    if (t.startsWith("0x")) {
      return new BigInteger(t.substring(2), 16);
    }
    if (t.startsWith("0o")) {
      return new BigInteger(t.substring(2), 8);
    }
    return new BigInteger(t);
  }

  private void error(Code code, String message, Location at, String pointer) {
    diagnostics.add(
        new Diagnostic(
            Severity.ERROR, code, message, source, at == null ? Location.START : at, pointer));
  }

  private static Location location(Event event) {
    return event.getStartMark().map(YamlLoader::location).orElse(Location.START);
  }

  private static Location location(Mark mark) {
    return new Location(mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid YAML";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
