package org.aisecuritybaseline.dlp;

import java.util.List;
import org.aisecuritybaseline.baseline.Expansion;
import org.aisecuritybaseline.diag.Finding;

/**
 * The DLP policies to generate, the baseline ones left out (and why), and the limits of what was
 * generated (a location left out of a policy, an exclusion a location cannot express).
 */
public record DlpExpansion(
    List<PlannedDlpPolicy> policies, List<Expansion.LeftOut> leftOut, List<Expansion.LeftOut> limitations,
    List<Finding> findings) {}
