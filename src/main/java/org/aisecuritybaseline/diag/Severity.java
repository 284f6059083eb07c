package org.aisecuritybaseline.diag;

/** How bad a diagnostic is. Errors fail the run; warnings and notices are reported only. */
public enum Severity {
  ERROR("error"),
  WARNING("warning"),
  NOTICE("notice");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
