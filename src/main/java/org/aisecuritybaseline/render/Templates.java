package org.aisecuritybaseline.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.Environment;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
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
    c.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
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

  private static String render(String name, Object model, String part) {
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
