package org.aisecuritybaseline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.plan.GitSnapshot;
import org.aisecuritybaseline.plan.Plan;
import org.aisecuritybaseline.plan.PlanBuilder;
import org.aisecuritybaseline.plan.PlanJson;
import org.aisecuritybaseline.plan.PlanMarkdown;
import org.aisecuritybaseline.plan.PlanText;
import org.aisecuritybaseline.plan.Snapshot;
import org.aisecuritybaseline.render.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Show what generating the estate would change in an existing output directory, without writing anything.",
      "Risky changes (enforcement, break-glass exclusions, weaker grants, DLP leaving simulation, Defender downgrades,"
          + " removed connector offerings) are listed first."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no changes (or changes without --detailed-exitcode)",
      "1:error (invalid input, unreadable directory, git failure)",
      "2:changes present (with --detailed-exitcode)",
      "64:usage error"
    })
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ESTATE", description = "The estate YAML file.")
  Path file;

  @Option(names = "--against", required = true, paramLabel = "DIR",
      description = "The output directory to compare with (usually the committed one).")
  Path against;

  @Option(names = "--against-git", paramLabel = "REF",
      description = "Compare with DIR as committed at this git ref (a branch, tag or commit) instead of the working tree;"
          + " the working tree is not touched.")
  String againstGit;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default), markdown (a pull-request comment) or json (schemas/plan.schema.json).")
  Format format;

  @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes, 0 when there are none.")
  boolean detailedExitCode;

  @Option(names = "--no-color", description = "No colour in text output (also off when NO_COLOR is set or output is not a terminal).")
  boolean noColor;

  enum Format {
    text,
    markdown,
    json
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    var result = Inputs.validate(file, err);
    if (result.isEmpty()) {
      return ExitCodes.INVALID_INPUT;
    }
    Snapshot after = Snapshot.of(file.toString(), Generator.generate(result.get()));
    Snapshot before;
    try {
      before = againstGit == null ? Snapshot.read(against) : GitSnapshot.read(against, againstGit);
    } catch (GitSnapshot.GitException e) {
      err.println("baseline: cannot read " + ConsoleText.oneLine(against.toString()) + " at "
          + ConsoleText.oneLine(againstGit) + " from git: " + e.getMessage());
      err.flush();
      return ExitCodes.INVALID_INPUT;
    } catch (Snapshot.UnreadableException e) {
      err.println("baseline: --against: " + e.getMessage());
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    if (!before.isOutput()) {
      err.println("baseline: --against: " + ConsoleText.oneLine(before.label()) + " holds files but no manifest.json"
          + " from baseline, so it is not an output directory; name the directory that generate wrote");
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    Plan plan = PlanBuilder.build(before, after);
    String rendered = switch (format) {
      case text -> PlanText.render(plan, color());
      case markdown -> PlanMarkdown.render(plan);
      case json -> PlanJson.render(plan);
    };
    out.print(rendered);
    out.flush();
    return detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
  }

  private boolean color() {
    return !noColor && System.getenv("NO_COLOR") == null && System.console() != null
        && !"dumb".equals(System.getenv("TERM"));
  }
}
