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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Validate an estate file and write the generated configuration to the output directory.",
      "The directory is replaced as a whole, and only if it is new, empty or was created by baseline."
    })
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The estate YAML file.")
  Path file;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(
      names = "--check",
      description =
          "Write nothing; exit 1 and list the files of DIR that are not what the estate"
              + " generates (a CI guard against hand edits and forgotten regeneration).")
  boolean check;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the summary line and the notices (no app coverage list).")
  boolean quiet;

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
    written.notes().forEach(n -> err.println("notice: " + n));
    List<LeftOut> leftOut = v.leftOut();
    for (LeftOut l : leftOut) {
      err.println(
          "notice: " + l.id() + " (" + l.name() + ") left out: " + ConsoleText.oneLine(l.reason()));
    }
    List<LeftOut> limitations = v.limitations();
    for (LeftOut l : limitations) {
      err.println("notice: " + l.id() + " (" + l.name() + "): " + ConsoleText.oneLine(l.reason()));
    }
    err.flush();
    if (!quiet) {
      stdout.println("App coverage (Microsoft's order):");
      for (Coverage.Row row : Coverage.compute(v.estate(), v.expansion().policies())) {
        stdout.println(
            "  "
                + row.category()
                + ": "
                + ConsoleText.oneLine(row.name())
                + " <- "
                + (row.policyIds().isEmpty() ? "no policy" : String.join(", ", row.policyIds())));
      }
    }
    stdout.println(
        "Wrote "
            + files.size()
            + " files to "
            + shown(out)
            + " ("
            + Summary.of(v)
            + "). Next: review "
            + shown(out.resolve("README.md"))
            + ".");
    stdout.flush();
    return ExitCodes.OK;
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
