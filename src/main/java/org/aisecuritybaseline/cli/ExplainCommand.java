package org.aisecuritybaseline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.family.Explanation;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.aisecuritybaseline.pipeline.Expanded;
import org.aisecuritybaseline.pipeline.Families;
import picocli.CommandLine.Model.CommandSpec;

public final class ExplainCommand implements Callable<Integer> {
  /** The command line of {@code explain}, bound to {@code c}. */
  static CommandSpec spec(ExplainCommand c) {
    CommandSpec spec =
        Args.command(
            c,
            "explain",
            "Explain a baseline policy: what it does, which Microsoft recommendation it implements, what"
                + " it needs, and (with --estate) what it covers in an estate. IDs (in any case): CA0nn,"
                + " DLP0nn, a Defender plan name such as AI, or a Sentinel data connector (defenderXdr,"
                + " entraId, defenderForCloud, microsoft365).");
    spec.addPositional(
        Args.positional(
                "0",
                String.class,
                v -> c.id = v,
                "ID",
                "A policy ID (CA004, DLP002), a Defender plan name (CloudPosture) or a Sentinel data"
                    + " connector (defenderXdr).")
            .build());
    spec.addOption(
        Args.option(Path.class, v -> c.estateFile = v, "--estate")
            .paramLabel("FILE")
            .description("Also show what the policy does in this estate.")
            .build());
    c.spec = Args.standardHelp(spec);
    return c.spec;
  }

  CommandSpec spec;

  String id;

  Path estateFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<EstateValidator.Validated> estate = Optional.empty();
    if (estateFile != null) {
      estate = Inputs.validate(estateFile, err, Inputs.NOT_VALID);
      if (estate.isEmpty()) {
        return ExitCodes.INVALID_INPUT;
      }
    }
    List<Family<?>> families = Families.of(Catalogue.builtIn());
    String key = canonical(id, families);
    Optional<Explanation> found = Optional.empty();
    if (estate.isPresent()) {
      EstateValidator.Validated v = estate.get();
      for (Expanded<?> f : v.families()) {
        found = found.or(() -> f.explain(key, estateFile.toString(), v.estate()));
      }
    } else {
      for (Family<?> f : families) {
        found = found.or(() -> f.explain(key, null, null, null));
      }
    }
    if (found.isEmpty()) {
      err.println("baseline explain: unknown ID '" + ConsoleText.oneLine(id) + "'.");
      err.println("Known IDs:");
      families.forEach(
          f -> err.println("  " + f.info().objects() + ": " + String.join(", ", f.explainIds())));
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    List<String> lines = found.get().lines();
    lines.forEach(out::println);
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * The ID as the families spell it, whatever its case (ca002, dlp001, cloudposture); else as
   * given.
   */
  private static String canonical(String given, List<Family<?>> families) {
    return families.stream()
        .flatMap(f -> f.explainIds().stream())
        .filter(k -> k.equalsIgnoreCase(given))
        .findFirst()
        .orElse(given);
  }
}
