package org.aisecuritybaseline.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.Environment;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleScalar;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.TimeZone;

/**
 * FreeMarker, configured once and safely: errors are thrown, {@code ?new} and {@code ?api} are off,
 * locale-independent numbers, UTC, and square-bracket syntax ({@code [#list]}, {@code [=x]}) so
 * that {@code ${...}} in PowerShell and shell scripts is plain text.
 */
public final class Templates {
  private static final Configuration CONFIG = configure();

  private Templates() {}

  private static Configuration configure() {
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

  /** Any {@code [#include "..."]}, for {@link #preload}. */
  private static final java.util.regex.Pattern ANY_INCLUDE =
      java.util.regex.Pattern.compile("\\[#include \"/?([^\"]+)\"");

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
        continue;
      }
      try {
        CONFIG.getTemplate(name);
        java.util.regex.Matcher m = ANY_INCLUDE.matcher(read(name));
        while (m.find()) {
          CONFIG.getTemplate(m.group(1));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
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
      Template t = CONFIG.getTemplate(name);
      StringWriter out = new StringWriter();
      Environment env = t.createProcessingEnvironment(model, out);
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
