package org.aisecuritybaseline.checks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.diag.Location;
import org.aisecuritybaseline.entra.AgentPolicies;
import org.aisecuritybaseline.entra.DirectoryRoleCatalogue;
import org.aisecuritybaseline.entra.FirstPartyApps;
import org.aisecuritybaseline.entra.PlannedPolicy;
import org.aisecuritybaseline.load.JsonPointers;
import org.aisecuritybaseline.load.LoadedDocument;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.Stage;
import tools.jackson.databind.JsonNode;

/**
 * The policies an estate generates as check targets, each located at the estate line that causes
 * it: the policy's entry under {@code policies:} or {@code customPolicies:} (the tier for a
 * baseline policy the estate does not mention), each exclusion at its list item, the group's
 * purpose or the break-glass section.
 */
public final class EstateTargets {
  private final LoadedDocument document;
  private final Estate estate;
  private final String file;

  public EstateTargets(LoadedDocument document, Estate estate, String file) {
    this.document = document;
    this.estate = estate;
    this.file = file;
  }

  /** Where a result with no policy is located: the tier (or the baseline section). */
  public Place fallback() {
    return place("/baseline/tier", false);
  }

  public List<Target> targets(List<PlannedPolicy> policies) {
    List<Target> out = new ArrayList<>();
    for (PlannedPolicy p : policies) {
      String pointer = pointer(p);
      Place policyPlace = pointer == null ? fallback() : place(pointer, !p.custom());
      Map<String, Exclusion> exclusions = new HashMap<>();
      for (PlannedPolicy.AppliedExclusion e : p.exclusions()) {
        String kind = e.kind().json;
        Place where =
            switch (e.source()) {
              case BREAK_GLASS -> place("/breakGlass", true);
              case PURPOSE -> purpose(e.key(), policyPlace);
              case ESTATE -> item(pointer, e, policyPlace);
              case DIRECTORY_SYNC -> place("/tenant/directorySyncAccounts", true);
            };
        exclusions.put(
            Exclusion.slot(kind, e.id()),
            new Exclusion(
                kind,
                e.id(),
                e.key(),
                e.what(),
                e.source() == PlannedPolicy.AppliedExclusion.Source.BREAK_GLASS
                    || e.source() == PlannedPolicy.AppliedExclusion.Source.DIRECTORY_SYNC,
                where));
      }
      JsonNode roles = p.body().at("/conditions/users/excludeRoles");
      if (roles.isArray()) {
        for (JsonNode r : roles) {
          String id = r.asString();
          exclusions.computeIfAbsent(
              Exclusion.slot("role", id),
              k ->
                  new Exclusion(
                      "role",
                      id,
                      null,
                      "role "
                          + DirectoryRoleCatalogue.get()
                              .name(id)
                              .map(n -> "\"" + n + "\" (" + id + ")")
                              .orElse(id)
                          + " from the baseline's template",
                      false,
                      policyPlace));
        }
      }
      Place scopePlace = null;
      String scopeNote = null;
      if (p.stage() == Stage.PILOT) {
        scopeNote = "its stage is pilot, so it targets only the pilot group";
        String own = pointer == null ? null : JsonPointers.child(pointer, "stage");
        scopePlace =
            own != null && !document.root().at(own).isMissingNode()
                ? place(own, false)
                : place("/baseline/defaultStage", false);
      } else if (p.custom() && pointer != null) {
        scopePlace = place(pointer + "/policy/conditions/users", true);
      }
      JsonNode apps = p.body().at("/conditions/applications/excludeApplications");
      if (apps.isArray()) {
        for (JsonNode a : apps) {
          String id = a.asString();
          exclusions.computeIfAbsent(
              Exclusion.slot("application", id),
              k ->
                  new Exclusion(
                      "application",
                      id,
                      null,
                      "application "
                          + FirstPartyApps.get()
                              .byAppId(id)
                              .map(n -> "\"" + n.getValue() + "\" (" + id + ")")
                              .orElse(id)
                          + " from the baseline's template",
                      false,
                      policyPlace));
        }
      }
      out.add(
          new Target(
              p.id(),
              p.displayName(),
              p.body(),
              exclusions,
              policyPlace,
              scopePlace,
              scopeNote,
              AgentPolicies.forAgents(p)));
    }
    return out;
  }

  /** The policy's entry in the estate, or null when the estate does not mention it. */
  private String pointer(PlannedPolicy p) {
    if (p.custom()) {
      for (int i = 0; i < estate.customPolicies().size(); i++) {
        if (estate.customPolicies().get(i).id().equals(p.id())) {
          return JsonPointers.child("/customPolicies", i);
        }
      }
      return null;
    }
    return estate.policies().containsKey(p.id()) ? JsonPointers.child("/policies", p.id()) : null;
  }

  private Place purpose(String key, Place otherwise) {
    for (int i = 0; i < estate.groups().size(); i++) {
      if (estate.groups().get(i).key().equals(key)) {
        return place(JsonPointers.child(JsonPointers.child("/groups", i), "purpose"), false);
      }
    }
    return otherwise;
  }

  /** The list item under the policy's entry that names the excluded object. */
  private Place item(String pointer, PlannedPolicy.AppliedExclusion e, Place otherwise) {
    if (pointer == null) {
      return otherwise;
    }
    String found = find(document.root().at(pointer), pointer, e);
    return found == null ? otherwise : place(found, false);
  }

  private static String find(JsonNode node, String pointer, PlannedPolicy.AppliedExclusion e) {
    if (node.isString()) {
      String v = node.asString();
      String bare = v.contains(":") ? v.substring(v.indexOf(':') + 1) : v;
      return bare.equalsIgnoreCase(e.id()) || bare.equals(e.key()) ? pointer : null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String f = find(node.get(i), JsonPointers.child(pointer, i), e);
        if (f != null) {
          return f;
        }
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> m : node.properties()) {
        String f = find(m.getValue(), JsonPointers.child(pointer, m.getKey()), e);
        if (f != null) {
          return f;
        }
      }
    }
    return null;
  }

  /** The estate's {@code exceptions:}, each located at its list item. */
  public List<Waiver> waivers() {
    List<Waiver> out = new ArrayList<>();
    for (int i = 0; i < estate.exceptions().size(); i++) {
      Estate.RuleException e = estate.exceptions().get(i);
      out.add(
          new Waiver(
              i,
              e.rule(),
              e.policy(),
              e.object(),
              e.reason(),
              e.owner(),
              e.expiryDate(),
              place(JsonPointers.child("/exceptions", i), false)));
    }
    return out;
  }

  Place place(String pointer, boolean key) {
    Location l = key ? document.keyLocation(pointer) : document.valueLocation(pointer);
    return new Place(file, l.line(), l.column(), pointer);
  }
}
