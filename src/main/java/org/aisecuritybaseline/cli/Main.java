package org.aisecuritybaseline.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point: parses the command line, runs one subcommand, exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.exit(run(args, in, out, err));
  }

  /** Runs the tool as a function, with no standard input. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, new BufferedReader(new java.io.StringReader("")), out, err);
  }

  /** Runs the tool as a function: the tests call this with their own input and writers. */
  public static int run(String[] args, BufferedReader in, PrintWriter out, PrintWriter err) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine cli = new CommandLine(new BaselineCommand(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type == InitCommand.class ? type.cast(new InitCommand(in)) : defaults.create(type);
      }
    });
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, a) -> {
      err.println("baseline: " + ex.getMessage());
      err.println("Run 'baseline " + (ex.getCommandLine().getCommandName().equals("baseline") ? "" : ex.getCommandLine().getCommandName() + " ")
          + "--help' for usage.");
      err.flush();
      return ExitCodes.USAGE;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      java.io.IOException io = ex instanceof java.io.IOException e ? e
          : ex instanceof java.io.UncheckedIOException u ? u.getCause() : null;
      if (io != null) {
        // The environment, not the tool: a file that vanished, a full disk, a permission.
        err.println("baseline: " + commandLine.getCommandName() + ": cannot read or write a file: "
            + org.aisecuritybaseline.load.IoText.reason(io));
        err.flush();
        return ExitCodes.INVALID_INPUT;
      }
      err.println("baseline: internal error: " + org.aisecuritybaseline.diag.ConsoleText.oneLine(String.valueOf(ex)));
      if (System.getenv("BASELINE_DEBUG") != null) {
        ex.printStackTrace(err);
      } else {
        err.println("This is a bug in baseline. Set BASELINE_DEBUG=1 for details and please report it.");
      }
      err.flush();
      return ExitCodes.INTERNAL;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
