package org.aisecuritybaseline.render;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.baseline.Expansion;
import org.aisecuritybaseline.baseline.PlannedPolicy;
import org.aisecuritybaseline.model.Estate;

/** The output's README: what was generated, what was left out and why, and how to deploy it. */
public final class ReadmeRenderer {
  private ReadmeRenderer() {}

  /** The template's data model; every string from the estate is already escaped for Markdown. */
  public record Model(
      String generator,
      String tenantDomain,
      String tenantId,
      String tier,
      String estateName,
      String estateDescription,
      List<PolicyRow> policies,
      List<LeftOutRow> leftOut,
      List<ExclusionRow> exclusions,
      List<BreakGlassRow> breakGlass,
      String breakGlassWaiver,
      List<LocationRow> locations,
      List<CoverageRow> coverage,
      boolean anyReportOnly,
      boolean anyEnforced) {}

  public record PolicyRow(String id, String name, String stage, String origin, String file, String recommendation, List<String> notes) {}

  public record LeftOutRow(String id, String name, String reason) {}

  public record ExclusionRow(String id, String what, String reason) {}

  public record BreakGlassRow(String kind, String id, String name) {}

  public record LocationRow(String key, String displayName, String kind, String file) {}

  public record CoverageRow(String category, String name, String appId, String policies) {}

  public static Artifact render(Estate estate, Expansion expansion) {
    List<PolicyRow> policies = new ArrayList<>();
    List<ExclusionRow> exclusions = new ArrayList<>();
    for (PlannedPolicy p : expansion.policies()) {
      String rec = p.recommendation() == null ? "" : "[" + Markdown.inline(p.recommendation().title()) + "](" + p.recommendation().url() + ")";
      policies.add(new PolicyRow(p.id(), Markdown.inline(p.name()), p.stage().key(), p.custom() ? "custom" : "baseline",
          "entra/" + ConditionalAccessRenderer.policyFile(p), rec, p.notes().stream().map(Markdown::inline).toList()));
      p.exclusions().forEach(x -> exclusions.add(new ExclusionRow(p.id(), Markdown.inline(x.what()), Markdown.inline(x.reason()))));
    }
    List<LeftOutRow> leftOut = expansion.leftOut().stream()
        .map(l -> new LeftOutRow(l.id(), Markdown.inline(l.name()), Markdown.inline(l.reason()))).toList();
    List<BreakGlassRow> bg = new ArrayList<>();
    estate.breakGlass().accounts().forEach(a -> bg.add(new BreakGlassRow("account", a.id(), Markdown.inline(a.name()))));
    estate.breakGlass().groups().forEach(g -> bg.add(new BreakGlassRow("group", g.id(), Markdown.inline(g.name()))));
    List<LocationRow> locations = estate.namedLocations().stream()
        .map(l -> new LocationRow(l.key(), Markdown.inline(ConditionalAccessRenderer.locationDisplayName(l)),
            l.isIp() ? (l.trusted() ? "IP ranges, trusted" : "IP ranges") : "countries",
            "entra/" + ConditionalAccessRenderer.locationFile(l)))
        .toList();
    List<CoverageRow> coverage = Coverage.compute(estate, expansion.policies()).stream()
        .map(r -> new CoverageRow(r.category(), Markdown.inline(r.name()), r.appId(),
            r.policyIds().isEmpty() ? "none" : String.join(", ", r.policyIds())))
        .toList();
    Model model = new Model(
        Version.NAME + " " + Version.VALUE,
        estate.tenant().primaryDomain(),
        estate.tenant().id(),
        estate.baseline().tier().key(),
        Markdown.inline(estate.metadata().name()),
        Markdown.inline(estate.metadata().description()),
        policies,
        leftOut,
        exclusions,
        bg,
        estate.breakGlass().waiver() == null ? "" : Markdown.inline(estate.breakGlass().waiver().reason()),
        locations,
        coverage,
        expansion.policies().stream().anyMatch(p -> p.stage() == org.aisecuritybaseline.model.Stage.REPORT_ONLY),
        expansion.policies().stream().anyMatch(p -> p.stage() == org.aisecuritybaseline.model.Stage.ENABLED
            || p.stage() == org.aisecuritybaseline.model.Stage.PILOT));
    return Artifact.text("README.md", Templates.render("docs/README.md.ftl", model));
  }
}
