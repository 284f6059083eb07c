package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.render.Markdown;
import org.aisecuritybaseline.render.Templates;

/**
 * The plan as a pull-request comment: summary table, highlights, a collapsible section per file. It
 * stays under GitHub's 65,536-character comment limit at any size: when the full plan does not fit,
 * the unified diffs of text files (scripts, README) are left out; then every per-file detail; then,
 * with many highlights, they are counted by kind and severity and only the first ones (most severe
 * first) are listed, then how many more; the file list is shortened along the way.
 */
public final class PlanMarkdown {
  /** Its template (preloaded by pipeline/Preload for plan). */
  public static final String TEMPLATE = "docs/plan.md.ftl";

  public static final int LIMIT = 65_536;
  private static final int MAX_ROWS = 200;

  /**
   * A highlight's sentence is cut here (a grouped one names up to 20 objects; names are up to 256
   * characters).
   */
  private static final int MAX_REASON = 1_000;

  /** With more highlights than this, a summarised plan counts them by kind first. */
  private static final int KINDS_FROM = 10;

  /**
   * How many highlights a summarised plan tries to list, in turn, before it cuts the file list
   * further.
   */
  private static final int[] HIGHLIGHT_CAPS = {Integer.MAX_VALUE, 200, 100, 50, 20, 10, 0};

  /** The file list is cut down to this many before fewer highlights are listed. */
  private static final int MIN_FILES = 100;

  private PlanMarkdown() {}

  /**
   * Template model; every string is already escaped for Markdown (or HTML where the template says
   * so).
   */
  public record Model(
      String generator,
      String before,
      String after,
      boolean changes,
      List<Row> summary,
      List<KindRow> kinds,
      List<HighlightRow> highlights,
      int highlightsLeftOut,
      int highHighlightsLeftOut,
      List<FileRow> files,
      int filesLeftOut,
      boolean details,
      boolean summarised,
      boolean textDiffsLeftOut,
      TenantModel tenant) {}

  /** Against a tenant (null otherwise): what deploying does there, and what it leaves alone. */
  public record TenantModel(
      String heading, List<TenantRow> objects, List<LeftAloneRow> leftAlone, List<String> notes) {}

  public record TenantRow(String id, String kind, String action, String tenantObjectId) {}

  public record LeftAloneRow(String name, String state, String why, String warning) {}

  /** How much of each file the comment shows. */
  private enum Detail {
    /** Structural changes, facts and text diffs. */
    FULL,
    /** Structural changes and facts; text diffs are left out. */
    NO_TEXT_DIFFS,
    /** Only the file list. */
    NONE
  }

  public record Row(String family, int added, int changed, int removed) {}

  /** Highlights of one kind, by severity. */
  public record KindRow(String label, int high, int medium) {}

  public record HighlightRow(String marker, String id, String reason) {}

  public record FileRow(
      String path,
      String action,
      List<ChangeRow> changes,
      int changesLeftOut,
      String diff,
      String fence,
      List<FactRow> facts,
      boolean diffLeftOut) {}

  public record FactRow(String label, String value) {}

  public record ChangeRow(String pointer, String before, String after) {}

  public static String render(Plan plan) {
    for (Detail detail : List.of(Detail.FULL, Detail.NO_TEXT_DIFFS)) {
      String full = render(plan, detail, Integer.MAX_VALUE, Integer.MAX_VALUE);
      if (full.length() <= LIMIT) {
        return full;
      }
    }
    int allFiles = plan.files().size();
    for (int highlights : HIGHLIGHT_CAPS) {
      if (highlights < Integer.MAX_VALUE && highlights >= plan.highlights().size()) {
        continue; // the same as listing them all, which did not fit
      }
      for (int files = allFiles; ; files = Math.max(files / 2, Math.min(MIN_FILES, allFiles))) {
        String summary = render(plan, Detail.NONE, files, highlights);
        if (summary.length() <= LIMIT) {
          return summary;
        }
        if (files <= Math.min(MIN_FILES, allFiles)) {
          break;
        }
      }
    }
    for (int files = Math.min(MIN_FILES, allFiles) / 2; ; files /= 2) {
      String summary = render(plan, Detail.NONE, files, 0);
      if (summary.length() <= LIMIT || files == 0) {
        return summary;
      }
    }
  }

  private static String render(Plan plan, Detail detail, int maxFiles, int maxHighlights) {
    return Templates.render(TEMPLATE, model(plan, detail, maxFiles, maxHighlights));
  }

  private static Model model(Plan plan, Detail detail, int maxFiles, int maxHighlights) {
    boolean details = detail != Detail.NONE;
    List<Row> summary =
        plan.families().stream()
            .map(f -> new Row(f.family().label(), f.added(), f.changed(), f.removed()))
            .toList();
    List<Plan.Highlight> listed =
        plan.highlights().subList(0, Math.min(maxHighlights, plan.highlights().size()));
    List<HighlightRow> highlights =
        listed.stream()
            .map(
                h ->
                    new HighlightRow(
                        h.severity() == Plan.Severity.HIGH ? ":warning: **high**" : "medium",
                        Markdown.inline(h.id()),
                        Markdown.inline(
                            h.reason().length() > MAX_REASON
                                ? h.reason().substring(0, MAX_REASON - 3) + "..."
                                : h.reason())))
            .toList();
    List<Plan.Highlight> left = plan.highlights().subList(listed.size(), plan.highlights().size());
    List<KindRow> kinds = new ArrayList<>();
    if (!details && (plan.highlights().size() > KINDS_FROM || !left.isEmpty())) {
      for (Plan.Kind k : Plan.Kind.values()) {
        int high = count(plan.highlights(), k, Plan.Severity.HIGH);
        int medium = count(plan.highlights(), k, Plan.Severity.MEDIUM);
        if (high + medium > 0) {
          kinds.add(new KindRow(Markdown.inline(k.label()), high, medium));
        }
      }
    }
    List<FileRow> files = new ArrayList<>();
    for (Plan.FileChange f : plan.files().subList(0, Math.min(maxFiles, plan.files().size()))) {
      List<ChangeRow> changes = new ArrayList<>();
      if (details) {
        f.changes().stream()
            .limit(MAX_ROWS)
            .forEach(
                c ->
                    changes.add(
                        new ChangeRow(
                            Markdown.inline(c.pointer()),
                            Markdown.inline(PlanText.value(c.before())),
                            Markdown.inline(PlanText.value(c.after())))));
      }
      String diff = detail == Detail.FULL && f.diff() != null ? Markdown.codeBlock(f.diff()) : null;
      List<FactRow> facts =
          details
              ? f.facts().stream()
                  .map(x -> new FactRow(Markdown.inline(x.label()), Markdown.inline(x.value())))
                  .toList()
              : List.of();
      files.add(
          new FileRow(
              Markdown.code(f.path()),
              f.action().key(),
              changes,
              Math.max(0, f.changes().size() - MAX_ROWS),
              diff,
              diff == null ? "```" : fence(diff),
              facts,
              detail == Detail.NO_TEXT_DIFFS && f.diff() != null));
    }
    int highLeft = (int) left.stream().filter(h -> h.severity() == Plan.Severity.HIGH).count();
    return new Model(
        Version.NAME + " " + Version.VALUE,
        Markdown.inline(plan.before()),
        Markdown.inline(plan.after()),
        plan.hasChanges(),
        summary,
        kinds,
        highlights,
        left.size(),
        highLeft,
        files,
        plan.files().size() - files.size(),
        details,
        !details,
        detail == Detail.NO_TEXT_DIFFS && plan.files().stream().anyMatch(f -> f.diff() != null),
        tenant(plan.tenant()));
  }

  private static TenantModel tenant(Plan.Tenant t) {
    if (t == null) {
      return null;
    }
    String heading =
        "In the tenant"
            + (t.tenantId() == null ? "" : " `" + Markdown.inline(t.tenantId()) + "`")
            + (t.exportedAt() == null ? "" : " (exported " + Markdown.inline(t.exportedAt()) + ")");
    List<TenantRow> objects =
        t.objects().stream()
            .filter(o -> o.action() != Plan.TenantAction.UNCHANGED)
            .limit(MAX_ROWS)
            .map(
                o ->
                    new TenantRow(
                        Markdown.inline(o.id()),
                        Markdown.inline(o.kind()),
                        o.action().key(),
                        o.tenantObjectId() == null ? "" : "`" + o.tenantObjectId() + "`"))
            .toList();
    List<LeftAloneRow> left =
        t.leftAlone().stream()
            .limit(MAX_ROWS)
            .map(
                l ->
                    new LeftAloneRow(
                        Markdown.inline(l.displayName()),
                        Markdown.inline(l.state()),
                        Markdown.inline(l.why()),
                        l.warning() == null ? "" : Markdown.inline(l.warning())))
            .toList();
    return new TenantModel(
        heading, objects, left, t.notes().stream().map(Markdown::inline).toList());
  }

  private static int count(
      List<Plan.Highlight> highlights, Plan.Kind kind, Plan.Severity severity) {
    return (int)
        highlights.stream().filter(h -> h.kind() == kind && h.severity() == severity).count();
  }

  /**
   * A code fence longer than any run of backticks in the content, so the content cannot close it.
   */
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
