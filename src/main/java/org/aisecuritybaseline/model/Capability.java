package org.aisecuritybaseline.model;

import java.util.List;
import java.util.Set;

/** What a tenant must have for a policy (or a DLP location) to be generated. */
public enum Capability {
  ENTRA_ID_P1("entraIdP1", "Microsoft Entra ID P1 (or {licences})"),
  ENTRA_ID_P2("entraIdP2", "Microsoft Entra ID P2 (or {licences})"),
  INTUNE("intune", "Microsoft Intune managing devices and apps (tenant.services.intune)"),
  PURVIEW_INSIDER_RISK(
      "purviewInsiderRisk",
      "Microsoft Purview Insider Risk Management with Adaptive Protection (tenant.services.purviewInsiderRisk)"),
  PURVIEW_DLP(
      "purviewDlp",
      "a licence with Purview DLP for Exchange, SharePoint and OneDrive ({licences})"),
  PURVIEW_DLP_ADVANCED(
      "purviewDlpAdvanced",
      "an E5-class compliance licence ({licences}) for DLP in Teams, on devices and for Copilot"),
  DEVICES_ONBOARDED(
      "devicesOnboarded", "devices onboarded to Microsoft Purview (data.devicesOnboarded)"),
  MICROSOFT_365_COPILOT(
      "microsoft365Copilot", "Microsoft 365 Copilot in use (tenant.services.microsoft365Copilot)"),
  AGENT_IDENTITIES(
      "agentIdentities", "agent identities declared in the estate (agents.identities)"),
  AGENT_USERS("agentUsers", "agent users declared in the estate (agents.users)");

  private final String key;
  private final String description;

  Capability(String key, String description) {
    this.key = key;
    this.description = description;
  }

  public String key() {
    return key;
  }

  /**
   * What the capability is; for one a licence grants, with the licences that grant it
   * (data/licences.json) in place of {@code {licences}}, leaving out a licence named like the
   * capability itself.
   */
  public String description() {
    if (!description.contains("{licences}")) {
      return description;
    }
    List<String> names =
        Licences.get().namesGranting(this).stream()
            .filter(n -> !description.startsWith(n + " "))
            .toList();
    String in =
        names.size() == 1
            ? names.get(0)
            : String.join(", ", names.subList(0, names.size() - 1))
                + " or "
                + names.get(names.size() - 1);
    return description.replace("{licences}", in);
  }

  public static Capability fromKey(String key) {
    for (Capability c : values()) {
      if (c.key.equals(key)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown capability " + key);
  }

  /** What a licence brings, from data/licences.json with the source of each grant. */
  public static Set<Capability> grantedBy(String licence) {
    return Licences.get().grants(licence);
  }
}
