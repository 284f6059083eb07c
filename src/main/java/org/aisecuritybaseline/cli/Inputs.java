package org.aisecuritybaseline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.aisecuritybaseline.baseline.Catalogue;
import org.aisecuritybaseline.diag.DiagnosticFormatter;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.load.SourceReader;
import org.aisecuritybaseline.validate.EstateValidator;

/** Shared by the commands: read and validate one estate file, printing its diagnostics. */
final class Inputs {
  private Inputs() {}

  static Optional<EstateValidator.Validated> validate(Path file, PrintWriter err) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<EstateValidator.Validated> result = SourceReader.read(file, file.toString(), diagnostics)
        .flatMap(source -> EstateValidator.validate(source, Catalogue.builtIn(), diagnostics));
    diagnostics.sorted().forEach(d -> err.print(DiagnosticFormatter.format(d)));
    long errors = diagnostics.all().stream().filter(d -> d.isError()).count();
    if (errors > 0) {
      err.println(file + ": " + errors + (errors == 1 ? " error" : " errors") + "; nothing was generated");
    }
    err.flush();
    return result;
  }
}
