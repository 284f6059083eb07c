package org.aisecuritybaseline.access;

import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.render.Html;
import org.aisecuritybaseline.render.Markdown;

/** The coverage matrix as a Markdown table (for a pull request) and a self-contained HTML page. */
public final class MatrixViews {
  /** GitHub's limit for a pull-request comment body. */
  public static final int MARKDOWN_LIMIT = 65_536;

  private MatrixViews() {}

  /**
   * The table with as many columns as fit under {@link #MARKDOWN_LIMIT}; the columns left out are
   * named, with where to see them (JSON, HTML).
   */
  public static String markdown(CoverageMatrix m) {
    List<String> all = List.copyOf(m.columns().keySet());
    for (int shown = all.size(); shown > 0; shown--) {
      String text = markdown(m, all.subList(0, shown), all.subList(shown, all.size()));
      if (text.length() < MARKDOWN_LIMIT) {
        return text;
      }
    }
    return markdown(m, List.of(), all);
  }

  private static String markdown(CoverageMatrix m, List<String> columns, List<String> left) {
    StringBuilder b = new StringBuilder();
    b.append("## Conditional Access coverage: ").append(Markdown.inline(m.estateName()));
    b.append(
        "\n\nEach cell: what the enforced policies require; after the arrow, what they require");
    b.append(" once the report-only policies are enforced too (when it differs). A number in");
    b.append(" brackets counts the policies that apply only under a condition (risk, platform,");
    b.append(" location, client app, device); `baseline whatif` lists them.\n\n");
    b.append("| Who \\ app |");
    columns.forEach(k -> b.append(' ').append(Markdown.inline(k)).append(" |"));
    b.append("\n|---|");
    columns.forEach(k -> b.append("---|"));
    b.append('\n');
    for (Map.Entry<String, String> row : m.rows().entrySet()) {
      b.append("| ").append(Markdown.inline(row.getKey())).append(" |");
      for (String app : columns) {
        CoverageMatrix.Cell c = m.cell(row.getKey(), app);
        b.append(' ').append(Markdown.inline(short_(c.enforced())));
        if (!c.withReportOnly().equals(c.enforced())) {
          b.append(" → ").append(Markdown.inline(short_(c.withReportOnly())));
        }
        b.append(" |");
      }
      b.append('\n');
    }
    if (!left.isEmpty()) {
      b.append("\n")
          .append(left.size())
          .append(" more apps do not fit in one comment (see --format html or json): ");
      b.append(Markdown.inline(String.join(", ", left))).append('\n');
    }
    b.append("\nApps:\n\n");
    columns.forEach(
        k ->
            b.append("- ")
                .append(Markdown.inline(k))
                .append(": ")
                .append(Markdown.inline(m.columns().get(k)))
                .append('\n'));
    for (String n : m.notes()) {
      b.append("\nNote: ").append(Markdown.inline(n)).append('\n');
    }
    b.append("\n<sub>").append(Markdown.inline(Version.NAME + " " + Version.VALUE));
    b.append("</sub>\n");
    return b.toString();
  }

  /** "block", "MFA + compliant device (2)", "none". */
  static String short_(Decision d) {
    String s =
        switch (d.result()) {
          case Decision.BLOCK -> "block";
          case Decision.REQUIRE -> String.join(" + ", d.controls());
          default -> d.policies().isEmpty() ? "none" : "no grant";
        };
    if (!d.result().equals(Decision.BLOCK) && !d.session().isEmpty()) {
      s += "; " + String.join(", ", d.session());
    }
    return d.conditional().isEmpty() ? s : s + " (" + d.conditional().size() + ")";
  }

  public static String html(CoverageMatrix m) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    b.append("<title>Conditional Access coverage: ").append(Html.escape(m.estateName()));
    b.append("</title>\n<style>\n");
    b.append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#1b1b1b}\n");
    b.append("table{border-collapse:collapse;font-size:0.85em}\n");
    b.append("th,td{border:1px solid #999;padding:0.3em 0.5em;vertical-align:top}\n");
    b.append("th{background:#f0f0f0;text-align:left}\n");
    b.append(".block{background:#f4b6b6}.require{background:#fde9a9}");
    b.append(".allow{background:#e4e4e4}\n");
    b.append(".ro{display:block;margin-top:0.3em;font-size:0.9em;color:#444}\n");
    b.append(".cond{display:block;font-size:0.8em;color:#555}\n");
    b.append("</style>\n</head>\n<body>\n");
    b.append("<h1>Conditional Access coverage: ").append(Html.escape(m.estateName()));
    b.append("</h1>\n<p>Colour: red block, yellow controls required, grey no grant control");
    b.append(" (enforced policies). Below each cell, what applies once the report-only policies");
    b.append(" are enforced; then the policies that apply only under a further condition.</p>\n");
    b.append("<table>\n<thead><tr><th>Who \\ app</th>");
    m.columns()
        .forEach(
            (k, v) ->
                b.append("<th title=\"")
                    .append(Html.escape(v))
                    .append("\">")
                    .append(Html.escape(k))
                    .append("<br><small>")
                    .append(Html.escape(v))
                    .append("</small></th>"));
    b.append("</tr></thead>\n<tbody>\n");
    for (Map.Entry<String, String> row : m.rows().entrySet()) {
      b.append("<tr><th title=\"").append(Html.escape(row.getValue())).append("\">");
      b.append(Html.escape(row.getKey())).append("</th>");
      for (String app : m.columns().keySet()) {
        CoverageMatrix.Cell c = m.cell(row.getKey(), app);
        b.append("<td class=\"").append(c.enforced().result()).append("\">");
        b.append(Html.escape(c.enforced().summary()));
        b.append("<span class=\"ro\">report-only enforced: ");
        b.append(Html.escape(c.withReportOnly().summary())).append("</span>");
        for (String cond : c.withReportOnly().conditional()) {
          b.append("<span class=\"cond\">if ").append(Html.escape(cond)).append("</span>");
        }
        b.append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table>\n");
    if (!m.notes().isEmpty()) {
      b.append("<ul>\n");
      m.notes().forEach(n -> b.append("<li>").append(Html.escape(n)).append("</li>\n"));
      b.append("</ul>\n");
    }
    b.append("<h2>Not evaluated</h2>\n<ul>\n");
    Evaluator.NOT_EVALUATED.forEach(n -> b.append("<li>").append(Html.escape(n)).append("</li>\n"));
    b.append("</ul>\n<p><small>").append(Html.escape(Version.NAME + " " + Version.VALUE));
    b.append("</small></p>\n</body>\n</html>\n");
    return b.toString();
  }
}
