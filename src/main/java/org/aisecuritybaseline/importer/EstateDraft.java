package org.aisecuritybaseline.importer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.entra.DirectoryRoleCatalogue;
import org.aisecuritybaseline.entra.FirstPartyApps;
import org.aisecuritybaseline.entra.GraphApi;
import org.aisecuritybaseline.entra.PolicyTemplate;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Capability;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.Tier;
import org.aisecuritybaseline.tenant.TenantSnapshot.DirectoryName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The estate an import decided, as the tree the YAML is written from (with its comments) and as the
 * bound {@link Estate} the baseline is expanded from. A pure function of its {@link Input}: the
 * same decisions always give the same keys, order and text.
 */
final class EstateDraft {
  static final String EXCLUSION_REASON = "imported from the tenant: review";
  static final String SKIP_REASON =
      "not in the tenant when imported: remove this skip to add the baseline policy";

  /** A custom policy with its ID. */
  record Custom(String id, Customs.Draft draft) {}

  /** Break-glass candidates: excluded from every imported policy that targets users. */
  record Proposal(List<String> users, List<String> groups) {
    boolean isEmpty() {
      return users.isEmpty() && groups.isEmpty();
    }
  }

  record Input(
      String tenantId,
      Map<String, DirectoryName> names,
      SortedMap<String, BaselineMatch.Candidate> adopted,
      List<Custom> customs,
      List<Locations.Draft> locations,
      Set<String> skipped,
      Proposal proposal,
      boolean adoptBreakGlass,
      Set<String> knownIds,
      ObjectNode threat) {}

  final ObjectNode tree = Json.NODES.objectNode();
  final EstateYaml yaml = new EstateYaml();

  /** The tenant's location IDs by estate key, to read generated references back. */
  final Map<String, String> locationIds = new TreeMap<>();

  /** IDs the snapshot does not name, by the subject of the policy that keeps them. */
  final Map<String, List<String>> unnamed = new LinkedHashMap<>();

  private final Input in;
  private final Map<String, String> groupKeys;
  private final Map<String, String> appKeys;
  private final Map<String, String> locationKeys;
  private final Set<String> breakGlassUsers = new TreeSet<>();
  private final Set<String> breakGlassGroups = new TreeSet<>();

  private EstateDraft(Input in) {
    this.in = in;
    if (in.adoptBreakGlass()) {
      breakGlassUsers.addAll(in.proposal().users());
      breakGlassGroups.addAll(in.proposal().groups());
    }
    groupKeys = Keys.allocate(groupRequests(), Set.of());
    appKeys = Keys.allocate(appRequests(), Set.of());
    List<Keys.Request> locations = new ArrayList<>();
    for (int i = 0; i < in.locations().size(); i++) {
      Locations.Draft l = in.locations().get(i);
      locations.add(new Keys.Request(locationRef(l, i), l.preferredKey(), "location"));
    }
    locationKeys = Keys.allocate(locations, Set.of());
  }

  static EstateDraft build(Input in) {
    EstateDraft d = new EstateDraft(in);
    d.write();
    return d;
  }

  /** The estate as the pipeline binds it. */
  Estate estate() {
    return Json.bind(tree, Estate.class);
  }

  private static String locationRef(Locations.Draft l, int index) {
    return l.tenantId() != null ? l.tenantId() : "#" + index;
  }

  // ---- what the adopted policies imply -------------------------------------------------------

  /** The binding of a symbol: from the adopted policy of the lowest ID that has one. */
  private List<String> binding(String symbol) {
    for (BaselineMatch.Candidate c : in.adopted().values()) {
      List<String> v = c.bindings().get(symbol);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private Tier tier() {
    Catalogue catalogue = Catalogue.builtIn();
    for (Tier t : Tier.values()) {
      boolean all =
          in.adopted().keySet().stream()
              .allMatch(id -> catalogue.get(id).orElseThrow().tiers().contains(t));
      if (all) {
        return t;
      }
    }
    return Tier.STARTING_POINT;
  }

  private Set<Capability> required() {
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    in.adopted()
        .keySet()
        .forEach(id -> caps.addAll(Catalogue.builtIn().get(id).orElseThrow().requires()));
    return caps;
  }

  /** directoryRoles.admins: what the admin and privileged role bindings need, or null. */
  private List<String> adminRoles() {
    DirectoryRoleCatalogue roles = DirectoryRoleCatalogue.get();
    List<String> admins = binding("roles.admins");
    Set<String> defaultAdmins = new TreeSet<>(roles.set("admins"));
    if (admins != null) {
      return new TreeSet<>(admins).equals(defaultAdmins) ? null : roleKeys(admins);
    }
    List<String> privileged = binding("roles.privileged");
    Set<String> defaultPrivileged = new TreeSet<>(roles.set("privileged"));
    if (privileged == null || new TreeSet<>(privileged).equals(defaultPrivileged)) {
      return null;
    }
    Set<String> extra = new TreeSet<>(privileged);
    extra.removeAll(defaultPrivileged);
    return privileged.containsAll(defaultPrivileged) ? roleKeys(List.copyOf(extra)) : null;
  }

  /** Role template IDs as the catalogue's keys where it has one, in the catalogue's order. */
  static List<String> roleKeys(List<String> ids) {
    DirectoryRoleCatalogue roles = DirectoryRoleCatalogue.get();
    Map<String, String> keyById = new LinkedHashMap<>();
    roles.names().keySet().forEach(k -> keyById.put(roles.templateId(k).orElseThrow(), k));
    List<String> out = new ArrayList<>();
    keyById.forEach(
        (id, key) -> {
          if (ids.contains(id)) {
            out.add(key);
          }
        });
    ids.stream().filter(id -> !keyById.containsKey(id)).sorted().forEach(out::add);
    return out;
  }

  private List<String> generativeAiApps() {
    List<String> ai = binding("apps.generativeAi");
    if (ai == null) {
      return List.of();
    }
    FirstPartyApps first = FirstPartyApps.get();
    return ai.stream()
        .filter(
            a ->
                !a.equals(first.appId("microsoft365Copilot"))
                    && !a.equals(first.appId("securityCopilot")))
        .toList();
  }

  private boolean aiService(String key) {
    List<String> ai = binding("apps.generativeAi");
    return ai != null && ai.contains(FirstPartyApps.get().appId(key));
  }

  // ---- groups and apps -------------------------------------------------------------------------

  /** Purposes by group ID: admins, specialized, pilot from the bindings; the rest "other". */
  private Map<String, String> purposes() {
    Map<String, String> purpose = new TreeMap<>();
    for (String[] p :
        new String[][] {
          {"groups.admins", "admins"},
          {"groups.specialized", "specialized"},
          {"groups.pilot", "pilot"}
        }) {
      List<String> ids = binding(p[0]);
      if (ids != null) {
        ids.forEach(id -> purpose.putIfAbsent(id, p[1]));
      }
    }
    for (BaselineMatch.Candidate c : in.adopted().values()) {
      for (String id : c.extras().getOrDefault("groups", List.of())) {
        if (!breakGlassGroups.contains(id)) {
          purpose.putIfAbsent(id, "other");
        }
      }
    }
    for (Custom c : in.customs()) {
      for (String field : List.of("includeGroups", "excludeGroups")) {
        for (String id : Json.strings(c.draft().body().at("/conditions/users/" + field))) {
          if (named(id, "group") && !breakGlassGroups.contains(id)) {
            purpose.putIfAbsent(Normal.guid(id), "other");
          }
        }
      }
    }
    return purpose;
  }

  private List<Keys.Request> groupRequests() {
    List<Keys.Request> out = new ArrayList<>();
    purposes().keySet().forEach(id -> out.add(new Keys.Request(id, Keys.slug(name(id)), "group")));
    return out;
  }

  /** App IDs to declare: generative-AI apps, excluded apps, and apps the custom policies name. */
  private Set<String> appIds() {
    Set<String> ids = new TreeSet<>(generativeAiApps());
    in.adopted().values().forEach(c -> ids.addAll(c.extras().getOrDefault("apps", List.of())));
    for (Custom c : in.customs()) {
      for (String field : List.of("includeApplications", "excludeApplications")) {
        for (String id : Json.strings(c.draft().body().at("/conditions/applications/" + field))) {
          if (named(id, "application") && FirstPartyApps.get().byAppId(id).isEmpty()) {
            ids.add(Normal.guid(id));
          }
        }
      }
    }
    return ids;
  }

  private List<Keys.Request> appRequests() {
    List<Keys.Request> out = new ArrayList<>();
    appIds().forEach(id -> out.add(new Keys.Request(id, Keys.slug(name(id)), "app")));
    return out;
  }

  private boolean named(String id, String kind) {
    DirectoryName n = in.names().get(Normal.guid(id));
    return Normal.GUID.matcher(id).matches()
        && n != null
        && kind.equals(n.kind())
        && n.displayName() != null
        && !n.displayName().isBlank();
  }

  private String name(String id) {
    DirectoryName n = in.names().get(Normal.guid(id));
    return n == null || n.displayName() == null || n.displayName().isBlank()
        ? null
        : n.displayName().strip();
  }

  /** A display name within the estate's 256 characters. */
  private static String shortName(String name) {
    return name.length() > 256 ? name.substring(0, 253) + "..." : name;
  }

  // ---- the tree
  // ----------------------------------------------------------------------------------

  private void write() {
    tree.put("apiVersion", "ai-security-baseline/v1");
    tree.put("kind", "Estate");
    tenant();
    breakGlass();
    groups();
    List<String> admins = adminRoles();
    if (admins != null) {
      yaml.comment(
          "/directoryRoles",
          "The admin policies target these roles in the tenant instead of Microsoft's recommended set.");
      tree.putObject("directoryRoles").set("admins", Json.stringArray(admins));
    }
    locations();
    apps();
    tree.putObject("baseline").put("tier", tier().key()).put("defaultStage", "report-only");
    yaml.comment(
        "/baseline",
        "The tier is the lowest that holds every adopted baseline policy; a baseline policy the",
        "tenant does not have is skipped below, so generating reproduces the tenant.");
    policies();
    customPolicies();
    agents();
    if (in.threat() != null) {
      tree.set("threat", in.threat().deepCopy());
      if (in.threat().has("azure")) {
        yaml.comment(
            "/threat",
            "Defender for Cloud as each subscription has it: under 'plans' only what differs from",
            "the recommended profile. Security contacts are not in the snapshot.");
      }
      if (in.threat().has("connectorHost")) {
        yaml.comment(
            "/threat/connectorHost",
            "The security connectors as the tenant has them: each AWS account and GCP project",
            "generates its connector again (what it would deploy otherwise is listed above).");
      }
      if (in.threat().has("azure")
          && !in.threat().path("azure").has("deploymentLocation")
          && !in.threat().has("connectorHost")) {
        yaml.comment(
            "/threat/azure",
            "Set deploymentLocation: the region recorded for the subscription deployments, such",
            "as westeurope (the snapshot has none; validate fails with E301 until it is set).");
      }
    }
  }

  private void tenant() {
    ObjectNode tenant = tree.putObject("tenant");
    tenant.put("id", in.tenantId());
    Set<Capability> caps = required();
    tenant.set(
        "licences",
        Json.stringArray(
            List.of(caps.contains(Capability.ENTRA_ID_P2) ? "entraIdP2" : "entraIdP1")));
    yaml.comment(
        "/tenant/licences",
        "Inferred from the imported policies, not read from the tenant: list its licences. They",
        "decide which baseline policies can be generated (the skips under 'policies' keep the rest out).");
    ObjectNode services = tenant.putObject("services");
    services.put("intune", caps.contains(Capability.INTUNE));
    services.put("purviewInsiderRisk", caps.contains(Capability.PURVIEW_INSIDER_RISK));
    services.put("microsoft365Copilot", aiService("microsoft365Copilot"));
    services.put("securityCopilot", aiService("securityCopilot"));
    yaml.comment(
        "/tenant/services",
        "Inferred from the adopted baseline policies: true where one of them needs the service.");
  }

  private void breakGlass() {
    ObjectNode bg = tree.putObject("breakGlass");
    Proposal p = in.proposal();
    if (in.adoptBreakGlass() && !p.isEmpty()) {
      yaml.comment(
          "/breakGlass",
          "Break-glass (emergency access), excluded from every policy that targets users. These are",
          "excluded from every imported policy and were taken as break-glass because the import was",
          "run with --adopt-break-glass: check that they are your emergency-access accounts.");
      principals(bg, "accounts", p.users());
      principals(bg, "groups", p.groups());
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add("Break-glass (emergency access): excluded from every policy that targets users. The");
    lines.add(
        "import does not choose them for you, so 'baseline validate' fails (E302) until you do.");
    if (p.isEmpty()) {
      lines.add("No account or group is excluded from every imported policy. List your emergency-");
      lines.add(
          "access accounts under breakGlass.accounts, or declare breakGlass.waiver with a reason.");
    } else {
      lines.add("Proposed: excluded from every imported policy (each policy keeps them as its own");
      lines.add("exclusion below). To take them, replace '{}' by the lines below without '# ':");
      for (String kind : List.of("accounts", "groups")) {
        List<String> ids = kind.equals("accounts") ? p.users() : p.groups();
        if (ids.isEmpty()) {
          continue;
        }
        lines.add("  " + kind + ":");
        for (String id : ids) {
          lines.add("    - id: " + id);
          String name = name(id);
          if (name != null) {
            lines.add("      name: " + EstateYaml.scalar(shortName(name)));
          }
        }
      }
      lines.add(
          "Or declare breakGlass.waiver with a reason if the tenant has no emergency access.");
    }
    yaml.comment("/breakGlass", lines.toArray(String[]::new));
  }

  private void principals(ObjectNode bg, String member, List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    ArrayNode list = bg.putArray(member);
    for (String id : ids) {
      ObjectNode o = list.addObject().put("id", id);
      String name = name(id);
      if (name != null) {
        o.put("name", shortName(name));
      }
    }
  }

  private void groups() {
    Map<String, String> purposes = purposes();
    if (purposes.isEmpty()) {
      return;
    }
    ArrayNode groups = tree.putArray("groups");
    yaml.comment(
        "/groups",
        "Groups the imported policies name, keyed by their display names. Purposes: admins,",
        "specialized and pilot where an adopted baseline policy targets the group that way.");
    groupKeys.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .forEach(
            e -> {
              ObjectNode g = groups.addObject().put("key", e.getValue()).put("id", e.getKey());
              String name = name(e.getKey());
              if (name != null) {
                g.put("name", shortName(name));
              }
              g.put("purpose", purposes.get(e.getKey()));
            });
  }

  private void locations() {
    if (in.locations().isEmpty()) {
      return;
    }
    ArrayNode list = tree.putArray("namedLocations");
    List<ObjectNode> entries = new ArrayList<>();
    for (int i = 0; i < in.locations().size(); i++) {
      Locations.Draft l = in.locations().get(i);
      String key = locationKeys.get(locationRef(l, i));
      ObjectNode o = Json.NODES.objectNode().put("key", key).put("name", l.name());
      o.setAll(l.fields());
      if (l.tenantId() != null) {
        o.put("tenantObjectId", l.tenantId());
        locationIds.put(key, l.tenantId());
      }
      entries.add(o);
    }
    entries.stream()
        .sorted(java.util.Comparator.comparing(o -> o.get("key").asString()))
        .forEach(list::add);
  }

  private void apps() {
    if (appKeys.isEmpty()) {
      return;
    }
    Set<String> ai = new TreeSet<>(generativeAiApps());
    ArrayNode apps = tree.putArray("apps");
    yaml.comment(
        "/apps",
        "Apps the imported policies name. The tenant does not say whether an app is SaaS or your",
        "own: each is imported as saas; set kind: custom and its hosting for apps you build.");
    appKeys.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .forEach(
            e -> {
              String name = name(e.getKey());
              ObjectNode a =
                  apps.addObject()
                      .put("key", e.getValue())
                      .put("name", shortName(name != null ? name : e.getKey()))
                      .put("appId", e.getKey())
                      .put("kind", "saas");
              if (ai.contains(e.getKey())) {
                a.put("generativeAi", true);
              }
            });
  }

  private void policies() {
    ObjectNode policies = tree.putObject("policies");
    Catalogue catalogue = Catalogue.builtIn();
    Set<String> ids = new TreeSet<>(in.adopted().keySet());
    ids.addAll(in.skipped());
    for (String id : ids) {
      String pointer = "/policies/" + id;
      ObjectNode settings = policies.putObject(id);
      BaselineMatch.Candidate c = in.adopted().get(id);
      PolicyTemplate t = catalogue.get(id).orElseThrow();
      if (c == null) {
        settings.putObject("skip").put("reason", SKIP_REASON);
        yaml.comment(pointer, t.name() + ": not in the tenant.");
        continue;
      }
      yaml.comment(pointer, t.name() + ": adopted from " + Importer.subject(c.policy()) + ".");
      settings.put("stage", c.stage().key());
      if (c.policy().id() != null && Normal.GUID.matcher(c.policy().id()).matches()) {
        settings.put("tenantObjectId", Normal.guid(c.policy().id()));
      }
      ObjectNode exclude = Json.NODES.objectNode();
      List<String> users = without(c.extras().get("users"), breakGlassUsers);
      if (id.equals(AgentImport.APPROVED_USERS_POLICY)) {
        // the agent users CA053 approves are written under agents.users, not as exclusions
        users = without(users, Set.copyOf(AgentImport.approvedUsers(in.adopted(), in.proposal())));
      }
      List<String> groups = without(c.extras().get("groups"), breakGlassGroups);
      List<String> excluded = new ArrayList<>(users);
      excluded.addAll(groups);
      excluded.addAll(c.extras().getOrDefault("roles", List.of()));
      excluded.addAll(c.extras().getOrDefault("apps", List.of()));
      List<String> unknown = unnamedIds(Json.stringArray(excluded));
      if (!unknown.isEmpty()) {
        unnamed.put(Importer.subject(c.policy()), unknown);
      }
      if (!users.isEmpty()) {
        exclude.set("users", Json.stringArray(users));
      }
      if (!groups.isEmpty()) {
        exclude.set(
            "groups", Json.stringArray(groups.stream().map(groupKeys::get).sorted().toList()));
      }
      List<String> roles = c.extras().getOrDefault("roles", List.of());
      if (!roles.isEmpty()) {
        exclude.set("roles", Json.stringArray(roleKeys(roles)));
      }
      List<String> apps = c.extras().getOrDefault("apps", List.of());
      if (!apps.isEmpty()) {
        exclude.set("apps", Json.stringArray(apps.stream().map(appKeys::get).sorted().toList()));
      }
      if (!exclude.isEmpty()) {
        exclude.put("reason", EXCLUSION_REASON);
        settings.set("exclude", exclude);
      }
    }
    if (policies.isEmpty()) {
      tree.remove("policies");
    }
  }

  private static List<String> without(List<String> ids, Set<String> left) {
    return ids == null ? List.of() : ids.stream().filter(id -> !left.contains(id)).toList();
  }

  private void customPolicies() {
    if (in.customs().isEmpty()) {
      return;
    }
    ArrayNode list = tree.putArray("customPolicies");
    for (int i = 0; i < in.customs().size(); i++) {
      Custom c = in.customs().get(i);
      String pointer = "/customPolicies/" + i;
      ObjectNode body = references(c.draft().body());
      List<String> lines = new ArrayList<>();
      lines.add("Imported from " + Importer.subject(c.draft().source()) + ".");
      c.draft().leftOut().forEach(l -> lines.add("Left out " + l + "."));
      List<String> unknown = unnamedIds(body);
      if (!unknown.isEmpty()) {
        unnamed.put(Importer.subject(c.draft().source()), unknown);
        lines.add(
            "IDs the snapshot does not name (deleted objects?): " + String.join(", ", unknown));
      }
      yaml.comment(pointer, lines.toArray(String[]::new));
      ObjectNode o = list.addObject();
      o.put("id", c.id());
      o.put("name", c.draft().name());
      o.put("summary", c.draft().summary());
      o.put("stage", c.draft().stage().key());
      o.set("policy", body);
      if (GraphApi.BETA.equals(c.draft().graphApi())) {
        o.put("graphApi", GraphApi.BETA);
      }
      String id = c.draft().source().id();
      if (id != null && Normal.GUID.matcher(id).matches()) {
        o.put("tenantObjectId", Normal.guid(id));
      }
    }
  }

  /** The agents section the adopted agent policies imply ({@link AgentImport}). */
  private void agents() {
    ObjectNode agents = AgentImport.section(in.adopted(), in.proposal(), this::name);
    if (agents == null) {
      return;
    }
    tree.set("agents", agents);
    yaml.comment(
        "/agents",
        "Derived from the adopted agent policies (CA050 to CA055): what CA051 excludes, and what",
        "CA053 excludes beyond break-glass, is approved (the tenant does not tell agent identity",
        "blueprint principals from agent identities: all are under identities.approved); CA054 and",
        "CA055 name the agent users that require a compliant device or network. Apps agents use as",
        "resources are not in the tenant: an app the generative-AI policies target is imported",
        "with generativeAi: true instead.");
    List<String> unknown = unnamedIds(Json.stringArray(AgentImport.ids(agents)));
    if (!unknown.isEmpty()) {
      unnamed.put("agents", unknown);
    }
  }

  /** The GUIDs left in a body that neither the snapshot nor this tool's catalogues name. */
  private List<String> unnamedIds(JsonNode node) {
    Set<String> out = new TreeSet<>();
    collect(node, out);
    out.removeIf(
        id ->
            in.knownIds().contains(id)
                || FirstPartyApps.get().byAppId(id).isPresent()
                || DirectoryRoleCatalogue.get().name(id).isPresent());
    return List.copyOf(out);
  }

  private static void collect(JsonNode node, Set<String> out) {
    if (node.isString() && Normal.GUID.matcher(node.asString()).matches()) {
      out.add(Normal.guid(node.asString()));
    }
    for (JsonNode child : node) {
      collect(child, out);
    }
  }

  /**
   * The body with the estate's references for the groups, apps and named locations it declares, and
   * without the break-glass the estate adds by itself.
   */
  private ObjectNode references(ObjectNode body) {
    ObjectNode copy = body.deepCopy();
    Map<String, String> locationKeyById = new TreeMap<>();
    locationIds.forEach((key, id) -> locationKeyById.put(id, key));
    rewrite(copy, "/conditions/users/includeGroups", groupKeys, "group:", Set.of());
    rewrite(copy, "/conditions/users/excludeGroups", groupKeys, "group:", breakGlassGroups);
    rewrite(copy, "/conditions/users/excludeUsers", Map.of(), "", breakGlassUsers);
    rewrite(copy, "/conditions/applications/includeApplications", appKeys, "app:", Set.of());
    rewrite(copy, "/conditions/applications/excludeApplications", appKeys, "app:", Set.of());
    rewrite(
        copy,
        "/conditions/locations/includeLocations",
        locationKeyById,
        "namedLocation:",
        Set.of());
    rewrite(
        copy,
        "/conditions/locations/excludeLocations",
        locationKeyById,
        "namedLocation:",
        Set.of());
    Customs.prune(copy);
    return copy;
  }

  private static void rewrite(
      ObjectNode body, String pointer, Map<String, String> keys, String prefix, Set<String> drop) {
    JsonNode node = body.at(pointer);
    if (!(node instanceof ArrayNode array)) {
      return;
    }
    Set<String> out = new TreeSet<>(); // a set in Graph: sorted, as the generated body has it
    for (JsonNode item : array) {
      String v = item.asString();
      String id = Normal.guid(v);
      if (drop.contains(id)) {
        continue;
      }
      String key = keys.get(id);
      out.add(key != null ? prefix + key : v);
    }
    int last = pointer.lastIndexOf('/');
    ((ObjectNode) body.at(pointer.substring(0, last)))
        .set(pointer.substring(last + 1), Json.stringArray(List.copyOf(out)));
  }
}
