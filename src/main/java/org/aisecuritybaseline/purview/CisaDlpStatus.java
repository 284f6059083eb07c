package org.aisecuritybaseline.purview;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.aisecuritybaseline.model.DataProtection;
import org.aisecuritybaseline.model.DlpStage;
import tools.jackson.databind.JsonNode;

/**
 * What the generated DLP002 satisfies of CISA's SCuBA Security Suite baseline, section 3 (data loss
 * prevention), judged from the planned policy itself, so that the README's claim and the deployed
 * definition cannot disagree. Policy texts: cisagov/ScubaGear baselines/securitysuite.md (March
 * 2026): 3.1v1 SHALL block at a minimum credit card numbers, U.S. ITIN and U.S. SSN; 3.2v1 SHOULD
 * apply to Exchange, OneDrive, SharePoint, Teams chat and Devices; 3.3v1 SHOULD block sharing with
 * everyone; 3.4v1 SHOULD notify users; 3.5v1 SHOULD block restricted apps and unwanted Bluetooth
 * apps (manual: configured in the Purview portal's DLP settings, devices onboarded).
 */
public final class CisaDlpStatus {
  public static final String POLICY = "DLP002";

  public enum State {
    SATISFIED("satisfied"),
    NOT_YET("not yet"),
    WAIVED("waived"),
    MANUAL("manual step");

    public final String label;

    State(String label) {
      this.label = label;
    }
  }

  public record Item(String id, String requirement, State state, String why) {}

  private static final Set<DlpLocation> LOCATIONS =
      EnumSet.of(
          DlpLocation.EXCHANGE,
          DlpLocation.ONEDRIVE,
          DlpLocation.SHAREPOINT,
          DlpLocation.TEAMS,
          DlpLocation.DEVICES);

  private CisaDlpStatus() {}

  public static List<Item> evaluate(DataProtection data, DlpExpansion dlp) {
    Optional<PlannedDlpPolicy> planned =
        dlp.policies().stream().filter(p -> p.id().equals(POLICY)).findFirst();
    List<Item> items = new ArrayList<>();
    String notGenerated =
        planned.isPresent()
            ? null
            : POLICY
                + " is not generated: "
                + dlp.leftOut().stream()
                    .filter(l -> l.id().equals(POLICY))
                    .map(l -> l.reason())
                    .findFirst()
                    .orElse("left out");
    String stage =
        planned
            .filter(p -> p.stage() != DlpStage.ENABLED)
            .map(
                p ->
                    POLICY
                        + " is in stage '"
                        + p.stage().key()
                        + "' (Mode "
                        + p.stage().mode()
                        + "): it blocks nothing until data.policies."
                        + POLICY
                        + ".stage is enabled")
            .orElse(null);

    List<String> missingTypes =
        planned.map(p -> missingMinimum(p)).orElse(DataProtection.DEFAULT_SENSITIVE_INFO_TYPES);
    boolean blocks =
        planned
            .map(
                p ->
                    p.rules().stream()
                        .allMatch(r -> Boolean.TRUE.equals(r.actions().blockAccess())))
            .orElse(false);
    items.add(
        data.cisaMinimumWaiver() != null
            ? new Item(
                "MS.SECURITYSUITE.3.1v1",
                "block at least credit card numbers, U.S. ITIN and U.S. SSN",
                State.WAIVED,
                "data.cisaMinimumWaiver: " + data.cisaMinimumWaiver().reason())
            : judge(
                "MS.SECURITYSUITE.3.1v1",
                "block at least credit card numbers, U.S. ITIN and U.S. SSN",
                notGenerated,
                stage,
                !missingTypes.isEmpty()
                    ? "its rules do not match " + String.join(", ", missingTypes)
                    : !blocks ? "a rule does not block access" : null));

    String missingLocations =
        planned
            .map(
                p ->
                    LOCATIONS.stream()
                        .filter(l -> !p.locations().contains(l))
                        .map(DlpLocation::label)
                        .collect(Collectors.joining(", ")))
            .orElse("");
    items.add(
        judge(
            "MS.SECURITYSUITE.3.2v1",
            "apply to Exchange, OneDrive, SharePoint, Teams chat and devices",
            notGenerated,
            stage,
            missingLocations.isEmpty()
                ? null
                : "locations left out: "
                    + missingLocations
                    + " (see the locations left out above)"));

    String block =
        planned
            .map(
                p -> {
                  for (DataProtection.Rule r : p.rules()) {
                    DataProtection.Actions a = r.actions();
                    if (!Boolean.TRUE.equals(a.blockAccess())
                        || !"All".equals(a.blockAccessScope())) {
                      return "rule '" + r.name() + "' does not block everyone";
                    }
                    if (Boolean.TRUE.equals(a.allowOverride())) {
                      return "rule '"
                          + r.name()
                          + "' lets users override the block with a justification; set data.policies."
                          + POLICY
                          + ".allowOverride: false";
                    }
                  }
                  return null;
                })
            .orElse(null);
    items.add(
        judge(
            "MS.SECURITYSUITE.3.3v1",
            "block sharing sensitive information with everyone",
            notGenerated,
            stage,
            block));

    String notify =
        planned
            .map(
                p ->
                    p.rules().stream()
                        .filter(
                            r ->
                                r.actions().notifyUser().isEmpty()
                                    || r.actions().policyTip() == null)
                        .map(r -> "rule '" + r.name() + "' notifies no user")
                        .findFirst()
                        .orElse(null))
            .orElse(null);
    items.add(
        judge(
            "MS.SECURITYSUITE.3.4v1",
            "notify users with policy tips or email",
            notGenerated,
            stage,
            notify));

    items.add(
        new Item(
            "MS.SECURITYSUITE.3.5v1",
            "block restricted apps and unwanted Bluetooth apps",
            State.MANUAL,
            "no cmdlet sets the tenant's restricted apps and unallowed Bluetooth apps: in the Microsoft Purview portal, Settings"
                + " > Data loss prevention, add them (turn on 'Include Bluetooth apps recommended by Microsoft'), then add the"
                + " device actions 'Access by restricted apps' and 'Copy or move using unallowed Bluetooth app' set to Block"
                + " to DLP002's rules. Needs onboarded devices and the devices location."));
    return items;
  }

  private static Item judge(
      String id, String requirement, String notGenerated, String stage, String gap) {
    List<String> why = new ArrayList<>();
    if (notGenerated != null) {
      why.add(notGenerated);
    } else {
      if (gap != null) {
        why.add(gap);
      }
      if (stage != null) {
        why.add(stage);
      }
    }
    return new Item(
        id, requirement, why.isEmpty() ? State.SATISFIED : State.NOT_YET, String.join("; ", why));
  }

  private static List<String> missingMinimum(PlannedDlpPolicy p) {
    List<String> missing = new ArrayList<>();
    for (String type : DataProtection.DEFAULT_SENSITIVE_INFO_TYPES) {
      boolean everyRule =
          p.rules().stream()
              .allMatch(
                  r ->
                      r.sensitiveInfoTypes().stream()
                          .map(CisaDlpStatus::key)
                          .anyMatch(type::equals));
      if (!everyRule) {
        missing.add(type);
      }
    }
    return missing;
  }

  private static String key(JsonNode sit) {
    return sit.isString() ? sit.asString() : sit.path("type").asString("");
  }
}
