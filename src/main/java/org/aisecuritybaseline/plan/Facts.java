package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.plan.Plan.Fact;
import tools.jackson.databind.JsonNode;

/**
 * What a new or removed object is, in words, so that a reviewer sees more than "the whole file is
 * new": a Conditional Access policy's state, users (named), apps, conditions, grant and session; a
 * named location's ranges or countries and trust; a DLP policy's mode, locations, exceptions and
 * rules; a subscription's Defender plans; a connector's offerings; Sentinel's workspace and data
 * connectors; the Entra ID log categories sent to the workspace.
 */
final class Facts {
  /** Long lists (ranges, countries) name this many members, then a count. */
  private static final int LISTED = 50;

  private final Names names;
  private final List<Fact> out = new ArrayList<>();

  private Facts(Names names) {
    this.names = names;
  }

  /**
   * The facts of the object in {@code path}, or none when the file is not one or cannot be read.
   */
  static List<Fact> of(String path, JsonNode node, Names names) {
    if (node == null || !node.isObject()) {
      return List.of();
    }
    Facts f = new Facts(names);
    String id = Objects.of(path).map(Objects.Ref::id).orElse(path);
    if (Objects.isConditionalAccess(path)) {
      f.conditionalAccess(id, node);
    } else if (Objects.isNamedLocation(path)) {
      f.namedLocation(node);
    } else if (Objects.isDlp(path)) {
      f.dlp(node);
    } else if (Objects.isSubscription(path)) {
      f.subscription(node);
    } else if (Objects.isConnector(path)) {
      f.connector(node);
    } else if (Objects.isSentinel(path)) {
      f.sentinel(node);
    } else if (Objects.isEntraDiagnostics(path)) {
      f.entraDiagnostics(node);
    }
    return List.copyOf(f.out);
  }

  // ---- identity ------------------------------------------------------------------------------

  private void conditionalAccess(String id, JsonNode p) {
    fact("Name", p.path("displayName").asString(""));
    String state = p.path("state").asString("");
    fact(
        "State",
        switch (state) {
          case "enabled" -> "enforced";
          case "enabledForReportingButNotEnforced" -> "report-only";
          default -> state;
        });
    if (names
        .apiVersion(id)
        .filter(org.aisecuritybaseline.entra.GraphApi.BETA::equals)
        .isPresent()) {
      List<String> why = org.aisecuritybaseline.entra.GraphApi.betaFeatures(p);
      fact(
          "Graph API",
          "beta" + (why.isEmpty() ? "" : " (only beta has " + String.join(", ", why) + ")"));
    }
    JsonNode users = p.at("/conditions/users");
    List<String> include = new ArrayList<>();
    List<String> exclude = new ArrayList<>();
    for (String kind : List.of("Users", "Groups", "Roles")) {
      String k = kind.substring(0, kind.length() - 1).toLowerCase(java.util.Locale.ROOT);
      Risks.strings(users.get("include" + kind)).forEach(x -> include.add(names.principal(k, x)));
      Risks.strings(users.get("exclude" + kind))
          .forEach(
              x ->
                  exclude.add(
                      names.principal(k, x)
                          + (names.isBreakGlass(k + "s", x) ? "" : names.why(id, k, x))));
    }
    other(users, include, "includeGuestsOrExternalUsers");
    other(users, exclude, "excludeGuestsOrExternalUsers");
    fact("Users", include.isEmpty() ? "none" : String.join("; ", include));
    exclude.forEach(x -> fact("Excluded", x)); // one each: a reason may hold any punctuation
    JsonNode apps = p.at("/conditions/applications");
    List<String> a = new ArrayList<>();
    names(apps.get("includeApplications"), names::app).forEach(a::add);
    names(apps.get("excludeApplications"), names::app).forEach(x -> a.add("except " + x));
    Risks.strings(apps.get("includeUserActions")).forEach(x -> a.add("user action " + x));
    Risks.strings(apps.get("includeAuthenticationContextClassReferences"))
        .forEach(x -> a.add("authentication context " + x));
    if (!a.isEmpty()) {
      fact("Applications", String.join("; ", a));
    }
    List<String> conditions = new ArrayList<>();
    JsonNode locations = p.at("/conditions/locations");
    names(locations.get("includeLocations"), names::location)
        .forEach(x -> conditions.add("from " + x));
    names(locations.get("excludeLocations"), names::location)
        .forEach(x -> conditions.add("except from " + x));
    for (var e : p.path("conditions").properties()) {
      if (!Set.of("users", "applications", "locations").contains(e.getKey())
          && !e.getValue().isNull()
          && !(e.getKey().equals("clientAppTypes")
              && Risks.strings(e.getValue()).equals(Set.of("all")))) {
        conditions.add(e.getKey() + " " + compact(e.getValue()));
      }
    }
    if (!conditions.isEmpty()) {
      fact("Conditions", String.join("; ", conditions));
    }
    JsonNode grant = p.path("grantControls");
    if (grant.isObject()) {
      List<String> controls = new ArrayList<>(Risks.strings(grant.get("builtInControls")));
      String strength = grant.path("authenticationStrength").path("id").asString("");
      if (!strength.isEmpty()) {
        controls.add("authentication strength " + STRENGTHS.getOrDefault(strength, strength));
      }
      Risks.strings(grant.get("termsOfUse")).forEach(t -> controls.add("terms of use " + t));
      fact(
          "Grant",
          controls.isEmpty()
              ? "none"
              : String.join(" " + grant.path("operator").asString("OR") + " ", controls));
    }
    JsonNode session = p.get("sessionControls");
    if (session != null && !session.isNull()) {
      fact("Session", compact(session));
    }
  }

  private static final Map<String, String> STRENGTHS =
      Map.of(
          "00000000-0000-0000-0000-000000000002", "multifactor authentication",
          "00000000-0000-0000-0000-000000000003", "passwordless MFA",
          "00000000-0000-0000-0000-000000000004", "phishing-resistant MFA");

  private static void other(JsonNode users, List<String> into, String field) {
    JsonNode v = users.get(field);
    if (v != null && !v.isNull()) {
      into.add("guests and external users " + compact(v));
    }
  }

  private void namedLocation(JsonNode l) {
    fact("Name", l.path("displayName").asString(""));
    if (l.has("ipRanges")) {
      Set<String> ranges = new TreeSet<>();
      l.get("ipRanges").forEach(r -> ranges.add(r.path("cidrAddress").asString("")));
      fact("IP ranges", ranges.size() + ": " + list(ranges));
      fact("Trusted", l.path("isTrusted").asBoolean(false) ? "yes" : "no");
    }
    if (l.has("countriesAndRegions")) {
      Set<String> countries = Risks.strings(l.get("countriesAndRegions"));
      fact("Countries", countries.size() + ": " + list(countries));
      fact(
          "Unknown countries",
          l.path("includeUnknownCountriesAndRegions").asBoolean(false)
              ? "included"
              : "not included");
      fact("Country from", l.path("countryLookupMethod").asString(""));
    }
  }

  // ---- data ----------------------------------------------------------------------------------

  private void dlp(JsonNode d) {
    JsonNode policy = d.path("policy");
    fact("Name", policy.path("Name").asString(""));
    String mode = policy.path("Mode").asString("");
    fact(
        "Mode",
        switch (mode) {
          case "Enable" -> "enforced (Enable)";
          case "Disable" -> "disabled (Disable)";
          case "TestWithNotifications" -> "simulation with policy tips (TestWithNotifications)";
          case "TestWithoutNotifications" ->
              "simulation without notifications (TestWithoutNotifications)";
          default -> mode;
        });
    List<String> locations = new ArrayList<>();
    List<String> exceptions = new ArrayList<>();
    for (var e : policy.properties()) {
      String key = e.getKey();
      if (key.endsWith("Location")) {
        locations.add(
            key.substring(0, key.length() - "Location".length())
                + " "
                + String.join(", ", Risks.strings(e.getValue())));
      } else if (key.equals("Locations")) {
        locations.add("apps " + e.getValue().asString(""));
      } else if (key.equals("EnforcementPlanes")) {
        locations.add("enforcement planes " + String.join(", ", Risks.strings(e.getValue())));
      } else if (key.endsWith("Exception") || key.startsWith("ExceptIf")) {
        exceptions.add(key + " " + String.join(", ", Risks.strings(e.getValue())));
      }
    }
    fact("Locations", locations.isEmpty() ? "none" : String.join("; ", locations));
    if (!exceptions.isEmpty()) {
      fact("Exceptions", String.join("; ", exceptions));
    }
    List<String> rules = new ArrayList<>();
    for (JsonNode r : d.path("rules")) {
      List<String> does = new ArrayList<>();
      if (r.path("BlockAccess").asBoolean(false)) {
        does.add("blocks access (" + r.path("BlockAccessScope").asString("All") + ")");
      }
      if (r.has("RestrictAccess")) {
        does.add("restricts " + compact(r.get("RestrictAccess")));
      }
      if (r.has("ReportSeverityLevel")) {
        does.add("severity " + r.get("ReportSeverityLevel").asString(""));
      }
      if (r.path("Disabled").asBoolean(false)) {
        does.add("disabled");
      }
      rules.add(
          r.path("Name").asString("")
              + (does.isEmpty() ? "" : " (" + String.join(", ", does) + ")"));
    }
    if (!rules.isEmpty()) {
      fact("Rules", String.join("; ", rules));
    }
  }

  // ---- threat --------------------------------------------------------------------------------

  private void subscription(JsonNode arm) {
    List<String> free = new ArrayList<>();
    for (JsonNode r : arm.path("resources")) {
      String type = r.path("type").asString("");
      if (type.equals("Microsoft.Security/pricings")) {
        JsonNode p = r.path("properties");
        String tier = p.path("pricingTier").asString("");
        if (tier.equals("Free")) {
          free.add(r.path("name").asString(""));
          continue;
        }
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (JsonNode e : p.path("extensions")) {
          ("True".equals(e.path("isEnabled").asString("")) ? on : off)
              .add(e.path("name").asString(""));
        }
        fact(
            r.path("name").asString(""),
            tier
                + (p.has("subPlan") ? " " + p.get("subPlan").asString("") : "")
                + (on.isEmpty() ? "" : "; extensions on: " + String.join(", ", on))
                + (off.isEmpty() ? "" : "; off: " + String.join(", ", off)));
      } else if (type.equals("Microsoft.Security/securityContacts")) {
        JsonNode p = r.path("properties");
        List<String> sources = new ArrayList<>();
        for (JsonNode n : p.path("notificationsSources")) {
          sources.add(
              n.path("sourceType").asString("")
                  + " from "
                  + n.path("minimalSeverity").asString(n.path("minimalRiskLevel").asString("")));
        }
        fact(
            "Security contact",
            p.path("emails").asString("")
                + "; roles "
                + String.join(", ", Risks.strings(p.at("/notificationsByRole/roles")))
                + "; "
                + String.join(", ", sources));
      } else {
        fact(type, r.path("name").asString(""));
      }
    }
    if (!free.isEmpty()) {
      fact("Free plans", String.join(", ", free));
    }
  }

  private void connector(JsonNode arm) {
    JsonNode p = arm.at("/resources/0/properties");
    fact(
        "Environment",
        p.path("environmentName").asString("")
            + " "
            + p.path("hierarchyIdentifier").asString("")
            + " ("
            + p.at("/environmentData/environmentType").asString("")
            + ")");
    List<String> offerings = new ArrayList<>();
    p.path("offerings").forEach(o -> offerings.add(o.path("offeringType").asString("")));
    fact("Offerings", String.join(", ", offerings));
    if (p.at("/environmentData/scanInterval").canConvertToInt()) {
      fact("Scan interval", p.at("/environmentData/scanInterval").asInt() + " hours");
    }
  }

  /**
   * An integer as a fact shows it: a previous output edited by hand may hold any JSON in its place,
   * shown as it is.
   */
  private static String integer(JsonNode n) {
    return n.canConvertToInt() || n.isMissingNode() ? String.valueOf(n.asInt(0)) : n.toString();
  }

  // ---- security operations -------------------------------------------------------------------

  private void sentinel(JsonNode arm) {
    List<String> connectors = new ArrayList<>();
    String workspace = "";
    for (JsonNode r : arm.path("resources")) {
      String type = r.path("type").asString("");
      if (type.equals("Microsoft.OperationalInsights/workspaces")) {
        fact(
            "Workspace",
            r.path("name").asString("")
                + " (created in "
                + r.path("location").asString("")
                + ", "
                + integer(r.at("/properties/retentionInDays"))
                + " days of retention)");
      } else if (type.equals("Microsoft.SecurityInsights/onboardingStates")) {
        workspace = r.path("scope").asString("");
      } else if (type.equals("Microsoft.SecurityInsights/dataConnectors")) {
        connectors.add(r.path("name").asString("") + " (" + r.path("kind").asString("") + ")");
      }
    }
    fact("Sentinel on", workspace);
    fact("Data connectors", connectors.isEmpty() ? "none" : String.join(", ", connectors));
  }

  private void entraDiagnostics(JsonNode arm) {
    JsonNode r = arm.at("/resources/0");
    fact("Workspace", r.at("/properties/workspaceId").asString(""));
    List<String> categories = new ArrayList<>();
    r.at("/properties/logs").forEach(l -> categories.add(l.path("category").asString("")));
    fact("Log categories", String.join(", ", categories));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private void fact(String label, String value) {
    out.add(new Fact(label, value));
  }

  private static List<String> names(JsonNode array, Function<String, String> name) {
    return Risks.strings(array).stream().map(name).toList();
  }

  private static String list(Set<String> values) {
    List<String> all = List.copyOf(values);
    return String.join(", ", all.subList(0, Math.min(LISTED, all.size())))
        + (all.size() > LISTED ? " and " + (all.size() - LISTED) + " more" : "");
  }

  private static String compact(JsonNode value) {
    return Json.compact(value);
  }
}
