package org.aisecuritybaseline.purview;

import java.util.List;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.family.LeftOut;

/**
 * The DLP policies to generate, the baseline ones left out (and why), and the limits of what was
 * generated (a location left out of a policy, an exclusion a location cannot express).
 */
public record DlpExpansion(
    List<PlannedDlpPolicy> policies,
    List<LeftOut> leftOut,
    List<LeftOut> limitations,
    List<Finding> findings)
    implements Family.Result {}
