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
 * Loads, on a second thread, what a command will need whatever the estate (the JSON and YAML
 * readers, the estate's schema, the catalogues and data files of every family, the templates),
 * while the main thread is still starting the command-line parser: on two cores that time was
 * otherwise spent waiting.
 *
 * <p>The same work the command would do, only earlier, and never at the same time as the command:
 * {@link #finish} stops the thread after the step it is in and waits for it, and the command runs
 * after that (the classes these steps initialise are never initialised by two threads at once). A
 * step that fails ends the preloading silently; the command then does that step itself and reports
 * what went wrong in the usual way. Nothing here prints, writes a file or changes what a command
 * generates.
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
   * Starts preloading for {@code scope}, then {@code more} (what the command alone needs), on a
   * daemon thread; at most once per process.
   */
  public static synchronized void start(Scope scope, Runnable... more) {
    if (thread != null) {
      return;
    }
    List<Runnable> steps = steps(scope);
    steps.addAll(List.of(more));
    Thread t =
        new Thread(
            () -> {
              try {
                for (Runnable step : steps) {
                  if (stop) {
                    return;
                  }
                  step.run();
                }
              } catch (Throwable e) {
                // Silently: the command repeats the step and reports the problem (class comment).
              }
            },
            "baseline-preload");
    t.setDaemon(true);
    thread = t;
    t.start();
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
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every step for {@code scope}, in the order the command needs them, on this thread. */
  static void runAll(Scope scope) {
    steps(scope).forEach(Runnable::run);
  }

  static List<Runnable> steps(Scope scope) {
    boolean rendering = scope == Scope.GENERATE;
    List<Runnable> steps = new ArrayList<>();
    steps.add(() -> Json.parse("{\"a\": [1, 2.5, true, null, \"b\"]}"));
    steps.add(
        () -> YamlLoader.load(new SourceFile("preload.yaml", "a: [1, b]\n"), new Diagnostics()));
    steps.add(Schemas::estate);
    steps.add(Catalogue::builtIn);
    steps.add(() -> Json.bind(Json.parse("{}"), Estate.class));
    steps.add(Licences::get);
    steps.add(
        () -> {
          for (Family<?> family : Families.of(Catalogue.builtIn())) {
            family.preload(false);
          }
        });
    if (rendering) {
      steps.add(
          () -> {
            for (Family<?> family : Families.of(Catalogue.builtIn())) {
              family.preload(true);
            }
          });
      steps.add(
          () -> {
            Templates.preloadStatic(Generator.DEPLOY_ALL);
            Templates.preload(ReadmeRenderer.TEMPLATE);
            Templates.preload(ExportScripts.TEMPLATES);
          });
    }
    return steps;
  }
}
