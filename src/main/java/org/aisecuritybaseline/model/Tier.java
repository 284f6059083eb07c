package org.aisecuritybaseline.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.aisecuritybaseline.json.Keyed;

/**
 * Zero Trust tier of the common identity and device access policies; each includes the one before.
 */
public enum Tier implements Keyed {
  @JsonProperty("starting-point")
  STARTING_POINT("starting-point"),
  @JsonProperty("enterprise")
  ENTERPRISE("enterprise"),
  @JsonProperty("specialized")
  SPECIALIZED("specialized");

  private final String key;

  Tier(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }

  public static Tier fromKey(String key) {
    for (Tier t : values()) {
      if (t.key.equals(key)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown tier " + key);
  }
}
