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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "coverage",
    mixinStandardHelpOptions = true,
    description = {
      "The Conditional Access coverage matrix: who (members, each guest type, administrators, break-glass,",
      "service accounts, the pilot group) x what (all resources, Microsoft's apps, each estate app)."
    })
public final class CoverageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ESTATE", description = "The estate YAML file.")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "markdown",
      description =
          "markdown (default, a pull-request comment), json (schemas/coverage.schema.json) or html"
              + " (one self-contained page).")
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
