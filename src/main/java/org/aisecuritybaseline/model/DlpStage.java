package org.aisecuritybaseline.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.aisecuritybaseline.json.Keyed;

/** Rollout stage of a DLP policy and the cmdlets' {@code -Mode} value for it. */
public enum DlpStage implements Keyed {
  @JsonProperty("simulation")
  SIMULATION("simulation", "TestWithNotifications"),
  @JsonProperty("simulation-silent")
  SIMULATION_SILENT("simulation-silent", "TestWithoutNotifications"),
  @JsonProperty("enabled")
  ENABLED("enabled", "Enable"),
  @JsonProperty("disabled")
  DISABLED("disabled", "Disable");

  private final String key;
  private final String mode;

  DlpStage(String key, String mode) {
    this.key = key;
    this.mode = mode;
  }

  @Override
  public String key() {
    return key;
  }

  /** The {@code PolicyMode} member; never PendingDeletion, which only the service sets. */
  public String mode() {
    return mode;
  }
}
