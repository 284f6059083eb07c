package org.aisecuritybaseline.baseline;

import java.util.List;
import org.aisecuritybaseline.model.Stage;
import tools.jackson.databind.node.ObjectNode;

/** A policy ready to render: its final Graph v1.0 create body and what a reviewer needs to know. */
public record PlannedPolicy(
    String id,
    String fileStem,
    String name,
    String summary,
    boolean custom,
    Stage stage,
    ObjectNode body,
    List<AppliedExclusion> exclusions,
    List<String> namedLocationKeys,
    PolicyTemplate.Recommendation recommendation,
    List<String> notes) {

  public String displayName() {
    return body.get("displayName").asString();
  }

  /** An exclusion the estate asked for, with its reason. */
  public record AppliedExclusion(String what, String reason) {}
}
