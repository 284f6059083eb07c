package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.aisecuritybaseline.defender.DefenderFamily;
import org.aisecuritybaseline.entra.EntraFamily;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.plan.Plan.Highlight;
import org.aisecuritybaseline.plan.Plan.Kind;
import org.aisecuritybaseline.plan.Plan.Severity;
import org.aisecuritybaseline.purview.PurviewFamily;
import org.aisecuritybaseline.secops.SecopsFamily;
import tools.jackson.databind.JsonNode;

/**
 * The changes a reviewer must see first, read from the configuration itself: enforcement and
 * disabled policies, break-glass accounts, exclusions with their reasons, user, app and location
 * scope, grant strength, trusted named locations, DLP simulation, locations and exceptions,
 * Defender plans and extensions, connector offerings. Users, groups, roles, apps and locations are
 * named by estate key and display name with their ID (see {@link Names}); the same change in
 * several objects is one highlight that lists them.
 *
 * <p>A trusted named location is exempt from policies that exclude trusted locations and lowers
 * sign-in risk, so adding one, or a range to one, is highlighted; a range wider than {@value
 * #WIDE_IPV4} for IPv4 (more than 65,536 addresses) or {@value #WIDE_IPV6} for IPv6 (more than a
 * typical provider allocation) is high risk.
 */
final class Risks {
  /** Names every user, group, role and app, and lists the break-glass accounts and groups. */
  static final String DEPLOYMENT = "entra/deployment.json";

  /** IPv4 prefixes shorter than this (/15 and wider) make a trusted location high risk. */
  static final int WIDE_IPV4 = 16;

  /** IPv6 prefixes shorter than this (/31 and wider) make a trusted location high risk. */
  static final int WIDE_IPV6 = 32;

  /** At most this many IDs are named in a grouped highlight's sentence; objects lists them all. */
  private static final int LISTED = 20;

  /**
   * One change in one object, before grouping: the sentence is {@code head + where + tail}, where
   * {@code where} is empty for one object and names the objects for several ("from 14 policies:
   * ...").
   */
  private record Finding(
      Severity severity,
      Family.Info family,
      Kind kind,
      String object,
      String subject,
      String head,
      String tail,
      String preposition,
      String noun) {}

  private final JsonNode deploymentBefore;
  private final JsonNode deploymentAfter;
  private final Names names;
  private final Map<String, Set<String>> breakGlass;
  private final List<Finding> out = new ArrayList<>();

  /**
   * Starts the highlights of one plan: {@code deploymentBefore} and {@code deploymentAfter} are the
   * old and new {@link #DEPLOYMENT}, parsed (null where a side has none); the files follow, one by
   * one, through {@link #file}.
   */
  Risks(JsonNode deploymentBefore, JsonNode deploymentAfter, Names names) {
    this.deploymentBefore = deploymentBefore;
    this.deploymentAfter = deploymentAfter;
    this.names = names;
    this.breakGlass = new HashMap<>();
    for (String kind : List.of("user", "group")) {
      Set<String> ids = new TreeSet<>();
      for (JsonNode d : new JsonNode[] {deploymentBefore, deploymentAfter}) {
        if (d != null) {
          ids.addAll(strings(d.at("/breakGlass/" + kind + "s")));
        }
      }
      breakGlass.put(kind, ids);
    }
    breakGlassList();
  }

  /** Same plan, none of its findings: see {@link #part}. */
  private Risks(Risks whole) {
    this.deploymentBefore = whole.deploymentBefore;
    this.deploymentAfter = whole.deploymentAfter;
    this.names = whole.names;
    this.breakGlass = whole.breakGlass;
  }

  /**
   * A part for the findings of some of the files, which may be given to another thread: it shares
   * this plan's context, which nothing changes after the constructor, and collects its own findings
   * until {@link #addAll} appends them here.
   */
  Risks part() {
    return new Risks(this);
  }

  /** Appends the findings of {@code part} after those found so far, in their order. */
  void addAll(Risks part) {
    out.addAll(part.out);
  }

  /**
   * @param before the JSON files of the old output, parsed, by path (files that are not JSON left
   *     out)
   * @param after the same for the new output
   */
  static List<Highlight> of(
      Map<String, JsonNode> before, Map<String, JsonNode> after, Names names) {
    Risks r = new Risks(before.get(DEPLOYMENT), after.get(DEPLOYMENT), names);
    Set<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    for (String path : paths) {
      r.file(path, before.get(path), after.get(path));
    }
    return r.highlights();
  }

  /**
   * The findings of one JSON file of the output, old ({@code b}) and new ({@code a}), either null
   * where that side has no such file. The highlights list them in the order the files came: give
   * the files in the order of their paths.
   */
  void file(String path, JsonNode b, JsonNode a) {
    if (Objects.isConditionalAccess(path)) {
      conditionalAccess(id(path), b, a);
    } else if (Objects.isNamedLocation(path)) {
      namedLocation(id(path), b, a);
    } else if (Objects.isDlp(path)) {
      dlp(id(path), b, a);
    } else if (Objects.isLabel(path)) {
      label(id(path), b, a);
    } else if (Objects.isLabelPolicy(path)) {
      labelPolicy(id(path), b, a);
    } else if (Objects.isCollection(path)) {
      collection(id(path), b, a);
    } else if (Objects.isSubscription(path)) {
      subscription(id(path), b, a);
    } else if (Objects.isConnector(path)) {
      connector(id(path), b, a);
    } else if (Objects.isSentinel(path)) {
      sentinel(id(path), b, a);
    } else if (Objects.isEntraDiagnostics(path)) {
      entraDiagnostics(id(path), b, a);
    } else if (Objects.isPreset(path)) {
      preset(id(path), b, a);
    }
  }

  /** The highlights of the files given so far. */
  List<Highlight> highlights() {
    return grouped();
  }

  /** Findings that differ only in their object become one highlight naming every object. */
  private List<Highlight> grouped() {
    Map<List<Object>, List<Finding>> groups = new LinkedHashMap<>();
    for (Finding f : out) {
      List<Object> key =
          f.object() == null
              ? List.of(f)
              : List.of(
                  f.severity(),
                  f.family(),
                  f.kind(),
                  String.valueOf(f.subject()),
                  f.head(),
                  f.tail(),
                  f.preposition(),
                  f.noun());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
    }
    List<Highlight> highlights = new ArrayList<>();
    for (List<Finding> g : groups.values()) {
      Finding f = g.get(0);
      List<String> objects =
          g.stream().map(Finding::object).filter(java.util.Objects::nonNull).distinct().toList();
      if (objects.size() <= 1) {
        String id = f.object() != null ? f.object() : f.subject();
        highlights.add(
            new Highlight(f.severity(), f.family(), f.kind(), id, f.head() + f.tail(), objects));
        continue;
      }
      String count = objects.size() + " " + f.noun();
      String list =
          String.join(", ", objects.subList(0, Math.min(LISTED, objects.size())))
              + (objects.size() > LISTED ? " and " + (objects.size() - LISTED) + " more" : "");
      String where =
          " "
              + f.preposition()
              + " "
              + count
              + (f.tail().isEmpty() ? ": " + list : " (" + list + ")");
      highlights.add(
          new Highlight(
              f.severity(),
              f.family(),
              f.kind(),
              f.subject() != null ? f.subject() : count,
              f.head() + where + f.tail(),
              objects));
    }
    return highlights;
  }

  // ---- identity ------------------------------------------------------------------------------

  private void breakGlassList() {
    JsonNode b = deploymentBefore;
    JsonNode a = deploymentAfter;
    if (b == null || a == null) {
      return;
    }
    for (String kind : List.of("user", "group")) {
      Set<String> was = strings(b.at("/breakGlass/" + kind + "s"));
      Set<String> is = strings(a.at("/breakGlass/" + kind + "s"));
      minus(was, is)
          .forEach(
              id ->
                  add(
                      Severity.HIGH,
                      EntraFamily.INFO,
                      Kind.BREAK_GLASS,
                      null,
                      "break-glass",
                      names.principal(kind, id).replace("break-glass ", "")
                          + " is no longer declared as a break-glass "
                          + (kind.equals("user") ? "account" : "group")
                          + " in the estate",
                      "",
                      "in",
                      "policies"));
      minus(is, was)
          .forEach(
              id ->
                  add(
                      Severity.MEDIUM,
                      EntraFamily.INFO,
                      Kind.EXCLUSION_ADDED,
                      null,
                      "break-glass",
                      "new " + names.principal(kind, id) + ": every policy excludes it",
                      "",
                      "in",
                      "policies"));
    }
  }

  private boolean isBreakGlass(String kind, String id) {
    return breakGlass.getOrDefault(kind, Set.of()).contains(id)
        || names.isBreakGlass(kind + "s", id);
  }

  private static final Map<String, String> PRINCIPALS =
      Map.of("Users", "user", "Groups", "group", "Roles", "role");

  private void conditionalAccess(String id, JsonNode b, JsonNode a) {
    if (a == null) {
      if (b != null) {
        policy(
            Severity.MEDIUM,
            Kind.NOT_GENERATED,
            id,
            "no longer generated; the deploy script does not delete it, so it"
                + " stays in the tenant as it is",
            "");
      }
      return;
    }
    String was = b == null ? null : b.path("state").asString("");
    String is = a.path("state").asString("");
    if (b == null) {
      if (is.equals("enabled")) {
        policy(
            Severity.HIGH,
            Kind.ENFORCED,
            id,
            "new policy, enforced from the start" + forWhom(a),
            "");
      }
    } else if (!was.equals("disabled") && is.equals("disabled")) {
      policy(
          was.equals("enabled") ? Severity.HIGH : Severity.MEDIUM,
          Kind.DISABLED,
          id,
          "is disabled (was " + stateLabel(was) + ")",
          "");
    } else if (!was.equals("enabled") && is.equals("enabled")) {
      policy(
          Severity.HIGH,
          Kind.ENFORCED,
          id,
          "moves from " + stateLabel(was) + " to enforced" + forWhom(a),
          "");
    } else if (was.equals("enabled") && !is.equals("enabled")) {
      policy(
          Severity.MEDIUM,
          Kind.NOT_ENFORCED,
          id,
          "stops being enforced (" + stateLabel(is) + ")",
          "");
    }
    JsonNode none = Json.NODES.objectNode();
    JsonNode bb = b == null ? none : b;
    for (Map.Entry<String, String> p : new TreeMap<>(PRINCIPALS).entrySet()) {
      String kind = p.getValue();
      Set<String> excludedBefore = strings(bb.at("/conditions/users/exclude" + p.getKey()));
      Set<String> excludedAfter = strings(a.at("/conditions/users/exclude" + p.getKey()));
      for (String x : minus(excludedBefore, excludedAfter)) {
        if (isBreakGlass(kind, x)) {
          add(
              Severity.HIGH,
              EntraFamily.INFO,
              Kind.BREAK_GLASS,
              id,
              names.subject(kind, x),
              names.principal(kind, x) + " is no longer excluded",
              "",
              "from",
              "policies");
        } else {
          add(
              Severity.MEDIUM,
              EntraFamily.INFO,
              Kind.SCOPE_WIDENED,
              id,
              names.subject(kind, x),
              "user scope widened: " + names.principal(kind, x) + " is no longer excluded",
              "",
              "from",
              "policies");
        }
      }
      for (String x : minus(excludedAfter, excludedBefore)) {
        if (isBreakGlass(kind, x)) {
          continue; // every policy excludes the break-glass accounts: the declaration is the
          // highlight
        }
        String why = names.why(id, kind, x);
        add(
            Severity.MEDIUM,
            EntraFamily.INFO,
            Kind.EXCLUSION_ADDED,
            id,
            names.subject(kind, x),
            "new exclusion",
            ": " + names.principal(kind, x) + why,
            "in",
            "policies");
      }
    }
    if (b == null) {
      return;
    }
    boolean enforced = was.equals("enabled") && is.equals("enabled");
    for (Map.Entry<String, String> p : new TreeMap<>(PRINCIPALS).entrySet()) {
      String kind = p.getValue();
      Set<String> bi = strings(b.at("/conditions/users/include" + p.getKey()));
      Set<String> ai = strings(a.at("/conditions/users/include" + p.getKey()));
      minus(ai, bi)
          .forEach(
              x ->
                  add(
                      enforced ? Severity.HIGH : Severity.MEDIUM,
                      EntraFamily.INFO,
                      enforced ? Kind.ENFORCED : Kind.SCOPE_WIDENED,
                      id,
                      names.subject(kind, x),
                      (enforced
                              ? "enforcement widens: now includes "
                              : "user scope widened: now includes ")
                          + names.principal(kind, x),
                      "",
                      "in",
                      "policies"));
      minus(bi, ai)
          .forEach(
              x ->
                  add(
                      Severity.MEDIUM,
                      EntraFamily.INFO,
                      Kind.SCOPE_NARROWED,
                      id,
                      names.subject(kind, x),
                      "user scope narrowed: no longer includes " + names.principal(kind, x),
                      "",
                      "in",
                      "policies"));
    }
    String apps = "/conditions/applications/";
    for (String field : List.of("includeApplications", "includeUserActions")) {
      added(
          b,
          a,
          apps + field,
          id,
          Kind.SCOPE_WIDENED,
          x -> "app scope widened: now covers " + names.app(x),
          x -> "",
          "in");
      added(
          a,
          b,
          apps + field,
          id,
          Kind.SCOPE_NARROWED,
          x -> "app scope narrowed: no longer covers " + names.app(x),
          x -> "",
          "in");
    }
    added(
        b,
        a,
        apps + "excludeApplications",
        id,
        Kind.EXCLUSION_ADDED,
        x -> "new exclusion",
        x -> ": " + names.app(x) + " (app scope narrowed)",
        "in");
    added(
        a,
        b,
        apps + "excludeApplications",
        id,
        Kind.SCOPE_WIDENED,
        x -> "app scope widened: " + names.app(x) + " is no longer excluded",
        x -> "",
        "from");
    String locations = "/conditions/locations/";
    added(
        b,
        a,
        locations + "excludeLocations",
        id,
        Kind.EXCLUSION_ADDED,
        x -> "new exclusion",
        x -> ": " + names.location(x) + " (sign-ins from there are exempt)",
        "in");
    added(
        a,
        b,
        locations + "excludeLocations",
        id,
        Kind.SCOPE_WIDENED,
        x -> "location scope widened: " + names.location(x) + " is no longer excluded",
        x -> "",
        "from");
    added(
        b,
        a,
        locations + "includeLocations",
        id,
        Kind.SCOPE_WIDENED,
        x -> "location scope widened: now" + " includes " + names.location(x),
        x -> "",
        "in");
    added(
        a,
        b,
        locations + "includeLocations",
        id,
        Kind.SCOPE_NARROWED,
        x -> "location scope narrowed:" + " no longer includes " + names.location(x),
        x -> "",
        "in");
    int gb = grantStrength(b);
    int ga = grantStrength(a);
    if (ga < gb) {
      policy(
          Severity.HIGH,
          Kind.GRANT_WEAKENED,
          id,
          "grant weakened: " + grantLabel(gb) + " -> " + grantLabel(ga),
          "");
    }
  }

  /**
   * One medium identity highlight for each member of the list at {@code pointer} that {@code to}
   * has and {@code from} has not.
   */
  private void added(
      JsonNode from,
      JsonNode to,
      String pointer,
      String id,
      Kind kind,
      java.util.function.Function<String, String> head,
      java.util.function.Function<String, String> tail,
      String preposition) {
    minus(strings(to.at(pointer)), strings(from.at(pointer)))
        .forEach(
            x ->
                add(
                    Severity.MEDIUM,
                    EntraFamily.INFO,
                    kind,
                    id,
                    x,
                    head.apply(x),
                    tail.apply(x),
                    preposition,
                    "policies"));
  }

  private void policy(Severity severity, Kind kind, String id, String head, String tail) {
    add(severity, EntraFamily.INFO, kind, id, null, head, tail, "in", "policies");
  }

  private static String forWhom(JsonNode policy) {
    return strings(policy.at("/conditions/users/includeUsers")).contains("All")
        ? " for all users"
        : "";
  }

  private static String stateLabel(String state) {
    return switch (state) {
      case "enabledForReportingButNotEnforced" -> "report-only";
      case "enabled" -> "enforced";
      case "disabled" -> "disabled";
      default -> state;
    };
  }

  /**
   * A trusted location, or a range of one, is new: sign-ins from it count as trusted. High when a
   * new range is wider than /{@value #WIDE_IPV4} (IPv4) or /{@value #WIDE_IPV6} (IPv6).
   */
  private void namedLocation(String id, JsonNode b, JsonNode a) {
    if (a == null || !a.path("isTrusted").asBoolean(false)) {
      return;
    }
    boolean trustedBefore = b != null && b.path("isTrusted").asBoolean(false);
    Set<String> was = trustedBefore ? names(b.get("ipRanges"), "cidrAddress") : Set.of();
    Set<String> added = minus(names(a.get("ipRanges"), "cidrAddress"), was);
    if (added.isEmpty()) {
      return;
    }
    String label =
        names.namedLocation(id.substring("NL-".length()), a.path("displayName").asString(null));
    String head =
        b == null
            ? "new trusted " + label + ": " + list(added)
            : !trustedBefore
                ? label + " becomes trusted: " + list(added)
                : "trusted " + label + " widened: now includes " + list(added);
    List<String> wide =
        added.stream()
            .filter(Risks::isWide)
            .map(r -> r + " is wider than /" + (r.contains(":") ? WIDE_IPV6 : WIDE_IPV4))
            .toList();
    String tail =
        wide.isEmpty() ? "" : "; very wide for a trusted location: " + String.join(", ", wide);
    add(
        wide.isEmpty() ? Severity.MEDIUM : Severity.HIGH,
        EntraFamily.INFO,
        Kind.TRUSTED_LOCATION,
        id,
        id,
        head + tail,
        "",
        "in",
        "named locations");
  }

  /** Whether a CIDR range is wider than the thresholds; an unreadable range counts as wide. */
  static boolean isWide(String cidr) {
    int slash = cidr.indexOf('/');
    try {
      int prefix = Integer.parseInt(cidr.substring(slash + 1));
      return prefix < (cidr.contains(":") ? WIDE_IPV6 : WIDE_IPV4);
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static String list(Set<String> values) {
    List<String> all = List.copyOf(values);
    return String.join(", ", all.subList(0, Math.min(LISTED, all.size())))
        + (all.size() > LISTED ? " and " + (all.size() - LISTED) + " more" : "");
  }

  /**
   * How strong the grant is: block 100, phishing-resistant MFA 40, passwordless MFA 35, MFA 30, a
   * compliant device or app 20, nothing 0. Alternatives joined by OR count as the weakest of them,
   * requirements joined by AND as the strongest.
   */
  static int grantStrength(JsonNode policy) {
    JsonNode grant = policy.path("grantControls");
    if (!grant.isObject()) {
      return 0;
    }
    List<Integer> scores = new ArrayList<>();
    for (String control : strings(grant.path("builtInControls"))) {
      switch (control) {
        case "block" -> {
          return 100;
        }
        case "mfa" -> scores.add(30);
        case "compliantDevice",
            "domainJoinedDevice",
            "compliantApplication",
            "approvedApplication" ->
            scores.add(20);
        default -> scores.add(10);
      }
    }
    String strength = grant.path("authenticationStrength").path("id").asString("");
    if (!strength.isEmpty()) {
      scores.add(
          switch (strength) {
            case "00000000-0000-0000-0000-000000000004" -> 40;
            case "00000000-0000-0000-0000-000000000003" -> 35;
            default -> 30;
          });
    }
    if (scores.isEmpty()) {
      return 0;
    }
    boolean and = "AND".equals(grant.path("operator").asString("OR"));
    return and
        ? scores.stream().max(Integer::compare).orElse(0)
        : scores.stream().min(Integer::compare).orElse(0);
  }

  private static String grantLabel(int score) {
    return switch (score) {
      case 100 -> "block";
      case 40 -> "phishing-resistant MFA";
      case 35 -> "passwordless MFA";
      case 30 -> "MFA";
      case 20 -> "compliant device or app";
      case 0 -> "no grant control";
      default -> "a weaker control";
    };
  }

  // ---- data ----------------------------------------------------------------------------------

  private static final List<String> DLP_LOCATIONS =
      List.of(
          "ExchangeLocation",
          "SharePointLocation",
          "OneDriveLocation",
          "TeamsLocation",
          "EndpointDlpLocation",
          "Locations");

  private void dlp(String id, JsonNode b, JsonNode a) {
    if (a == null) {
      if (b != null) {
        data(
            Severity.MEDIUM,
            Kind.NOT_GENERATED,
            id,
            null,
            "no longer generated; the deploy script does not delete it, so it"
                + " stays in the tenant",
            "");
      }
      return;
    }
    String is = a.at("/policy/Mode").asString("");
    exceptions(id, b, a);
    if (b == null) {
      if ("Enable".equals(is)) {
        data(
            Severity.HIGH,
            Kind.ENFORCED,
            id,
            null,
            "new policy, enforced from the start (no simulation)",
            "");
      }
      return;
    }
    String was = b.at("/policy/Mode").asString("");
    if (!was.equals("Disable") && is.equals("Disable")) {
      data(
          was.equals("Enable") ? Severity.HIGH : Severity.MEDIUM,
          Kind.DISABLED,
          id,
          null,
          "is disabled (was " + (was.equals("Enable") ? "enforced" : "in simulation") + ")",
          "");
    } else if (!was.equals("Enable") && is.equals("Enable")) {
      data(
          Severity.HIGH,
          Kind.ENFORCED,
          id,
          null,
          "leaves "
              + (was.startsWith("Test") ? "simulation" : "the disabled state")
              + " and is enforced",
          "");
    } else if (was.equals("Enable") && !is.equals("Enable")) {
      data(Severity.MEDIUM, Kind.NOT_ENFORCED, id, null, "stops being enforced (" + is + ")", "");
    }
    for (String location : DLP_LOCATIONS) {
      if (b.at("/policy").has(location) && !a.at("/policy").has(location)) {
        data(
            Severity.HIGH, Kind.SCOPE_NARROWED, id, location, "loses the location " + location, "");
      }
    }
    Set<String> rulesBefore = names(b.get("rules"), "Name");
    Set<String> rulesAfter = names(a.get("rules"), "Name");
    minus(rulesBefore, rulesAfter)
        .forEach(
            r ->
                data(
                    Severity.MEDIUM,
                    Kind.NOT_GENERATED,
                    id,
                    null,
                    "rule " + r + " is no longer generated (the deploy script leaves it in place)",
                    ""));
  }

  /**
   * A sensitivity label the tool manages: dropped from the output (the deploy script never deletes
   * labels), or no longer encrypting, or losing a content marking. Set-Label is given only what the
   * definition holds, so the last two are intentions the deploy script does not carry out; the
   * highlight says so.
   */
  private void label(String key, JsonNode b, JsonNode a) {
    if (b == null) {
      return;
    }
    String id = "label " + key;
    if (a == null) {
      labels(
          Severity.MEDIUM,
          Kind.NOT_GENERATED,
          id,
          "no longer generated; the deploy script does not delete labels, so it stays in the tenant"
              + " as it is",
          "sensitivity labels");
      return;
    }
    if (b.at("/label/EncryptionEnabled").asBoolean(false)
        && !a.at("/label/EncryptionEnabled").asBoolean(false)) {
      labels(
          Severity.MEDIUM,
          Kind.PROTECTION_REDUCED,
          id,
          "no longer encrypts in the estate; the deploy script sets only what the definition holds,"
              + " so the tenant label keeps encrypting until you turn it off in the Purview portal",
          "sensitivity labels");
    }
    for (String marking :
        List.of(
            "ApplyContentMarkingHeaderEnabled",
            "ApplyContentMarkingFooterEnabled",
            "ApplyWaterMarkingEnabled")) {
      if (b.at("/label/" + marking).asBoolean(false)
          && !a.at("/label/" + marking).asBoolean(false)) {
        labels(
            Severity.MEDIUM,
            Kind.PROTECTION_REDUCED,
            id,
            "loses its content marking ("
                + marking.replace("Enabled", "")
                + ") in the estate; the tenant label keeps it until you turn it off in the"
                + " Purview portal",
            "sensitivity labels");
      }
    }
  }

  /**
   * A label policy: new exceptions apply (-AddExchangeLocationException); labels and locations
   * taken out do not (the deploy script only adds), which the highlight says.
   */
  private void labelPolicy(String key, JsonNode b, JsonNode a) {
    if (b == null) {
      return;
    }
    String id = "label policy " + key;
    if (a == null) {
      labels(
          Severity.MEDIUM,
          Kind.NOT_GENERATED,
          id,
          "no longer generated; the deploy script does not delete it, so it stays in the tenant",
          "label policies");
      return;
    }
    minus(
            strings(a.at("/policy/ExchangeLocationException")),
            strings(b.at("/policy/ExchangeLocationException")))
        .forEach(
            who ->
                labels(
                    Severity.MEDIUM,
                    Kind.EXCLUSION_ADDED,
                    id,
                    "new exception " + who + ": labels are no longer published to them",
                    "label policies"));
    for (String member : List.of("Labels", "ExchangeLocation", "ModernGroupLocation")) {
      minus(strings(b.at("/policy/" + member)), strings(a.at("/policy/" + member)))
          .forEach(
              v ->
                  labels(
                      Severity.MEDIUM,
                      Kind.SCOPE_NARROWED,
                      id,
                      member
                          + " loses "
                          + v
                          + "; the deploy script only adds, so remove it in the tenant if you mean"
                          + " it",
                      "label policies"));
    }
  }

  /**
   * A collection policy: turned off, or capturing the text of prompts and responses from now on.
   */
  private void collection(String key, JsonNode b, JsonNode a) {
    String id = "collection policy " + key;
    boolean captures = a != null && scenario(a).path("IsIngestionEnabled").asBoolean(false);
    boolean captured = b != null && scenario(b).path("IsIngestionEnabled").asBoolean(false);
    if (a == null) {
      if (b != null) {
        labels(
            Severity.MEDIUM,
            Kind.NOT_GENERATED,
            id,
            "no longer generated; the deploy script does not delete it, so it keeps collecting",
            "collection policies");
      }
      return;
    }
    if (captures && !captured) {
      labels(
          Severity.MEDIUM,
          Kind.SCOPE_WIDENED,
          id,
          "captures the text of Copilot prompts and responses from now on (IsIngestionEnabled)",
          "collection policies");
    }
    if (b != null
        && "Enable".equals(b.at("/featureConfiguration/Mode").asString(""))
        && !"Enable".equals(a.at("/featureConfiguration/Mode").asString(""))) {
      labels(
          Severity.MEDIUM,
          Kind.DISABLED,
          id,
          "is disabled: Copilot interactions are no longer collected",
          "collection policies");
    }
  }

  /**
   * A collection policy's ScenarioConfig, JSON held in a string; missing when it is not valid JSON
   * (an output edited by hand: the file's diff shows it).
   */
  private static JsonNode scenario(JsonNode policy) {
    try {
      return Json.parse(policy.at("/featureConfiguration/ScenarioConfig").asString("{}"));
    } catch (RuntimeException e) {
      return tools.jackson.databind.node.MissingNode.getInstance();
    }
  }

  /** Users and groups a DLP policy newly leaves out, with the parameters that do it. */
  private void exceptions(String id, JsonNode b, JsonNode a) {
    Map<String, Set<String>> gained = new TreeMap<>();
    for (var e : a.path("policy").properties()) {
      String parameter = e.getKey();
      if (!parameter.endsWith("Exception") && !parameter.startsWith("ExceptIf")) {
        continue;
      }
      Set<String> was = b == null ? Set.of() : strings(b.path("policy").get(parameter));
      minus(strings(e.getValue()), was)
          .forEach(v -> gained.computeIfAbsent(v, k -> new TreeSet<>()).add(parameter));
    }
    gained.forEach(
        (who, parameters) ->
            data(
                Severity.MEDIUM,
                Kind.EXCLUSION_ADDED,
                id,
                who,
                "new exception",
                ": " + who + " (" + String.join(", ", parameters) + ")"));
  }

  private void data(
      Severity severity, Kind kind, String id, String subject, String head, String tail) {
    add(severity, PurviewFamily.INFO, kind, id, subject, head, tail, "in", "DLP policies");
  }

  private void labels(Severity severity, Kind kind, String id, String head, String noun) {
    add(severity, PurviewFamily.INFO, kind, id, null, head, "", "in", noun);
  }

  // ---- threat --------------------------------------------------------------------------------

  private void subscription(String id, JsonNode b, JsonNode a) {
    if (b == null) {
      return;
    }
    if (a == null) {
      threat(
          Kind.NOT_GENERATED,
          id,
          "subscription no longer managed; its plans stay as they are",
          "subscriptions");
      return;
    }
    for (JsonNode pb : b.path("resources")) {
      if (!"Microsoft.Security/pricings".equals(pb.path("type").asString(""))) {
        continue;
      }
      String plan = pb.path("name").asString("");
      JsonNode pa = find(a.path("resources"), plan);
      String tierBefore = pb.at("/properties/pricingTier").asString("");
      if (pa == null) {
        threat(
            Kind.PROTECTION_REDUCED, id, "plan " + plan + " is no longer managed", "subscriptions");
        continue;
      }
      if (tierBefore.equals("Standard")
          && pa.at("/properties/pricingTier").asString("").equals("Free")) {
        threat(
            Kind.PROTECTION_REDUCED,
            id,
            "plan " + plan + " is downgraded to Free",
            "subscriptions");
        continue;
      }
      String spb = pb.at("/properties/subPlan").asString("");
      String spa = pa.at("/properties/subPlan").asString("");
      if (!spb.equals(spa) && !spb.isEmpty()) {
        add(
            Severity.MEDIUM,
            DefenderFamily.INFO,
            Kind.PROTECTION_REDUCED,
            id,
            null,
            "plan " + plan + " changes sub-plan " + spb + " -> " + (spa.isEmpty() ? "none" : spa),
            "",
            "in",
            "subscriptions");
      }
      for (JsonNode eb : pb.at("/properties/extensions")) {
        if (!"True".equals(eb.path("isEnabled").asString(""))) {
          continue;
        }
        JsonNode ea = find(pa.at("/properties/extensions"), eb.path("name").asString(""));
        if (ea == null || !"True".equals(ea.path("isEnabled").asString(""))) {
          threat(
              Kind.PROTECTION_REDUCED,
              id,
              "extension " + eb.path("name").asString("") + " of " + plan + " is disabled",
              "subscriptions");
        }
      }
    }
  }

  private void connector(String id, JsonNode b, JsonNode a) {
    if (b == null) {
      return;
    }
    if (a == null) {
      threat(
          Kind.NOT_GENERATED,
          id,
          "connector no longer generated (the deploy script does not delete it)",
          "connectors");
      return;
    }
    Set<String> ob = names(b.at("/resources/0/properties/offerings"), "offeringType");
    Set<String> oa = names(a.at("/resources/0/properties/offerings"), "offeringType");
    minus(ob, oa)
        .forEach(
            o ->
                threat(
                    Kind.PROTECTION_REDUCED,
                    id,
                    "offering " + o + " is removed from the connector",
                    "connectors"));
  }

  private void threat(Kind kind, String id, String head, String noun) {
    add(Severity.HIGH, DefenderFamily.INFO, kind, id, null, head, "", "in", noun);
  }

  // ---- security operations -------------------------------------------------------------------

  /**
   * A Sentinel data connector that is no longer generated (high: its alerts stop reaching Sentinel
   * once it is disconnected, and the deployment does not disconnect it, so the template and the
   * workspace part ways), and a created workspace whose retention is lowered (medium: older data
   * leaves analytics retention).
   */
  private void sentinel(String id, JsonNode b, JsonNode a) {
    if (b == null) {
      return;
    }
    if (a == null) {
      operations(
          Severity.HIGH,
          Kind.NOT_GENERATED,
          id,
          "Sentinel and its data connectors are no longer generated (nothing is removed from the workspace)");
      return;
    }
    for (JsonNode rb : b.path("resources")) {
      String type = rb.path("type").asString("");
      String name = rb.path("name").asString("");
      JsonNode ra = find(a.path("resources"), type, name);
      if (type.equals("Microsoft.SecurityInsights/dataConnectors") && ra == null) {
        operations(
            Severity.HIGH,
            Kind.PROTECTION_REDUCED,
            id,
            "data connector "
                + name
                + " ("
                + rb.path("kind").asString("")
                + ") is removed (deploying does not disconnect it)");
      }
      if (type.equals("Microsoft.OperationalInsights/workspaces") && ra != null) {
        JsonNode db = rb.at("/properties/retentionInDays");
        JsonNode da = ra.at("/properties/retentionInDays");
        // canConvertToInt: a hand-edited previous output may hold any JSON there (1e400, "90").
        if (db.canConvertToInt() && da.canConvertToInt() && da.asInt() < db.asInt()) {
          operations(
              Severity.MEDIUM,
              Kind.PROTECTION_REDUCED,
              id,
              "workspace "
                  + name
                  + " retention is lowered "
                  + db.asInt()
                  + " -> "
                  + da.asInt()
                  + " days");
        }
      }
    }
  }

  /** An Entra ID log category no longer sent to the workspace, or the whole setting dropped. */
  private void entraDiagnostics(String id, JsonNode b, JsonNode a) {
    if (b == null) {
      return;
    }
    if (a == null) {
      operations(
          Severity.HIGH,
          Kind.NOT_GENERATED,
          id,
          "the Entra ID diagnostic setting is no longer generated (it stays in the tenant)");
      return;
    }
    Set<String> cb = new TreeSet<>();
    Set<String> ca = new TreeSet<>();
    b.path("resources").forEach(r -> cb.addAll(names(r.at("/properties/logs"), "category")));
    a.path("resources").forEach(r -> ca.addAll(names(r.at("/properties/logs"), "category")));
    minus(cb, ca)
        .forEach(
            c ->
                operations(
                    Severity.HIGH,
                    Kind.PROTECTION_REDUCED,
                    id,
                    "log category " + c + " is no longer sent to the workspace"));
  }

  /** The recipient conditions of a preset rule (Set-EOPProtectionPolicyRule's parameters). */
  private static final List<String> PRESET_CONDITIONS =
      List.of("SentTo", "SentToMemberOf", "RecipientDomainIs");

  /**
   * A Defender for Office 365 preset rule: turned off, or applying to fewer recipients (from every
   * recipient to named ones, or a recipient, group or domain taken out), or a new exception.
   */
  private void preset(String key, JsonNode b, JsonNode a) {
    if (b == null) {
      return;
    }
    String id = "preset " + key;
    if (a == null) {
      operations(
          Severity.MEDIUM,
          Kind.NOT_GENERATED,
          id,
          "no longer generated; the deploy script leaves the preset's rules as they are in the tenant");
      return;
    }
    if ("Enabled".equals(b.path("State").asString(""))
        && !"Enabled".equals(a.path("State").asString(""))) {
      operations(
          Severity.HIGH,
          Kind.DISABLED,
          id,
          "is turned off: its recipients lose the preset's protection");
    }
    boolean allBefore = PRESET_CONDITIONS.stream().allMatch(c -> strings(b.get(c)).isEmpty());
    boolean allAfter = PRESET_CONDITIONS.stream().allMatch(c -> strings(a.get(c)).isEmpty());
    if (allBefore && !allAfter) {
      operations(
          Severity.HIGH,
          Kind.SCOPE_NARROWED,
          id,
          "no longer applies to every recipient, only to those named (CISA MS.DEFENDER.1.2/1.3)");
    } else if (!allBefore && !allAfter) {
      for (String c : PRESET_CONDITIONS) {
        minus(strings(b.get(c)), strings(a.get(c)))
            .forEach(
                v ->
                    operations(
                        Severity.MEDIUM,
                        Kind.SCOPE_NARROWED,
                        id,
                        v + " (" + c + ") no longer gets the preset"));
      }
    }
    for (String c : PRESET_CONDITIONS) {
      minus(strings(a.get("ExceptIf" + c)), strings(b.get("ExceptIf" + c)))
          .forEach(
              v ->
                  operations(
                      Severity.MEDIUM,
                      Kind.EXCLUSION_ADDED,
                      id,
                      "new exception " + v + " (ExceptIf" + c + "): no longer gets the preset"));
    }
  }

  private void operations(Severity severity, Kind kind, String id, String head) {
    add(severity, SecopsFamily.INFO, kind, id, null, head, "", "in", "security operations");
  }

  // ---- helpers -------------------------------------------------------------------------------

  /**
   * @param object the policy, location, subscription or connector; null for a change of the estate
   *     as a whole
   * @param subject what several objects share, for grouping and as the grouped highlight's ID; null
   *     when only the sentence is shared
   */
  private void add(
      Severity severity,
      Family.Info family,
      Kind kind,
      String object,
      String subject,
      String head,
      String tail,
      String preposition,
      String noun) {
    out.add(new Finding(severity, family, kind, object, subject, head, tail, preposition, noun));
  }

  private static String id(String path) {
    return Objects.of(path).map(Objects.Ref::id).orElse(path);
  }

  private static JsonNode find(JsonNode array, String name) {
    for (JsonNode n : array) {
      if (name.equals(n.path("name").asString(""))) {
        return n;
      }
    }
    return null;
  }

  private static JsonNode find(JsonNode array, String type, String name) {
    for (JsonNode n : array) {
      if (type.equals(n.path("type").asString("")) && name.equals(n.path("name").asString(""))) {
        return n;
      }
    }
    return null;
  }

  private static Set<String> names(JsonNode array, String field) {
    Set<String> out = new TreeSet<>();
    if (array != null) {
      array.forEach(n -> out.add(n.path(field).asString("")));
    }
    return out;
  }

  /**
   * The scalar members of an array as strings; anything else (objects, nested arrays, null) is left
   * out, so that a hand-edited file compared with cannot make the plan fail.
   */
  static Set<String> strings(JsonNode array) {
    Set<String> out = new TreeSet<>();
    if (array != null && array.isArray()) {
      for (JsonNode item : array) {
        if (item.isValueNode() && !item.isNull()) {
          out.add(item.asString(""));
        }
      }
    }
    return out;
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }
}
