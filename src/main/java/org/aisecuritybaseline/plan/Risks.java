package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.plan.Plan.Family;
import org.aisecuritybaseline.plan.Plan.Highlight;
import org.aisecuritybaseline.plan.Plan.Severity;
import tools.jackson.databind.JsonNode;

/**
 * The changes a reviewer must see first, read from the configuration itself: enforcement, break-glass
 * exclusions, user and app scope, grant strength, DLP simulation and locations, Defender plans and
 * extensions, connector offerings.
 */
final class Risks {
  private final Snapshot before;
  private final Snapshot after;
  private final List<Highlight> out = new ArrayList<>();

  private Risks(Snapshot before, Snapshot after) {
    this.before = before;
    this.after = after;
  }

  static List<Highlight> of(Snapshot before, Snapshot after) {
    Risks r = new Risks(before, after);
    r.run();
    return List.copyOf(r.out);
  }

  private void run() {
    Set<String> paths = new TreeSet<>(before.files().keySet());
    paths.addAll(after.files().keySet());
    breakGlassList();
    for (String path : paths) {
      JsonNode b = json(before, path);
      JsonNode a = json(after, path);
      if (Objects.isConditionalAccess(path)) {
        conditionalAccess(id(path), b, a);
      } else if (Objects.isDlp(path)) {
        dlp(id(path), b, a);
      } else if (Objects.isSubscription(path)) {
        subscription(id(path), b, a);
      } else if (Objects.isConnector(path)) {
        connector(id(path), b, a);
      }
    }
  }

  // ---- identity ------------------------------------------------------------------------------

  private void breakGlassList() {
    JsonNode b = json(before, "entra/deployment.json");
    JsonNode a = json(after, "entra/deployment.json");
    if (b == null || a == null) {
      return;
    }
    for (String kind : List.of("users", "groups")) {
      Set<String> lost = minus(strings(b.at("/breakGlass/" + kind)), strings(a.at("/breakGlass/" + kind)));
      lost.forEach(id -> add(Severity.HIGH, Family.IDENTITY, "break-glass",
          "break-glass " + kind.substring(0, kind.length() - 1) + " " + id + " is no longer declared in the estate"));
    }
  }

  private Set<String> breakGlass() {
    JsonNode b = json(before, "entra/deployment.json");
    Set<String> ids = new LinkedHashSet<>();
    if (b != null) {
      ids.addAll(strings(b.at("/breakGlass/users")));
      ids.addAll(strings(b.at("/breakGlass/groups")));
    }
    return ids;
  }

  private void conditionalAccess(String id, JsonNode b, JsonNode a) {
    if (b == null) {
      if (a != null && "enabled".equals(a.path("state").asString())) {
        add(Severity.HIGH, Family.IDENTITY, id, "new policy, enforced from the start" + forWhom(a));
      }
      return;
    }
    if (a == null) {
      add(Severity.MEDIUM, Family.IDENTITY, id, "no longer generated; the deploy script does not delete it, so it stays in the"
          + " tenant as it is");
      return;
    }
    String was = b.path("state").asString();
    String is = a.path("state").asString();
    if (!was.equals("enabled") && is.equals("enabled")) {
      add(Severity.HIGH, Family.IDENTITY, id, "moves from " + stateLabel(was) + " to enforced" + forWhom(a));
    } else if (was.equals("enabled") && !is.equals("enabled")) {
      add(Severity.MEDIUM, Family.IDENTITY, id, "stops being enforced (" + stateLabel(is) + ")");
    }
    Set<String> bg = breakGlass();
    for (String field : List.of("excludeUsers", "excludeGroups")) {
      Set<String> lost = minus(strings(b.at("/conditions/users/" + field)), strings(a.at("/conditions/users/" + field)));
      for (String x : lost) {
        if (bg.contains(x)) {
          add(Severity.HIGH, Family.IDENTITY, id, "break-glass " + (field.equals("excludeUsers") ? "account " : "group ") + x
              + " is no longer excluded");
        } else {
          add(Severity.MEDIUM, Family.IDENTITY, id, "user scope widened: " + x + " is no longer excluded (" + field + ")");
        }
      }
      Set<String> gained = minus(strings(a.at("/conditions/users/" + field)), strings(b.at("/conditions/users/" + field)));
      gained.forEach(x -> add(Severity.MEDIUM, Family.IDENTITY, id, "user scope narrowed: " + x + " is now excluded (" + field + ")"));
    }
    boolean enforced = was.equals("enabled") && is.equals("enabled");
    for (String field : List.of("includeUsers", "includeGroups", "includeRoles")) {
      Set<String> bi = strings(b.at("/conditions/users/" + field));
      Set<String> ai = strings(a.at("/conditions/users/" + field));
      minus(ai, bi).forEach(x -> add(enforced ? Severity.HIGH : Severity.MEDIUM, Family.IDENTITY, id,
          (enforced ? "enforcement widens: now includes " : "user scope widened: now includes ")
              + ("All".equals(x) ? "all users" : x) + " (" + field + ")"));
      minus(bi, ai).forEach(x -> add(Severity.MEDIUM, Family.IDENTITY, id, "user scope narrowed: no longer includes " + x
          + " (" + field + ")"));
    }
    for (String field : List.of("includeApplications", "includeUserActions")) {
      Set<String> bi = strings(b.at("/conditions/applications/" + field));
      Set<String> ai = strings(a.at("/conditions/applications/" + field));
      minus(ai, bi).forEach(x -> add(Severity.MEDIUM, Family.IDENTITY, id, "app scope widened: now covers " + x));
      minus(bi, ai).forEach(x -> add(Severity.MEDIUM, Family.IDENTITY, id, "app scope narrowed: no longer covers " + x));
    }
    Set<String> be = strings(b.at("/conditions/applications/excludeApplications"));
    Set<String> ae = strings(a.at("/conditions/applications/excludeApplications"));
    minus(ae, be).forEach(x -> add(Severity.MEDIUM, Family.IDENTITY, id, "app scope narrowed: " + x + " is now excluded"));
    minus(be, ae).forEach(x -> add(Severity.MEDIUM, Family.IDENTITY, id, "app scope widened: " + x + " is no longer excluded"));
    int gb = grantStrength(b);
    int ga = grantStrength(a);
    if (ga < gb) {
      add(Severity.HIGH, Family.IDENTITY, id, "grant weakened: " + grantLabel(gb) + " -> " + grantLabel(ga));
    }
  }

  private static String forWhom(JsonNode policy) {
    return strings(policy.at("/conditions/users/includeUsers")).contains("All") ? " for all users" : "";
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
        case "compliantDevice", "domainJoinedDevice", "compliantApplication", "approvedApplication" -> scores.add(20);
        default -> scores.add(10);
      }
    }
    String strength = grant.path("authenticationStrength").path("id").asString("");
    if (!strength.isEmpty()) {
      scores.add(switch (strength) {
        case "00000000-0000-0000-0000-000000000004" -> 40;
        case "00000000-0000-0000-0000-000000000003" -> 35;
        default -> 30;
      });
    }
    if (scores.isEmpty()) {
      return 0;
    }
    boolean and = "AND".equals(grant.path("operator").asString("OR"));
    return and ? scores.stream().max(Integer::compare).orElse(0) : scores.stream().min(Integer::compare).orElse(0);
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

  private static final List<String> DLP_LOCATIONS = List.of("ExchangeLocation", "SharePointLocation", "OneDriveLocation",
      "TeamsLocation", "EndpointDlpLocation", "Locations");

  private void dlp(String id, JsonNode b, JsonNode a) {
    if (b == null) {
      if (a != null && "Enable".equals(a.at("/policy/Mode").asString())) {
        add(Severity.HIGH, Family.DATA, id, "new policy, enforced from the start (no simulation)");
      }
      return;
    }
    if (a == null) {
      add(Severity.MEDIUM, Family.DATA, id, "no longer generated; the deploy script does not delete it, so it stays in the tenant");
      return;
    }
    String was = b.at("/policy/Mode").asString();
    String is = a.at("/policy/Mode").asString();
    if (!was.equals("Enable") && is.equals("Enable")) {
      add(Severity.HIGH, Family.DATA, id, "leaves " + (was.startsWith("Test") ? "simulation" : "the disabled state") + " and is enforced");
    } else if (was.equals("Enable") && !is.equals("Enable")) {
      add(Severity.MEDIUM, Family.DATA, id, "stops being enforced (" + is + ")");
    }
    for (String location : DLP_LOCATIONS) {
      if (b.at("/policy").has(location) && !a.at("/policy").has(location)) {
        add(Severity.HIGH, Family.DATA, id, "loses the location " + location);
      }
    }
    Set<String> rulesBefore = names(b.get("rules"), "Name");
    Set<String> rulesAfter = names(a.get("rules"), "Name");
    minus(rulesBefore, rulesAfter).forEach(r -> add(Severity.MEDIUM, Family.DATA, id, "rule " + r
        + " is no longer generated (the deploy script leaves it in place)"));
  }

  // ---- threat --------------------------------------------------------------------------------

  private void subscription(String id, JsonNode b, JsonNode a) {
    if (b == null) {
      return;
    }
    if (a == null) {
      add(Severity.HIGH, Family.THREAT, id, "subscription no longer managed; its plans stay as they are");
      return;
    }
    for (JsonNode pb : b.path("resources")) {
      if (!"Microsoft.Security/pricings".equals(pb.path("type").asString())) {
        continue;
      }
      String plan = pb.get("name").asString();
      JsonNode pa = find(a.path("resources"), plan);
      String tierBefore = pb.at("/properties/pricingTier").asString();
      if (pa == null) {
        add(Severity.HIGH, Family.THREAT, id, "plan " + plan + " is no longer managed");
        continue;
      }
      if (tierBefore.equals("Standard") && pa.at("/properties/pricingTier").asString().equals("Free")) {
        add(Severity.HIGH, Family.THREAT, id, "plan " + plan + " is downgraded to Free");
        continue;
      }
      String spb = pb.at("/properties/subPlan").asString("");
      String spa = pa.at("/properties/subPlan").asString("");
      if (!spb.equals(spa) && !spb.isEmpty()) {
        add(Severity.MEDIUM, Family.THREAT, id, "plan " + plan + " changes sub-plan " + spb + " -> " + (spa.isEmpty() ? "none" : spa));
      }
      for (JsonNode eb : pb.at("/properties/extensions")) {
        if (!"True".equals(eb.path("isEnabled").asString())) {
          continue;
        }
        JsonNode ea = find(pa.at("/properties/extensions"), eb.get("name").asString());
        if (ea == null || !"True".equals(ea.path("isEnabled").asString())) {
          add(Severity.HIGH, Family.THREAT, id, "extension " + eb.get("name").asString() + " of " + plan + " is disabled");
        }
      }
    }
  }

  private void connector(String id, JsonNode b, JsonNode a) {
    if (b == null) {
      return;
    }
    if (a == null) {
      add(Severity.HIGH, Family.THREAT, id, "connector no longer generated (the deploy script does not delete it)");
      return;
    }
    Set<String> ob = names(b.at("/resources/0/properties/offerings"), "offeringType");
    Set<String> oa = names(a.at("/resources/0/properties/offerings"), "offeringType");
    minus(ob, oa).forEach(o -> add(Severity.HIGH, Family.THREAT, id, "offering " + o + " is removed from the connector"));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private void add(Severity severity, Family family, String id, String reason) {
    out.add(new Highlight(severity, family, id, reason));
  }

  private static String id(String path) {
    return Objects.of(path).map(Objects.Ref::id).orElse(path);
  }

  private static JsonNode json(Snapshot s, String path) {
    String text = s.text(path);
    if (text == null) {
      return null;
    }
    try {
      return Json.parse(text);
    } catch (RuntimeException e) {
      return null; // not JSON (edited by hand): the text diff still shows it
    }
  }

  private static JsonNode find(JsonNode array, String name) {
    for (JsonNode n : array) {
      if (name.equals(n.path("name").asString())) {
        return n;
      }
    }
    return null;
  }

  private static Set<String> names(JsonNode array, String field) {
    Set<String> out = new TreeSet<>();
    if (array != null) {
      array.forEach(n -> out.add(n.path(field).asString()));
    }
    return out;
  }

  private static Set<String> strings(JsonNode array) {
    return new TreeSet<>(Json.strings(array == null || array.isMissingNode() ? null : array));
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }
}
