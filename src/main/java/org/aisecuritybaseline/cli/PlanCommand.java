package org.aisecuritybaseline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import org.aisecuritybaseline.Threads;
import org.aisecuritybaseline.checks.EstateTargets;
import org.aisecuritybaseline.checks.Expiring;
import org.aisecuritybaseline.checks.Waiver;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.plan.GitSnapshot;
import org.aisecuritybaseline.plan.Plan;
import org.aisecuritybaseline.plan.PlanBuilder;
import org.aisecuritybaseline.plan.PlanJson;
import org.aisecuritybaseline.plan.PlanMarkdown;
import org.aisecuritybaseline.plan.PlanText;
import org.aisecuritybaseline.plan.Snapshot;
import org.aisecuritybaseline.plan.TenantPlan;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.ObjectNode;

public final class PlanCommand implements Callable<Integer> {
  /** The command line of {@code plan}, bound to {@code c}. */
  static CommandSpec spec(PlanCommand c) {
    CommandSpec spec =
        Args.command(
            c,
            "plan",
            "Show what generating the estate would change in an existing output directory, without"
                + " writing anything; with --against-tenant, what deploying it would change in a tenant"
                + " (from a snapshot of it).",
            "Risky changes (enforcement, break-glass exclusions, weaker grants, DLP leaving simulation, Defender downgrades,"
                + " removed connector offerings) are listed first.");
    Args.exitCodes(
        spec,
        Args.codes(
            "0", "no changes (or changes without --detailed-exitcode)",
            "1",
                "error (invalid input or snapshot, a directory that does not exist or is not an output, git"
                    + " failure)",
            "2", "changes present (with --detailed-exitcode)",
            "64", "usage error"));
    spec.addPositional(Args.estate(v -> c.file = v));
    // Exactly one of: a directory (and perhaps a git ref), a tenant, nothing.
    ArgGroupSpec directory =
        ArgGroupSpec.builder()
            .exclusive(false)
            .multiplicity("1")
            .addArg(
                Args.option(Path.class, v -> c.againstDir = v, "--against")
                    .required(true)
                    .paramLabel("DIR")
                    .description(
                        "The output directory to compare with (usually the committed one). It must exist; for a first"
                            + " plan use --against-empty.")
                    .build())
            .addArg(
                Args.option(String.class, v -> c.againstRef = v, "--against-git")
                    .paramLabel("REF")
                    .description(
                        "Compare with DIR as committed at this git ref (a branch, tag or commit) instead of the working"
                            + " tree; the working tree is not touched. DIR must exist at REF.")
                    .build())
            .build();
    spec.addArgGroup(
        ArgGroupSpec.builder()
            .exclusive(true)
            .multiplicity("1")
            .addSubgroup(directory)
            .addArg(
                Args.option(Path.class, v -> c.againstTenant = v, "--against-tenant")
                    .required(true)
                    .paramLabel("SNAPSHOT")
                    .description(
                        "Compare with a tenant: a snapshot folder written by the output's export/export-tenant.sh"
                            + " (or Export-Tenant.ps1), or Conditional Access exports as JSON files. Shows what"
                            + " deploying would create, update or adopt there, and what it leaves alone.")
                    .build())
            .addArg(
                Args.option(boolean.class, v -> c.againstEmpty = v, "--against-empty")
                    .required(true)
                    .description(
                        "Compare with nothing, so that every file is new: the first plan of an output that is not"
                            + " generated or committed yet.")
                    .build())
            .build());
    spec.addOption(
        Args.option(Format.class, v -> c.format = v, "--format")
            .paramLabel("FORMAT")
            .defaultValue("text")
            .description(
                "text (default), markdown (a pull-request comment) or json (schemas/plan.schema.json).")
            .build());
    spec.addOption(
        Args.flag(
            v -> c.detailedExitCode = v,
            "Exit 2 when there are changes, 0 when there are none.",
            "--detailed-exitcode"));
    spec.addOption(
        Args.flag(
            v -> c.noColor = v,
            "No colour in text output (also off when NO_COLOR is set or output is not a terminal).",
            "--no-color"));
    spec.addOption(Args.today(v -> c.today = v));
    c.spec = Args.standardHelp(spec);
    return c.spec;
  }

  /** What the plan says it compared with for --against-empty. */
  static final String EMPTY_LABEL = "nothing (--against-empty)";

  CommandSpec spec;

  Path file;

  /**
   * What to compare with: a directory (in the working tree or at a git ref), a tenant or nothing.
   */
  Path againstDir;

  String againstRef;

  Path againstTenant;

  boolean againstEmpty;

  Format format;

  boolean detailedExitCode;

  boolean noColor;

  LocalDate today;

  /** The estate's exceptions that expire within 30 days, for the reminder after the plan. */
  private List<Waiver> expiring = List.of();

  private LocalDate date() {
    return today != null ? today : LocalDate.now(ZoneOffset.UTC);
  }

  enum Format {
    text,
    markdown,
    json
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    FutureTask<Read> ahead = readAhead();
    var result = Inputs.validate(file, err);
    if (result.isEmpty()) {
      return ExitCodes.INVALID_INPUT;
    }
    expiring =
        Expiring.soon(
            new EstateTargets(result.get().document(), result.get().estate(), file.toString())
                .waivers(),
            date());
    if (againstTenant != null) {
      var tenant = Inputs.tenant(againstTenant, err, "nothing was compared");
      if (tenant.isEmpty()) {
        return ExitCodes.INVALID_INPUT;
      }
      return print(
          TenantPlan.build(
              result.get().infos(),
              tenant.get(),
              againstTenant.toString(),
              file.toString(),
              Generator.generate(result.get()),
              result.get().estate()),
          out);
    }
    Snapshot after = Snapshot.of(file.toString(), Generator.generate(result.get()));
    Snapshot before;
    try {
      before = read(ahead);
    } catch (GitSnapshot.MissingException e) {
      err.println(
          "baseline: --against-git: "
              + e.getMessage()
              + ". Name the directory that generate wrote; if this is"
              + " the first plan of the output (nothing is committed there yet), compare with nothing: --against-empty");
      err.flush();
      return ExitCodes.INVALID_INPUT;
    } catch (GitSnapshot.GitException e) {
      err.println(
          "baseline: cannot read "
              + ConsoleText.oneLine(againstDir.toString())
              + " at "
              + ConsoleText.oneLine(againstRef)
              + " from git: "
              + e.getMessage());
      err.flush();
      return ExitCodes.INVALID_INPUT;
    } catch (Snapshot.MissingException e) {
      err.println(
          "baseline: --against: "
              + e.getMessage()
              + ". Name the directory that generate wrote; for the first"
              + " plan of an output that does not exist yet, compare with nothing: --against-empty");
      err.flush();
      return ExitCodes.INVALID_INPUT;
    } catch (Snapshot.UnreadableException e) {
      err.println("baseline: --against: " + e.getMessage());
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    if (!before.isOutput()) {
      err.println(
          "baseline: --against: "
              + ConsoleText.oneLine(before.label())
              + " holds files but no manifest.json"
              + " from baseline, so it is not an output directory; name the directory that generate wrote");
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    return print(PlanBuilder.build(result.get().infos(), before, after), out);
  }

  private int print(Plan plan, PrintWriter out) {
    String rendered =
        switch (format) {
          case text -> PlanText.render(plan, color()) + Expiring.text(expiring, date(), false);
          case markdown -> PlanMarkdown.render(plan) + Expiring.text(expiring, date(), true);
          case json -> withExpiring(PlanJson.render(plan));
        };
    out.print(rendered);
    out.flush();
    return detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
  }

  /** The JSON plan with {@code expiringExceptions} when an exception expires soon. */
  private String withExpiring(String json) {
    if (expiring.isEmpty()) {
      return json;
    }
    ObjectNode root = (ObjectNode) Json.parse(json);
    root.set("expiringExceptions", Expiring.json(expiring, date()));
    return Json.write(root);
  }

  /** What reading the --against directory gave: its files, or why they cannot be read. */
  private record Read(Snapshot snapshot, Snapshot.UnreadableException failure) {}

  /**
   * Starts reading the --against directory while the estate is validated and generated: at the
   * platform limits it is thousands of files, read on the other core. Null for the other
   * comparisons. Its problems are reported only after the estate's (see {@link #read}).
   */
  private FutureTask<Read> readAhead() {
    if (againstDir == null || againstRef != null) {
      return null;
    }
    Path dir = againstDir;
    FutureTask<Read> task =
        new FutureTask<>(
            () -> {
              try {
                return new Read(Snapshot.readExisting(dir), null);
              } catch (Snapshot.UnreadableException e) {
                return new Read(null, e);
              }
            });
    Threads.startAhead("baseline-against", task);
    return task;
  }

  private Snapshot read(FutureTask<Read> ahead)
      throws Snapshot.UnreadableException, GitSnapshot.GitException {
    if (againstEmpty) {
      return Snapshot.empty(EMPTY_LABEL);
    }
    if (ahead != null) {
      Read read = Threads.awaitResult(ahead);
      if (read.failure() != null) {
        throw read.failure();
      }
      return read.snapshot();
    }
    return GitSnapshot.read(againstDir, againstRef);
  }

  private boolean color() {
    return !noColor
        && System.getenv("NO_COLOR") == null
        && System.console() != null
        && !"dumb".equals(System.getenv("TERM"));
  }
}
