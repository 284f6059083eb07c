package org.aisecuritybaseline.checks;

/** A rule's outcome; the JSON names are the lower-case words. */
public enum Status {
  PASS("pass"),
  PASS_WHEN_ENFORCED("passWhenEnforced"),
  SUPPRESSED("suppressed"),
  FAIL("fail"),
  NOT_EVALUABLE("notEvaluable");

  public final String json;

  Status(String json) {
    this.json = json;
  }
}
