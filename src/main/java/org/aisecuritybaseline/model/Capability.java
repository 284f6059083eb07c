package org.aisecuritybaseline.model;

/** What a tenant must have for a policy to be generated. */
public enum Capability {
  ENTRA_ID_P1("entraIdP1", "Microsoft Entra ID P1 (or Microsoft 365 E3/E5, EMS E3/E5)"),
  ENTRA_ID_P2("entraIdP2", "Microsoft Entra ID P2 (or Microsoft 365 E5, E5 Security, EMS E5)"),
  INTUNE("intune", "Microsoft Intune managing devices and apps (tenant.services.intune)"),
  PURVIEW_INSIDER_RISK(
      "purviewInsiderRisk",
      "Microsoft Purview Insider Risk Management with Adaptive Protection (tenant.services.purviewInsiderRisk)");

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
}
