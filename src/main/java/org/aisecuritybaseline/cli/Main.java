package org.aisecuritybaseline.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point: parses the command line, runs one subcommand, exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(args, out, err));
  }

  /** Runs the tool as a function: the tests call this with their own writers. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new BaselineCommand());
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
      err.println("baseline: internal error: " + ex);
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
