package org.aisecuritybaseline.defender;

import java.util.List;
import java.util.stream.Collectors;
import org.aisecuritybaseline.family.Explanation;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.ThreatProtection;

/**
 * `baseline explain <plan>`: a Defender for Cloud plan, the profile's setting, and each
 * subscription's.
 */
final class DefenderExplain {
  private static final String PRICINGS_DOC =
      "https://learn.microsoft.com/rest/api/defenderforcloud/pricings/update?view=rest-defenderforcloud-2024-01-01";

  private DefenderExplain() {}

  static Explanation of(
      DefenderPlans.Plan p, String label, Estate estate, DefenderExpander.Result result) {
    Explanation x =
        new Explanation()
            .head(
                p.name(),
                p.portalName(),
                "Microsoft Defender for Cloud plan (threat protection), Microsoft.Security/pricings");
    if (!p.subPlans().isEmpty()) {
      x.line("Sub-plans: " + String.join(", ", p.subPlans()));
    }
    List<String> ext =
        p.extensions().values().stream()
            .filter(DefenderPlans.Extension::confirmed)
            .map(
                e ->
                    e.name()
                        + (e.subPlans().isEmpty()
                            ? ""
                            : " (" + String.join("/", e.subPlans()) + ")"))
            .toList();
    if (!ext.isEmpty()) {
      x.line("Documented extensions: " + String.join(", ", ext));
    }
    var recommended = RecommendedProfile.get().plans().get(p.name());
    var ai = RecommendedProfile.get().aiWorkloadPlans().get(p.name());
    x.line(
        "Recommended here: "
            + (recommended == null ? "not set by the profile" : describe(recommended))
            + (ai == null ? "" : "; on subscriptions with AI workloads: " + describe(ai)));
    x.line("Reference: " + PRICINGS_DOC);
    if (p.name().equals("CloudPosture")) {
      x.line("Notes:");
      x.line(
          "  - AI security posture management comes with Defender CSPM; Microsoft documents no separate switch for it.");
    }
    if (estate == null) {
      return x;
    }
    x.inEstate(label);
    if (result.subscriptions().isEmpty()) {
      x.line("  no Azure subscriptions are declared under threat.azure");
    }
    for (PlannedSubscription s : result.subscriptions()) {
      s.plans().stream()
          .filter(plan -> plan.name().equals(p.name()))
          .findFirst()
          .ifPresent(
              plan ->
                  x.line(
                      "  "
                          + s.id()
                          + ": "
                          + plan.tier()
                          + (plan.subPlan() == null ? "" : " " + plan.subPlan())
                          + (plan.extensions().isEmpty()
                              ? ""
                              : ", extensions on: "
                                  + plan.extensions().stream()
                                      .filter(PlannedSubscription.ExtensionState::enabled)
                                      .map(PlannedSubscription.ExtensionState::name)
                                      .collect(Collectors.joining(", ")))));
    }
    return x;
  }

  private static String describe(ThreatProtection.PlanSettings s) {
    String ext =
        s.extensions().entrySet().stream()
            .filter(e -> e.getValue().enabled())
            .map(e -> e.getKey())
            .collect(Collectors.joining(", "));
    return s.tier()
        + (s.subPlan() == null ? "" : " " + s.subPlan())
        + (ext.isEmpty() ? "" : " with " + ext);
  }
}
