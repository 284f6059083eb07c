package org.aisecuritybaseline.render;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.baseline.Expansion;
import org.aisecuritybaseline.baseline.PlannedPolicy;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.dlp.DlpExpansion;
import org.aisecuritybaseline.dlp.DlpLocation;
import org.aisecuritybaseline.dlp.DlpRenderer;
import org.aisecuritybaseline.dlp.PlannedDlpPolicy;
import org.aisecuritybaseline.model.DlpStage;
import org.aisecuritybaseline.model.Capability;

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
      boolean anyEnforced,
      List<PolicyRow> dlpPolicies,
      List<LeftOutRow> dlpLeftOut,
      List<LeftOutRow> dlpLimitations,
      String dlpExclusion,
      boolean anyDlpSimulation,
      boolean aiSitesManualStep) {}

  public record PolicyRow(String id, String name, String stage, String origin, String file, String recommendation, List<String> notes) {}

  public record LeftOutRow(String id, String name, String reason) {}

  public record ExclusionRow(String id, String what, String reason) {}

  public record BreakGlassRow(String kind, String id, String name) {}

  public record LocationRow(String key, String displayName, String kind, String file) {}

  public record CoverageRow(String category, String name, String appId, String policies) {}

  public static Artifact render(Estate estate, Expansion expansion, DlpExpansion dlp) {
    List<PolicyRow> policies = new ArrayList<>();
    List<ExclusionRow> exclusions = new ArrayList<>();
    for (PlannedPolicy p : expansion.policies()) {
      String rec = p.recommendation() == null ? "" : "[" + Markdown.inline(p.recommendation().title()) + "](" + p.recommendation().url() + ")";
      policies.add(new PolicyRow(p.id(), Markdown.inline(p.name()), p.stage().key(), p.custom() ? "custom" : "baseline",
          "entra/" + ConditionalAccessRenderer.policyFile(p), rec, p.notes().stream().map(Markdown::inline).toList()));
      p.exclusions().forEach(x -> exclusions.add(new ExclusionRow(p.id(), Markdown.inline(x.what()), Markdown.inline(x.reason()))));
    }
    List<LeftOutRow> leftOut = rows(expansion.leftOut());
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
            || p.stage() == org.aisecuritybaseline.model.Stage.PILOT),
        dlp.policies().stream().map(ReadmeRenderer::dlpRow).toList(),
        rows(dlp.leftOut()),
        rows(dlp.limitations()),
        estate.data().exclude() == null ? "" : Markdown.inline(dlpExclusion(estate)),
        dlp.policies().stream().anyMatch(p -> p.stage() == DlpStage.SIMULATION || p.stage() == DlpStage.SIMULATION_SILENT),
        estate.capabilities().containsAll(java.util.EnumSet.of(Capability.PURVIEW_DLP_ADVANCED, Capability.DEVICES_ONBOARDED)));
    return Artifact.text("README.md", Templates.render("docs/README.md.ftl", model));
  }

  private static List<LeftOutRow> rows(List<Expansion.LeftOut> items) {
    return items.stream().map(l -> new LeftOutRow(l.id(), Markdown.inline(l.name()), Markdown.inline(l.reason()))).toList();
  }

  private static PolicyRow dlpRow(PlannedDlpPolicy p) {
    String rec = p.recommendation() == null ? "" : "[" + Markdown.inline(p.recommendation().title()) + "](" + p.recommendation().url() + ")";
    String where = p.locations().stream().map(DlpLocation::label).collect(java.util.stream.Collectors.joining(", "));
    return new PolicyRow(p.id(), Markdown.inline(p.name()), p.stage().key() + " (" + p.stage().mode() + ")",
        Markdown.inline(where), "purview/" + DlpRenderer.file(p), rec, p.notes().stream().map(Markdown::inline).toList());
  }

  private static String dlpExclusion(Estate estate) {
    var ex = estate.data().exclude();
    List<String> who = new ArrayList<>();
    ex.groups().forEach(g -> who.add("group " + g));
    ex.users().forEach(u -> who.add("user " + u));
    return String.join(", ", who) + ". Reason: " + ex.reason();
  }
}
