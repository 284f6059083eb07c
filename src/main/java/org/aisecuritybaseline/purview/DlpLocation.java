package org.aisecuritybaseline.purview;

import java.util.EnumSet;
import java.util.Set;
import org.aisecuritybaseline.model.Capability;

/**
 * A DLP location: its cmdlet parameter, what the tenant needs for it, and which conditions it
 * supports (Microsoft's location matrix, dlp-policy-reference).
 */
public enum DlpLocation {
  EXCHANGE(
      "exchange", "ExchangeLocation", "Exchange email", true, EnumSet.of(Capability.PURVIEW_DLP)),
  SHAREPOINT(
      "sharePoint",
      "SharePointLocation",
      "SharePoint sites",
      true,
      EnumSet.of(Capability.PURVIEW_DLP)),
  ONEDRIVE(
      "oneDrive",
      "OneDriveLocation",
      "OneDrive accounts",
      true,
      EnumSet.of(Capability.PURVIEW_DLP)),
  TEAMS(
      "teams",
      "TeamsLocation",
      "Teams chat and channel messages",
      false,
      EnumSet.of(Capability.PURVIEW_DLP_ADVANCED)),
  DEVICES(
      "devices",
      "EndpointDlpLocation",
      "Devices",
      true,
      EnumSet.of(Capability.PURVIEW_DLP_ADVANCED, Capability.DEVICES_ONBOARDED)),
  COPILOT(
      "copilot",
      "Locations",
      "Microsoft 365 Copilot and Copilot Chat",
      true,
      EnumSet.of(Capability.PURVIEW_DLP_ADVANCED, Capability.MICROSOFT_365_COPILOT));

  /**
   * Microsoft 365 Copilot's location ID in the -Locations JSON (New-DlpCompliancePolicy reference).
   */
  public static final String COPILOT_LOCATION_ID = "470f2276-e011-4e9d-a6ec-20768be3a4b0";

  private final String key;
  private final String parameter;
  private final String label;
  private final boolean supportsLabels;
  private final Set<Capability> requires;

  DlpLocation(
      String key,
      String parameter,
      String label,
      boolean supportsLabels,
      Set<Capability> requires) {
    this.key = key;
    this.parameter = parameter;
    this.label = label;
    this.supportsLabels = supportsLabels;
    this.requires = requires;
  }

  public String key() {
    return key;
  }

  public String parameter() {
    return parameter;
  }

  public String label() {
    return label;
  }

  public boolean supportsLabels() {
    return supportsLabels;
  }

  public Set<Capability> requires() {
    return requires;
  }

  public static DlpLocation fromKey(String key) {
    for (DlpLocation l : values()) {
      if (l.key.equals(key)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown DLP location " + key);
  }
}
