package org.aisecuritybaseline.purview;

import java.util.EnumSet;
import java.util.Set;

/** The rule actions of the estate vocabulary and the locations where each one means something. */
enum DlpAction {
  BLOCK_ACCESS(
      "blockAccess",
      EnumSet.of(
          DlpLocation.EXCHANGE, DlpLocation.SHAREPOINT, DlpLocation.ONEDRIVE, DlpLocation.TEAMS)),
  EXTERNAL_ONLY(
      "externalOnly",
      EnumSet.of(
          DlpLocation.EXCHANGE, DlpLocation.SHAREPOINT, DlpLocation.ONEDRIVE, DlpLocation.TEAMS)),
  NOTIFY_USER(
      "notifyUser",
      EnumSet.of(
          DlpLocation.EXCHANGE,
          DlpLocation.SHAREPOINT,
          DlpLocation.ONEDRIVE,
          DlpLocation.TEAMS,
          DlpLocation.DEVICES)),
  POLICY_TIP(
      "policyTip",
      EnumSet.of(
          DlpLocation.EXCHANGE,
          DlpLocation.SHAREPOINT,
          DlpLocation.ONEDRIVE,
          DlpLocation.TEAMS,
          DlpLocation.DEVICES)),
  ALLOW_OVERRIDE(
      "allowOverride",
      EnumSet.of(
          DlpLocation.EXCHANGE, DlpLocation.SHAREPOINT, DlpLocation.ONEDRIVE, DlpLocation.TEAMS)),
  ENDPOINT("endpoint", EnumSet.of(DlpLocation.DEVICES)),
  RESTRICT_COPILOT_PROCESSING("restrictCopilotProcessing", EnumSet.of(DlpLocation.COPILOT)),
  RESTRICT_WEB_GROUNDING("restrictWebGrounding", EnumSet.of(DlpLocation.COPILOT));

  private final String key;
  private final Set<DlpLocation> locations;

  DlpAction(String key, Set<DlpLocation> locations) {
    this.key = key;
    this.locations = locations;
  }

  String key() {
    return key;
  }

  Set<DlpLocation> locations() {
    return locations;
  }
}
