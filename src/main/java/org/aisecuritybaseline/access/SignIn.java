package org.aisecuritybaseline.access;

/**
 * One sign-in to evaluate. A null condition is not given: a policy that depends on it is reported
 * as applying only under that condition, not as applying or not.
 *
 * @param location a named-location key, or {@link #ANYWHERE} (an address in no named location)
 */
public record SignIn(
    Who who,
    Target app,
    String platform,
    String location,
    String signInRisk,
    String userRisk,
    String insiderRisk,
    String clientApp,
    String agentRisk) {
  public static final String ANYWHERE = "anywhere";

  /** The sign-in with only who and what given, as the coverage matrix evaluates it. */
  public static SignIn of(Who who, Target app) {
    return new SignIn(who, app, null, null, null, null, null, null, null);
  }
}
