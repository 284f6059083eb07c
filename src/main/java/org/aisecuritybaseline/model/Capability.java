package org.aisecuritybaseline.model;

import java.util.EnumSet;
import java.util.Set;

/** What a tenant must have for a policy (or a DLP location) to be generated. */
public enum Capability {
  ENTRA_ID_P1("entraIdP1", "Microsoft Entra ID P1 (or Microsoft 365 E3/E5, EMS E3/E5)"),
  ENTRA_ID_P2("entraIdP2", "Microsoft Entra ID P2 (or Microsoft 365 E5, E5 Security, EMS E5)"),
  INTUNE("intune", "Microsoft Intune managing devices and apps (tenant.services.intune)"),
  PURVIEW_INSIDER_RISK(
      "purviewInsiderRisk",
      "Microsoft Purview Insider Risk Management with Adaptive Protection (tenant.services.purviewInsiderRisk)"),
  PURVIEW_DLP("purviewDlp", "a licence with Purview DLP for Exchange, SharePoint and OneDrive (Microsoft 365 E3 or E5)"),
  PURVIEW_DLP_ADVANCED(
      "purviewDlpAdvanced",
      "an E5-class compliance licence (Microsoft 365 E5, E5 Compliance or Purview Suite) for DLP in Teams, on devices and for Copilot"),
  DEVICES_ONBOARDED("devicesOnboarded", "devices onboarded to Microsoft Purview (data.devicesOnboarded)"),
  MICROSOFT_365_COPILOT("microsoft365Copilot", "Microsoft 365 Copilot in use (tenant.services.microsoft365Copilot)");

  private final String key;
  private final String description;

  Capability(String key, String description) {
    this.key = key;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String description() {
    return description;
  }

  public static Capability fromKey(String key) {
    for (Capability c : values()) {
      if (c.key.equals(key)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown capability " + key);
  }

  /**
   * What a licence brings. The DLP split (E3: Exchange, SharePoint, OneDrive; E5-class: Teams, devices,
   * Copilot) follows Microsoft 365 licensing guidance, which is not in the project's reference notes:
   * check it against your agreement.
   */
  public static Set<Capability> grantedBy(String licence) {
    return switch (licence) {
      case "entraIdP1", "emsE3" -> EnumSet.of(ENTRA_ID_P1);
      case "microsoft365E3" -> EnumSet.of(ENTRA_ID_P1, PURVIEW_DLP);
      case "entraIdP2", "microsoft365E5Security", "emsE5" -> EnumSet.of(ENTRA_ID_P1, ENTRA_ID_P2);
      case "microsoft365E5" -> EnumSet.of(ENTRA_ID_P1, ENTRA_ID_P2, PURVIEW_DLP, PURVIEW_DLP_ADVANCED);
      case "microsoft365E5Compliance", "purviewSuite" -> EnumSet.of(PURVIEW_DLP, PURVIEW_DLP_ADVANCED);
      default -> throw new IllegalStateException("licence not in the schema: " + licence);
    };
  }
}
