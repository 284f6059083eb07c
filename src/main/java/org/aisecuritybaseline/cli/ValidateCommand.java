package org.aisecuritybaseline.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.aisecuritybaseline.diag.ConsoleText;
import picocli.CommandLine.Model.CommandSpec;

public final class ValidateCommand implements Callable<Integer> {
  /** The command line of {@code validate}, bound to {@code c}. */
  static CommandSpec spec(ValidateCommand c) {
    CommandSpec spec =
        Args.command(
            c,
            "validate",
            "Check estate files and report every problem as file:line:col, without writing anything.");
    spec.addPositional(
        Args.positionals("0..*", Path.class, v -> c.files = v, "FILE", "Estate YAML files."));
    c.spec = Args.standardHelp(spec);
    return c.spec;
  }

  CommandSpec spec;

  List<Path> files;

  @Override
  public Integer call() {
    int code = ExitCodes.OK;
    for (Path file : files) {
      var result = Inputs.validate(file, spec.commandLine().getErr(), Inputs.NOT_VALID);
      if (result.isEmpty()) {
        code = ExitCodes.INVALID_INPUT;
      } else {
        spec.commandLine()
            .getOut()
            .println(
                ConsoleText.oneLine(file.toString())
                    + ": valid ("
                    + Summary.of(result.get())
                    + ")");
      }
    }
    spec.commandLine().getOut().flush();
    return code;
  }
}
