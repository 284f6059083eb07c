package org.aisecuritybaseline.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.aisecuritybaseline.diag.ConsoleText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check estate files and report every problem as file:line:col, without writing anything.")
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Estate YAML files.")
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
