package org.aisecuritybaseline.tenant;

/**
 * The kinds of object a tenant snapshot holds, each with its canonical form in {@link Canonical}.
 */
public enum ObjectKind {
  POLICY("Conditional Access policy"),
  NAMED_LOCATION("named location"),
  AUTHENTICATION_STRENGTH("authentication strength"),
  PRICING("Defender for Cloud pricing"),
  CONNECTOR("Defender for Cloud security connector"),
  DLP_POLICY("DLP policy"),
  DLP_RULE("DLP rule");

  private final String label;

  ObjectKind(String label) {
    this.label = label;
  }

  /** What messages call it. */
  public String label() {
    return label;
  }

  /** Whether its canonical form is checked against the Graph schemas (beta-only, unknown). */
  public boolean isGraph() {
    return this == POLICY || this == NAMED_LOCATION || this == AUTHENTICATION_STRENGTH;
  }
}
