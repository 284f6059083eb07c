package org.aisecuritybaseline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.diag.Diagnostic;
import org.aisecuritybaseline.diag.DiagnosticFormatter;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.load.SourceReader;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.aisecuritybaseline.tenant.SnapshotReader;
import org.aisecuritybaseline.tenant.TenantSnapshot;

/** Shared by the commands: read and validate one estate file, printing its diagnostics. */
final class Inputs {
  /**
   * Diagnostics printed per file; a file with thousands of the same mistake needs only the first
   * ones.
   */
  static final int MAX_SHOWN = 50;

  private Inputs() {}

  /** What generate and plan say after the error count. */
  static final String NOTHING_GENERATED = "nothing was generated";

  /** What validate and explain say after the error count. */
  static final String NOT_VALID = "the estate is not valid";

  /** Validates for a command that generates (generate, plan): "N errors; nothing was generated". */
  static Optional<EstateValidator.Validated> validate(Path file, PrintWriter err) {
    return validate(file, err, NOTHING_GENERATED);
  }

  /** Validates, ending the list of problems with "N errors; " and {@code consequence}. */
  static Optional<EstateValidator.Validated> validate(
      Path file, PrintWriter err, String consequence) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<EstateValidator.Validated> result =
        SourceReader.read(file, file.toString(), diagnostics)
            .flatMap(source -> EstateValidator.validate(source, Catalogue.builtIn(), diagnostics));
    report(file, diagnostics.sorted(), err, consequence);
    return result;
  }

  /**
   * Reads a tenant snapshot (or loose exports), printing what reading found; empty when it found
   * errors, ending the list with "N errors; " and {@code consequence}.
   */
  static Optional<TenantSnapshot> tenant(Path path, PrintWriter err, String consequence) {
    TenantSnapshot snapshot = SnapshotReader.read(path);
    return report(path, snapshot.diagnostics(), err, consequence)
        ? Optional.empty()
        : Optional.of(snapshot);
  }

  /**
   * Prints the first {@link #MAX_SHOWN} of {@code found} (what reading {@code file} found), then a
   * count of the rest and "N errors; " with {@code consequence}; true when there were errors.
   */
  static boolean report(Path file, List<Diagnostic> found, PrintWriter err, String consequence) {
    found.stream().limit(MAX_SHOWN).forEach(d -> err.print(DiagnosticFormatter.format(d)));
    if (found.size() > MAX_SHOWN) {
      err.println(
          ConsoleText.oneLine(file.toString())
              + ": "
              + (found.size() - MAX_SHOWN)
              + " more problems not shown; fix the ones above and run again");
    }
    long errors = found.stream().filter(Diagnostic::isError).count();
    if (errors > 0) {
      err.println(
          ConsoleText.oneLine(file.toString())
              + ": "
              + errors
              + (errors == 1 ? " error" : " errors")
              + "; "
              + consequence);
    }
    err.flush();
    return errors > 0;
  }
}
