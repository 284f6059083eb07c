package org.aisecuritybaseline.entra;

import java.util.List;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.family.LeftOut;

/**
 * The result of expanding the baseline for one estate: the policies, the baseline policies left
 * out, the policies generated otherwise than the estate's defaults asked (each with why, shown as
 * notices), the problems found, and for each conformance profile the estate turns on what it
 * changed and which of its requirements the policies meet.
 */
public record Expansion(
    List<PlannedPolicy> policies,
    List<LeftOut> leftOut,
    List<LeftOut> limitations,
    List<Finding> findings,
    List<ConformanceReport> conformance)
    implements Family.Result {}
