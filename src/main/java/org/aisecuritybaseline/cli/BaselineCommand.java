package org.aisecuritybaseline.cli;

import org.aisecuritybaseline.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "baseline",
    mixinStandardHelpOptions = true,
    versionProvider = BaselineCommand.VersionProvider.class,
    description = "Turns one estate YAML file into the security configuration of Microsoft's 'Prepare for AI security' guidance.",
    subcommands = {InitCommand.class, GenerateCommand.class, ValidateCommand.class, PlanCommand.class, ExplainCommand.class,
      SchemaCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:invalid input (problems are printed as file:line:col) or a refused output directory",
      "2:plan --detailed-exitcode: changes present (as Terraform's -detailed-exitcode)",
      "64:usage error (unknown option, missing argument)",
      "70:internal error (a bug: please report it)"
    })
public final class BaselineCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: init, generate, validate, plan, explain or schema");
  }

  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {Version.NAME + " " + Version.VALUE};
    }
  }
}
