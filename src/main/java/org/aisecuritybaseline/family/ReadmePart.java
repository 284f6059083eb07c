package org.aisecuritybaseline.family;

import java.util.List;
import org.aisecuritybaseline.render.Markdown;
import org.aisecuritybaseline.render.Templates;

/**
 * A family's part of the output README, as Markdown. The README puts, family after family in the
 * registry's order: every family's deployment steps under "Deploy family by family", then every
 * family's own sections, then the closing sections (views across the output, such as app coverage),
 * then the notes of every object under "Policy notes". Each of the three Markdown parts is empty or
 * ends with a blank line, so that the parts join without knowing each other.
 *
 * @param enforces whether the family enforces anything (a policy on, DLP enforced): the first
 *     deployment runbook, deploy-all.ps1, then refuses to run, and the README says so
 */
public record ReadmePart(
    String deploy, String sections, String closing, List<Note> notes, boolean enforces) {

  public ReadmePart {
    for (String part : List.of(deploy, sections, closing)) {
      if (!part.isEmpty() && !part.endsWith("\n\n")) {
        throw new IllegalArgumentException("a README part ends with a blank line: " + part);
      }
    }
    notes = List.copyOf(notes);
  }

  /**
   * A family's part rendered from its template (templates/docs/readme/&lt;family&gt;.md.ftl): the
   * template's {@code deploy}, {@code sections} and {@code closing} parts of {@code model}, each
   * empty where the template has nothing for it.
   */
  public static ReadmePart rendered(
      String template, Object model, List<Note> notes, boolean enforces) {
    return new ReadmePart(
        Templates.renderPart(template, model, "deploy"),
        Templates.renderPart(template, model, "sections"),
        Templates.renderPart(template, model, "closing"),
        notes,
        enforces);
  }

  /** An object's notes: its ID, name, file under the output and the notes, escaped for Markdown. */
  public record Note(String id, String name, String file, List<String> notes) {}

  /** A baseline object left out, or generated otherwise, with why: escaped for Markdown. */
  public record LeftOutRow(String id, String name, String reason) {
    public static List<LeftOutRow> of(List<LeftOut> items) {
      return items.stream()
          .map(l -> new LeftOutRow(l.id(), Markdown.inline(l.name()), Markdown.inline(l.reason())))
          .toList();
    }
  }

  /** Microsoft's recommendation as a Markdown link, or "" without one. */
  public static String link(Recommendation recommendation) {
    return recommendation == null
        ? ""
        : "[" + Markdown.inline(recommendation.title()) + "](" + recommendation.url() + ")";
  }
}
