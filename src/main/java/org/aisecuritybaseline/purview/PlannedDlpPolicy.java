package org.aisecuritybaseline.purview;

import java.util.List;
import org.aisecuritybaseline.family.Recommendation;
import org.aisecuritybaseline.model.DataProtection;
import org.aisecuritybaseline.model.DlpStage;

/**
 * A DLP policy ready to render, in the estate's vocabulary, with the locations the tenant can use.
 * {@code pointer} is where the estate defines or configures it: a custom policy, the settings of a
 * baseline policy, or (a baseline policy the estate does not configure) the data section, the
 * nearest existing place.
 */
public record PlannedDlpPolicy(
    String id,
    String fileStem,
    String name,
    String summary,
    boolean custom,
    DlpStage stage,
    List<DlpLocation> locations,
    List<DataProtection.Rule> rules,
    Recommendation recommendation,
    List<String> notes,
    String pointer) {

  public String policyName() {
    return id + " - " + name;
  }

  public String ruleName(int index) {
    return id + "-R" + (index + 1) + " " + rules.get(index).name();
  }

  public boolean isCopilot() {
    return locations.contains(DlpLocation.COPILOT);
  }
}
