package org.aisecuritybaseline.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Names for the IDs that Conditional Access policies hold, read from entra/deployment.json: its
 * {@code directory} (users, groups, roles, applications with key, name, purpose and break-glass
 * mark), its named locations and each policy's {@code exclusions} (with source and reason). Built
 * from the new output first and the old one second, so that something removed is still named.
 *
 * <p>A label reads {@code group legacy-scanners "SG-Legacy-Scan-To-Mail" (9d0e...)}: the kind, the
 * estate key, the display name in quotes and the ID; without a key, {@code account
 * bg-01@contoso.com (3d4e...)}; an ID the directory does not know is shown alone.
 */
final class Names {
  record Entry(String id, String key, String name, String purpose, boolean breakGlass) {}

  record Exclusion(String source, String kind, String id, String reason) {}

  private final Map<String, Map<String, Entry>> directory = new HashMap<>();
  private final Map<String, String> locations = new HashMap<>();
  private final Map<String, Exclusion> exclusions = new HashMap<>();
  private final Map<String, String> apiVersions = new HashMap<>();

  private Names() {}

  /**
   * @param deployments entra/deployment.json trees, the first naming an ID wins; null ones are
   *     skipped
   */
  static Names of(JsonNode... deployments) {
    Names n = new Names();
    for (JsonNode d : deployments) {
      if (d == null) {
        continue;
      }
      for (String kind : List.of("users", "groups", "roles", "applications")) {
        for (JsonNode e : d.path("directory").path(kind)) {
          String id = e.path("id").asString("");
          n.directory
              .computeIfAbsent(kind, k -> new HashMap<>())
              .putIfAbsent(
                  id,
                  new Entry(
                      id,
                      text(e, "key"),
                      text(e, "name"),
                      text(e, "purpose"),
                      e.path("breakGlass").asBoolean(false)));
        }
      }
      for (JsonNode l : d.path("namedLocations")) {
        n.locations.putIfAbsent(l.path("key").asString(""), text(l, "displayName"));
      }
      for (JsonNode p : d.path("policies")) {
        String policy = p.path("id").asString("");
        String version = text(p, "apiVersion");
        if (version != null) {
          n.apiVersions.putIfAbsent(policy, version);
        }
        for (JsonNode x : p.path("exclusions")) {
          Exclusion e =
              new Exclusion(
                  x.path("source").asString(""),
                  x.path("kind").asString(""),
                  x.path("id").asString(""),
                  text(x, "reason"));
          n.exclusions.putIfAbsent(policy + "/" + e.kind() + "/" + e.id(), e);
        }
      }
    }
    return n;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isString() || v.asString().isEmpty() ? null : v.asString();
  }

  /** The Graph version deployment.json names for a policy (v1.0 or beta), if it names one. */
  Optional<String> apiVersion(String policyId) {
    return Optional.ofNullable(apiVersions.get(policyId));
  }

  Optional<Entry> entry(String kind, String id) {
    return Optional.ofNullable(directory.getOrDefault(kind, Map.of()).get(id));
  }

  boolean isBreakGlass(String kind, String id) {
    return entry(kind, id).map(Entry::breakGlass).orElse(false);
  }

  /** A user, group or role (kind user, group, role) as a reviewer reads it. */
  String principal(String kind, String id) {
    switch (kind) {
      case "user" -> {
        switch (id) {
          case "All" -> {
            return "all users";
          }
          case "None" -> {
            return "no users";
          }
          case "GuestsOrExternalUsers" -> {
            return "guests and external users";
          }
          default -> {
            Optional<Entry> e = entry("users", id);
            return (e.map(Entry::breakGlass).orElse(false) ? "break-glass account " : "account ")
                + label(e, id);
          }
        }
      }
      case "group" -> {
        Optional<Entry> e = entry("groups", id);
        return (e.map(Entry::breakGlass).orElse(false) ? "break-glass group " : "group ")
            + label(e, id);
      }
      case "role" -> {
        return "role " + label(entry("roles", id), id);
      }
      default -> {
        return kind + " " + id;
      }
    }
  }

  /** An application, user action or keyword of {@code conditions.applications}. */
  String app(String id) {
    return switch (id) {
      case "All" -> "all apps";
      case "None" -> "no apps";
      case "Office365" -> "Office 365";
      case "MicrosoftAdminPortals" -> "Microsoft admin portals";
      default -> entry("applications", id).map(e -> "app " + label(Optional.of(e), id)).orElse(id);
    };
  }

  /**
   * A location of {@code conditions.locations}: {@code namedLocation:<key>}, All, AllTrusted or an
   * ID.
   */
  String location(String ref) {
    if (ref.startsWith("namedLocation:")) {
      return namedLocation(ref.substring("namedLocation:".length()), null);
    }
    return switch (ref) {
      case "All" -> "all locations";
      case "AllTrusted" -> "all trusted locations";
      default -> ref;
    };
  }

  /**
   * {@code named location hq "NL-hq - Contoso HQ"}; {@code displayName} when known from the
   * location's own file.
   */
  String namedLocation(String key, String displayName) {
    String name = displayName != null ? displayName : locations.get(key);
    return "named location " + key + (name == null ? "" : " \"" + name + "\"");
  }

  /**
   * The short name of a principal, for grouping and as a highlight's ID: its key, else its name,
   * else the ID.
   */
  String subject(String kind, String id) {
    if (kind.equals("user") && Set.of("All", "None", "GuestsOrExternalUsers").contains(id)) {
      return principal(kind, id);
    }
    String plural = kind.equals("user") ? "users" : kind.equals("group") ? "groups" : "roles";
    return entry(plural, id)
        .map(e -> e.key() != null ? e.key() : e.name() != null ? e.name() : id)
        .orElse(id);
  }

  /**
   * Why a policy leaves a principal out, as a clause: ", from the estate: reason", ", by its
   * purpose p: reason"; for what deployment.json does not list, ", by the baseline policy" (CA000
   * to CA099) or ", written in the custom policy"; nothing for break-glass accounts.
   */
  String why(String policy, String kind, String id) {
    Exclusion e = exclusions.get(policy + "/" + kind + "/" + id);
    if (e == null) {
      return policy.matches("CA0[0-9]{2}")
          ? ", by the baseline policy"
          : ", written in the custom policy";
    }
    String reason = e.reason() == null ? "" : ": " + e.reason();
    return switch (e.source()) {
      case "estate" -> ", from the estate" + reason;
      case "purpose" ->
          ", by its purpose " + entry(kind + "s", id).map(Entry::purpose).orElse("") + reason;
      case "breakGlass" -> "";
      default -> ", " + e.source() + reason;
    };
  }

  private static String label(Optional<Entry> entry, String id) {
    if (entry.isEmpty()) {
      return id;
    }
    Entry e = entry.get();
    String named =
        e.key() != null && e.name() != null
            ? e.key() + " \"" + e.name() + "\""
            : e.key() != null ? e.key() : e.name();
    return named == null ? id : named + " (" + id + ")";
  }
}
