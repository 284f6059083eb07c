package org.aisecuritybaseline.purview;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.DataProtection;
import org.aisecuritybaseline.model.DataProtection.Label;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.purview.PurviewReadme.DspmRow;
import org.aisecuritybaseline.purview.PurviewReadme.LabelPolicyRow;
import org.aisecuritybaseline.purview.PurviewReadme.LabelRow;
import org.aisecuritybaseline.purview.PurviewReadme.SiteRow;
import org.aisecuritybaseline.render.Markdown;
import tools.jackson.databind.JsonNode;

/**
 * The README rows for labels, label policies, Copilot readiness and DSPM for AI; every string from
 * the estate is escaped for Markdown.
 */
record LabelModel(
    List<LabelRow> labels,
    List<LabelRow> existing,
    List<LabelPolicyRow> policies,
    String presetDomain,
    List<SiteRow> sites,
    List<String> webGrounding,
    List<PlannedDlpPolicy> planned) {

  static final String DSPM_RESOURCE = "/data/dspm-for-ai.json";

  static LabelModel of(Estate estate, DlpExpansion dlp) {
    DataProtection data = estate.data();
    List<LabelRow> managed = new ArrayList<>();
    List<LabelRow> existing = new ArrayList<>();
    for (Label l : Labels.ordered(data)) {
      LabelRow row =
          new LabelRow(
              Markdown.inline(l.key()),
              Markdown.inline(l.name()),
              l.managed() ? Markdown.inline(Labels.uniqueName(data, l)) : Markdown.inline(l.id()),
              l.parent() == null ? "" : Markdown.inline(l.parent()),
              Markdown.inline(markings(l)),
              Markdown.inline(encryption(estate, l)));
      (l.managed() ? managed : existing).add(row);
    }
    List<LabelPolicyRow> policies = new ArrayList<>();
    for (DataProtection.LabelPolicy p : data.labelPolicies()) {
      policies.add(
          new LabelPolicyRow(
              Markdown.inline(p.key()),
              Markdown.inline(p.name()),
              Markdown.inline(
                  Labels.published(data, p).stream()
                      .map(Label::key)
                      .collect(Collectors.joining(", "))),
              Markdown.inline(publishTo(p.publishTo()))));
    }
    List<SiteRow> sites = new ArrayList<>();
    if (data.copilotReadiness() != null) {
      for (DataProtection.OversharedSite s : data.copilotReadiness().oversharedSites()) {
        String url = s.url();
        String host = url.substring("https://".length(), url.indexOf(".sharepoint.com"));
        sites.add(
            new SiteRow(
                url, Markdown.inline(s.reason()), "https://" + host + "-admin.sharepoint.com"));
      }
    }
    List<String> grounding =
        dlp.policies().stream()
            .filter(
                p ->
                    p.rules().stream()
                        .anyMatch(r -> Boolean.TRUE.equals(r.actions().restrictWebGrounding())))
            .map(PlannedDlpPolicy::id)
            .toList();
    return new LabelModel(
        managed,
        existing,
        policies,
        data.labelPreset() == null ? "" : Markdown.inline(estate.tenant().primaryDomain()),
        sites,
        grounding,
        dlp.policies());
  }

  /** DSPM for AI's one-click policies, each with what this configuration does about it. */
  List<DspmRow> dspm(
      boolean aiSitesManualStep,
      java.util.Optional<DataProtection.CollectCopilotInteractions> collection) {
    List<DspmRow> rows = new ArrayList<>();
    boolean dlp001 = planned.stream().anyMatch(p -> p.id().equals("DLP001"));
    for (JsonNode p : Json.parseResource(DSPM_RESOURCE).path("policies")) {
      String covers = p.path("covers").asString();
      String why = p.path("why").asString();
      String here =
          switch (covers) {
            case "DLP001" ->
                dlp001
                    ? "covered by DLP001 (the labels marked highlySensitive)"
                    : "not covered: DLP001 is left out (see above)";
            case "aiSites" ->
                aiSitesManualStep
                    ? "manual step below; the deploy script, plan and check report whether it exists"
                    : "not covered: needs onboarded devices and an E5-class compliance licence. "
                        + why;
            case "collection" ->
                collection
                    .map(
                        c ->
                            "created by purview/deploy-dlp.ps1 as \""
                                + CollectionPolicies.COPILOT_NAME
                                + "\" (public preview), "
                                + (c.captureContent()
                                    ? "prompts and responses captured"
                                    : "activity only, no prompt or response text"))
                    .orElse(
                        "not created: set data.dspmForAi.collectCopilotInteractions to create it"
                            + " (New-FeatureConfiguration, public preview)");
            default -> "not created. " + why;
          };
      rows.add(
          new DspmRow(
              Markdown.inline(p.path("name").asString()),
              Markdown.inline(p.path("kind").asString()),
              Markdown.inline(p.path("what").asString()),
              Markdown.inline(here)));
    }
    return rows;
  }

  private static String markings(Label l) {
    if (l.marking() == null) {
      return "";
    }
    List<String> out = new ArrayList<>();
    if (l.marking().header() != null) out.add("header \"" + l.marking().header().text() + "\"");
    if (l.marking().footer() != null) out.add("footer \"" + l.marking().footer().text() + "\"");
    if (l.marking().watermark() != null) {
      out.add("watermark \"" + l.marking().watermark().text() + "\"");
    }
    return String.join(", ", out);
  }

  private static String encryption(Estate estate, Label l) {
    DataProtection.Encryption e = l.encryption();
    if (e == null) {
      return "";
    }
    if (e.userDefined() != null) {
      List<String> out = new ArrayList<>();
      out.add("users assign permissions");
      if (e.userDefined().outlook() != null) {
        out.add(
            "doNotForward".equals(e.userDefined().outlook())
                ? "Do Not Forward in Outlook"
                : "Encrypt-Only in Outlook");
      }
      if (Boolean.TRUE.equals(e.userDefined().promptUser())) {
        out.add("prompt in Word, Excel and PowerPoint");
      }
      return String.join("; ", out);
    }
    String text = LabelRenderer.rightsDefinitions(estate, e);
    if (e.offlineAccessDays() != null) {
      text += "; offline " + e.offlineAccessDays() + " days";
    }
    if (e.expiresAfterDays() != null) {
      text += "; expires after " + e.expiresAfterDays() + " days";
    }
    return text;
  }

  private static String publishTo(DataProtection.PublishTo to) {
    if (Boolean.TRUE.equals(to.everyone())) {
      return to.excludeUsers().isEmpty()
          ? "everyone"
          : "everyone except " + String.join(", ", to.excludeUsers());
    }
    List<String> who = new ArrayList<>(to.users());
    to.groups().forEach(g -> who.add("group " + g));
    return String.join(", ", who);
  }
}
