package org.aisecuritybaseline.checks;

import org.aisecuritybaseline.render.Markdown;
import org.aisecuritybaseline.rules.Rule;

/**
 * The check as a pull-request comment: a summary, one table row per rule, then each failing or
 * suppressed rule's findings at their estate lines. Kept under GitHub's 65,536-character limit for
 * a comment: what does not fit is cut with a note.
 */
public final class CheckMarkdown {
  /** GitHub refuses longer comment bodies. */
  public static final int LIMIT = 65_536;

  static final String CUT = "\n\n_(cut to fit a comment: run `baseline check` for the rest)_\n";

  private CheckMarkdown() {}

  public static String render(CheckReport report) {
    StringBuilder b = new StringBuilder();
    b.append("### baseline check: ")
        .append(Markdown.inline(report.subject()))
        .append(report.tenant() ? " (tenant snapshot)" : "")
        .append("\n\n")
        .append(Markdown.inline(CheckText.summary(report)))
        .append(".\n\n");
    for (Waiver w : report.expired()) {
      b.append("> **Expired:** ")
          .append(Markdown.inline(w.label() + " expired on " + w.expires()))
          .append(" at ")
          .append(Markdown.inline(w.place().display()))
          .append("; it suppresses nothing.\n\n");
    }
    b.append("| Status | Rule | Frameworks | Policy | Where |\n|---|---|---|---|---|\n");
    for (Result r : report.results()) {
      Rule rule = r.rule();
      b.append("| ")
          .append(
              r.status() == Status.PASS_WHEN_ENFORCED && !Checks.onConditionalAccess(rule)
                  ? "pass when enforced (in simulation)"
                  : status(r.status()))
          .append(" | ")
          .append(rule.id())
          .append(' ')
          .append(Markdown.inline(rule.title()))
          .append(" | ")
          .append(
              String.join(
                  ", ",
                  rule.references().stream()
                      .map(x -> "[" + Markdown.inline(x.id()) + "](" + x.url() + ")")
                      .toList()))
          .append(" | ")
          .append(r.policy() == null ? "" : Markdown.inline(r.policy().id()))
          .append(" | ")
          .append(r.status() == Status.NOT_EVALUABLE ? "" : Markdown.inline(r.place().display()))
          .append(" |\n");
    }
    StringBuilder details = new StringBuilder();
    for (Result r : report.results()) {
      if (r.status() != Status.FAIL && r.status() != Status.SUPPRESSED) {
        continue;
      }
      details
          .append("\n**")
          .append(r.rule().id())
          .append("** ")
          .append(status(r.status()))
          .append(": ")
          .append(Markdown.inline(r.policy() == null ? "" : r.policy().label()))
          .append("\n\n");
      for (Result.Finding f : r.findings()) {
        details
            .append("- ")
            .append(Markdown.inline(f.place().display()))
            .append(": ")
            .append(Markdown.inline(f.message()))
            .append('\n');
      }
      if (r.waiver() != null) {
        details
            .append("- suppressed by ")
            .append(Markdown.inline(r.waiver().label()))
            .append(": ")
            .append(Markdown.inline(r.waiver().reason()))
            .append('\n');
      }
    }
    if (!details.isEmpty()) {
      b.append("\n<details><summary>Findings</summary>\n").append(details).append("\n</details>\n");
    }
    if (b.length() > LIMIT) {
      int end = LIMIT - CUT.length();
      b.setLength(end);
      return b.toString().stripTrailing() + CUT;
    }
    return b.toString();
  }

  static String status(Status s) {
    return switch (s) {
      case PASS -> "pass";
      case PASS_WHEN_ENFORCED -> "pass when enforced";
      case FAIL -> "**fail**";
      case SUPPRESSED -> "suppressed";
      case NOT_EVALUABLE -> "not evaluable";
    };
  }
}
