package org.aisecuritybaseline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.aisecuritybaseline.checks.AiSitesTarget;
import org.aisecuritybaseline.checks.CheckJson;
import org.aisecuritybaseline.checks.CheckJunit;
import org.aisecuritybaseline.checks.CheckMarkdown;
import org.aisecuritybaseline.checks.CheckReport;
import org.aisecuritybaseline.checks.CheckSarif;
import org.aisecuritybaseline.checks.CheckText;
import org.aisecuritybaseline.checks.Checks;
import org.aisecuritybaseline.checks.EstateTargets;
import org.aisecuritybaseline.checks.Target;
import org.aisecuritybaseline.checks.TenantTargets;
import org.aisecuritybaseline.checks.Waiver;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.rules.RuleCatalogue;
import picocli.CommandLine.Model.CommandSpec;

public final class CheckCommand implements Callable<Integer> {
  /** The command line of {@code check}, bound to {@code c}. */
  static CommandSpec spec(CheckCommand c) {
    CommandSpec spec =
        Args.command(
            c,
            "check",
            "Evaluate the Conditional Access policies the estate generates (or, with --against-tenant, a"
                + " tenant's) against the rule catalogue: CISA SCuBA's Entra ID baseline (MS.AAD), with"
                + " the related Maester and Zero Trust Assessment tests; with --against-tenant, also"
                + " whether the tenant has the generative-AI websites endpoint DLP policy (AISB-DLP-001)"
                + " the output README describes as a manual step.",
            "Each rule passes, passes once report-only policies are enforced, fails, is suppressed by an"
                + " exception in the estate, or is not evaluable (from Conditional Access, or without a"
                + " tenant snapshot).");
    Args.exitCodes(
        spec,
        Args.codes(
            "0", "no rule fails (or failures without --detailed-exitcode)",
            "1", "error (invalid input or snapshot) or an exception that has expired",
            "2", "a rule fails (with --detailed-exitcode)",
            "64", "usage error"));
    spec.addPositional(Args.estate(v -> c.file = v));
    spec.addOption(
        Args.option(Path.class, v -> c.tenant = v, "--against-tenant")
            .paramLabel("SNAPSHOT")
            .description(
                "Evaluate a tenant's policies instead: a snapshot folder written by the output's"
                    + " export/export-tenant.sh (or Export-Tenant.ps1), or Conditional Access exports as"
                    + " JSON files. The estate's break-glass accounts and groups and its exceptions apply.")
            .build());
    spec.addOption(
        Args.option(Format.class, v -> c.format = v, "--format")
            .paramLabel("FORMAT")
            .defaultValue("text")
            .description(
                "text (default), json (schemas/check.schema.json), markdown (a pull-request comment),"
                    + " junit (JUnit XML, one test case per rule) or sarif (SARIF 2.1.0, for code"
                    + " scanning).")
            .build());
    spec.addOption(
        Args.flag(
            v -> c.detailedExitCode = v,
            "Exit 2 when a rule fails, 0 when none does.",
            "--detailed-exitcode"));
    spec.addOption(Args.today(v -> c.today = v));
    c.spec = Args.standardHelp(spec);
    return c.spec;
  }

  CommandSpec spec;

  Path file;

  Path tenant;

  Format format;

  boolean detailedExitCode;

  LocalDate today;

  enum Format {
    text,
    json,
    markdown,
    junit,
    sarif
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    var result = Inputs.validate(file, err, Inputs.NOT_VALID);
    if (result.isEmpty()) {
      return ExitCodes.INVALID_INPUT;
    }
    var validated = result.get();
    EstateTargets estateTargets =
        new EstateTargets(validated.document(), validated.estate(), file.toString());
    List<Waiver> waivers = estateTargets.waivers();
    LocalDate date = today != null ? today : LocalDate.now(ZoneOffset.UTC);
    CheckReport report;
    if (tenant != null) {
      var snapshot = Inputs.tenant(tenant, err, "nothing was checked");
      if (snapshot.isEmpty()) {
        return ExitCodes.INVALID_INPUT;
      }
      List<Target> targets = TenantTargets.targets(snapshot.get(), tenant, validated.estate());
      report =
          new Checks(
                  RuleCatalogue.builtIn(),
                  TenantTargets.strengths(snapshot.get()),
                  AiSitesTarget.tenant(validated.estate(), estateTargets, snapshot.get(), tenant))
              .evaluate(tenant.toString(), true, targets, waivers, date, estateTargets.fallback());
    } else {
      report =
          new Checks(
                  RuleCatalogue.builtIn(),
                  Map.of(),
                  AiSitesTarget.estate(validated.estate(), estateTargets))
              .evaluate(
                  file.toString(),
                  false,
                  estateTargets.targets(validated.expansion().policies()),
                  waivers,
                  date,
                  estateTargets.fallback());
    }
    String rendered =
        switch (format) {
          case text -> CheckText.render(report);
          case json -> CheckJson.render(report);
          case markdown -> CheckMarkdown.render(report);
          case junit -> CheckJunit.render(report);
          case sarif -> CheckSarif.render(report, RuleCatalogue.builtIn());
        };
    out.print(rendered);
    out.flush();
    if (!report.expired().isEmpty()) {
      report
          .expired()
          .forEach(
              w ->
                  err.println(
                      ConsoleText.oneLine(w.place().display())
                          + ": error: "
                          + ConsoleText.oneLine(w.label())
                          + " expired on "
                          + w.expires()
                          + "; renew it with a new date or fix the policy"));
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    return detailedExitCode && report.hasFailures() ? ExitCodes.CHANGES : ExitCodes.OK;
  }
}
