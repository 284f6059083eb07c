package org.aisecuritybaseline.entra;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.family.LeftOut;
import org.aisecuritybaseline.family.ManagedMarker;
import org.aisecuritybaseline.family.Recommendation;
import org.aisecuritybaseline.family.Symbols;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.load.JsonPointers;
import org.aisecuritybaseline.model.Capability;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.Estate.Group.Purpose;
import org.aisecuritybaseline.model.Stage;
import org.aisecuritybaseline.model.Tier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Expands the baseline for one estate: picks the policies of the tier the tenant can run, resolves
 * symbols, applies exclusions, break-glass and the rollout stage, and adds the custom policies. A
 * pure function of the estate and the catalogue.
 */
public final class Expander {
  /**
   * Written into every generated policy's description; the deploy script only touches policies that
   * carry it.
   */
  public static final String MANAGED_MARKER = ManagedMarker.TEXT;

  private static final Map<String, String> EMPTY_SYMBOL_REASON =
      Map.of(
          "groups.specialized",
          "the estate declares no group with purpose 'specialized'",
          "apps.generativeAi",
          "the estate has no generative-AI app: set tenant.services.microsoft365Copilot or securityCopilot,"
              + " or mark an app with 'generativeAi: true'");

  /** The symbols that stand for the groups of one purpose. */
  public static final Map<String, Purpose> PURPOSE_SYMBOLS =
      Map.of(
          "groups.admins",
          Purpose.ADMINS,
          "groups.specialized",
          Purpose.SPECIALIZED,
          "groups.serviceAccounts",
          Purpose.SERVICE_ACCOUNTS);

  private final Estate estate;
  private final DirectoryRoleCatalogue roles = DirectoryRoleCatalogue.get();
  private final List<Finding> findings = new ArrayList<>();
  private final List<LeftOut> limitations = new ArrayList<>();

  private Expander(Estate estate) {
    this.estate = estate;
  }

  public static Expansion expand(Estate estate, Catalogue catalogue) {
    return new Expander(estate).run(catalogue);
  }

  private Expansion run(Catalogue catalogue) {
    Map<String, List<String>> symbols = symbolValues();
    Set<Capability> caps = estate.capabilities();
    Tier tier = estate.baseline().tier();
    List<PlannedPolicy> planned = new ArrayList<>();
    List<LeftOut> leftOut = new ArrayList<>();

    for (PolicyTemplate t : catalogue.all()) {
      if (!t.tiers().contains(tier)) {
        continue;
      }
      Estate.PolicySettings settings = estate.policies().get(t.id());
      String adopts = settings == null ? null : settings.tenantObjectId();
      if (settings != null && settings.skip() != null) {
        leftOut.add(
            new LeftOut(
                t.id(), t.name(), "skipped in the estate file: " + settings.skip().reason()));
        continue;
      }
      Set<Capability> missing = EnumSet.noneOf(Capability.class);
      missing.addAll(t.requires());
      missing.removeAll(caps);
      if (!missing.isEmpty()) {
        leftOut.add(
            new LeftOut(
                t.id(),
                t.name(),
                "needs "
                    + missing.stream()
                        .map(Capability::description)
                        .collect(Collectors.joining(" and "))
                    + notTakenOver(adopts)));
        continue;
      }
      List<String> emptySymbols = emptyIncludeSymbols(t.policy(), symbols);
      ObjectNode body = Symbols.resolve(t.policy(), symbols, Map.of());
      if (!hasIncludeSide(body)) {
        String why =
            emptySymbols.stream()
                .map(
                    s -> EMPTY_SYMBOL_REASON.getOrDefault(s, "'" + s + "' is empty in this estate"))
                .collect(Collectors.joining("; "));
        leftOut.add(
            new LeftOut(
                t.id(),
                t.name(),
                (why.isEmpty() ? "it targets nothing in this estate" : why)
                    + notTakenOver(adopts)));
        continue;
      }
      String pointer = JsonPointers.child("/policies", t.id());
      List<PlannedPolicy.AppliedExclusion> exclusions =
          new ArrayList<>(purposeExclusions(t.policy()));
      if (settings != null && settings.exclude() != null) {
        exclusions.addAll(applyExclusion(body, settings.exclude(), pointer + "/exclude"));
      }
      planned.add(
          finish(
              t.id(),
              t.fileStem(),
              t.name(),
              t.summary(),
              false,
              settings == null ? null : settings.stage(),
              pointer + "/stage",
              body,
              exclusions,
              t.recommendation(),
              t.notes(),
              adopts));
    }

    for (int i = 0; i < estate.customPolicies().size(); i++) {
      Estate.CustomPolicy c = estate.customPolicies().get(i);
      ObjectNode body = (ObjectNode) resolveTokens(c.policy().deepCopy());
      String summary = c.summary() != null ? c.summary() : "Custom policy from the estate file.";
      planned.add(
          finish(
              c.id(),
              c.id() + "-custom",
              c.name(),
              summary,
              true,
              c.stage(),
              "/customPolicies/" + i + "/stage",
              body,
              List.of(),
              null,
              List.of(),
              c.tenantObjectId()));
    }
    return new Expansion(
        List.copyOf(planned),
        List.copyOf(leftOut),
        List.copyOf(limitations),
        List.copyOf(findings));
  }

  /**
   * The policy's final body. {@code ownStage} is the stage the estate sets for this policy (null:
   * the default stage applies) and {@code ownStagePointer} where it would be. A pilot the policy
   * cannot take is an error where the policy asks for it, and report-only with a notice where the
   * default asks for it.
   */
  private PlannedPolicy finish(
      String id,
      String fileStem,
      String name,
      String summary,
      boolean custom,
      Stage ownStage,
      String ownStagePointer,
      ObjectNode body,
      List<PlannedPolicy.AppliedExclusion> requested,
      Recommendation rec,
      List<String> notes,
      String tenantObjectId) {
    List<PlannedPolicy.AppliedExclusion> exclusions = new ArrayList<>(excludeBreakGlass(body));
    exclusions.addAll(requested);
    Stage stage = ownStage != null ? ownStage : estate.baseline().defaultStage();
    if (stage == Stage.PILOT) {
      Optional<String> targets = notAllUsers(body);
      if (targets.isEmpty()) {
        applyPilot(body);
      } else if (ownStage != null) {
        findings.add(
            Finding.error(
                Code.E309,
                ownStagePointer,
                id
                    + " does not target all users, so it cannot be piloted on the pilot group; use report-only or enabled"));
      } else {
        stage = Stage.REPORT_ONLY;
        String why =
            "stays report-only: it targets "
                + targets.get()
                + ", not all users, so the pilot group cannot stand"
                + " in for its users; set "
                + (custom ? "its stage under customPolicies" : "policies." + id + ".stage")
                + " to report-only or enabled to decide";
        limitations.add(new LeftOut(id, name, why));
        notes = new ArrayList<>(notes);
        notes.add("The default stage is pilot, but this policy " + why + ".");
      }
    }
    body.put("displayName", id + " - " + name);
    body.put("description", summary + " " + MANAGED_MARKER);
    body.put("state", stage.graphState());
    ObjectNode canonical = (ObjectNode) canonical(body);
    List<String> locations = new ArrayList<>(new TreeSet<>(namedLocationTokens(canonical)));
    return new PlannedPolicy(
        id,
        fileStem,
        name,
        summary,
        custom,
        stage,
        canonical,
        exclusions,
        locations,
        rec,
        notes,
        tenantObjectId);
  }

  /**
   * For the reason of a left-out policy whose settings name a tenant object to take over: that
   * object is not taken over (the deploy script leaves it alone).
   */
  private static String notTakenOver(String tenantObjectId) {
    return tenantObjectId == null
        ? ""
        : "; the tenant policy "
            + tenantObjectId
            + " (its tenantObjectId) is not taken over and stays as it is";
  }

  /**
   * Groups that a template leaves out by their purpose ({@code groups.serviceAccounts} on an
   * exclude side): an exclusion like any other, with the reason the estate gives on the group.
   */
  private List<PlannedPolicy.AppliedExclusion> purposeExclusions(JsonNode template) {
    List<PlannedPolicy.AppliedExclusion> out = new ArrayList<>();
    for (JsonNode item : template.at("/conditions/users/excludeGroups")) {
      String symbol = item.path("$symbol").asString("");
      Purpose purpose = PURPOSE_SYMBOLS.get(symbol);
      if (purpose != null) {
        estate
            .groupsWithPurpose(purpose)
            .forEach(
                g ->
                    out.add(
                        new PlannedPolicy.AppliedExclusion(
                            PlannedPolicy.AppliedExclusion.Kind.GROUP,
                            g.id(),
                            g.key(),
                            g.name(),
                            g.reason(),
                            PlannedPolicy.AppliedExclusion.Source.PURPOSE)));
      }
    }
    return out;
  }

  private Map<String, List<String>> symbolValues() {
    Map<String, List<String>> values = new LinkedHashMap<>();
    List<String> adminOverride =
        estate.directoryRoles().admins().stream()
            .map(r -> roles.templateId(r).orElseThrow())
            .toList();
    values.put("roles.admins", adminOverride.isEmpty() ? roles.set("admins") : adminOverride);
    // The estate's admin roles widen the privileged set of the phishing-resistant policy; they
    // never narrow it.
    List<String> privileged = new ArrayList<>(roles.set("privileged"));
    adminOverride.stream().filter(r -> !privileged.contains(r)).forEach(privileged::add);
    values.put("roles.privileged", privileged);
    values.put("roles.directorySync", roles.set("directorySync"));
    PURPOSE_SYMBOLS.forEach((symbol, purpose) -> values.put(symbol, groupIds(purpose)));
    List<String> ai = new ArrayList<>();
    FirstPartyApps apps = FirstPartyApps.get();
    if (estate.tenant().services().microsoft365Copilot()) {
      ai.add(apps.appId("microsoft365Copilot"));
    }
    if (estate.tenant().services().securityCopilot()) {
      ai.add(apps.appId("securityCopilot"));
    }
    estate.apps().stream().filter(Estate.App::generativeAi).forEach(a -> ai.add(a.appId()));
    values.put("apps.generativeAi", ai);
    return values;
  }

  private List<String> groupIds(Purpose purpose) {
    return estate.groupsWithPurpose(purpose).stream().map(Estate.Group::id).toList();
  }

  /** Symbols used on the include side of users or applications that resolve to nothing. */
  private static List<String> emptyIncludeSymbols(
      JsonNode node, Map<String, List<String>> symbols) {
    List<String> out = new ArrayList<>();
    for (String field :
        List.of(
            "/conditions/users/includeGroups",
            "/conditions/users/includeRoles",
            "/conditions/applications/includeApplications")) {
      for (JsonNode item : node.at(field)) {
        if (item.has("$symbol")
            && symbols.getOrDefault(item.get("$symbol").asString(), List.of()).isEmpty()) {
          out.add(item.get("$symbol").asString());
        }
      }
    }
    return out;
  }

  /** A policy must target some users (or service principals) and some resources or user actions. */
  static boolean hasIncludeSide(JsonNode body) {
    JsonNode users = body.at("/conditions/users");
    boolean anyUsers =
        users.isMissingNode()
            ? !body.at("/conditions/clientApplications/includeServicePrincipals").isEmpty()
            : !users.path("includeUsers").isEmpty()
                || !users.path("includeGroups").isEmpty()
                || !users.path("includeRoles").isEmpty()
                || users.path("includeGuestsOrExternalUsers").isObject();
    JsonNode apps = body.at("/conditions/applications");
    boolean anyApps =
        !apps.path("includeApplications").isEmpty()
            || !apps.path("includeUserActions").isEmpty()
            || !apps.path("includeAuthenticationContextClassReferences").isEmpty();
    return anyUsers && anyApps;
  }

  private List<PlannedPolicy.AppliedExclusion> applyExclusion(
      ObjectNode body, Estate.Exclusion ex, String pointer) {
    List<PlannedPolicy.AppliedExclusion> applied = new ArrayList<>();
    ObjectNode users = body.at("/conditions/users") instanceof ObjectNode u ? u : null;
    if (users == null
        && (!ex.users().isEmpty() || !ex.groups().isEmpty() || !ex.roles().isEmpty())) {
      findings.add(
          Finding.error(
              Code.E309,
              pointer,
              "this policy targets no users, so users, groups or roles cannot be excluded"));
      return applied;
    }
    var estateSource = PlannedPolicy.AppliedExclusion.Source.ESTATE;
    for (String user : ex.users()) {
      array(users, "excludeUsers").add(user);
      applied.add(
          new PlannedPolicy.AppliedExclusion(
              PlannedPolicy.AppliedExclusion.Kind.USER,
              user,
              null,
              null,
              ex.reason(),
              estateSource));
    }
    for (String key : ex.groups()) {
      estate
          .group(key)
          .ifPresent(
              g -> {
                array(users, "excludeGroups").add(g.id());
                applied.add(
                    new PlannedPolicy.AppliedExclusion(
                        PlannedPolicy.AppliedExclusion.Kind.GROUP,
                        g.id(),
                        key,
                        g.name(),
                        ex.reason(),
                        estateSource));
              });
    }
    for (String role : ex.roles()) {
      roles
          .templateId(role)
          .ifPresent(
              id -> {
                array(users, "excludeRoles").add(id);
                applied.add(
                    new PlannedPolicy.AppliedExclusion(
                        PlannedPolicy.AppliedExclusion.Kind.ROLE,
                        id,
                        role.equals(id) ? null : role,
                        roles.name(id).orElse(null),
                        ex.reason(),
                        estateSource));
              });
    }
    if (!ex.apps().isEmpty()) {
      JsonNode include = body.at("/conditions/applications/includeApplications");
      if (include.isEmpty()) {
        findings.add(
            Finding.error(
                Code.E309,
                pointer + "/apps",
                "this policy targets user actions, not applications, so apps cannot be excluded from it"));
      } else {
        ObjectNode apps = (ObjectNode) body.at("/conditions/applications");
        for (String key : ex.apps()) {
          estate
              .app(key)
              .ifPresent(
                  a -> {
                    array(apps, "excludeApplications").add(a.appId());
                    applied.add(
                        new PlannedPolicy.AppliedExclusion(
                            PlannedPolicy.AppliedExclusion.Kind.APPLICATION,
                            a.appId(),
                            key,
                            a.name(),
                            ex.reason(),
                            estateSource));
                  });
        }
      }
    }
    return applied;
  }

  private List<PlannedPolicy.AppliedExclusion> excludeBreakGlass(ObjectNode body) {
    if (!(body.at("/conditions/users") instanceof ObjectNode users)) {
      return List.of(); // workload-identity policies: break-glass users are not in scope
    }
    List<PlannedPolicy.AppliedExclusion> out = new ArrayList<>();
    var source = PlannedPolicy.AppliedExclusion.Source.BREAK_GLASS;
    String reason =
        "break-glass (emergency access) is excluded from every policy that targets users";
    estate
        .breakGlass()
        .accounts()
        .forEach(
            a -> {
              array(users, "excludeUsers").add(a.id());
              out.add(
                  new PlannedPolicy.AppliedExclusion(
                      PlannedPolicy.AppliedExclusion.Kind.USER,
                      a.id(),
                      null,
                      a.name(),
                      reason,
                      source));
            });
    estate
        .breakGlass()
        .groups()
        .forEach(
            g -> {
              array(users, "excludeGroups").add(g.id());
              out.add(
                  new PlannedPolicy.AppliedExclusion(
                      PlannedPolicy.AppliedExclusion.Kind.GROUP,
                      g.id(),
                      null,
                      g.name(),
                      reason,
                      source));
            });
    return out;
  }

  /**
   * Empty when the policy targets "All users" and nothing else on its include side, so that the
   * pilot group can stand in for them; else whom it targets (admin roles, specific groups, guests,
   * workload identities).
   */
  private static Optional<String> notAllUsers(JsonNode body) {
    JsonNode users = body.at("/conditions/users");
    if (users.isMissingNode()) {
      return Optional.of("workload identities");
    }
    JsonNode include = users.path("includeUsers");
    if (include.size() == 1 && "All".equals(include.get(0).asString())) {
      return Optional.empty();
    }
    List<String> whom = new ArrayList<>();
    if (!users.path("includeRoles").isEmpty()) {
      whom.add("admin roles");
    }
    if (!users.path("includeGroups").isEmpty()) {
      whom.add("specific groups");
    }
    if (users.path("includeGuestsOrExternalUsers").isObject()) {
      whom.add("guests and external users");
    }
    if (!include.isEmpty()) {
      whom.add("specific users");
    }
    return Optional.of(whom.isEmpty() ? "no one in particular" : String.join(" and ", whom));
  }

  /** Enforces the policy for the pilot group instead of all users. */
  private void applyPilot(ObjectNode body) {
    ObjectNode users = (ObjectNode) body.at("/conditions/users");
    users.set("includeUsers", Json.NODES.arrayNode());
    ArrayNode groups = array(users, "includeGroups");
    groupIds(Purpose.PILOT).forEach(groups::add);
  }

  private JsonNode resolveTokens(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        e.setValue(resolveTokens(e.getValue()));
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode out = Json.NODES.arrayNode();
      for (JsonNode item : array) {
        if (item.isString() && item.asString().startsWith("group:")) {
          out.add(estate.group(item.asString().substring(6)).orElseThrow().id());
        } else if (item.isString() && item.asString().startsWith("app:")) {
          out.add(estate.app(item.asString().substring(4)).orElseThrow().appId());
        } else {
          out.add(resolveTokens(item));
        }
      }
      return out;
    }
    return node;
  }

  private static List<String> namedLocationTokens(JsonNode body) {
    List<String> keys = new ArrayList<>();
    for (String field :
        List.of(
            "/conditions/locations/includeLocations", "/conditions/locations/excludeLocations")) {
      for (JsonNode item : body.at(field)) {
        if (item.asString().startsWith("namedLocation:")) {
          keys.add(item.asString().substring("namedLocation:".length()));
        }
      }
    }
    return keys;
  }

  private static ArrayNode array(ObjectNode parent, String field) {
    JsonNode existing = parent.get(field);
    if (existing instanceof ArrayNode a) {
      return a;
    }
    ArrayNode created = Json.NODES.arrayNode();
    parent.set(field, created);
    return created;
  }

  /**
   * Sorted keys everywhere; arrays of strings are sets in Graph, so they are sorted and
   * de-duplicated.
   */
  static JsonNode canonical(JsonNode node) {
    JsonNode sorted = Json.sortKeys(node);
    return sortStringArrays(sorted);
  }

  private static JsonNode sortStringArrays(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        e.setValue(sortStringArrays(e.getValue()));
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      boolean allStrings = true;
      for (JsonNode item : array) {
        allStrings &= item.isString();
      }
      if (allStrings) {
        return Json.stringArray(Symbols.sortedUnique(Json.strings(array)));
      }
      ArrayNode out = Json.NODES.arrayNode();
      array.forEach(item -> out.add(sortStringArrays(item)));
      return out;
    }
    return node;
  }
}
