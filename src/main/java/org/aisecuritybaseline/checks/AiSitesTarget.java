package org.aisecuritybaseline.checks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Capability;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.purview.AiSitesPolicyStatus;
import org.aisecuritybaseline.purview.AiSitesPolicyStatus.State;
import org.aisecuritybaseline.rules.Rule;
import org.aisecuritybaseline.tenant.TenantSnapshot;

/**
 * What the rule on the generative-AI websites endpoint DLP policy ({@link Checks#AI_SITES}) is
 * evaluated on: not a Conditional Access policy but the tenant's DLP policies, through {@link
 * AiSitesPolicyStatus} (the evaluation plan shares). The policy is a manual step of the output
 * README, never generated, so only a tenant snapshot can show it.
 *
 * @param applies whether the estate's README shows the manual step (endpoint DLP: an E5-class
 *     compliance licence and devices onboarded); when not, the rule is not applicable
 * @param tenant whether a tenant snapshot was read
 * @param unknown why the snapshot cannot tell (no DLP in it), or null
 * @param status the policy's state in the snapshot; null without a snapshot, or when unknown
 * @param estatePlace where the estate says it: {@code data.dspmForAi.aiSitesPolicy}, else {@code
 *     data.devicesOnboarded} (or the nearest line the estate has)
 * @param policyPlace the snapshot file of the policy found; null when none
 */
public record AiSitesTarget(
    boolean applies,
    boolean tenant,
    String unknown,
    AiSitesPolicyStatus.Status status,
    Place estatePlace,
    Place policyPlace) {

  /** For checks of Conditional Access alone (tests): neither applicable nor read. */
  static final AiSitesTarget NONE = new AiSitesTarget(false, false, null, null, null, null);

  /** The estate alone: the rule needs a tenant snapshot. */
  public static AiSitesTarget estate(Estate estate, EstateTargets where) {
    return new AiSitesTarget(
        AiSitesPolicyStatus.applies(estate), false, null, null, place(estate, where), null);
  }

  /** A tenant snapshot, read from {@code read}, for the estate. */
  public static AiSitesTarget tenant(
      Estate estate, EstateTargets where, TenantSnapshot snapshot, Path read) {
    String unknown = AiSitesPolicyStatus.unknown(snapshot).orElse(null);
    AiSitesPolicyStatus.Status status =
        unknown == null ? AiSitesPolicyStatus.of(snapshot, estate).orElseThrow() : null;
    return new AiSitesTarget(
        AiSitesPolicyStatus.applies(estate),
        true,
        unknown,
        status,
        place(estate, where),
        status == null || status.source() == null
            ? null
            : TenantTargets.place(read, status.source()));
  }

  private static Place place(Estate estate, EstateTargets where) {
    return estate.data().dspmForAi().aiSitesPolicy() != null
        ? where.place("/data/dspmForAi/aiSitesPolicy", false)
        : where.place("/data/devicesOnboarded", true);
  }

  /**
   * The rule's result; an exception for the rule (or naming the policy found) suppresses a fail.
   */
  Result evaluate(Rule rule, List<Waiver> waivers, Place fallback) {
    Place here = estatePlace != null ? estatePlace : fallback;
    if (!applies) {
      return new Result(
          rule,
          Status.NOT_EVALUABLE,
          null,
          "Not applicable: the estate has no endpoint DLP ("
              + Capability.PURVIEW_DLP_ADVANCED.description()
              + "; "
              + Capability.DEVICES_ONBOARDED.description()
              + "), so its README has no generative-AI websites manual step to verify.",
          here,
          List.of(),
          null);
    }
    if (!tenant) {
      return new Result(
          rule,
          Status.NOT_EVALUABLE,
          null,
          "Needs a tenant snapshot (check --against-tenant, from Export-Tenant.ps1 on Windows):"
              + " the generative-AI websites endpoint DLP policy is a manual step of the output"
              + " README, not generated, so the estate cannot show it.",
          here,
          List.of(),
          null);
    }
    if (status == null) {
      return new Result(
          rule,
          Status.NOT_EVALUABLE,
          null,
          "Status unknown: " + unknown + ".",
          here,
          List.of(),
          null);
    }
    Target policy =
        status.policy() == null
            ? null
            : new Target(
                status.policy(),
                status.policy(),
                Json.NODES.objectNode(),
                Map.of(),
                policyPlace != null ? policyPlace : here,
                null,
                null,
                false);
    Place where = policy != null ? policy.place() : here;
    String fix = status.fix();
    String message = status.describe() + "." + (fix.isEmpty() ? "" : " " + fix);
    if (status.state() == State.ENFORCED) {
      return new Result(rule, Status.PASS, policy, message, where, List.of(), null);
    }
    if (status.state() == State.SIMULATION) {
      return new Result(rule, Status.PASS_WHEN_ENFORCED, policy, message, where, List.of(), null);
    }
    // missing, disabled, pending deletion; the finding follows the policy's label in text output
    String finding =
        (policy == null ? status.describe() : status.describeState())
            + "."
            + (fix.isEmpty() ? "" : " " + fix);
    Waiver waiver =
        waivers.stream()
            .filter(
                w ->
                    w.rule().equals(rule.id())
                        && w.object() == null
                        && (w.policy() == null
                            || (status.policy() != null
                                && w.policy().equalsIgnoreCase(status.policy()))))
            .findFirst()
            .orElse(null);
    return new Result(
        rule,
        waiver != null ? Status.SUPPRESSED : Status.FAIL,
        policy,
        message,
        where,
        List.of(new Result.Finding(finding, where)),
        waiver);
  }
}
