package org.aisecuritybaseline.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.diag.SourceFile;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.load.YamlLoader;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.Licences;
import org.aisecuritybaseline.render.Templates;
import org.aisecuritybaseline.validate.Schemas;

/**
 * Loads, on other threads, what a command will need whatever the estate, while the main thread is
 * still starting the command-line parser: on two cores that time was otherwise spent waiting. The
 * same work the command would do, only earlier. Nothing here prints, writes a file or changes what
 * a command generates.
 *
 * <ul>
 *   <li>The JSON and YAML readers, the estate's schema, the Conditional Access catalogue, the model
 *       and every family's data ({@code Family.preload}): never at the same time as the command.
 *       {@link #finish} stops this thread after the step it is in and waits for it, before the
 *       command runs, so that no class these steps initialise is initialised by two threads at
 *       once. A step that fails ends it silently; the command then does that step itself and
 *       reports what went wrong in the usual way.
 *   <li>For commands that render, every template the families and the pipeline use ({@code
 *       Family.templates}): parsed by render/Templates on a thread of its own, which may go on
 *       while the command reads and checks the estate (which never renders); every rendering waits
 *       for it to end.
 * </ul>
 */
public final class Preload {
  /** What a command needs. */
  public enum Scope {
    /** Reading and validating an estate (validate, check, explain, coverage, whatif). */
    VALIDATE,
    /** That, and rendering the output (generate, plan). */
    GENERATE
  }

  private static Thread thread;
  private static volatile boolean stop;

  private Preload() {}

  /**
   * Starts preloading for {@code scope} on daemon threads, with {@code templates} (those the
   * command alone renders) when it renders; at most once per process.
   */
  public static synchronized void start(Scope scope, String... templates) {
    if (thread != null) {
      return;
    }
    List<Runnable> steps = steps(scope, true, List.of(templates));
    thread =
        org.aisecuritybaseline.Threads.startAhead(
            "baseline-preload",
            () -> {
              for (Runnable step : steps) {
                if (stop) {
                  return;
                }
                step.run();
              }
            });
  }

  /**
   * Stops preloading after the step in progress and waits for it: called before a command runs.
   * Does nothing when preloading never started.
   */
  public static synchronized void finish() {
    Thread t = thread;
    if (t == null) {
      return;
    }
    stop = true;
    org.aisecuritybaseline.Threads.awaitEnd(t);
  }

  /** Every step for {@code scope}, in the order the command needs them, on this thread. */
  static void runAll(Scope scope) {
    steps(scope, false, List.of()).forEach(Runnable::run);
  }

  /**
   * The steps for {@code scope}. The catalogue comes first, since the families need it to name
   * their templates: then, for a command that renders, the templates are loaded ({@code
   * background}: on their own thread) beside the rest.
   */
  static List<Runnable> steps(Scope scope, boolean background, List<String> more) {
    List<Runnable> steps = new ArrayList<>();
    steps.add(
        () -> {
          Catalogue catalogue = Catalogue.builtIn();
          if (scope == Scope.GENERATE) {
            List<String> templates = templates(catalogue);
            templates.addAll(more);
            if (background) {
              Templates.preloadInBackground(templates);
            } else {
              Templates.preload(templates);
            }
          }
        });
    steps.add(() -> Json.parse("{\"a\": [1, 2.5, true, null, \"b\"]}"));
    steps.add(
        () -> YamlLoader.load(new SourceFile("preload.yaml", "a: [1, b]\n"), new Diagnostics()));
    steps.add(Schemas::estate);
    steps.add(() -> Json.bind(Json.parse("{}"), Estate.class));
    steps.add(Licences::get);
    steps.add(
        () -> {
          for (Family<?> family : Families.of(Catalogue.builtIn())) {
            family.preload();
          }
        });
    return steps;
  }

  /** Every template that generating renders: the families', the README's and the scripts'. */
  static List<String> templates(Catalogue catalogue) {
    List<String> all = new ArrayList<>();
    for (Family<?> family : Families.of(catalogue)) {
      all.addAll(family.templates());
    }
    all.add(Generator.DEPLOY_ALL);
    all.add(ReadmeRenderer.TEMPLATE);
    all.addAll(ExportScripts.TEMPLATES);
    return all;
  }
}
