package org.aisecuritybaseline.cli;

import java.util.Map;
import java.util.function.Function;
import org.aisecuritybaseline.Version;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;

/** The top-level command: its help, its version and its commands. */
public final class BaselineCommand implements Runnable {
  /** The top-level command line, without its commands. */
  static CommandSpec spec(BaselineCommand c) {
    CommandSpec spec =
        Args.command(
            c,
            "baseline",
            "Turns one estate YAML file into the security configuration of Microsoft's 'Prepare for AI security' guidance.");
    spec.versionProvider(new VersionProvider());
    // One line a code: picocli keeps the list in a map, so a code listed twice shows only its last
    // meaning (Args.codes refuses it).
    Args.exitCodes(
        spec,
        Args.codes(
            "0", "success",
            "1",
                "invalid input (problems are printed as file:line:col) or a refused output directory",
            "2",
                "changes present (plan --detailed-exitcode, as Terraform's -detailed-exitcode) or a"
                    + " rule fails (check --detailed-exitcode)",
            "64", "usage error (unknown option, missing argument)",
            "70", "internal error (a bug: please report it)"));
    c.spec = Args.standardHelp(spec);
    return c.spec;
  }

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
   * The commands by name, in the order the top-level help lists them: each builds its command line
   * (the name in it is the key; CommandsTest), given the standard input {@code init} reads answers
   * from.
   */
  static final Map<String, Function<java.io.BufferedReader, CommandSpec>> COMMANDS = commands();

  private static Map<String, Function<java.io.BufferedReader, CommandSpec>> commands() {
    Map<String, Function<java.io.BufferedReader, CommandSpec>> all =
        new java.util.LinkedHashMap<>();
    all.put("init", in -> InitCommand.spec(new InitCommand(in)));
    all.put("import", in -> ImportCommand.spec(new ImportCommand()));
    all.put("generate", in -> GenerateCommand.spec(new GenerateCommand()));
    all.put("validate", in -> ValidateCommand.spec(new ValidateCommand()));
    all.put("plan", in -> PlanCommand.spec(new PlanCommand()));
    all.put("whatif", in -> WhatIfCommand.spec(new WhatIfCommand()));
    all.put("coverage", in -> CoverageCommand.spec(new CoverageCommand()));
    all.put("check", in -> CheckCommand.spec(new CheckCommand()));
    all.put("explain", in -> ExplainCommand.spec(new ExplainCommand()));
    all.put("schema", in -> SchemaCommand.spec(new SchemaCommand()));
    all.put("completion", in -> CompletionCommand.spec(new CompletionCommand()));
    return java.util.Collections.unmodifiableMap(all);
  }

  /**
   * Adds the commands to {@code cli}: only the one {@code args} name first, when they name one
   * (building each costs every start); none when they ask for the version alone; else all of them,
   * as the top-level help, "did you mean" and the completion script need. {@code init} reads its
   * answers from {@code in}.
   */
  static void addCommands(CommandLine cli, String[] args, java.io.BufferedReader in) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return;
    }
    String first = args.length == 0 ? "" : args[0];
    if (COMMANDS.containsKey(first) && !first.equals("completion")) {
      cli.addSubcommand(first, COMMANDS.get(first).apply(in));
      return;
    }
    COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.apply(in)));
  }

  CommandSpec spec;

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
