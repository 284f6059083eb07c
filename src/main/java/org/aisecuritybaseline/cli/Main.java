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
