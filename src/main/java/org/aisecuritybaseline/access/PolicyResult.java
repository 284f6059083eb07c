package org.aisecuritybaseline.access;

import java.util.List;

/**
 * One policy evaluated for a sign-in.
 *
 * @param state the Graph state (enabled, enabledForReportingButNotEnforced, disabled)
 * @param why for APPLIES what included the sign-in; for NOT_APPLIES every condition that left it
 *     out (an exclusion by name); for DEPENDS the conditions the sign-in did not give
 */
public record PolicyResult(
    String id, String name, String state, Verdict verdict, List<String> why, Controls controls) {
  public enum Verdict {
    APPLIES("applies"),
    DOES_NOT_APPLY("doesNotApply"),
    DEPENDS("dependsOn"),
    DISABLED("disabled");

    public final String json;

    Verdict(String json) {
      this.json = json;
    }
  }

  public boolean enforced() {
    return "enabled".equals(state);
  }

  public boolean reportOnly() {
    return "enabledForReportingButNotEnforced".equals(state);
  }
}
