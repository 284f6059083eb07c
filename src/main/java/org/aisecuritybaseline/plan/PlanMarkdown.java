package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.render.Markdown;
import org.aisecuritybaseline.render.Templates;

/**
 * The plan as a pull-request comment: summary table, highlights, a collapsible section per file. It
 * stays under GitHub's 65,536-character comment limit by leaving out the per-file details (and then
 * the longest file lists) when the full plan would not fit.
 */
public final class PlanMarkdown {
  public static final int LIMIT = 65_536;
  private static final int MAX_ROWS = 200;

  private PlanMarkdown() {}

  /** Template model; every string is already escaped for Markdown (or HTML where the template says so). */
  public record Model(String generator, String before, String after, boolean changes, List<Row> summary,
      List<HighlightRow> highlights, List<FileRow> files, int filesLeftOut, boolean details, boolean summarised) {}

  public record Row(String family, int added, int changed, int removed) {}

  public record HighlightRow(String marker, String id, String reason) {}

  public record FileRow(String path, String action, List<ChangeRow> changes, int changesLeftOut, String diff, String fence,
      List<FactRow> facts) {}

  public record FactRow(String label, String value) {}

  public record ChangeRow(String pointer, String before, String after) {}

  public static String render(Plan plan) {
    String full = Templates.render("docs/plan.md.ftl", model(plan, true, Integer.MAX_VALUE));
    if (full.length() <= LIMIT) {
      return full;
    }
    int files = plan.files().size();
    while (true) {
      String summary = Templates.render("docs/plan.md.ftl", model(plan, false, files));
      if (summary.length() <= LIMIT || files == 0) {
        return summary;
      }
      files = files / 2;
    }
  }

  private static Model model(Plan plan, boolean details, int maxFiles) {
    List<Row> summary = plan.families().stream().map(f -> new Row(f.family().label(), f.added(), f.changed(), f.removed())).toList();
    List<HighlightRow> highlights = plan.highlights().stream().map(h -> new HighlightRow(
        h.severity() == Plan.Severity.HIGH ? ":warning: **high**" : "medium", Markdown.inline(h.id()), Markdown.inline(h.reason())))
        .toList();
    List<FileRow> files = new ArrayList<>();
    for (Plan.FileChange f : plan.files().subList(0, Math.min(maxFiles, plan.files().size()))) {
      List<ChangeRow> changes = new ArrayList<>();
      if (details) {
        f.changes().stream().limit(MAX_ROWS).forEach(c -> changes.add(new ChangeRow(Markdown.inline(c.pointer()),
            Markdown.inline(PlanText.value(c.before())), Markdown.inline(PlanText.value(c.after())))));
      }
      String diff = details && f.diff() != null ? Markdown.codeBlock(f.diff()) : null;
      List<FactRow> facts = details ? f.facts().stream().map(x -> new FactRow(Markdown.inline(x.label()),
          Markdown.inline(x.value()))).toList() : List.of();
      files.add(new FileRow(Markdown.code(f.path()), f.action().key(), changes, Math.max(0, f.changes().size() - MAX_ROWS), diff,
          diff == null ? "```" : fence(diff), facts));
    }
    return new Model(Version.NAME + " " + Version.VALUE, Markdown.inline(plan.before()), Markdown.inline(plan.after()),
        plan.hasChanges(), summary, highlights, files, plan.files().size() - files.size(), details, !details);
  }

  /** A code fence longer than any run of backticks in the content, so the content cannot close it. */
  static String fence(String content) {
    int longest = 0;
    int run = 0;
    for (char c : content.toCharArray()) {
      run = c == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return "`".repeat(Math.max(3, longest + 1));
  }
}
