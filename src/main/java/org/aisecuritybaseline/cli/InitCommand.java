package org.aisecuritybaseline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.init.InitProject;
import org.aisecuritybaseline.init.InitWriter;
import org.aisecuritybaseline.init.Interview;
import org.aisecuritybaseline.init.Prompter;
import org.aisecuritybaseline.write.OutputWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

public final class InitCommand implements Callable<Integer> {
  /** The command line of {@code init}, bound to {@code c}. */
  static CommandSpec spec(InitCommand c) {
    CommandSpec spec =
        Args.command(
            c,
            "init",
            "Write a commented estate.yaml for a new tenant, with .gitignore, the estate schema and CI"
                + " examples.",
            "Asks for what is not given as options (unless --yes); never overwrites an existing file"
                + " without --force. Never writes through a symbolic link (DIR itself is taken as"
                + " named); writes all files or none.",
            "Where to find IDs: the Microsoft Entra admin center (entra.microsoft.com) shows the tenant"
                + " ID under Entra ID > Overview > Properties, and the Object ID of an account or group"
                + " under Entra ID > Users (or Groups) > the object > Overview.",
            "Label GUIDs: Get-Label | Format-List Name,Guid in Security & Compliance PowerShell.");
    InitOptions.addTo(spec, c.options);
    c.spec = Args.standardHelp(spec);
    return c.spec;
  }

  private final BufferedReader in;

  CommandSpec spec;

  final InitOptions options = new InitOptions();

  InitCommand(BufferedReader in) {
    this.in = in;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = options.dir;
    try {
      InitWriter.check(dir, InitProject.FILES, options.force);
      InitProject.Answers answers = Interview.answers(options.given(), new Prompter(in, out));
      InitWriter.write(dir, InitProject.files(answers), options.force);
    } catch (Interview.Refused e) {
      // An option the interview refuses is a usage error, as picocli's own.
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (Prompter.NoAnswer e) {
      err.println("baseline init: " + e.getMessage() + " (give it as an option, see --help)");
      err.flush();
      return ExitCodes.USAGE;
    } catch (OutputWriter.RefusedException e) {
      err.println(
          "baseline: cannot initialise "
              + ConsoleText.oneLine(dir.toString())
              + ": "
              + ConsoleText.oneLine(e.getMessage()));
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    Path estate = dir.resolve("estate.yaml");
    out.println(
        "Wrote "
            + estate
            + ", "
            + dir.resolve(".gitignore")
            + ", "
            + dir.resolve("estate.schema.json")
            + " and "
            + dir.resolve("ci")
            + "/.");
    out.println("Its header says what generate writes from it. Next:");
    out.println("  baseline generate " + estate + " --out " + dir.resolve("out"));
    out.println(
        "  baseline plan " + estate + " --against " + dir.resolve("out") + " --detailed-exitcode");
    out.flush();
    return ExitCodes.OK;
  }
}
