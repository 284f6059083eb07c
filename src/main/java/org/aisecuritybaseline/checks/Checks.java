package org.aisecuritybaseline.checks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.rules.Rule;
import org.aisecuritybaseline.rules.RuleCatalogue;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates the catalogue's rules on Conditional Access policies, as CISA ScubaGear's Rego does
 * (AADConfig.rego, Utils/AAD.rego): a rule passes when one enabled policy meets all its conditions,
 * with exclusions limited to the break-glass accounts and groups and to what an exception names.
 * Our code, the frameworks' criteria; each rule's source is in {@code data/checks/rules.json}.
 */
public final class Checks {
  static final String ENABLED = "enabled";
  static final String REPORT_ONLY = "enabledForReportingButNotEnforced";
  static final String REGISTER_SECURITY_INFO = "urn:user:registersecurityinfo";

  /** The rule on agent identities (Microsoft Entra Agent ID); every other rule is about users. */
  static final String AGENTS = "highRiskAgentsBlocked";

  /** The legacy keyword that excludes every guest and external user. */
  static final String LEGACY_GUESTS = "GuestsOrExternalUsers";

  /**
   * The rule on the generative-AI websites endpoint DLP policy: evaluated on the tenant's DLP
   * policies ({@link AiSitesTarget}), not on Conditional Access.
   */
  public static final String AI_SITES = "aiSitesDlpPolicy";

  private final RuleCatalogue catalogue;
  private final Map<String, List<String>> strengths;
  private final AiSitesTarget aiSites;

  /**
   * Conditional Access alone: the generative-AI websites rule is not applicable.
   *
   * @param strengths allowed combinations of the custom authentication strengths known (from a
   *     tenant snapshot), by ID; built-in strengths are known from the catalogue
   */
  public Checks(RuleCatalogue catalogue, Map<String, List<String>> strengths) {
    this(catalogue, strengths, AiSitesTarget.NONE);
  }

  /**
   * @param aiSites what the generative-AI websites rule is evaluated on
   */
  public Checks(
      RuleCatalogue catalogue, Map<String, List<String>> strengths, AiSitesTarget aiSites) {
    this.catalogue = catalogue;
    this.strengths = Map.copyOf(strengths);
    this.aiSites = aiSites;
  }

  /** Whether a rule is evaluated on Conditional Access policies (all but the DLP rule). */
  public static boolean onConditionalAccess(Rule rule) {
    return !rule.evaluation().equals(AI_SITES);
  }

  /**
   * Every rule of the catalogue on {@code targets}.
   *
   * @param fallback where a result with no policy is located (the estate's tier)
   */
  public CheckReport evaluate(
      String subject,
      boolean tenant,
      List<Target> targets,
      List<Waiver> waivers,
      LocalDate today,
      Place fallback) {
    List<Waiver> active = waivers.stream().filter(w -> !w.expired(today)).toList();
    List<Waiver> expired = waivers.stream().filter(w -> w.expired(today)).toList();
    List<Result> results = new ArrayList<>();
    for (Rule rule : catalogue.rules()) {
      results.add(evaluate(rule, targets, active, fallback, tenant));
    }
    return new CheckReport(subject, tenant, results, expired);
  }

  Result evaluate(Rule rule, List<Target> targets, List<Waiver> waivers, Place fallback) {
    return evaluate(rule, targets, waivers, fallback, false);
  }

  Result evaluate(
      Rule rule, List<Target> targets, List<Waiver> waivers, Place fallback, boolean tenant) {
    if (rule.evaluation().equals(AI_SITES)) {
      return aiSites.evaluate(rule, waivers, fallback);
    }
    if (!rule.evaluable()) {
      return new Result(
          rule, Status.NOT_EVALUABLE, null, rule.evaluates(), fallback, List.of(), null);
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Target t : targets) {
      if (relevant(rule, t)) {
        candidates.add(candidate(rule, t, waivers));
      }
    }
    if (candidates.isEmpty()) {
      String message = "no policy " + wanted(rule) + missing(rule, tenant);
      Waiver waiver =
          waivers.stream()
              .filter(w -> w.rule().equals(rule.id()) && w.policy() == null && w.object() == null)
              .findFirst()
              .orElse(null);
      return new Result(
          rule,
          waiver != null ? Status.SUPPRESSED : Status.FAIL,
          null,
          message,
          fallback,
          List.of(new Result.Finding(message, fallback)),
          waiver);
    }
    Candidate best =
        candidates.stream()
            .min(
                Comparator.comparingInt((Candidate c) -> c.status.ordinal())
                    .thenComparingInt(c -> c.open.size() + 10 * offTarget(rule, c.target.body())))
            .orElseThrow();
    String scuba = rule.scubaId() != null ? rule.scubaId() : rule.id();
    Target t = best.target;
    return switch (best.status) {
      case PASS ->
          new Result(
              rule, Status.PASS, t, t.label() + " satisfies " + scuba, t.place(), List.of(), null);
      case PASS_WHEN_ENFORCED ->
          new Result(
              rule,
              Status.PASS_WHEN_ENFORCED,
              t,
              t.label() + " satisfies " + scuba + " once enforced (it is report-only)",
              t.place(),
              List.of(),
              null);
      case SUPPRESSED ->
          new Result(
              rule,
              Status.SUPPRESSED,
              t,
              t.label()
                  + " satisfies "
                  + scuba
                  + " only by "
                  + best.waiver.label()
                  + ": "
                  + best.waiver.reason(),
              best.covered.get(0).place(),
              best.covered,
              best.waiver);
      default ->
          new Result(
              rule,
              Status.FAIL,
              t,
              t.label()
                  + " does not satisfy "
                  + scuba
                  + ": "
                  + String.join("; ", best.open.stream().map(Result.Finding::message).toList()),
              best.open.get(0).place(),
              best.open,
              null);
    };
  }

  private record Candidate(
      Target target,
      Status status,
      List<Result.Finding> open,
      List<Result.Finding> covered,
      Waiver waiver) {}

  private Candidate candidate(Rule rule, Target t, List<Waiver> waivers) {
    List<Result.Finding> open = new ArrayList<>();
    List<Result.Finding> covered = new ArrayList<>();
    Waiver[] used = new Waiver[1];
    Sink sink =
        new Sink() {
          @Override
          public void add(String message, Exclusion exclusion) {
            record(message, exclusion, exclusion != null ? exclusion.place() : t.place());
          }

          @Override
          public void scope(String message) {
            record(message, null, t.scopePlace() != null ? t.scopePlace() : t.place());
          }

          private void record(String message, Exclusion exclusion, Place place) {
            Waiver w =
                waivers.stream()
                    .filter(x -> x.covers(rule.id(), t, exclusion))
                    .findFirst()
                    .orElse(null);
            if (w != null) {
              covered.add(new Result.Finding(message, place));
              if (used[0] == null) {
                used[0] = w;
              }
            } else {
              open.add(new Result.Finding(message, place));
            }
          }
        };
    conditions(rule, t, sink);
    String state = text(t.body().get("state"));
    if (!ENABLED.equals(state) && !REPORT_ONLY.equals(state)) {
      sink.add("is turned off (state " + state + ")", null);
    }
    Status status;
    if (!open.isEmpty()) {
      status = Status.FAIL;
    } else if (!covered.isEmpty()) {
      status = Status.SUPPRESSED;
    } else {
      status = ENABLED.equals(state) ? Status.PASS : Status.PASS_WHEN_ENFORCED;
    }
    return new Candidate(t, status, open, covered, used[0]);
  }

  interface Sink {
    void add(String message, Exclusion exclusion);

    /** A shortfall of the user scope, located where the estate sets it. */
    void scope(String message);
  }

  /** What the rule asks of the policy's scope and controls, each shortfall to {@code sink}. */
  private void conditions(Rule rule, Target t, Sink sink) {
    JsonNode body = t.body();
    JsonNode users = at(body, "conditions", "users");
    JsonNode apps = at(body, "conditions", "applications");
    JsonNode grant = body.get("grantControls");
    Set<String> builtIn = strings(grant == null ? null : grant.get("builtInControls"));
    String evaluation = rule.evaluation();
    boolean rolePolicy = evaluation.equals("phishingResistantMfaPrivilegedRoles");
    boolean userAction = evaluation.equals("managedDeviceForRegistration");
    if (evaluation.equals(AGENTS)) {
      agentConditions(t, apps, builtIn, sink);
      return;
    }
    if (!rolePolicy && !strings(users.get("includeUsers")).contains("All")) {
      sink.scope(
          t.scopeNote() != null
              ? "does not target all users: " + t.scopeNote()
              : "does not target all users (includeUsers is not All)");
    }
    if (!userAction && !strings(apps.get("includeApplications")).contains("All")) {
      sink.add("does not target all resources (includeApplications is not All)", null);
    }
    exclusions(t, users, apps, !userAction, sink);
    switch (evaluation) {
      case "legacyAuthenticationBlocked" -> {
        Set<String> types = strings(body.at("/conditions/clientAppTypes"));
        if (!types.contains("other") || !types.contains("exchangeActiveSync")) {
          sink.add("client app types are not both 'other' and 'exchangeActiveSync'", null);
        }
        block(builtIn, sink);
      }
      case "highRiskUsersBlocked" -> {
        if (!strings(body.at("/conditions/userRiskLevels")).contains("high")) {
          sink.add("user risk levels do not include 'high'", null);
        }
        block(builtIn, sink);
      }
      case "highRiskSignInsBlocked" -> {
        if (!strings(body.at("/conditions/signInRiskLevels")).contains("high")) {
          sink.add("sign-in risk levels do not include 'high'", null);
        }
        block(builtIn, sink);
      }
      case "phishingResistantMfaAllUsers" -> {
        if (!phishingResistant(grant)) {
          sink.add("does not require a phishing-resistant authentication strength", null);
        }
      }
      case "mfaAllUsers" -> {
        if (!generalMfa(grant, builtIn)) {
          sink.add(
              "does not require MFA (grant 'mfa' or a multifactor authentication strength that is"
                  + " not phishing-resistant only)",
              null);
        }
      }
      case "phishingResistantMfaPrivilegedRoles" -> {
        Set<String> roles = lower(strings(users.get("includeRoles")));
        List<String> missing = new ArrayList<>();
        catalogue
            .privilegedRoles()
            .forEach(
                (id, name) -> {
                  if (!roles.contains(id)) {
                    missing.add(name);
                  }
                });
        if (!missing.isEmpty()) {
          sink.add("does not include the privileged roles " + String.join(", ", missing), null);
        }
        if (!phishingResistant(grant)) {
          sink.add("does not require a phishing-resistant authentication strength", null);
        }
      }
      case "managedDeviceRequired" -> {
        boolean exact =
            builtIn.size() == 2
                && builtIn.contains("compliantDevice")
                && builtIn.contains("domainJoinedDevice")
                && "OR".equals(text(grant == null ? null : grant.get("operator")));
        if (!exact) {
          sink.add(
              "grant is not exactly 'compliantDevice' OR 'domainJoinedDevice' (compliant or"
                  + " Microsoft Entra hybrid joined)",
              null);
        }
      }
      case "managedDeviceForRegistration" -> {
        if (!builtIn.contains("compliantDevice") && !builtIn.contains("domainJoinedDevice")) {
          sink.add("does not require a compliant or hybrid joined device", null);
        }
      }
      case "deviceCodeFlowBlocked" -> {
        if (!"deviceCodeFlow"
            .equals(text(body.at("/conditions/authenticationFlows/transferMethods")))) {
          sink.add("authentication flows are not exactly 'deviceCodeFlow'", null);
        }
        block(builtIn, sink);
      }
      default -> throw new IllegalStateException("unknown evaluation " + evaluation);
    }
  }

  /**
   * ScubaGear's AIAgents (MS.AAD.9.1v1): all agent identities, all resources, client app types
   * 'all', agent risk 'high', grant 'block', and excluded applications only those its configuration
   * lists (here: those an exception names). ScubaGear does not look at excluded agent identities;
   * we count each as a shortfall unless an exception names it, since an excluded agent keeps its
   * access while it is high risk.
   */
  private static void agentConditions(Target t, JsonNode apps, Set<String> builtIn, Sink sink) {
    JsonNode body = t.body();
    JsonNode client = at(body, "conditions", "clientApplications");
    if (!strings(client.get("includeAgentIdServicePrincipals")).contains("All")) {
      sink.add(
          "does not target all agent identities (includeAgentIdServicePrincipals is not All)",
          null);
    }
    if (!strings(apps.get("includeApplications")).contains("All")) {
      sink.add("does not target all resources (includeApplications is not All)", null);
    }
    // left out, Graph sets ["all"]; ScubaGear fails an empty list (test_MissingClientAppTypes)
    JsonNode types = body.at("/conditions/clientAppTypes");
    if (!types.isMissingNode() && !types.isNull() && !strings(types).contains("all")) {
      sink.add("client app types do not include 'all'", null);
    }
    if (!flags(body.at("/conditions/agentIdRiskLevels")).contains("high")) {
      sink.add("agent risk levels do not include 'high'", null);
    }
    block(builtIn, sink);
    for (String id : strings(client.get("excludeAgentIdServicePrincipals"))) {
      Exclusion e = describe(t, "agent identity", id);
      sink.add("excludes " + e.what() + ", which keeps its access while high risk", e);
    }
    JsonNode filter = client.get("agentIdServicePrincipalFilter");
    if (filter != null && filter.isObject() && "exclude".equals(text(filter.get("mode")))) {
      Exclusion e = describe(t, "agent identity filter", String.valueOf(text(filter.get("rule"))));
      sink.add(
          "excludes the agent identities whose attributes match " + text(filter.get("rule")), e);
    }
    for (String id : strings(apps.get("excludeApplications"))) {
      Exclusion e = describe(t, "application", id);
      sink.add("excludes " + e.what(), e);
    }
  }

  /** A flags enumeration Graph sends as one string ("medium,high"), or an array. */
  static Set<String> flags(JsonNode node) {
    if (node != null && node.isString()) {
      Set<String> out = new LinkedHashSet<>();
      for (String v : node.asString().split(",")) {
        if (!v.isBlank()) {
          out.add(v.trim());
        }
      }
      return out;
    }
    return strings(node);
  }

  /** What to do when no policy is there to name. */
  private static String missing(Rule rule, boolean tenant) {
    if (!rule.evaluation().equals(AGENTS)) {
      return "";
    }
    return tenant
        ? "; create a policy for all agent identities and all resources with agent risk 'high' that"
            + " blocks access (the baseline's CA050)"
        : "; add agents.identities to the estate (the agent identities and blueprints it"
            + " approves), which generates CA050 \"Block high-risk agent identities\" (and do not"
            + " skip CA050)";
  }

  private static void block(Set<String> builtIn, Sink sink) {
    if (!builtIn.contains("block")) {
      sink.add("does not block access", null);
    }
  }

  /** Every exclusion that is not break-glass is a shortfall unless an exception names it. */
  private static void exclusions(
      Target t, JsonNode users, JsonNode apps, boolean checkApps, Sink sink) {
    for (String id : strings(users.get("excludeRoles"))) {
      Exclusion e = describe(t, "role", id);
      sink.add("excludes " + e.what() + "; no rule allows excluding a role", e);
    }
    for (String id : strings(users.get("excludeUsers"))) {
      Exclusion e = describe(t, "user", id);
      if (!e.allowed()) {
        sink.add(
            id.equals(LEGACY_GUESTS)
                ? "excludes every guest and external user (the legacy keyword "
                    + LEGACY_GUESTS
                    + ")"
                : "excludes " + e.what() + ", which is not break-glass",
            e);
      }
    }
    for (String id : strings(users.get("excludeGroups"))) {
      Exclusion e = describe(t, "group", id);
      if (!e.allowed()) {
        sink.add("excludes " + e.what() + ", which is not break-glass", e);
      }
    }
    JsonNode guests = users.get("excludeGuestsOrExternalUsers");
    if (guests != null && guests.isObject()) {
      String types = text(guests.get("guestOrExternalUserTypes"));
      Exclusion e = describe(t, "guests", types == null ? "" : types);
      sink.add("excludes guest or external user types " + types, e);
    }
    if (checkApps) {
      for (String id : strings(apps.get("excludeApplications"))) {
        Exclusion e = describe(t, "application", id);
        sink.add("excludes " + e.what(), e);
      }
    }
  }

  private static Exclusion describe(Target t, String kind, String id) {
    Exclusion known = t.exclusions().get(Exclusion.slot(kind, id));
    return known != null ? known : new Exclusion(kind, id, null, kind + " " + id, false, t.place());
  }

  private boolean phishingResistant(JsonNode grant) {
    JsonNode strength = grant == null ? null : grant.get("authenticationStrength");
    if (strength == null || !strength.isObject()) {
      return false;
    }
    Set<String> combos = combinations(strength);
    return !combos.isEmpty() && catalogue.phishingResistantMethods().containsAll(combos);
  }

  /** ScubaGear's IsGeneralMFA. */
  private boolean generalMfa(JsonNode grant, Set<String> builtIn) {
    if (builtIn.contains("mfa")) {
      return true;
    }
    JsonNode strength = grant == null ? null : grant.get("authenticationStrength");
    if (strength == null || !strength.isObject()) {
      return false;
    }
    Set<String> combos = combinations(strength);
    Set<String> mfa = catalogue.multifactorMethods();
    return combos.stream().anyMatch(mfa::contains)
        && mfa.containsAll(combos)
        && !catalogue.phishingResistantMethods().containsAll(combos);
  }

  private Set<String> combinations(JsonNode strength) {
    Set<String> combos = strings(strength.get("allowedCombinations"));
    if (!combos.isEmpty()) {
      return combos;
    }
    String id = text(strength.get("id"));
    if (id != null && strengths.containsKey(id)) {
      return new LinkedHashSet<>(strengths.get(id));
    }
    String kind = catalogue.builtInStrengthKind(id);
    if ("phishingResistant".equals(kind)) {
      return catalogue.phishingResistantMethods();
    }
    if ("multifactor".equals(kind)) {
      return catalogue.multifactorMethods();
    }
    return Set.of();
  }

  /** The anchor that makes a policy worth naming for a rule, even when it falls short. */
  private static boolean relevant(Rule rule, Target t) {
    JsonNode body = t.body();
    if (rule.evaluation().equals(AGENTS)) {
      // a policy for agent identities, or one on agent risk (for agent users it falls short)
      JsonNode client = body.at("/conditions/clientApplications");
      return !client.path("includeAgentIdServicePrincipals").isEmpty()
          || client.path("agentIdServicePrincipalFilter").isObject()
          || !flags(body.at("/conditions/agentIdRiskLevels")).isEmpty();
    }
    if (t.agents()) {
      return false; // its subjects are agents, not the users the rule is about
    }
    JsonNode grant = body.get("grantControls");
    Set<String> builtIn = strings(grant == null ? null : grant.get("builtInControls"));
    boolean strength =
        grant != null
            && grant.has("authenticationStrength")
            && grant.get("authenticationStrength").isObject();
    Set<String> actions = strings(body.at("/conditions/applications/includeUserActions"));
    return switch (rule.evaluation()) {
      case "legacyAuthenticationBlocked" -> {
        Set<String> types = strings(body.at("/conditions/clientAppTypes"));
        yield types.contains("other") || types.contains("exchangeActiveSync");
      }
      case "highRiskUsersBlocked" -> !strings(body.at("/conditions/userRiskLevels")).isEmpty();
      case "highRiskSignInsBlocked" -> !strings(body.at("/conditions/signInRiskLevels")).isEmpty();
      case "phishingResistantMfaAllUsers", "mfaAllUsers" ->
          (builtIn.contains("mfa") || strength) && actions.isEmpty();
      case "phishingResistantMfaPrivilegedRoles" ->
          !strings(body.at("/conditions/users/includeRoles")).isEmpty();
      case "managedDeviceRequired" ->
          (builtIn.contains("compliantDevice") || builtIn.contains("domainJoinedDevice"))
              && actions.isEmpty();
      case "managedDeviceForRegistration" -> actions.contains(REGISTER_SECURITY_INFO);
      case "deviceCodeFlowBlocked" -> {
        String flows = text(body.at("/conditions/authenticationFlows/transferMethods"));
        yield flows != null && flows.contains("deviceCodeFlow");
      }
      default -> false;
    };
  }

  /**
   * How far a policy's purpose is from the rule's, to name the closest policy when none satisfies
   * the rule (it does not change pass or fail, which follow ScubaGear's criteria): conditions that
   * narrow its scope and the rule does not ask for (risk, platforms, locations, insider risk,
   * device filters, agent risk), and for the all-users rules, a policy aimed at roles, guests or
   * named users only (such as agent user accounts).
   */
  static int offTarget(Rule rule, JsonNode body) {
    int off = 0;
    String e = rule.evaluation();
    JsonNode c = body.get("conditions");
    if (c == null) {
      return 0;
    }
    if (!e.equals("highRiskUsersBlocked") && !strings(c.get("userRiskLevels")).isEmpty()) {
      off++;
    }
    if (!e.equals("highRiskSignInsBlocked") && !strings(c.get("signInRiskLevels")).isEmpty()) {
      off++;
    }
    for (String narrowing :
        List.of("platforms", "locations", "devices", "insiderRiskLevels", "agentIdRiskLevels")) {
      if (c.has(narrowing)
          && !c.get(narrowing).isNull()
          && !(e.equals(AGENTS) && narrowing.equals("agentIdRiskLevels"))) {
        off++;
      }
    }
    if (e.equals(AGENTS)) {
      // agent users or selected agent identities only: not every agent identity
      if (!strings(
              at(body, "conditions", "clientApplications").get("includeAgentIdServicePrincipals"))
          .contains("All")) {
        off++;
      }
      if (!strings(at(body, "conditions", "applications").get("includeApplications"))
          .contains("All")) {
        off++;
      }
      return off;
    }
    if (!e.equals("managedDeviceForRegistration")
        && !strings(at(body, "conditions", "applications").get("includeApplications"))
            .contains("All")) {
      off++;
    }
    JsonNode users = c.get("users");
    if (!e.equals("phishingResistantMfaPrivilegedRoles")
        && users != null
        && (!strings(users.get("includeRoles")).isEmpty()
            || (users.has("includeGuestsOrExternalUsers")
                && users.get("includeGuestsOrExternalUsers").isObject()))) {
      off++;
    }
    if (users != null
        && !strings(users.get("includeUsers")).contains("All")
        && strings(users.get("includeGroups")).isEmpty()
        && strings(users.get("includeRoles")).isEmpty()
        && !(users.has("includeGuestsOrExternalUsers")
            && users.get("includeGuestsOrExternalUsers").isObject())) {
      off++; // named users only, or all agent users: not the people the rule is about
    }
    return off;
  }

  /** What a rule asks for, after "no policy ". */
  static String wanted(Rule rule) {
    return "meets "
        + (rule.scubaId() != null ? rule.scubaId() : rule.id())
        + " ("
        + rule.statement()
        + ")";
  }

  private static JsonNode at(JsonNode body, String... path) {
    JsonNode n = body;
    for (String p : path) {
      n = n == null ? null : n.get(p);
    }
    return n == null || !n.isObject()
        ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        : n;
  }

  static Set<String> strings(JsonNode node) {
    Set<String> out = new LinkedHashSet<>();
    if (node != null && node.isArray()) {
      node.forEach(n -> out.add(Json.text(n)));
    }
    return out;
  }

  private static Set<String> lower(Set<String> values) {
    Set<String> out = new LinkedHashSet<>();
    values.forEach(v -> out.add(v.toLowerCase(java.util.Locale.ROOT)));
    return out;
  }

  static String text(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : Json.text(node);
  }
}
