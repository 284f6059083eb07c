package org.aisecuritybaseline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.aisecuritybaseline.access.CoverageMatrix;
import org.aisecuritybaseline.access.Directory;
import org.aisecuritybaseline.access.MatrixViews;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.pipeline.EstateValidator;
import picocli.CommandLine.Model.CommandSpec;

public final class CoverageCommand implements Callable<Integer> {
  /** The command line of {@code coverage}, bound to {@code c}. */
  static CommandSpec spec(CoverageCommand c) {
    CommandSpec spec =
        Args.command(
            c,
            "coverage",
            "The Conditional Access coverage matrix: who (members, each guest type, administrators,"
                + " break-glass, service accounts, the pilot group) x what (all resources, Microsoft's"
                + " apps, each estate app).");
    spec.addPositional(Args.estate(v -> c.file = v));
    spec.addOption(
        Args.option(Format.class, v -> c.format = v, "--format")
            .paramLabel("FORMAT")
            .defaultValue("markdown")
            .description(
                "markdown (default, a pull-request comment), json (schemas/coverage.schema.json) or html"
                    + " (one self-contained page).")
            .build());
    c.spec = Args.standardHelp(spec);
    return c.spec;
  }

  CommandSpec spec;

  Path file;

  Format format;

  enum Format {
    markdown,
    json,
    html
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<EstateValidator.Validated> v =
        Inputs.validate(file, spec.commandLine().getErr(), Inputs.NOT_VALID);
    if (v.isEmpty()) {
      return ExitCodes.INVALID_INPUT;
    }
    CoverageMatrix m =
        CoverageMatrix.compute(new Directory(v.get().estate(), v.get().expansion().policies()));
    out.print(
        switch (format) {
          case json -> Json.write(m.toJson());
          case html -> MatrixViews.html(m);
          case markdown -> MatrixViews.markdown(m);
        });
    out.flush();
    return ExitCodes.OK;
  }
}
