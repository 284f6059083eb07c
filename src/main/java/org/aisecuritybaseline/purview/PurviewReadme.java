package org.aisecuritybaseline.purview;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.aisecuritybaseline.family.ReadmePart;
import org.aisecuritybaseline.family.ReadmePart.LeftOutRow;
import org.aisecuritybaseline.model.DlpStage;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.render.Markdown;

/** Data protection in the output README (templates/docs/readme/purview.md.ftl). */
final class PurviewReadme {
  static final String TEMPLATE = "docs/readme/purview.md.ftl";

  private PurviewReadme() {}

  /** The template's data model; every string from the estate is already escaped for Markdown. */
  public record Model(
      List<PolicyRow> dlpPolicies,
      List<LeftOutRow> dlpLeftOut,
      List<LeftOutRow> dlpLimitations,
      String dlpExclusion,
      boolean anyDlpSimulation,
      boolean aiSitesManualStep,
      List<CisaRow> cisaDlp,
      List<LabelRow> labels,
      List<LabelRow> existingLabels,
      List<LabelPolicyRow> labelPolicies,
      String presetDomain,
      boolean auditLog,
      List<SiteRow> oversharedSites,
      List<String> webGrounding,
      List<DspmRow> dspm) {}

  /** A sensitivity label: key, display name, name in the tenant, parent key, what it applies. */
  public record LabelRow(
      String key,
      String name,
      String uniqueName,
      String parent,
      String markings,
      String encryption) {}

  /** A label policy: its name, the labels it publishes (names) and to whom. */
  public record LabelPolicyRow(String key, String name, String labels, String publishTo) {}

  /** An overshared site: its URL (a validated https URL), reason, and the admin centre URL. */
  public record SiteRow(String url, String reason, String adminUrl) {}

  /** One of DSPM for AI's one-click policies and what the generated configuration does about it. */
  public record DspmRow(String name, String kind, String what, String here) {}

  /** A DLP policy: {@code origin} names its locations. */
  public record PolicyRow(
      String id, String name, String stage, String origin, String recommendation) {}

  /** One MS.SECURITYSUITE.3 item and what the generated DLP002 does for it (CisaDlpStatus). */
  public record CisaRow(String id, String requirement, String state, String why) {}

  static ReadmePart of(Estate estate, DlpExpansion dlp) {
    LabelModel labels = LabelModel.of(estate, dlp);
    Model model =
        new Model(
            dlp.policies().stream().map(PurviewReadme::row).toList(),
            LeftOutRow.of(dlp.leftOut()),
            LeftOutRow.of(dlp.limitations()),
            estate.data().exclude() == null ? "" : Markdown.inline(exclusion(estate)),
            dlp.policies().stream()
                .anyMatch(
                    p ->
                        p.stage() == DlpStage.SIMULATION
                            || p.stage() == DlpStage.SIMULATION_SILENT),
            AiSitesPolicyStatus.applies(estate),
            dlp.policies().isEmpty() && dlp.leftOut().isEmpty()
                ? List.of()
                : CisaDlpStatus.evaluate(estate.data(), dlp).stream()
                    .map(
                        i ->
                            new CisaRow(
                                i.id(), i.requirement(), i.state().label, Markdown.inline(i.why())))
                    .toList(),
            labels.labels(),
            labels.existing(),
            labels.policies(),
            labels.presetDomain(),
            LabelRenderer.auditLogReadiness(estate),
            labels.sites(),
            labels.webGrounding(),
            labels.dspm(AiSitesPolicyStatus.applies(estate), CollectionPolicies.copilot(estate)));
    List<ReadmePart.Note> notes =
        dlp.policies().stream()
            .map(
                p ->
                    new ReadmePart.Note(
                        p.id(),
                        Markdown.inline(p.name()),
                        DlpRenderer.DIR + DlpRenderer.file(p),
                        p.notes().stream().map(Markdown::inline).toList()))
            .toList();
    return ReadmePart.rendered(
        TEMPLATE,
        model,
        notes,
        dlp.policies().stream().anyMatch(p -> p.stage() == DlpStage.ENABLED));
  }

  private static PolicyRow row(PlannedDlpPolicy p) {
    String where = p.locations().stream().map(DlpLocation::label).collect(Collectors.joining(", "));
    return new PolicyRow(
        p.id(),
        Markdown.inline(p.name()),
        p.stage().key() + " (" + p.stage().mode() + ")",
        Markdown.inline(where),
        ReadmePart.link(p.recommendation()));
  }

  private static String exclusion(Estate estate) {
    var ex = estate.data().exclude();
    List<String> who = new ArrayList<>();
    ex.groups().forEach(g -> who.add("group " + g));
    ex.users().forEach(u -> who.add("user " + u));
    return String.join(", ", who) + ". Reason: " + ex.reason();
  }
}
