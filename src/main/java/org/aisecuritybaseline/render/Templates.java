package org.aisecuritybaseline.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.Environment;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleScalar;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateSequenceModel;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/**
 * FreeMarker, configured once and safely: errors are thrown, {@code ?new} and {@code ?api} are off,
 * locale-independent numbers, UTC, and square-bracket syntax ({@code [#list]}, {@code [=x]}) so
 * that {@code ${...}} in PowerShell and shell scripts is plain text.
 */
public final class Templates {
  private static final Configuration CONFIG = configure();

  private Templates() {}

  /**
   * The logging library FreeMarker's first class looks for: java.util.logging, named rather than
   * found. Its automatic choice looks for four other libraries first, by class name (a few ms of
   * failed lookups at every start), and finds none of them in our jar, so it chose this one too.
   */
  private static final String LOGGER_LIBRARY = "JUL";

  /** A new configuration of FreeMarker as this class uses it (the tests render with their own). */
  static Configuration configure() {
    if (System.getProperty(freemarker.log.Logger.SYSTEM_PROPERTY_NAME_LOGGER_LIBRARY) == null) {
      System.setProperty(freemarker.log.Logger.SYSTEM_PROPERTY_NAME_LOGGER_LIBRARY, LOGGER_LIBRARY);
    }
    Configuration c = new Configuration(Configuration.VERSION_2_3_34);
    c.setTemplateLoader(new ClassTemplateLoader(Templates.class, "/templates"));
    c.setDefaultEncoding("UTF-8");
    c.setLocale(Locale.ROOT);
    c.setTimeZone(TimeZone.getTimeZone("UTC"));
    c.setNumberFormat("computer");
    c.setBooleanFormat("c");
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setWrapUncheckedExceptions(true);
    c.setFallbackOnNullLoopVariable(false);
    c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    c.setAPIBuiltinEnabled(false);
    c.setTagSyntax(Configuration.SQUARE_BRACKET_TAG_SYNTAX);
    c.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
    c.setObjectWrapper(new RecordWrapper(Configuration.VERSION_2_3_34));
    return c;
  }

  /**
   * Renders {@code name} (relative to {@code templates/}) with one record as its data model (its
   * components are the template's variables).
   */
  public static String render(String name, Object model) {
    return render(name, model, null);
  }

  /**
   * Renders one part of a template that holds several (such as a family's parts of the output
   * README): {@code part} is the template's variable {@code part}.
   */
  public static String renderPart(String name, Object model, String part) {
    return render(name, model, part);
  }

  /** {@code [#include "/path"]} alone on its line, with the line's indentation. */
  private static final java.util.regex.Pattern INCLUDE =
      java.util.regex.Pattern.compile("(?m)^[ \\t]*\\[#include \"([^\"]+)\"\\][ \\t]*\\n");

  /** A comment on lines of its own: {@code [#-- ... --]} with the indentation and line break. */
  private static final java.util.regex.Pattern COMMENT =
      java.util.regex.Pattern.compile("(?ms)^[ \\t]*\\[#--.*?--\\][ \\t]*\\n");

  private static final java.util.Map<String, String> STATIC =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A static script template (its only variable is {@code generatorVersion}; its only directives
   * are {@code [#include "..."]} lines and comments on lines of their own) rendered without
   * FreeMarker: the same text as {@link #render} gives (FreeMarker drops lines that hold only a
   * directive or a comment), at a fraction of the start-up cost of parsing a large template.
   *
   * @throws IllegalStateException when the template holds anything else, so that a template that
   *     gains a directive must go through {@link #render}
   */
  public static String renderStatic(String name, String generatorVersion) {
    awaitPreload();
    String text =
        STATIC.computeIfAbsent(
            name,
            n -> {
              String expanded = expand(n, 0);
              if (!isStatic(expanded)) {
                throw new IllegalStateException(
                    "template "
                        + name
                        + " is not static: it holds a directive or a variable besides"
                        + " generatorVersion; render it with Templates.render");
              }
              return expanded;
            });
    return text.replace("[=generatorVersion]", generatorVersion);
  }

  /** True when the expanded text's only variable is the version and it holds no directive. */
  private static boolean isStatic(String expanded) {
    String rest = expanded.replace("[=generatorVersion]", "");
    return !(rest.contains("[#") || rest.contains("[=") || rest.contains("[@"));
  }

  private static String expand(String name, int depth) {
    if (depth > 8) {
      throw new IllegalStateException("template " + name + ": includes nested too deep");
    }
    String text = read(name);
    text = COMMENT.matcher(text).replaceAll("");
    java.util.regex.Matcher m = INCLUDE.matcher(text);
    StringBuilder out = new StringBuilder(text.length() * 2);
    int at = 0;
    while (m.find()) {
      out.append(text, at, m.start());
      out.append(expand(m.group(1).replaceFirst("^/", ""), depth + 1));
      at = m.end();
    }
    out.append(text, at, text.length());
    return out.toString();
  }

  private static Thread preloading;

  /**
   * Starts loading {@code names} on a daemon thread, each into the cache its rendering reads:
   * FreeMarker's parsed template (with the templates it includes) for a template with directives,
   * the expanded text for a static one. Every rendering waits for it to end first, so that no class
   * of the template engine is ever initialised by two threads at once. A template that fails to
   * load ends it silently: its rendering then reports the problem. The same work, earlier, beside
   * the command's reading and checking of the estate (pipeline/Preload).
   */
  public static synchronized void preloadInBackground(java.util.List<String> names) {
    if (preloading != null) {
      return;
    }
    preloading =
        org.aisecuritybaseline.Threads.startAhead("baseline-templates", () -> preload(names));
  }

  /** Loads {@code names} as {@link #preloadInBackground} does, on this thread. */
  public static void preload(java.util.List<String> names) {
    for (String name : names) {
      String expanded = expand(name, 0);
      if (isStatic(expanded)) {
        STATIC.putIfAbsent(name, expanded);
      } else {
        PARSED.computeIfAbsent(name, n -> parse(n, expanded));
      }
    }
  }

  /**
   * A template's text for FreeMarker with its literal runs lifted out of it, and those runs: what
   * FreeMarker parses shrinks to the lines that hold its syntax.
   */
  record Lifted(String text, List<String> literals) {}

  /** The variable that holds a template's lifted literals while it renders. */
  static final String LITERALS = "baselineLiterals";

  /** Fewer characters than this in a run are left in the template: not worth a lookup. */
  private static final int LIFT_AT_LEAST = 160;

  /**
   * Lifts the runs of plain lines (none holds "[#", "[/#", "[=", "[@" or "[/@") and the bodies of
   * noparse blocks whose tags stand alone on their lines (the start tag unindented, after the first
   * line) out of a template's text, each replaced by an interpolation of itself that FreeMarker
   * prints unchanged ({@code [=baselineLiterals[3]]}). The output is the same: FreeMarker prints
   * plain text and a noparse body as they are, and drops a line that holds only a tag (its
   * indentation and line break with it); the interpolation keeps the run's last line break on its
   * own line, so the lines around it stay as they were.
   */
  static Lifted lift(String text) {
    StringBuilder out = new StringBuilder(text.length() / 4);
    List<String> literals = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    int at = 0;
    while (at < text.length()) {
      int end = text.indexOf('\n', at);
      end = end < 0 ? text.length() : end + 1;
      String line = text.substring(at, end);
      if (line.contains("[#noparse")) {
        int close = closingNoparse(text, at + line.indexOf("[#noparse"));
        if (close >= 0) {
          int closeEnd = text.indexOf('\n', close);
          closeEnd = closeEnd < 0 ? text.length() : closeEnd + 1;
          flush(run, out, literals);
          // The body of a block whose tags stand alone on their lines goes out whatever its
          // length (in the template it would be parsed). FreeMarker keeps the indentation of a
          // start tag, and its line break at the very start of a template: such a block, and any
          // other, stays in the template as it is.
          if (at > 0
              && line.stripTrailing().equals("[#noparse]")
              && text.substring(close, closeEnd).strip().equals("[/#noparse]")) {
            run.append(text, end, close);
            if (!run.isEmpty()) {
              literal(run, out, literals);
            }
          } else {
            out.append(text, at, closeEnd);
          }
          at = closeEnd;
          continue;
        }
      }
      if (plain(line)) {
        run.append(line);
      } else {
        flush(run, out, literals);
        out.append(line);
      }
      at = end;
    }
    flush(run, out, literals);
    return new Lifted(out.toString(), List.copyOf(literals));
  }

  /** Where the line that holds the first {@code [/#noparse]} after {@code from} starts; else -1. */
  private static int closingNoparse(String text, int from) {
    int close = text.indexOf("[/#noparse]", from);
    return close < 0 ? -1 : text.lastIndexOf('\n', close) + 1;
  }

  private static boolean plain(String line) {
    return !(line.contains("[#")
        || line.contains("[/#")
        || line.contains("[=")
        || line.contains("[@")
        || line.contains("[/@"));
  }

  /** Writes a run of plain lines to {@code out}, lifted when it is long enough, and empties it. */
  private static void flush(StringBuilder run, StringBuilder out, List<String> literals) {
    if (run.length() < LIFT_AT_LEAST) {
      out.append(run);
      run.setLength(0);
    } else {
      literal(run, out, literals);
    }
  }

  /** Writes the interpolation of a (non-empty) run to {@code out}, lifts it and empties it. */
  private static void literal(StringBuilder run, StringBuilder out, List<String> literals) {
    boolean lineBreak = run.charAt(run.length() - 1) == '\n';
    literals.add(run.substring(0, run.length() - (lineBreak ? 1 : 0)));
    out.append("[=" + LITERALS + "[").append(literals.size() - 1).append("]]");
    if (lineBreak) {
      out.append('\n');
    }
    run.setLength(0);
  }

  /** A template parsed by FreeMarker, with the literals lifted out of it. */
  private record Parsed(Template template, TemplateSequenceModel literals) {}

  private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();

  private static Parsed parse(String name, String expanded) {
    Lifted lifted = lift(expanded);
    List<SimpleScalar> scalars = lifted.literals().stream().map(SimpleScalar::new).toList();
    TemplateSequenceModel literals =
        new TemplateSequenceModel() {
          @Override
          public TemplateModel get(int index) {
            return scalars.get(index);
          }

          @Override
          public int size() {
            return scalars.size();
          }
        };
    try {
      return new Parsed(new Template(name, new StringReader(lifted.text()), CONFIG), literals);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the background loading, if any, to end. */
  private static void awaitPreload() {
    Thread t;
    synchronized (Templates.class) {
      t = preloading;
    }
    if (t != null && t != Thread.currentThread()) {
      org.aisecuritybaseline.Threads.awaitEnd(t);
    }
  }

  private static String read(String name) {
    try (var in = Templates.class.getResourceAsStream("/templates/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no template " + name);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String render(String name, Object model, String part) {
    awaitPreload();
    try {
      Parsed parsed = PARSED.computeIfAbsent(name, n -> parse(n, expand(n, 0)));
      StringWriter out = new StringWriter();
      Environment env = parsed.template().createProcessingEnvironment(model, out);
      env.setVariable(LITERALS, parsed.literals());
      if (part != null) {
        env.setVariable("part", new SimpleScalar(part));
      }
      env.process();
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TemplateException e) {
      throw new IllegalStateException("template " + name + " failed: " + e.getMessage(), e);
    }
  }
}
