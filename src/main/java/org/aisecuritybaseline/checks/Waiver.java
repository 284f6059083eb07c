package org.aisecuritybaseline.checks;

import java.time.LocalDate;

/**
 * One entry of the estate's {@code exceptions:}: a rule result accepted for a while.
 *
 * @param policy the policy it covers (estate ID or display name), or null
 * @param object the excluded object it covers (an estate key, a GUID or a name), or null; with
 *     neither, the whole rule
 */
public record Waiver(
    int index,
    String rule,
    String policy,
    String object,
    String reason,
    String owner,
    LocalDate expires,
    Place place) {

  public boolean expired(LocalDate today) {
    return expires.isBefore(today);
  }

  /** "exception 1 (AISB-CA-001, group legacy-scanners, owner ..., expires 2027-03-31)" */
  public String label() {
    StringBuilder b = new StringBuilder("exception ").append(index + 1).append(" (").append(rule);
    if (policy != null) {
      b.append(", policy ").append(policy);
    }
    if (object != null) {
      b.append(", ").append(object);
    }
    return b.append(", owner ")
        .append(owner)
        .append(", expires ")
        .append(expires)
        .append(')')
        .toString();
  }

  boolean covers(String ruleId, Target target, Exclusion exclusion) {
    if (!rule.equals(ruleId)) {
      return false;
    }
    if (policy != null && !policy.equals(target.id()) && !policy.equals(target.displayName())) {
      return false;
    }
    return object == null || (exclusion != null && exclusion.named(object));
  }
}
