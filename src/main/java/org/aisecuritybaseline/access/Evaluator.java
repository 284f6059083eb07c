package org.aisecuritybaseline.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.aisecuritybaseline.entra.PlannedPolicy;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates an estate's Conditional Access policies for one sign-in, with Entra's documented
 * semantics: every assignment condition must match for a policy to apply; an exclusion wins over an
 * inclusion; an unconfigured condition matches everything; report-only policies are evaluated but
 * not enforced; the grants of all applying policies must all be satisfied, block wins, session
 * controls are combined. A condition the sign-in does not give, and a condition the engine does not
 * evaluate (device and application filters, authentication flows, authentication contexts, listed
 * external tenants), makes a policy apply only "when" that condition holds: the safe reading, it is
 * neither counted as applying nor dropped.
 */
public final class Evaluator {
  /** What the engine does not evaluate, and how it reads it instead. */
  public static final List<String> NOT_EVALUATED =
      List.of(
          "device filter rules (devices.deviceFilter): the policy is shown as applying only when the"
              + " rule matches the device",
          "application filters (applications.applicationFilter) and authentication contexts: shown"
              + " as conditional",
          "authentication flows (device code flow, authentication transfer): shown as conditional",
          "guests from listed external tenants (externalTenants enumerated): shown as conditional",
          "whether Microsoft 365 Copilot is in the Office365 app group and Azure management in"
              + " MicrosoftAdminPortals (Microsoft's lists do not say): shown as conditional",
          "MFA trusted IPs (the all-zero location) and country lookup by GPS: a named location is"
              + " matched by its key only",
          "workload identities (clientApplications, servicePrincipalRiskLevels): a policy for"
              + " service principals does not apply to a user sign-in",
          "agent identities by custom security attribute (agentIdServicePrincipalFilter): shown as"
              + " conditional; an agent of an approved blueprint is evaluated as excluded by the"
              + " blueprint's object ID, as the generated policy excludes it",
          "how Entra combines two session controls of one kind (the most restrictive wins): all"
              + " are listed");

  private enum Match {
    YES,
    NO,
    DEPENDS
  }

  private record Check(Match match, String why) {}

  private final Directory directory;

  public Evaluator(Directory directory) {
    this.directory = directory;
  }

  /** Every policy of the estate for this sign-in, in the estate's order, with the two results. */
  public Outcome evaluate(SignIn s) {
    List<PolicyResult> results = new ArrayList<>();
    for (PlannedPolicy p : directory.policies()) {
      results.add(policy(p, s));
    }
    return new Outcome(
        s,
        List.copyOf(results),
        decide(results.stream().filter(PolicyResult::enforced).toList()),
        decide(results.stream().filter(r -> r.enforced() || r.reportOnly()).toList()));
  }

  PolicyResult policy(PlannedPolicy p, SignIn s) {
    JsonNode body = p.body();
    String state = body.path("state").asString("disabled");
    Controls controls = Controls.of(body);
    if (state.equals("disabled")) {
      return new PolicyResult(
          p.id(), p.name(), state, PolicyResult.Verdict.DISABLED, List.of("disabled"), controls);
    }
    JsonNode c = body.path("conditions");
    List<Check> checks =
        List.of(
            subject(c.get("users"), c.get("clientApplications"), s.who()),
            apps(c.get("applications"), s.app()),
            platforms(c.get("platforms"), s.platform()),
            locations(c.get("locations"), s.location()),
            clientApps(c.get("clientAppTypes"), s.clientApp()),
            levels("sign-in risk", Json.strings(c.get("signInRiskLevels")), s.signInRisk()),
            levels("user risk", Json.strings(c.get("userRiskLevels")), s.userRisk()),
            insider(c.get("insiderRiskLevels"), s.insiderRisk()),
            levels("agent risk", flagList(c.get("agentIdRiskLevels")), s.agentRisk()),
            flows(c.get("authenticationFlows")),
            devices(c.get("devices")));
    List<String> no = whys(checks, Match.NO);
    if (!no.isEmpty()) {
      return new PolicyResult(
          p.id(), p.name(), state, PolicyResult.Verdict.DOES_NOT_APPLY, no, controls);
    }
    List<String> depends = whys(checks, Match.DEPENDS);
    if (!depends.isEmpty()) {
      return new PolicyResult(
          p.id(), p.name(), state, PolicyResult.Verdict.DEPENDS, depends, controls);
    }
    return new PolicyResult(
        p.id(), p.name(), state, PolicyResult.Verdict.APPLIES, whys(checks, Match.YES), controls);
  }

  private static List<String> whys(List<Check> checks, Match m) {
    return checks.stream().filter(c -> c.match() == m && c.why() != null).map(Check::why).toList();
  }

  /** Block wins; else every requirement of every applying policy; session controls combined. */
  static Decision decide(List<PolicyResult> results) {
    boolean block = false;
    Set<String> controls = new TreeSet<>();
    Set<String> session = new TreeSet<>();
    List<String> ids = new ArrayList<>();
    List<String> conditional = new ArrayList<>();
    for (PolicyResult r : results) {
      if (r.verdict() == PolicyResult.Verdict.APPLIES) {
        ids.add(r.id());
        block |= r.controls().block();
        controls.addAll(r.controls().grant());
        session.addAll(r.controls().session());
      } else if (r.verdict() == PolicyResult.Verdict.DEPENDS) {
        conditional.add(r.id() + " (" + effect(r.controls()) + ") " + String.join("; ", r.why()));
      }
    }
    String result = block ? Decision.BLOCK : controls.isEmpty() ? Decision.ALLOW : Decision.REQUIRE;
    return new Decision(
        result,
        block ? List.of() : List.copyOf(controls),
        List.copyOf(session),
        List.copyOf(ids),
        List.copyOf(conditional));
  }

  /** A policy's controls in a few words: "block", "MFA + compliant device", "session: ...". */
  static String effect(Controls c) {
    if (c.block()) {
      return "block";
    }
    List<String> parts = new ArrayList<>(c.grant());
    if (!c.session().isEmpty()) {
      parts.add("session: " + String.join(", ", c.session()));
    }
    return parts.isEmpty() ? "no control" : String.join(" + ", parts);
  }

  // --- users ---------------------------------------------------------------------------------

  /** A flags value ("medium,high") as its members. */
  private static List<String> flagList(JsonNode flags) {
    if (flags == null || !flags.isString()) {
      return List.of();
    }
    return Arrays.stream(flags.asString().split(","))
        .map(String::strip)
        .filter(x -> !x.isEmpty())
        .toList();
  }

  /**
   * Whether the policy is for who signs in: people and agent users through its users condition (All
   * does not include agent users, AllAgentIdUsers only them), agent identities through
   * clientApplications' agent members and nothing else.
   */
  private Check subject(JsonNode u, JsonNode clientApplications, Who who) {
    if (who.subject() != Who.Subject.AGENT_IDENTITY) {
      return users(u, clientApplications, who);
    }
    JsonNode client = clientApplications == null ? null : clientApplications;
    List<String> include =
        client == null ? List.of() : Json.strings(client.get("includeAgentIdServicePrincipals"));
    if (include.isEmpty()) {
      return new Check(
          Match.NO,
          u != null && u.isObject()
              ? "the policy targets users, not agent identities"
              : "the policy targets service principals, not agent identities");
    }
    String hit = null;
    for (String token : include) {
      if (token.equals("All")) {
        hit = "All agent identities";
      } else if (who.users().contains(token.toLowerCase(Locale.ROOT))) {
        hit = directory.name("agent", token);
      }
    }
    if (hit == null) {
      return new Check(Match.NO, "agent identity not included");
    }
    for (String token : Json.strings(client.get("excludeAgentIdServicePrincipals"))) {
      if (who.users().contains(token.toLowerCase(Locale.ROOT))) {
        return new Check(Match.NO, "agent identity excluded by " + directory.name("agent", token));
      }
    }
    JsonNode filter = client.get("agentIdServicePrincipalFilter");
    if (filter != null && filter.isObject()) {
      String mode = filter.path("mode").asString();
      return new Check(
          Match.DEPENDS,
          "when the agent's custom security attributes "
              + (mode.equals("exclude") ? "do not match " : "match ")
              + filter.path("rule").asString()
              + " (not evaluated)");
    }
    return new Check(Match.YES, "agent identity included by " + hit);
  }

  private Check users(JsonNode u, JsonNode clientApplications, Who who) {
    if (u == null || u.isNull() || !u.isObject()) {
      return new Check(
          Match.NO,
          clientApplications != null && !clientApplications.isNull()
              ? (clientApplications.path("includeAgentIdServicePrincipals").isEmpty()
                  ? "the policy targets workload identities, not users"
                  : "the policy targets agent identities, not users")
              : "the policy includes no users");
    }
    Side include = side(u, "include", who);
    if (include.hits.isEmpty() && include.depends.isEmpty()) {
      String scope = include.described.isEmpty() ? "no one" : String.join(", ", include.described);
      return new Check(Match.NO, "user not included (the policy includes " + scope + ")");
    }
    Side exclude = side(u, "exclude", who);
    if (!exclude.hits.isEmpty()) {
      return new Check(Match.NO, "user excluded by " + String.join(", ", exclude.hits));
    }
    List<String> depends = new ArrayList<>(exclude.depends.stream().map(d -> "not " + d).toList());
    if (include.hits.isEmpty()) {
      depends.addAll(include.depends);
    }
    if (!depends.isEmpty()) {
      return new Check(Match.DEPENDS, "when " + String.join(" and ", depends));
    }
    return new Check(Match.YES, "user included by " + String.join(", ", include.hits));
  }

  private static final class Side {
    final List<String> hits = new ArrayList<>();
    final List<String> depends = new ArrayList<>();
    final List<String> described = new ArrayList<>();
  }

  private Side side(JsonNode u, String side, Who who) {
    Side out = new Side();
    for (String token : Json.strings(u.get(side + "Users"))) {
      String lower = token.toLowerCase(Locale.ROOT);
      switch (token) {
        case "All" -> {
          // "All users" does not include agent users (Microsoft's Conditional Access for agents).
          if (who.subject() != Who.Subject.AGENT_USER) {
            out.hits.add("All users");
          }
          out.described.add("All users");
        }
        case "AllAgentIdUsers" -> {
          if (who.subject() == Who.Subject.AGENT_USER) {
            out.hits.add("All agent users");
          }
          out.described.add("All agent users");
        }
        case "None" -> out.described.add("None");
        case "GuestsOrExternalUsers" -> {
          // The legacy keyword: every guest and external user, whatever the type.
          out.described.add("GuestsOrExternalUsers");
          if (who.guestType() != null) {
            out.hits.add("GuestsOrExternalUsers (every guest and external user type)");
          }
        }
        default -> {
          String name = directory.name("user", token);
          out.described.add(name);
          if (who.users().contains(lower)) {
            out.hits.add(name);
          }
        }
      }
    }
    for (String id : Json.strings(u.get(side + "Groups"))) {
      String name = directory.name("group", id);
      out.described.add(name);
      // Agent users cannot be targeted by group membership (Microsoft): a group never holds one.
      if (who.subject() == Who.Subject.PERSON
          && who.groups().contains(id.toLowerCase(Locale.ROOT))) {
        out.hits.add(name);
      }
    }
    List<String> roles = Json.strings(u.get(side + "Roles"));
    if (!roles.isEmpty()) {
      out.described.add(
          roles.size() == 1
              ? directory.name("role", roles.get(0))
              : roles.size() + " directory roles");
    }
    for (String id : roles) {
      if (who.roles().contains(id.toLowerCase(Locale.ROOT))) {
        out.hits.add(directory.name("role", id));
      }
    }
    JsonNode guests = u.get(side + "GuestsOrExternalUsers");
    if (guests != null && guests.isObject()) {
      List<String> types =
          Arrays.stream(guests.path("guestOrExternalUserTypes").asString("").split(","))
              .map(String::strip)
              .filter(t -> !t.isEmpty() && !t.equals("none"))
              .toList();
      out.described.add("guest types " + String.join(", ", types));
      if (who.guestType() != null && types.contains(who.guestType())) {
        JsonNode tenants = guests.get("externalTenants");
        String kind =
            tenants == null || tenants.isNull() ? "all" : tenants.path("membershipKind").asString();
        if (kind.equals("all")) {
          out.hits.add("guest type " + who.guestType() + " (all external tenants)");
        } else {
          out.depends.add(
              "the "
                  + who.guestType()
                  + "'s home tenant is one of "
                  + Json.strings(tenants.get("members")).size()
                  + " listed tenants (not evaluated)");
        }
      }
    }
    return out;
  }

  // --- applications ---------------------------------------------------------------------------

  private Check apps(JsonNode a, Target t) {
    if (a == null || !a.isObject()) {
      return new Check(Match.NO, "the policy includes no app");
    }
    List<String> actions = Json.strings(a.get("includeUserActions"));
    List<String> include = Json.strings(a.get("includeApplications"));
    List<String> contexts = Json.strings(a.get("includeAuthenticationContextClassReferences"));
    if (t.userAction() != null) {
      return actions.contains(t.userAction())
          ? new Check(Match.YES, "user action " + t.userAction() + " included")
          : new Check(Match.NO, "the policy does not target the user action " + t.userAction());
    }
    if (!actions.isEmpty() && include.isEmpty()) {
      return new Check(
          Match.NO,
          "the policy targets the user action "
              + String.join(", ", actions)
              + ", not an app sign-in");
    }
    List<String> yes = new ArrayList<>();
    List<String> depends = new ArrayList<>();
    for (String token : include) {
      switch (appMatch(token, t)) {
        case YES -> yes.add(appName(token));
        case DEPENDS -> depends.add(t.label() + " is in " + token + " (not evaluated)");
        default -> {}
      }
    }
    if (yes.isEmpty() && !contexts.isEmpty()) {
      depends.add(
          "the app asks for authentication context "
              + String.join(", ", contexts)
              + " (not evaluated)");
    }
    if (yes.isEmpty() && depends.isEmpty()) {
      List<String> named = new ArrayList<>(include.stream().map(this::appName).toList());
      named.addAll(actions.stream().map(x -> "user action " + x).toList());
      return new Check(
          Match.NO,
          "app not included (the policy includes "
              + (named.isEmpty() ? "no app" : String.join(", ", named))
              + ")");
    }
    for (String token : Json.strings(a.get("excludeApplications"))) {
      switch (appMatch(token, t)) {
        case YES -> {
          return new Check(Match.NO, "app excluded by " + appName(token));
        }
        case DEPENDS -> depends.add(t.label() + " is not in " + token + " (not evaluated)");
        default -> {}
      }
    }
    JsonNode filter = a.get("applicationFilter");
    if (filter != null && filter.isObject()) {
      depends.add(
          "the application filter ("
              + filter.path("mode").asString()
              + ") "
              + filter.path("rule").asString()
              + " matches (not evaluated)");
    }
    if (!depends.isEmpty()) {
      return new Check(Match.DEPENDS, "when " + String.join(" and ", depends));
    }
    return new Check(Match.YES, "app included by " + String.join(", ", yes));
  }

  private String appName(String token) {
    return switch (token) {
      case "All", "Office365", "MicrosoftAdminPortals", "None", "AllAgentIdResources" -> token;
      default -> directory.name("app", token);
    };
  }

  private static Match appMatch(String token, Target t) {
    return switch (token) {
      case "All" -> Match.YES;
      case "None" -> Match.NO;
      case "Office365" ->
          t.office365() ? Match.YES : t.office365Unknown() ? Match.DEPENDS : Match.NO;
      case "MicrosoftAdminPortals" -> t.adminPortalUnknown() ? Match.DEPENDS : Match.NO;
      default -> t.appId() != null && t.appId().equalsIgnoreCase(token) ? Match.YES : Match.NO;
    };
  }

  // --- the other conditions --------------------------------------------------------------------

  private static Check platforms(JsonNode p, String platform) {
    List<String> include = p == null ? List.of() : Json.strings(p.get("includePlatforms"));
    List<String> exclude = p == null ? List.of() : Json.strings(p.get("excludePlatforms"));
    if (include.isEmpty()) {
      return new Check(Match.YES, null);
    }
    String scope =
        (include.contains("all") ? "any platform" : String.join(", ", include))
            + (exclude.isEmpty() ? "" : " except " + String.join(", ", exclude));
    if (platform == null) {
      return new Check(Match.DEPENDS, "when the platform is " + scope);
    }
    boolean in = include.contains("all") || include.contains(platform);
    if (!in) {
      return new Check(Match.NO, "platform " + platform + " not included (" + scope + ")");
    }
    if (exclude.contains(platform)) {
      return new Check(Match.NO, "platform " + platform + " excluded");
    }
    return new Check(Match.YES, "platform " + platform + " included");
  }

  private Check locations(JsonNode l, String location) {
    List<String> include = l == null ? List.of() : Json.strings(l.get("includeLocations"));
    List<String> exclude = l == null ? List.of() : Json.strings(l.get("excludeLocations"));
    if (include.isEmpty()) {
      return new Check(Match.YES, null);
    }
    String scope =
        String.join(", ", include.stream().map(x -> directory.name("location", x)).toList())
            + (exclude.isEmpty()
                ? ""
                : " except "
                    + String.join(
                        ", ", exclude.stream().map(x -> directory.name("location", x)).toList()));
    if (location == null) {
      return new Check(Match.DEPENDS, "when the location is " + scope);
    }
    String in = include.stream().filter(x -> locationMatch(x, location)).findFirst().orElse(null);
    if (in == null) {
      return new Check(Match.NO, "location " + location + " not included (" + scope + ")");
    }
    String out = exclude.stream().filter(x -> locationMatch(x, location)).findFirst().orElse(null);
    if (out != null) {
      return new Check(
          Match.NO, "location " + location + " excluded by " + directory.name("location", out));
    }
    return new Check(
        Match.YES, "location " + location + " included by " + directory.name("location", in));
  }

  private boolean locationMatch(String token, String location) {
    return switch (token) {
      case "All" -> true;
      case "AllTrusted" -> directory.trusted(location);
      default -> token.equals("namedLocation:" + location);
    };
  }

  private static Check clientApps(JsonNode types, String clientApp) {
    List<String> list = Json.strings(types);
    if (list.isEmpty() || list.contains("all")) {
      return new Check(Match.YES, null);
    }
    if (clientApp == null) {
      return new Check(Match.DEPENDS, "when the client app is " + String.join(" or ", list));
    }
    boolean in =
        list.contains(clientApp)
            || (clientApp.equals("exchangeActiveSync") && list.contains("easSupported"));
    return in
        ? new Check(Match.YES, "client app " + clientApp + " included")
        : new Check(
            Match.NO,
            "client app " + clientApp + " not included (" + String.join(", ", list) + ")");
  }

  private static Check levels(String what, List<String> levels, String given) {
    if (levels.isEmpty()) {
      return new Check(Match.YES, null);
    }
    List<String> sorted = new ArrayList<>(new TreeSet<>(levels));
    if (given == null) {
      return new Check(Match.DEPENDS, "when " + what + " is " + String.join(" or ", sorted));
    }
    return levels.contains(given)
        ? new Check(Match.YES, what + " " + given + " included")
        : new Check(
            Match.NO, what + " " + given + " not included (" + String.join(", ", sorted) + ")");
  }

  private static Check insider(JsonNode node, String given) {
    String flags = node == null || node.isNull() ? "" : node.asString();
    Set<String> levels = new LinkedHashSet<>();
    for (String f : flags.split(",")) {
      if (!f.isBlank()) {
        levels.add(f.strip());
      }
    }
    return levels("insider risk", List.copyOf(levels), given);
  }

  private static Check flows(JsonNode f) {
    String methods = f == null || f.isNull() ? "" : f.path("transferMethods").asString("");
    if (methods.isBlank() || methods.equals("none")) {
      return new Check(Match.YES, null);
    }
    return new Check(
        Match.DEPENDS,
        "when the sign-in uses " + methods.replace(",", " or ") + " (not evaluated)");
  }

  private static Check devices(JsonNode d) {
    JsonNode filter = d == null ? null : d.get("deviceFilter");
    if (filter == null || !filter.isObject()) {
      return new Check(Match.YES, null);
    }
    return new Check(
        Match.DEPENDS,
        "when the device filter ("
            + filter.path("mode").asString()
            + ") "
            + filter.path("rule").asString()
            + " matches the device (not evaluated)");
  }
}
