package org.aisecuritybaseline.checks;

import java.util.List;

/**
 * The results of every rule on one set of policies.
 *
 * @param subject what was checked: the estate's file, or the tenant snapshot's path
 * @param tenant whether the policies came from a tenant snapshot
 * @param expired exceptions whose date has passed (they suppress nothing; check exits 1)
 */
public record CheckReport(
    String subject, boolean tenant, List<Result> results, List<Waiver> expired) {
  public CheckReport {
    results = List.copyOf(results);
    expired = List.copyOf(expired);
  }

  public long count(Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  public boolean hasFailures() {
    return count(Status.FAIL) > 0;
  }
}
