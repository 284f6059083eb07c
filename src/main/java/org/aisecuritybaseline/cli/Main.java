package org.aisecuritybaseline.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.pipeline.Preload;
import org.aisecuritybaseline.plan.PlanMarkdown;
import org.aisecuritybaseline.validate.Suggestions;
import picocli.CommandLine;

/** Entry point: parses the command line, runs one subcommand, exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    preload(args);
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.exit(run(args, in, out, err));
  }

  /** Runs the tool as a function, with no standard input. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, new BufferedReader(new java.io.StringReader("")), out, err);
  }

  /** Runs the tool as a function: the tests call this with their own input and writers. */
  public static int run(String[] args, BufferedReader in, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine();
    BaselineCommand.addCommands(cli, args, in);
    cli.setOut(out);
    cli.setErr(err);
    // The command runs once preloading (if main started it) has stopped: never beside it.
    cli.setExecutionStrategy(
        parseResult -> {
          Preload.finish();
          return new CommandLine.RunLast().execute(parseResult);
        });
    BaselineCommand.oneLinePerCommand(cli);
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          usageError(ex, err);
          return ExitCodes.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          java.io.IOException io =
              ex instanceof java.io.IOException e
                  ? e
                  : ex instanceof java.io.UncheckedIOException u ? u.getCause() : null;
          if (io != null) {
            // The environment, not the tool: a file that vanished, a full disk, a permission.
            err.println(
                "baseline: "
                    + commandLine.getCommandName()
                    + ": cannot read or write a file: "
                    + org.aisecuritybaseline.load.IoText.reason(io));
            err.flush();
            return ExitCodes.INVALID_INPUT;
          }
          err.println(
              "baseline: internal error: "
                  + org.aisecuritybaseline.diag.ConsoleText.oneLine(String.valueOf(ex)));
          if (System.getenv("BASELINE_DEBUG") != null) {
            ex.printStackTrace(err);
          } else {
            err.println(
                "This is a bug in baseline. Set BASELINE_DEBUG=1 for details and please report it.");
          }
          err.flush();
          return ExitCodes.INTERNAL;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The top-level command line, without its commands. */
  static CommandLine commandLine() {
    return new CommandLine(BaselineCommand.spec(new BaselineCommand()), Args.FACTORY);
  }

  /**
   * Starts loading what the command named first will need on the second core while picocli reads
   * the command line (pipeline/Preload); nothing for help, the version or a command that needs none
   * of it.
   */
  static void preload(String[] args) {
    if (args.length == 0) {
      return;
    }
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
        return;
      }
    }
    switch (args[0]) {
      case "generate" -> Preload.start(Preload.Scope.GENERATE);
      case "plan" -> Preload.start(Preload.Scope.GENERATE, PlanMarkdown.TEMPLATE);
      case "validate", "check", "explain", "coverage", "whatif" ->
          Preload.start(Preload.Scope.VALIDATE);
      default -> {
        // init, import, schema, completion: little or none of it.
      }
    }
  }

  /**
   * A usage error with what helps most first: the arguments picocli did not recognise, each with a
   * "did you mean" where a command or option is close, even when parsing stopped at another problem
   * (a missing required option that the unknown one explains); then that problem; then where the
   * usage is.
   */
  private static void usageError(CommandLine.ParameterException ex, PrintWriter err) {
    CommandLine command = ex.getCommandLine();
    List<String> unmatched = command.getUnmatchedArguments();
    if (!(ex instanceof CommandLine.UnmatchedArgumentException) && !unmatched.isEmpty()) {
      // Left-over values (the 'out' of '--ot out') are not worth a line of their own next to an
      // unknown option.
      List<String> options = unmatched.stream().filter(u -> u.startsWith("-")).toList();
      List<String> unknown = options.isEmpty() ? unmatched : options;
      err.println(
          "baseline: "
              + ConsoleText.oneLine(
                  new CommandLine.UnmatchedArgumentException(command, unknown).getMessage()));
      suggestions(command, unknown, err);
    }
    err.println("baseline: " + ConsoleText.oneLine(ex.getMessage()));
    if (ex instanceof CommandLine.UnmatchedArgumentException u) {
      suggestions(command, u.getUnmatched(), err);
    }
    err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
  }

  /**
   * "Did you mean" for each unknown option (among the command's options) and for an unknown command
   * (among the subcommands), by the same edit distance as the estate's suggestions.
   */
  private static void suggestions(CommandLine command, List<String> unmatched, PrintWriter err) {
    var spec = command.getCommandSpec();
    java.util.Set<String> shown = new java.util.LinkedHashSet<>();
    for (int i = 0; i < unmatched.size(); i++) {
      String arg = unmatched.get(i);
      java.util.Optional<String> match;
      if (arg.startsWith("-")) {
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        List<String> options =
            spec.options().stream()
                .filter(o -> !o.hidden())
                .flatMap(o -> java.util.Arrays.stream(o.names()))
                .toList();
        match = Suggestions.closest(name, options);
      } else {
        match =
            i == 0 && !spec.subcommands().isEmpty()
                ? Suggestions.closest(arg, spec.subcommands().keySet())
                : java.util.Optional.empty();
      }
      match.ifPresent(m -> shown.add("Did you mean: " + spec.qualifiedName() + " " + m + "?"));
    }
    shown.forEach(line -> err.println(ConsoleText.oneLine(line)));
  }
}
