package org.aisecuritybaseline.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.aisecuritybaseline.validate.EstateValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check estate files and report every problem as file:line:col, without writing anything.")
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Estate YAML files.")
  List<Path> files;

  @Override
  public Integer call() {
    int code = ExitCodes.OK;
    for (Path file : files) {
      var result = Inputs.validate(file, spec.commandLine().getErr());
      if (result.isEmpty()) {
        code = ExitCodes.INVALID_INPUT;
      } else {
        EstateValidator.Validated v = result.get();
        spec.commandLine().getOut().println(file + ": ok (" + v.expansion().policies().size() + " Conditional Access and "
            + v.dlp().policies().size() + " DLP policies, " + (v.expansion().leftOut().size() + v.dlp().leftOut().size())
            + " left out)");
      }
    }
    spec.commandLine().getOut().flush();
    return code;
  }
}
