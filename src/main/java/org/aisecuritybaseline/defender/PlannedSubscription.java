package org.aisecuritybaseline.defender;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The final Defender plan state of one subscription, ready to render as an ARM template. */
public record PlannedSubscription(
    String id, String name, boolean hostsAiWorkloads, List<PlanState> plans) {

  /**
   * One pricing: Free has neither sub-plan nor extensions; Standard lists every documented
   * extension.
   */
  public record PlanState(
      String name, String tier, String subPlan, List<ExtensionState> extensions) {}

  /**
   * One extension, explicitly on or off; properties only when on (the service answers 500
   * otherwise).
   *
   * @param why what decided the state: the estate setting, or the profile's basis (a built-in
   *     policy's default or its stated choice); the output README shows it for every extension
   *     turned off
   */
  public record ExtensionState(
      String name, boolean enabled, Map<String, JsonNode> properties, String why) {}
}
