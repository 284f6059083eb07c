package org.aisecuritybaseline.baseline;

import java.util.List;
import org.aisecuritybaseline.diag.Finding;

/**
 * The result of expanding the baseline for one estate: the policies, the baseline policies left out, the
 * policies generated otherwise than the estate's defaults asked (each with why, shown as notices), and
 * the problems found.
 */
public record Expansion(List<PlannedPolicy> policies, List<LeftOut> leftOut, List<LeftOut> limitations,
    List<Finding> findings) {

  /** A baseline policy of the chosen tier that is not generated, and why. */
  public record LeftOut(String id, String name, String reason) {}
}
