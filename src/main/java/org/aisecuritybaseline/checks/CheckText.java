package org.aisecuritybaseline.checks;

import java.util.Locale;
import org.aisecuritybaseline.diag.ConsoleText;

/** The check for a person: one line per rule, each shortfall located as file:line:col. */
public final class CheckText {
  private CheckText() {}

  public static String render(CheckReport report) {
    StringBuilder b = new StringBuilder();
    b.append("Checked ")
        .append(ConsoleText.oneLine(report.subject()))
        .append(report.tenant() ? " (tenant snapshot)" : "")
        .append(": ")
        .append(summary(report))
        .append("\n\n");
    for (Result r : report.results()) {
      b.append(String.format(Locale.ROOT, "%-20s", label(r)))
          .append(r.rule().id())
          .append(' ')
          .append(r.rule().title())
          .append(" [")
          .append(r.rule().referenceList())
          .append("]\n");
      if (r.status() == Status.FAIL || r.status() == Status.SUPPRESSED) {
        String lead = r.policy() == null ? "" : r.policy().label() + ": ";
        for (Result.Finding f : r.findings()) {
          b.append("    ")
              .append(ConsoleText.oneLine(f.place().display()))
              .append(": ")
              .append(ConsoleText.oneLine(lead + f.message()))
              .append('\n');
        }
        if (r.waiver() != null) {
          b.append("    suppressed by ")
              .append(ConsoleText.oneLine(r.waiver().label()))
              .append(": ")
              .append(ConsoleText.oneLine(r.waiver().reason()))
              .append('\n');
        }
      } else {
        b.append("    ").append(ConsoleText.oneLine(r.message())).append('\n');
      }
    }
    for (Waiver w : report.expired()) {
      b.append("\n")
          .append(ConsoleText.oneLine(w.place().display()))
          .append(": ")
          .append(ConsoleText.oneLine(w.label()))
          .append(" expired on ")
          .append(w.expires())
          .append("; it suppresses nothing: renew it with a new date or fix the policy\n");
    }
    return b.toString();
  }

  static String summary(CheckReport report) {
    return report.results().size()
        + " rules: "
        + report.count(Status.PASS)
        + " pass, "
        + report.count(Status.PASS_WHEN_ENFORCED)
        + " pass when enforced, "
        + report.count(Status.FAIL)
        + " fail, "
        + report.count(Status.SUPPRESSED)
        + " suppressed, "
        + report.count(Status.NOT_EVALUABLE)
        + " not evaluable"
        + (report.expired().isEmpty()
            ? ""
            : "; " + report.expired().size() + " expired exceptions");
  }

  /** The status; a DLP policy passes when enforced while it is in simulation, not report-only. */
  static String label(Result r) {
    return r.status() == Status.PASS_WHEN_ENFORCED && !Checks.onConditionalAccess(r.rule())
        ? "PASS (simulation)"
        : label(r.status());
  }

  static String label(Status s) {
    return switch (s) {
      case PASS -> "PASS";
      case PASS_WHEN_ENFORCED -> "PASS (report-only)";
      case FAIL -> "FAIL";
      case SUPPRESSED -> "SUPPRESSED";
      case NOT_EVALUABLE -> "NOT EVALUABLE";
    };
  }
}
