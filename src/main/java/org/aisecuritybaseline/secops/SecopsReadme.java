package org.aisecuritybaseline.secops;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.family.ReadmePart;
import org.aisecuritybaseline.model.Capability;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.Secops;
import org.aisecuritybaseline.render.Markdown;

/** Security operations in the output README (templates/docs/readme/secops.md.ftl). */
final class SecopsReadme {
  static final String TEMPLATE = "docs/readme/secops.md.ftl";

  /**
   * Device onboarding to Defender for Endpoint is not configuration this tool can deploy; the
   * README names it as a manual step with Microsoft's page (URL not checked against Learn for this
   * file: UNCONFIRMED).
   */
  static final String DEVICE_ONBOARDING =
      "https://learn.microsoft.com/defender-endpoint/onboarding";

  private SecopsReadme() {}

  /** The template's data model; every string is already escaped for Markdown. */
  public record Model(
      boolean present,
      boolean presets,
      boolean presetsAtp,
      List<PresetRow> presetRows,
      boolean mfaRegistration,
      boolean defenderForCloud,
      String workspaceId,
      boolean created,
      String location,
      String retention,
      boolean entra,
      String tenantLocation,
      List<ConnectorRow> connectors,
      List<String> categories,
      List<ManualStep> manualSteps,
      List<ReadmePart.LeftOutRow> leftOut) {}

  public record ConnectorRow(String name, String what, String deployedAs, String learn) {}

  public record ManualStep(String text, String link) {}

  /** A Defender for Office 365 preset: Strict or Standard, whom it covers, whether it is on. */
  public record PresetRow(
      String preset, String appliesTo, String except, String state, String file) {}

  static ReadmePart of(Estate estate, SecopsExpansion x) {
    Secops.Office365Presets presets = estate.secops().office365Presets();
    if (!x.present() && presets == null) {
      return new ReadmePart("", "", "", List.of(), false);
    }
    List<PresetRow> presetRows = new ArrayList<>();
    if (presets != null) {
      for (Office365Presets.Preset p : Office365Presets.Preset.values()) {
        Office365Presets.assignment(presets, p)
            .ifPresent(
                a ->
                    presetRows.add(
                        new PresetRow(
                            p.recommendedPolicyType(),
                            Markdown.inline(
                                who(a.allRecipients(), a.users(), a.groups(), a.domains())),
                            Markdown.inline(
                                who(false, a.exceptUsers(), a.exceptGroups(), a.exceptDomains())),
                            a.enabled() ? "on" : "off",
                            Office365PresetsRenderer.FOLDER + Office365PresetsRenderer.file(p))));
      }
    }
    boolean mfaRegistration = estate.capabilities().contains(Capability.ENTRA_ID_P2);
    if (!x.present()) {
      Model model =
          new Model(
              false,
              presets != null,
              presets != null && presets.defenderForOffice365(),
              presetRows,
              mfaRegistration,
              false,
              "",
              false,
              "",
              "",
              false,
              "",
              List.of(),
              List.of(),
              List.of(),
              List.of());
      return ReadmePart.rendered(TEMPLATE, model, List.of(), false);
    }
    SecopsExpansion.Workspace w = x.workspace();
    List<ConnectorRow> rows = new ArrayList<>();
    List<ManualStep> manual = new ArrayList<>();
    manual.add(
        new ManualStep(
            "Sign in to the Azure portal or the Microsoft Defender portal, open Microsoft Sentinel on `"
                + w.name()
                + "` and check that each connector in the table above shows as connected.",
            ""));
    for (SentinelCatalogue.Connector c : x.connectors()) {
      String deployedAs =
          c.kind() == null
              ? "tenant diagnostic setting `"
                  + SentinelRenderer.DIAGNOSTIC_SETTING
                  + "` (`"
                  + SentinelRenderer.ENTRA
                  + "`)"
              : "`"
                  + c.kind()
                  + "` data connector, API "
                  + c.apiVersion()
                  + (c.key().equals("defenderForCloud")
                      ? ", one per subscription: "
                          + String.join(
                              ", ",
                              x.defenderSubscriptions().stream().map(s -> "`" + s + "`").toList())
                      : "");
      rows.add(
          new ConnectorRow(
              Markdown.inline(c.name()),
              Markdown.inline(c.what()),
              deployedAs,
              ReadmePart.link(c.learn())));
      for (String m : c.manual()) {
        manual.add(
            new ManualStep(Markdown.inline(c.name() + ": " + m), ReadmePart.link(c.learn())));
      }
    }
    manual.add(
        new ManualStep(
            "Devices: onboard them to Microsoft Defender for Endpoint (Intune, Group Policy or a local"
                + " script); device onboarding is not configuration this tool deploys.",
            "[Onboard devices to Microsoft Defender for Endpoint](" + DEVICE_ONBOARDING + ")"));
    manual.add(new ManualStep(Markdown.inline(SentinelCatalogue.get().analyticsRules()), ""));
    Model model =
        new Model(
            true,
            presets != null,
            presets != null && presets.defenderForOffice365(),
            presetRows,
            mfaRegistration,
            x.has("defenderForCloud"),
            w.resourceId(),
            w.created(),
            w.created() ? w.location() : "",
            w.created() ? w.retentionDays() + " days" : "",
            x.tenantLocation() != null,
            x.tenantLocation() == null ? "" : x.tenantLocation(),
            rows,
            x.tenantLocation() == null ? List.of() : SentinelCatalogue.get().entraCategories(),
            manual,
            ReadmePart.LeftOutRow.of(x.leftOut()));
    return ReadmePart.rendered(TEMPLATE, model, List.of(), false);
  }

  /** Whom a preset's rule covers, or excepts, in words: every recipient, or its three lists. */
  private static String who(
      boolean all, List<String> users, List<String> groups, List<String> domains) {
    if (all) {
      return "every recipient";
    }
    List<String> parts = new ArrayList<>();
    if (!users.isEmpty()) {
      parts.add("users " + String.join(", ", Office365PresetsRenderer.lower(users)));
    }
    if (!groups.isEmpty()) {
      parts.add("members of " + String.join(", ", Office365PresetsRenderer.lower(groups)));
    }
    if (!domains.isEmpty()) {
      parts.add("domains " + String.join(", ", Office365PresetsRenderer.lower(domains)));
    }
    return String.join("; ", parts);
  }
}
