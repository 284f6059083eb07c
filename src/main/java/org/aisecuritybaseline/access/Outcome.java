package org.aisecuritybaseline.access;

import java.util.List;

/**
 * One sign-in evaluated: every policy with its verdict, what the enforced policies require, and
 * what every policy would require once the report-only ones are enforced too.
 */
public record Outcome(
    SignIn signIn, List<PolicyResult> policies, Decision enforced, Decision withReportOnly) {}
