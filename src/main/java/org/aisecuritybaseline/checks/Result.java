package org.aisecuritybaseline.checks;

import java.util.List;
import org.aisecuritybaseline.rules.Rule;

/**
 * One rule's result.
 *
 * @param policy the policy that satisfies the rule, or the one closest to it; null when none is
 *     relevant
 * @param findings what keeps the policy from satisfying the rule (for a suppressed result, what the
 *     exception covers), each located
 * @param waiver the exception that suppresses the result, or null
 */
public record Result(
    Rule rule,
    Status status,
    Target policy,
    String message,
    Place place,
    List<Finding> findings,
    Waiver waiver) {
  public Result {
    findings = List.copyOf(findings);
  }

  /** One thing a policy lacks for a rule, where the estate causes it. */
  public record Finding(String message, Place place) {}
}
