package org.aisecuritybaseline.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.aisecuritybaseline.json.Keyed;

/** Rollout stage of a policy. */
public enum Stage implements Keyed {
  @JsonProperty("report-only")
  REPORT_ONLY("report-only", "enabledForReportingButNotEnforced"),
  @JsonProperty("pilot")
  PILOT("pilot", "enabled"),
  @JsonProperty("enabled")
  ENABLED("enabled", "enabled"),
  @JsonProperty("disabled")
  DISABLED("disabled", "disabled");

  private final String key;
  private final String graphState;

  Stage(String key, String graphState) {
    this.key = key;
    this.graphState = graphState;
  }

  @Override
  public String key() {
    return key;
  }

  /** The Graph {@code conditionalAccessPolicyState} member for this stage. */
  public String graphState() {
    return graphState;
  }
}
