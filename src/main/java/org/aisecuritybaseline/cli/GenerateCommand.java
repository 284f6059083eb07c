package org.aisecuritybaseline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.entra.Coverage;
import org.aisecuritybaseline.family.LeftOut;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.plan.Snapshot;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.write.OutputWriter;
import picocli.CommandLine.Model.CommandSpec;

public final class GenerateCommand implements Callable<Integer> {
  /** The command line of {@code generate}, bound to {@code c}. */
  static CommandSpec spec(GenerateCommand c) {
    CommandSpec spec =
        Args.command(
            c,
            "generate",
            "Validate an estate file and write the generated configuration to the output directory.",
            "The directory is replaced as a whole, and only if it is new, empty or was created by"
                + " baseline; one that already holds exactly the generated files is left as it is.");
    spec.addPositional(
        Args.positional("0", Path.class, v -> c.file = v, "FILE", "The estate YAML file.").build());
    spec.addOption(
        Args.option(Path.class, v -> c.out = v, "--out")
            .required(true)
            .paramLabel("DIR")
            .description("Output directory.")
            .build());
    spec.addOption(
        Args.flag(
            v -> c.check = v,
            "Write nothing; exit 1 and list the files of DIR that are not what the estate"
                + " generates (a CI guard against hand edits and forgotten regeneration).",
            "--check"));
    spec.addOption(
        Args.flag(
            v -> c.quiet = v,
            "Print only the summary line and the notices (no app coverage list).",
            "-q",
            "--quiet"));
    spec.addOption(
        Args.flag(
            v -> c.verbose = v,
            "Print every notice and the whole app coverage list (by default each stops after "
                + SHOWN
                + " lines; the output README lists them all).",
            "-v",
            "--verbose"));
    c.spec = Args.standardHelp(spec);
    return c.spec;
  }

  CommandSpec spec;

  Path file;

  Path out;

  boolean check;

  boolean quiet;

  boolean verbose;

  /** Lines of notices, and of app coverage, printed without --verbose: short at any size. */
  static final int SHOWN = 25;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    var result = Inputs.validate(file, err);
    if (result.isEmpty()) {
      return ExitCodes.INVALID_INPUT;
    }
    EstateValidator.Validated v = result.get();
    List<Artifact> files = Generator.generate(v);
    if (check) {
      return check(files, stdout, err);
    }
    OutputWriter.Result written;
    try {
      written = OutputWriter.write(out, files, List.of(file));
    } catch (OutputWriter.RefusedException e) {
      err.println("baseline: " + e.getMessage());
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    List<String> notices = new java.util.ArrayList<>();
    written.notes().forEach(n -> notices.add("notice: " + n));
    for (LeftOut l : v.leftOut()) {
      notices.add(
          "notice: " + l.id() + " (" + l.name() + ") left out: " + ConsoleText.oneLine(l.reason()));
    }
    for (LeftOut l : v.limitations()) {
      notices.add("notice: " + l.id() + " (" + l.name() + "): " + ConsoleText.oneLine(l.reason()));
    }
    printCapped(err, notices, "notices", "README.md lists them all");
    err.flush();
    if (!quiet) {
      stdout.println("App coverage (Microsoft's order):");
      List<String> rows = new java.util.ArrayList<>();
      for (Coverage.Row row : Coverage.compute(v.estate(), v.expansion().policies())) {
        rows.add(
            "  "
                + row.category()
                + ": "
                + ConsoleText.oneLine(row.name())
                + " <- "
                + policies(row.policyIds()));
      }
      printCapped(stdout, rows, "apps", "README.md (App coverage) lists them all");
    }
    stdout.println(
        (written.written()
                ? "Wrote " + files.size() + " files to " + shown(out)
                : "Nothing to write: "
                    + shown(out)
                    + " already holds these "
                    + files.size()
                    + " files")
            + " ("
            + Summary.of(v)
            + "). Next: review "
            + shown(out.resolve("README.md"))
            + ".");
    stdout.flush();
    return ExitCodes.OK;
  }

  /**
   * An app's policies, or without --verbose the first {@link #SHOWN} of them and how many more: at
   * the platform limits one app can have nearly 200.
   */
  private String policies(List<String> ids) {
    if (ids.isEmpty()) {
      return "no policy";
    }
    int shown = verbose ? ids.size() : Math.min(ids.size(), SHOWN);
    String list = String.join(", ", ids.subList(0, shown));
    return shown < ids.size() ? list + " and " + (ids.size() - shown) + " more" : list;
  }

  /**
   * The lines, or without --verbose the first {@link #SHOWN} of them and one line that says how
   * many more there are and where they are.
   */
  private void printCapped(PrintWriter to, List<String> lines, String what, String where) {
    int shown = verbose ? lines.size() : Math.min(lines.size(), SHOWN);
    lines.subList(0, shown).forEach(to::println);
    if (shown < lines.size()) {
      to.println(
          "  ... and "
              + (lines.size() - shown)
              + " more "
              + what
              + " ("
              + where
              + "; --verbose prints them here)");
    }
  }

  private int check(List<Artifact> files, PrintWriter stdout, PrintWriter err) {
    Snapshot committed;
    try {
      committed = Snapshot.read(out);
    } catch (Snapshot.UnreadableException e) {
      err.println("baseline: --out: " + e.getMessage());
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    if (!committed.isOutput()) {
      err.println(
          "baseline: --out: "
              + shown(out)
              + " holds files but no manifest.json from baseline, so it is not an"
              + " output directory; name the directory that generate wrote");
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    Snapshot generated = Snapshot.of(file.toString(), files);
    List<String> stale = new java.util.ArrayList<>();
    committed
        .changesTo(generated)
        .forEach(
            (path, action) ->
                stale.add(
                    switch (action) {
                          case ADD -> "missing: ";
                          case REMOVE -> "not generated: ";
                          case CHANGE -> "stale: ";
                        }
                        + path));
    if (stale.isEmpty()) {
      stdout.println(shown(out) + " is up to date with " + shown(file) + ".");
      stdout.flush();
      return ExitCodes.OK;
    }
    stale.forEach(s -> err.println(ConsoleText.oneLine(s)));
    err.println(
        shown(out)
            + " is not what "
            + shown(file)
            + " generates ("
            + stale.size()
            + " files). Run: baseline generate "
            + shown(file)
            + " --out "
            + shown(out));
    err.flush();
    return ExitCodes.INVALID_INPUT;
  }

  private static String shown(Path p) {
    return ConsoleText.oneLine(p.toString());
  }
}
