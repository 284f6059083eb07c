package org.aisecuritybaseline.access;

import java.util.List;

/**
 * What a set of policies requires of a sign-in: block wins; otherwise every applying policy's grant
 * must be satisfied (each entry of {@code controls} is one requirement, "A or B" where a policy
 * offers a choice); session controls are combined. {@code conditional} lists the policies that
 * apply only under a condition the sign-in did not give, with that condition.
 */
public record Decision(
    String result,
    List<String> controls,
    List<String> session,
    List<String> policies,
    List<String> conditional) {
  public static final String BLOCK = "block";
  public static final String REQUIRE = "require";
  public static final String ALLOW = "allow";

  /** One line: "block", "MFA + compliant device", or "allowed (no grant control)". */
  public String summary() {
    String grant =
        switch (result) {
          case BLOCK -> "block";
          case REQUIRE -> String.join(" + ", controls);
          default -> policies.isEmpty() ? "no policy" : "allowed (no grant control)";
        };
    return session.isEmpty() || result.equals(BLOCK)
        ? grant
        : grant + "; session: " + String.join(", ", session);
  }
}
