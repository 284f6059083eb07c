package org.aisecuritybaseline.entra;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.render.Templates;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The identity family: policy and named-location bodies, deployment.json and the deploy script. */
public final class ConditionalAccessRenderer {
  public static final String DIR = "entra/";

  static final String SCRIPT_TEMPLATE = "scripts/deploy-conditional-access.ps1.ftl";

  private ConditionalAccessRenderer() {}

  public static List<Artifact> render(Estate estate, List<PlannedPolicy> policies) {
    List<Artifact> out = new ArrayList<>();
    for (PlannedPolicy p : policies) {
      out.add(new Artifact(DIR + policyFile(p), Json.writeBytes(policyBody(p))));
    }
    for (Estate.NamedLocation l : estate.namedLocations()) {
      out.add(new Artifact(DIR + locationFile(l), Json.writeBytes(namedLocationBody(l))));
    }
    out.add(new Artifact(DIR + "deployment.json", Json.writeBytes(deployment(estate, policies))));
    out.add(
        Artifact.text(
            DIR + "deploy-conditional-access.ps1",
            Templates.renderStatic(SCRIPT_TEMPLATE, Version.VALUE)));
    return out;
  }

  /**
   * The top-level members of every policy file: the members of Graph v1.0 conditionalAccessPolicy
   * that a create or update body carries (not the read-only id, createdDateTime and
   * modifiedDateTime, nor the service-populated deletedDateTime and templateId). Every file has all
   * of them, null where the policy has none: the deploy script sends the file as its update
   * (PATCH); members a PATCH leaves out "maintain their previous values or are recalculated"
   * (Graph, Update conditionalAccessPolicy), and Graph removes session controls only when the whole
   * object is set to null (terraform-provider-azuread, conditionalaccess.go). So a control added in
   * the portal is seen as a difference and removed.
   */
  public static final List<String> POLICY_MEMBERS =
      List.of(
          "conditions", "description", "displayName", "grantControls", "sessionControls", "state");

  /**
   * The policy's body with every member of {@link #POLICY_MEMBERS}, null where it has none; members
   * sorted.
   */
  static ObjectNode policyBody(PlannedPolicy p) {
    ObjectNode body = p.body().deepCopy();
    for (String member : POLICY_MEMBERS) {
      if (!body.has(member)) {
        body.putNull(member);
      }
    }
    return (ObjectNode) Json.sortKeys(body);
  }

  public static String policyFile(PlannedPolicy p) {
    return "conditional-access/" + p.fileStem() + ".json";
  }

  public static String locationFile(Estate.NamedLocation l) {
    return "named-locations/NL-" + l.key() + ".json";
  }

  public static String locationDisplayName(Estate.NamedLocation l) {
    return "NL-" + l.key() + " - " + l.name();
  }

  /** The Graph v1.0 create body of a named location. */
  public static ObjectNode namedLocationBody(Estate.NamedLocation l) {
    ObjectNode body = Json.NODES.objectNode();
    body.put("displayName", locationDisplayName(l));
    if (l.isIp()) {
      body.put("@odata.type", "#microsoft.graph.ipNamedLocation");
      body.put("isTrusted", l.trusted());
      ArrayNode ranges = body.putArray("ipRanges");
      l.ipRanges().stream()
          .sorted()
          .forEach(
              r -> {
                ObjectNode range = ranges.addObject();
                range.put(
                    "@odata.type",
                    r.contains(":")
                        ? "#microsoft.graph.iPv6CidrRange"
                        : "#microsoft.graph.iPv4CidrRange");
                range.put("cidrAddress", r);
              });
    } else {
      body.put("@odata.type", "#microsoft.graph.countryNamedLocation");
      body.set("countriesAndRegions", Json.stringArray(l.countries().stream().sorted().toList()));
      body.put(
          "countryLookupMethod", l.countryLookup() == null ? "clientIpAddress" : l.countryLookup());
      body.put("includeUnknownCountriesAndRegions", l.includeUnknownCountries());
    }
    return (ObjectNode) Json.sortKeys(body);
  }

  private static ObjectNode deployment(Estate estate, List<PlannedPolicy> policies) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("formatVersion", 1);
    root.put("generator", Version.NAME + " " + Version.VALUE);
    root.put("tenantId", estate.tenant().id().toLowerCase(java.util.Locale.ROOT));
    root.put("managedMarker", Expander.MANAGED_MARKER);
    ObjectNode bg = root.putObject("breakGlass");
    bg.set(
        "users",
        Json.stringArray(
            estate.breakGlass().accounts().stream().map(Estate.Principal::id).sorted().toList()));
    bg.set(
        "groups",
        Json.stringArray(
            estate.breakGlass().groups().stream().map(Estate.Principal::id).sorted().toList()));
    ArrayNode sps = root.putArray("servicePrincipals");
    FirstPartyApps apps = FirstPartyApps.get();
    for (String key : List.of("microsoft365Copilot", "securityCopilot")) {
      boolean used =
          policies.stream()
              .anyMatch(
                  p ->
                      Json.strings(p.body().at("/conditions/applications/includeApplications"))
                          .contains(apps.appId(key)));
      if (used) {
        sps.addObject().put("appId", apps.appId(key)).put("name", apps.name(key));
      }
    }
    ArrayNode locations = root.putArray("namedLocations");
    for (Estate.NamedLocation l : estate.namedLocations()) {
      ObjectNode entry =
          locations
              .addObject()
              .put("key", l.key())
              .put("displayName", locationDisplayName(l))
              .put("file", locationFile(l))
              .put("isTrusted", l.isIp() && l.trusted());
      putIfPresent(entry, "tenantObjectId", l.tenantObjectId());
    }
    ArrayNode list = root.putArray("policies");
    for (PlannedPolicy p : policies) {
      ObjectNode entry =
          list.addObject()
              .put("id", p.id())
              .put("displayName", p.displayName())
              .put("file", policyFile(p))
              .put("state", p.stage().graphState())
              // The Graph version the script creates and updates the policy through (section 2).
              .put("apiVersion", p.graphApi());
      // Only when set: the existing tenant policy the script takes over in place (docs/contracts.md
      // section 2).
      putIfPresent(entry, "tenantObjectId", p.tenantObjectId());
      entry.set("namedLocations", Json.stringArray(p.namedLocationKeys()));
      ArrayNode excluded = entry.putArray("exclusions");
      p.exclusions().stream()
          .sorted(
              java.util.Comparator.comparing((PlannedPolicy.AppliedExclusion x) -> x.source().json)
                  .thenComparing(x -> x.kind().json)
                  .thenComparing(PlannedPolicy.AppliedExclusion::id))
          .forEach(
              x -> {
                ObjectNode e =
                    excluded
                        .addObject()
                        .put("source", x.source().json)
                        .put("kind", x.kind().json)
                        .put("id", x.id());
                putIfPresent(e, "key", x.key());
                putIfPresent(e, "name", x.name());
                if (x.source() != PlannedPolicy.AppliedExclusion.Source.BREAK_GLASS) {
                  putIfPresent(
                      e, "reason", x.reason()); // break-glass has one reason, said by its source
                }
              });
    }
    root.set("directory", directory(estate, policies));
    return root;
  }

  /**
   * Every user, group, role and application a policy names, with the estate's key and a display
   * name where the estate or a catalogue has one, so that a reviewer (and plan) can name them.
   */
  private static ObjectNode directory(Estate estate, List<PlannedPolicy> policies) {
    java.util.Map<String, java.util.SortedSet<String>> ids = new java.util.TreeMap<>();
    for (String kind : List.of("Users", "Groups", "Roles", "Applications")) {
      java.util.SortedSet<String> found = new java.util.TreeSet<>();
      for (PlannedPolicy p : policies) {
        String parent =
            kind.equals("Applications") ? "/conditions/applications/" : "/conditions/users/";
        for (String side : List.of("include", "exclude")) {
          Json.strings(p.body().at(parent + side + kind)).stream()
              .filter(v -> v.matches("[0-9a-fA-F-]{36}"))
              .forEach(found::add);
        }
      }
      ids.put(kind, found);
    }
    ObjectNode directory = Json.NODES.objectNode();
    ArrayNode users = directory.putArray("users");
    for (String id : ids.get("Users")) {
      ObjectNode u = users.addObject().put("id", id);
      estate.breakGlass().accounts().stream()
          .filter(a -> a.id().equalsIgnoreCase(id))
          .findFirst()
          .ifPresent(a -> putIfPresent(u.put("breakGlass", true), "name", a.name()));
      List<Estate.Principal> sync = estate.tenant().directorySyncAccounts();
      if (sync != null && !u.has("breakGlass")) {
        sync.stream()
            .filter(a -> a.id().equalsIgnoreCase(id))
            .findFirst()
            .ifPresent(a -> putIfPresent(u, "name", a.name()));
      }
    }
    ArrayNode groups = directory.putArray("groups");
    for (String id : ids.get("Groups")) {
      ObjectNode g = groups.addObject().put("id", id);
      estate.groups().stream()
          .filter(x -> x.id().equalsIgnoreCase(id))
          .findFirst()
          .ifPresent(
              x -> {
                g.put("key", x.key());
                putIfPresent(g, "name", x.name());
                g.put("purpose", x.purpose().key());
              });
      estate.breakGlass().groups().stream()
          .filter(x -> x.id().equalsIgnoreCase(id))
          .findFirst()
          .ifPresent(x -> putIfPresent(g.put("breakGlass", true), "name", x.name()));
    }
    ArrayNode roles = directory.putArray("roles");
    for (String id : ids.get("Roles")) {
      putIfPresent(
          roles.addObject().put("id", id),
          "name",
          DirectoryRoleCatalogue.get().name(id).orElse(null));
    }
    ArrayNode apps = directory.putArray("applications");
    for (String id : ids.get("Applications")) {
      ObjectNode a = apps.addObject().put("id", id);
      estate.apps().stream()
          .filter(x -> x.appId().equalsIgnoreCase(id))
          .findFirst()
          .ifPresentOrElse(
              x -> {
                a.put("key", x.key());
                putIfPresent(a, "name", x.name());
              },
              () ->
                  FirstPartyApps.get()
                      .byAppId(id)
                      .ifPresent(e -> a.put("key", e.getKey()).put("name", e.getValue())));
    }
    return directory;
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
