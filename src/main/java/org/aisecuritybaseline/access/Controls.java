package org.aisecuritybaseline.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * A policy's grant and session controls, for a reader. Each entry of {@code grant} is one
 * requirement: the controls of an OR policy form one entry ("MFA or compliant device"), those of an
 * AND policy one entry each.
 */
public record Controls(boolean block, List<String> grant, List<String> session) {
  private static final Map<String, String> BUILT_IN =
      Map.of(
          "mfa", "MFA",
          "compliantDevice", "compliant device",
          "domainJoinedDevice", "hybrid joined device",
          "approvedApplication", "approved client app",
          "compliantApplication", "app protection policy",
          "passwordChange", "password change",
          "riskRemediation", "risk remediation");

  /** The built-in authentication strengths (Graph, authenticationStrengthPolicies). */
  private static final Map<String, String> STRENGTHS =
      Map.of(
          "00000000-0000-0000-0000-000000000002", "Multifactor authentication",
          "00000000-0000-0000-0000-000000000003", "Passwordless MFA",
          "00000000-0000-0000-0000-000000000004", "Phishing-resistant MFA");

  public static Controls of(JsonNode policy) {
    JsonNode g = policy.get("grantControls");
    boolean block = false;
    List<String> parts = new ArrayList<>();
    String operator = "OR";
    if (g != null && g.isObject()) {
      for (String c : Json.strings(g.get("builtInControls"))) {
        if (c.equals("block")) {
          block = true;
        } else {
          parts.add(BUILT_IN.getOrDefault(c, c));
        }
      }
      JsonNode strength = g.get("authenticationStrength");
      if (strength != null && strength.isObject() && strength.hasNonNull("id")) {
        String id = strength.get("id").asString();
        parts.add("strength: " + STRENGTHS.getOrDefault(id, id));
      }
      Json.strings(g.get("termsOfUse")).forEach(t -> parts.add("terms of use " + t));
      Json.strings(g.get("customAuthenticationFactors"))
          .forEach(t -> parts.add("custom control " + t));
      if (g.hasNonNull("operator")) {
        operator = g.get("operator").asString();
      }
    }
    List<String> grant =
        block || parts.isEmpty()
            ? List.of()
            : "AND".equalsIgnoreCase(operator) || parts.size() == 1
                ? List.copyOf(parts)
                : List.of(String.join(" or ", parts));
    return new Controls(block, grant, session(policy.get("sessionControls")));
  }

  private static List<String> session(JsonNode s) {
    List<String> out = new ArrayList<>();
    if (s == null || !s.isObject()) {
      return out;
    }
    if (enabled(s, "signInFrequency")) {
      JsonNode f = s.get("signInFrequency");
      out.add(
          "everyTime".equals(text(f, "frequencyInterval"))
              ? "sign-in frequency every time"
              : "sign-in frequency " + text(f, "value") + " " + text(f, "type"));
    }
    if (enabled(s, "persistentBrowser")) {
      out.add("persistent browser " + text(s.get("persistentBrowser"), "mode"));
    }
    if (enabled(s, "applicationEnforcedRestrictions")) {
      out.add("app-enforced restrictions");
    }
    if (enabled(s, "cloudAppSecurity")) {
      out.add("Defender for Cloud Apps " + text(s.get("cloudAppSecurity"), "cloudAppSecurityType"));
    }
    if (enabled(s, "secureSignInSession")) {
      out.add("token protection");
    }
    if (s.path("disableResilienceDefaults").asBoolean(false)) {
      out.add("resilience defaults disabled");
    }
    JsonNode cae = s.get("continuousAccessEvaluation");
    if (cae != null && cae.isObject()) {
      out.add("continuous access evaluation " + text(cae, "mode"));
    }
    return List.copyOf(out);
  }

  private static boolean enabled(JsonNode s, String member) {
    JsonNode c = s.get(member);
    return c != null && c.isObject() && c.path("isEnabled").asBoolean(false);
  }

  private static String text(JsonNode n, String member) {
    JsonNode v = n == null ? null : n.get(member);
    return v == null || v.isNull() ? "?" : v.asString();
  }
}
