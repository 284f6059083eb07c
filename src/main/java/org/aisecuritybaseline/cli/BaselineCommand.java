package org.aisecuritybaseline.cli;

import java.util.Map;
import org.aisecuritybaseline.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "baseline",
    mixinStandardHelpOptions = true,
    versionProvider = BaselineCommand.VersionProvider.class,
    description =
        "Turns one estate YAML file into the security configuration of Microsoft's 'Prepare for AI security' guidance.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:invalid input (problems are printed as file:line:col) or a refused output directory",
      "2:plan --detailed-exitcode: changes present (as Terraform's -detailed-exitcode)",
      "2:check --detailed-exitcode: a rule fails",
      "64:usage error (unknown option, missing argument)",
      "70:internal error (a bug: please report it)"
    })
public final class BaselineCommand implements Runnable {
  /**
   * What each command does, in one line of the top-level help; each command's own help has the
   * whole description. A command missing here shows the first line of its description.
   */
  static final Map<String, String> SUMMARIES =
      Map.ofEntries(
          Map.entry("init", "write a commented estate.yaml for a new tenant"),
          Map.entry("import", "write an estate that reproduces a tenant, from a snapshot of it"),
          Map.entry("generate", "validate an estate and write its configuration to a directory"),
          Map.entry("validate", "check estate files and report every problem; writes nothing"),
          Map.entry("plan", "show what generating would change in an output directory"),
          Map.entry("whatif", "evaluate the Conditional Access policies offline for one sign-in"),
          Map.entry("coverage", "the Conditional Access coverage matrix: who x which app"),
          Map.entry("check", "evaluate the policies against the CISA SCuBA Entra ID rules"),
          Map.entry("explain", "explain a baseline policy or Defender plan"),
          Map.entry("schema", "print the estate JSON Schema"),
          Map.entry("completion", "print a bash or zsh completion script"));

  /**
   * The commands by name, in the order the top-level help lists them (each class's {@code @Command}
   * name; CommandsTest).
   */
  static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> all = new java.util.LinkedHashMap<>();
    all.put("init", InitCommand.class);
    all.put("import", ImportCommand.class);
    all.put("generate", GenerateCommand.class);
    all.put("validate", ValidateCommand.class);
    all.put("plan", PlanCommand.class);
    all.put("whatif", WhatIfCommand.class);
    all.put("coverage", CoverageCommand.class);
    all.put("check", CheckCommand.class);
    all.put("explain", ExplainCommand.class);
    all.put("schema", SchemaCommand.class);
    all.put("completion", CompletionCommand.class);
    return java.util.Collections.unmodifiableMap(all);
  }

  /**
   * Adds the commands to {@code cli}: only the one {@code args} name first, when they name one (the
   * command line of each costs picocli a reflective pass at every start); none when they ask for
   * the version alone; else all of them, as the top-level help, "did you mean" and the completion
   * script need.
   */
  static void addCommands(CommandLine cli, String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return;
    }
    String first = args.length == 0 ? "" : args[0];
    if (COMMANDS.containsKey(first) && !first.equals("completion")) {
      cli.addSubcommand(first, COMMANDS.get(first));
      return;
    }
    COMMANDS.forEach(cli::addSubcommand);
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a command: " + String.join(", ", spec.subcommands().keySet()));
  }

  /** The top-level help lists each command on one line, with its summary. */
  static void oneLinePerCommand(CommandLine cli) {
    cli.getHelpSectionMap()
        .put(
            UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
            help -> {
              Map<String, CommandLine.Help> commands = help.subcommands();
              if (commands.isEmpty()) {
                return "";
              }
              int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
              StringBuilder out = new StringBuilder();
              commands.forEach(
                  (name, sub) -> {
                    String[] description = sub.commandSpec().usageMessage().description();
                    String summary =
                        SUMMARIES.getOrDefault(name, description.length == 0 ? "" : description[0]);
                    out.append("  ")
                        .append(name)
                        .append(" ".repeat(width - name.length() + 2))
                        .append(summary)
                        .append('\n');
                  });
              return out.toString();
            });
  }

  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {Version.NAME + " " + Version.VALUE};
    }
  }
}
