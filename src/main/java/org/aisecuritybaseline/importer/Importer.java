package org.aisecuritybaseline.importer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Diagnostic;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.diag.SourceFile;
import org.aisecuritybaseline.entra.AgentPolicies;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.entra.Expander;
import org.aisecuritybaseline.entra.Expansion;
import org.aisecuritybaseline.entra.PlannedPolicy;
import org.aisecuritybaseline.entra.PolicyTemplate;
import org.aisecuritybaseline.family.LeftOut;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Tier;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import org.aisecuritybaseline.tenant.TenantSnapshot.DirectoryName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code baseline import}: a tenant snapshot to an estate that reproduces it, as far as the estate
 * can express it, and the list of what it cannot. A pure function of the snapshot and the options.
 *
 * <ol>
 *   <li>Named locations (IP and country) become {@code namedLocations} ({@link Locations}).
 *   <li>Every Conditional Access policy is matched against every baseline template ({@link
 *       BaselineMatch}); the tier that holds the most matched templates is chosen, and each of its
 *       templates adopts the first tenant policy (by display name, then ID) that matches it. The
 *       agent policies (CA050 to CA055) are matched by {@link AgentImport}, which also writes the
 *       estate's agents section from them.
 *   <li>The estate those adoptions imply (groups by purpose, admin roles, generative-AI apps,
 *       licences, services, exclusions) is expanded by the baseline; a policy is adopted only if
 *       the generated body is the tenant's body (displayName, description and state aside), else it
 *       becomes a custom policy and the rest is expanded again.
 *   <li>Every other policy becomes a custom policy ({@link Customs}); the baseline policies the
 *       tenant does not have are skipped; accounts excluded from every imported policy are proposed
 *       as break-glass.
 *   <li>The written YAML is validated as {@code baseline validate} would; a custom policy the
 *       estate refuses is left out and listed.
 * </ol>
 */
public final class Importer {
  /**
   * @param tenantId the tenant's ID when the snapshot does not say (loose files), else null
   * @param adoptBreakGlass take the accounts and groups excluded from every imported policy as
   *     break-glass (else they are only proposed, in a comment)
   * @param deploymentLocation the region written as threat.azure.deploymentLocation, or null (the
   *     snapshot has none; validate then asks for it)
   */
  public record Options(String tenantId, boolean adoptBreakGlass, String deploymentLocation) {
    public static final Options DEFAULTS = new Options(null, false, null);
  }

  /** The snapshot cannot be imported at all (E601). */
  public static final class Refused extends Exception {
    private final Code code;

    public Refused(Code code, String message) {
      super(message);
      this.code = code;
    }

    public Code code() {
      return code;
    }
  }

  private final TenantSnapshot snapshot;
  private final Options options;
  private final String tenantId;
  private final Map<String, DirectoryName> names = new HashMap<>();
  private final Notes notes = new Notes();
  private final Catalogue catalogue = Catalogue.builtIn();

  /** The threat section, changed in place when validation refuses a plan's settings. */
  private ObjectNode threat;

  private final List<TenantObject> policies;

  /** IDs the snapshot names: directory objects, named locations, authentication strengths. */
  private final Set<String> knownIds = new TreeSet<>();

  /** Each policy as a custom policy (null: Graph v1.0 cannot hold it), with its own notes. */
  private final Map<Integer, Customs.Draft> customs = new HashMap<>();

  private final Map<Integer, Notes> customNotes = new HashMap<>();

  /** Why a policy was not adopted as a baseline policy it looked like, by policy index. */
  private final Map<Integer, String> notAdopted = new TreeMap<>();

  private Importer(TenantSnapshot snapshot, Options options, String tenantId) {
    this.snapshot = snapshot;
    this.options = options;
    this.tenantId = tenantId;
    if (snapshot.names() != null) {
      snapshot.names().forEach((id, n) -> names.put(Normal.guid(id), n));
    }
    this.policies = sorted(list(snapshot.policies()));
    names.forEach(
        (id, n) -> {
          if (n != null && n.displayName() != null && !n.displayName().isBlank()) {
            knownIds.add(id);
          }
        });
    for (TenantObject o :
        concat(list(snapshot.namedLocations()), list(snapshot.authenticationStrengths()))) {
      if (o.id() != null) {
        knownIds.add(Normal.guid(o.id()));
      }
    }
  }

  public static ImportResult run(TenantSnapshot snapshot, Options options) throws Refused {
    String id = options.tenantId() != null ? options.tenantId() : snapshot.tenantId();
    if (id == null || !Normal.GUID.matcher(id).matches()) {
      throw new Refused(
          Code.E601,
          id == null
              ? "the snapshot does not name its tenant (no snapshot.json with tenantId); give the"
                  + " tenant ID with --tenant-id"
              : "the tenant ID '" + id + "' is not a GUID");
    }
    return new Importer(snapshot, options, id.toLowerCase(Locale.ROOT)).run();
  }

  private ImportResult run() {
    List<Locations.Draft> locations = Locations.convert(list(snapshot.namedLocations()), notes);
    for (int i = 0; i < policies.size(); i++) {
      Notes own = new Notes();
      customs.put(i, Customs.convert(policies.get(i), own));
      customNotes.put(i, own);
    }
    SortedMap<String, BaselineMatch.Candidate> adopted = adopt();
    threat = DefenderImport.convert(snapshot, options.deploymentLocation(), notes);
    dlp();

    // Expand the estate the adoptions imply until every adopted policy is generated as it is.
    Set<String> skipped = new TreeSet<>();
    Set<Integer> dropped = new TreeSet<>();
    EstateDraft.Input input;
    EstateDraft draft;
    while (true) {
      input = input(adopted, locations, skipped, dropped, threat);
      Map<String, String> failed = AgentImport.unfit(adopted, input.proposal());
      draft = EstateDraft.build(input);
      Expansion x = Expander.expand(draft.estate(), catalogue);
      if (failed.isEmpty()) {
        failed = verify(adopted, x);
      }
      if (!failed.isEmpty()) {
        failed.forEach(
            (template, why) -> {
              int index = policies.indexOf(adopted.remove(template).policy());
              notAdopted.put(index, "not adopted as " + template + ": " + why);
            });
        skipped = new TreeSet<>(); // the tier may be lower now
        continue;
      }
      Set<String> more = new TreeSet<>();
      x.policies().stream()
          .filter(p -> !p.custom() && !adopted.containsKey(p.id()))
          .forEach(p -> more.add(p.id()));
      if (!more.isEmpty()) {
        skipped.addAll(more);
        continue;
      }
      if (!selfCheck(draft, input, dropped)) {
        checkCustoms(draft, input, x);
        break;
      }
    }
    return result(draft, input, adopted, locations, dropped);
  }

  // ---- adoption ------------------------------------------------------------------------------

  /**
   * The templates {@link BaselineMatch} adopts a tenant policy as: Microsoft's baseline, not the
   * policies that only a conformance profile brings in (an imported estate turns no profile on),
   * nor the agent policies, whose symbols {@link AgentImport} fills instead (they come with the
   * estate's agents section, which the import writes from them).
   */
  private List<PolicyTemplate> withoutProfile() {
    return catalogue.all().stream()
        .filter(t -> t.profiles().isEmpty() && !AgentPolicies.BASELINE.contains(t.id()))
        .toList();
  }

  /** The tier with the most matched templates, and each of its templates' first match. */
  private SortedMap<String, BaselineMatch.Candidate> adopt() {
    Map<Integer, Map<String, BaselineMatch.Outcome>> outcomes = new LinkedHashMap<>();
    for (int i = 0; i < policies.size(); i++) {
      Map<String, BaselineMatch.Outcome> byTemplate = new TreeMap<>();
      for (PolicyTemplate t : withoutProfile()) {
        byTemplate.put(t.id(), BaselineMatch.match(t, policies.get(i)));
      }
      outcomes.put(i, byTemplate);
    }
    Tier best = Tier.STARTING_POINT;
    int bestCount = -1;
    for (Tier tier : Tier.values()) {
      int count = 0;
      for (PolicyTemplate t : withoutProfile()) {
        if (t.tiers().contains(tier)
            && outcomes.values().stream().anyMatch(o -> o.get(t.id()).candidate() != null)) {
          count++;
        }
      }
      if (count > bestCount) {
        best = tier;
        bestCount = count;
      }
    }
    SortedMap<String, BaselineMatch.Candidate> adopted = new TreeMap<>();
    Set<Integer> taken = new TreeSet<>();
    for (PolicyTemplate t : withoutProfile()) {
      for (int i = 0; i < policies.size(); i++) {
        BaselineMatch.Candidate c = outcomes.get(i).get(t.id()).candidate();
        if (c == null || taken.contains(i)) {
          continue;
        }
        if (!t.tiers().contains(best)) {
          notAdopted.putIfAbsent(
              i,
              "not adopted as "
                  + t.id()
                  + ": it is not part of the "
                  + best.key()
                  + " tier, which holds more of the tenant's policies");
        } else if (adopted.containsKey(t.id())) {
          notAdopted.putIfAbsent(i, alreadyAdopted(t.id(), adopted));
        } else {
          adopted.put(t.id(), c);
          taken.add(i);
        }
      }
    }
    agents(adopted, taken);
    // A policy named after a baseline policy that is no match says why.
    for (int i = 0; i < policies.size(); i++) {
      String display = displayName(policies.get(i));
      var own = java.util.regex.Pattern.compile("^(CA0[0-9]{2}) - ").matcher(display);
      if (!taken.contains(i) && !notAdopted.containsKey(i) && own.find()) {
        BaselineMatch.Outcome o = outcomes.get(i).get(own.group(1));
        if (o != null && o.miss() != null) {
          notAdopted.put(
              i,
              "not adopted as " + own.group(1) + ": it differs from the baseline at " + o.miss());
        }
      }
    }
    return adopted;
  }

  /** Why a second match of a template is not adopted: another policy already is. */
  private static String alreadyAdopted(
      String id, SortedMap<String, BaselineMatch.Candidate> adopted) {
    return "not adopted as "
        + id
        + ": "
        + subject(adopted.get(id).policy())
        + " is adopted as "
        + id;
  }

  /**
   * The agent policies (CA050 to CA055) among the policies no other template took: each agent
   * template adopts the first that {@link AgentImport} matches. A policy named after an agent
   * policy that is no match, or that has an agent policy's shape but values the estate cannot hold,
   * says why.
   */
  private void agents(SortedMap<String, BaselineMatch.Candidate> adopted, Set<Integer> taken) {
    List<PolicyTemplate> templates =
        catalogue.all().stream().filter(t -> AgentPolicies.BASELINE.contains(t.id())).toList();
    for (PolicyTemplate t : templates) {
      for (int i = 0; i < policies.size(); i++) {
        if (taken.contains(i)) {
          continue;
        }
        BaselineMatch.Outcome o = AgentImport.match(t, policies.get(i));
        if (o.candidate() == null) {
          if (AgentImport.nearMiss(o.miss())
              || displayName(policies.get(i)).startsWith(t.id() + " - ")) {
            notAdopted.putIfAbsent(i, "not adopted as " + t.id() + ": " + o.miss());
          }
        } else if (adopted.containsKey(t.id())) {
          notAdopted.putIfAbsent(i, alreadyAdopted(t.id(), adopted));
        } else {
          adopted.put(t.id(), o.candidate());
          taken.add(i);
          notAdopted.remove(i);
        }
      }
    }
  }

  /** Adopted policies whose generated body is not the tenant's, with the first difference. */
  private Map<String, String> verify(
      SortedMap<String, BaselineMatch.Candidate> adopted, Expansion x) {
    Map<String, String> failed = new TreeMap<>();
    for (BaselineMatch.Candidate c : adopted.values()) {
      PlannedPolicy p =
          x.policies().stream().filter(q -> q.id().equals(c.templateId())).findFirst().orElse(null);
      if (p == null) {
        String why =
            x.leftOut().stream()
                .filter(l -> l.id().equals(c.templateId()))
                .map(LeftOut::reason)
                .findFirst()
                .orElse("the baseline does not generate it for this estate");
        failed.put(c.templateId(), why);
      } else if (p.stage() != c.stage()) {
        failed.put(
            c.templateId(),
            "the baseline would generate it in stage "
                + p.stage().key()
                + ", the tenant has "
                + c.stage().key());
      } else {
        String d = Normal.diff(Normal.policy(p.body()), Normal.policy(c.policy().body()), "");
        if (d != null) {
          failed.put(c.templateId(), "the estate would generate it otherwise: " + d);
        }
      }
    }
    return failed;
  }

  /**
   * The custom policies as generated against the tenant's bodies: a difference is a defect of this
   * import, reported rather than hidden.
   */
  private void checkCustoms(EstateDraft draft, EstateDraft.Input input, Expansion x) {
    for (EstateDraft.Custom c : input.customs()) {
      PlannedPolicy p =
          x.policies().stream()
              .filter(q -> q.custom() && q.id().equals(c.id()))
              .findFirst()
              .orElse(null);
      int index = policies.indexOf(c.draft().source());
      if (p == null || index < 0) {
        continue;
      }
      ObjectNode generated = p.body().deepCopy();
      for (String field : List.of("includeLocations", "excludeLocations")) {
        JsonNode list = generated.at("/conditions/locations/" + field);
        if (list instanceof ArrayNode a) {
          ArrayNode resolved = Json.NODES.arrayNode();
          for (JsonNode item : a) {
            String v = item.asString();
            resolved.add(
                v.startsWith("namedLocation:")
                    ? draft.locationIds.getOrDefault(v.substring(14), v)
                    : v);
          }
          ((ObjectNode) generated.at("/conditions/locations")).set(field, resolved);
        }
      }
      String d =
          Normal.diff(Normal.policy(generated), Normal.policy(customs.get(index).body()), "");
      if (d != null) {
        notes.add(
            Code.W652,
            subject(policies.get(index)),
            "custom policy " + p.id() + " would not be generated as in the tenant: " + d);
      }
    }
  }

  // ---- the estate ----------------------------------------------------------------------------

  private EstateDraft.Input input(
      SortedMap<String, BaselineMatch.Candidate> adopted,
      List<Locations.Draft> locations,
      Set<String> skipped,
      Set<Integer> dropped,
      ObjectNode threat) {
    Set<Integer> adoptedIndexes = new TreeSet<>();
    adopted.values().forEach(c -> adoptedIndexes.add(policies.indexOf(c.policy())));
    List<EstateDraft.Custom> list = new ArrayList<>();
    Set<String> usedIds = new TreeSet<>();
    List<Integer> included = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      if (!adoptedIndexes.contains(i) && customs.get(i) != null && !dropped.contains(i)) {
        included.add(i);
      }
    }
    Map<Integer, String> ids = new TreeMap<>();
    for (int i : included) {
      String preferred = customs.get(i).preferredId();
      if (preferred != null && usedIds.add(preferred)) {
        ids.put(i, preferred);
      }
    }
    int next = 100;
    for (int i : included) {
      if (!ids.containsKey(i)) {
        while (usedIds.contains("CA" + next)) {
          next++;
        }
        if (next > 999) {
          break;
        }
        usedIds.add("CA" + next);
        ids.put(i, "CA" + next);
      }
    }
    for (int i : included) {
      if (ids.containsKey(i)) {
        list.add(new EstateDraft.Custom(ids.get(i), customs.get(i)));
      }
    }
    list.sort(Comparator.comparing(EstateDraft.Custom::id));
    return new EstateDraft.Input(
        tenantId,
        names,
        adopted,
        list,
        locations,
        skipped,
        proposal(adopted, list),
        options.adoptBreakGlass(),
        knownIds,
        threat);
  }

  /** Users and groups excluded from every imported policy that targets users. */
  private static EstateDraft.Proposal proposal(
      SortedMap<String, BaselineMatch.Candidate> adopted, List<EstateDraft.Custom> customs) {
    List<JsonNode> bodies = new ArrayList<>();
    // What CA053 excludes beyond break-glass are the agent users it approves, not exclusions.
    adopted.values().stream()
        .filter(c -> !c.templateId().equals(AgentImport.APPROVED_USERS_POLICY))
        .forEach(c -> bodies.add(c.policy().body()));
    customs.forEach(c -> bodies.add(c.draft().body()));
    Set<String> users = null;
    Set<String> groups = null;
    for (JsonNode body : bodies) {
      JsonNode u = body.at("/conditions/users");
      if (u.isMissingNode()) {
        continue;
      }
      Set<String> excludedUsers = guids(u.path("excludeUsers"));
      Set<String> excludedGroups = guids(u.path("excludeGroups"));
      if (users == null) {
        users = excludedUsers;
        groups = excludedGroups;
      } else {
        users.retainAll(excludedUsers);
        groups.retainAll(excludedGroups);
      }
    }
    return new EstateDraft.Proposal(
        users == null ? List.of() : List.copyOf(users),
        groups == null ? List.of() : List.copyOf(groups));
  }

  private static Set<String> guids(JsonNode list) {
    Set<String> out = new TreeSet<>();
    for (JsonNode item : list) {
      if (Normal.GUID.matcher(item.asString()).matches()) {
        out.add(Normal.guid(item.asString()));
      }
    }
    return out;
  }

  /**
   * Validates the written file as {@code baseline validate} would. A custom policy the estate
   * refuses is dropped and listed (true: write the estate again without it); anything else is a
   * defect of this import.
   */
  private boolean selfCheck(EstateDraft draft, EstateDraft.Input input, Set<Integer> dropped) {
    Diagnostics diagnostics = new Diagnostics();
    String text = draft.yaml.write(List.of(), draft.tree);
    EstateValidator.validate(new SourceFile("estate.yaml", text), catalogue, diagnostics);
    List<String> defects = new ArrayList<>();
    boolean again = false;
    for (Diagnostic d : diagnostics.sorted()) {
      if (!d.isError()
          || d.code() == Code.E302 && d.pointer().equals("/breakGlass")
          || d.code() == Code.E301 && d.pointer().equals("/threat/azure")) {
        continue; // left for the user to decide, and said so in the file
      }
      var plan =
          java.util.regex.Pattern.compile(
                  "^/threat/azure/subscriptions/([0-9]+)/plans/([^/]+)(/.*)?$")
              .matcher(d.pointer());
      if (plan.matches() && threat != null) {
        JsonNode sub = threat.at("/azure/subscriptions/" + plan.group(1));
        String name = plan.group(2).replace("~1", "/").replace("~0", "~");
        if (sub.path("plans") instanceof ObjectNode plans && plans.remove(name) != null) {
          if (plans.isEmpty()) {
            ((ObjectNode) sub).remove("plans");
          }
          notes.add(
              Code.W650,
              "subscription " + sub.path("id").asString(),
              "plan "
                  + name
                  + " not imported: the estate refuses its settings ("
                  + d.code()
                  + ": "
                  + d.message()
                  + "); the profile's settings apply");
          again = true;
          continue;
        }
      }
      var m =
          java.util.regex.Pattern.compile("^/customPolicies/([0-9]+)(/.*)?$").matcher(d.pointer());
      if (m.matches()) {
        int index =
            policies.indexOf(input.customs().get(Integer.parseInt(m.group(1))).draft().source());
        if (index >= 0 && dropped.add(index)) {
          String at = m.group(2) == null ? "" : m.group(2);
          customNotes
              .get(index)
              .add(
                  Code.W650,
                  subject(policies.get(index)),
                  "not imported: the estate refuses it as a custom policy ("
                      + d.code()
                      + " at "
                      + (at.startsWith("/policy") ? at.substring(7) : at)
                      + ": "
                      + d.message()
                      + ")");
          again = true;
        }
        continue;
      }
      defects.add(d.code() + " " + d.pointer() + ": " + d.message());
    }
    if (!defects.isEmpty()) {
      throw new IllegalStateException("the imported estate is not valid: " + defects);
    }
    return again;
  }

  private void dlp() {
    for (TenantObject p : sorted(list(snapshot.dlpPolicies()))) {
      notes.add(
          Code.W650,
          "DLP policy " + quotedName(p),
          "not imported: this version imports Conditional Access, named locations, Defender"
              + " pricings and security connectors only; declare the policy under data.customPolicies"
              + " by hand");
    }
  }

  private ImportResult result(
      EstateDraft draft,
      EstateDraft.Input input,
      SortedMap<String, BaselineMatch.Candidate> adopted,
      List<Locations.Draft> locations,
      Set<Integer> dropped) {
    Notes all = new Notes();
    notes.all().forEach(n -> all.add(n.code(), n.subject(), n.message()));
    Set<Integer> adoptedIndexes = new TreeSet<>();
    adopted.values().forEach(c -> adoptedIndexes.add(policies.indexOf(c.policy())));
    for (int i = 0; i < policies.size(); i++) {
      if (adoptedIndexes.contains(i)) {
        continue;
      }
      customNotes.get(i).all().forEach(n -> all.add(n.code(), n.subject(), n.message()));
      Customs.Draft d = customs.get(i);
      if (d != null && !dropped.contains(i)) {
        for (String left : d.leftOut()) {
          all.add(
              left.startsWith("stage ") ? Code.W652 : Code.W650,
              subject(policies.get(i)),
              left.startsWith("stage ") ? left : "left out " + left);
        }
        if (notAdopted.containsKey(i)) {
          all.add(
              Code.W652,
              subject(policies.get(i)),
              "imported as a custom policy, " + notAdopted.get(i));
        }
      }
    }
    for (BaselineMatch.Candidate c : adopted.values()) {
      List<String> pilot = c.bindings().get(BaselineMatch.PILOT);
      if (pilot != null) {
        all.add(
            Code.W652,
            subject(c.policy()),
            "adopted as "
                + c.templateId()
                + " in the pilot stage: it enforces the baseline's all-users policy for "
                + String.join(", ", pilot.stream().map(this::named).toList())
                + " only, so "
                + (pilot.size() == 1 ? "that group is" : "those groups are")
                + " declared with purpose pilot");
      }
    }
    draft.unnamed.forEach(
        (subject, ids) ->
            all.add(
                Code.W652,
                subject,
                "names IDs the snapshot does not name (deleted objects?), kept as they are: "
                    + String.join(", ", ids)));
    if (threat != null
        && threat.has("azure")
        && !threat.path("azure").has("deploymentLocation")
        && !threat.has("connectorHost")) {
      all.add(
          Code.W652,
          "threat.azure.deploymentLocation",
          "the snapshot has no region for the Defender deployments: give --deployment-location or"
              + " set it (validate fails with E301 until then)");
    }
    EstateDraft.Proposal proposal = input.proposal();
    boolean decided = options.adoptBreakGlass() && !proposal.isEmpty();
    if (!decided) {
      all.add(
          Code.W651,
          "breakGlass",
          proposal.isEmpty()
              ? "no account or group is excluded from every imported policy: list the tenant's"
                  + " break-glass accounts, or declare a waiver (validate fails with E302 until then)"
              : "excluded from every imported policy, proposed as break-glass in a comment: "
                  + String.join(", ", concat(proposal.users(), proposal.groups()))
                  + "; take them with --adopt-break-glass or by editing breakGlass (validate fails"
                  + " with E302 until then)");
    }
    List<ImportResult.Note> list = all.all();
    String yaml = draft.yaml.write(header(list, adopted, draft), draft.tree);
    List<String> adoptedList = new ArrayList<>();
    adopted.forEach((id, c) -> adoptedList.add(id + " <- " + quotedName(c.policy())));
    return new ImportResult(
        yaml,
        list,
        adoptedList,
        draft.tree.path("customPolicies").size(),
        locations.size(),
        decided);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private List<String> header(
      List<ImportResult.Note> list,
      SortedMap<String, BaselineMatch.Candidate> adopted,
      EstateDraft draft) {
    List<String> h = new ArrayList<>();
    h.add("yaml-language-server: $schema=estate.schema.json");
    h.add("");
    h.add(
        "Estate imported from tenant "
            + tenantId
            + " by `baseline import` ("
            + Version.NAME
            + " "
            + Version.VALUE
            + ")"
            + (snapshot.exportedAt() != null
                ? ", from a snapshot exported " + snapshot.exportedAt() + "."
                : "."));
    h.add("It reproduces the tenant as far as an estate can express it:");
    h.add(
        "- "
            + adopted.size()
            + (adopted.size() == 1
                ? " baseline policy adopted under its ID"
                : " baseline policies adopted under their IDs")
            + " ('policies'), with the tenant's stage and exclusions;");
    int custom = draft.tree.path("customPolicies").size();
    h.add(
        "- "
            + custom
            + " other Conditional Access "
            + (custom == 1 ? "policy as a custom policy" : "policies as custom policies")
            + " ('customPolicies');");
    int located = draft.tree.path("namedLocations").size();
    h.add(
        "- "
            + located
            + (located == 1 ? " named location" : " named locations")
            + " ('namedLocations');");
    int accounts = draft.tree.at("/threat/aws/accounts").size();
    int projects = draft.tree.at("/threat/gcp/projects").size();
    if (accounts + projects > 0) {
      h.add(
          "- "
              + accounts
              + (accounts == 1 ? " AWS account and " : " AWS accounts and ")
              + projects
              + (projects == 1 ? " GCP project" : " GCP projects")
              + " from their security connectors ('threat.aws', 'threat.gcp');");
    }
    h.add("- the baseline policies the tenant does not have are skipped.");
    h.add(
        "tenantObjectId ties an entry to the tenant's object, which deploying then updates in place.");
    h.add("Review everything below, decide breakGlass, then run");
    h.add("  baseline validate estate.yaml && baseline generate estate.yaml --out out");
    section(h, list, Code.W650, "Not imported (the estate cannot express it):");
    section(h, list, Code.W652, "To review:");
    if (list.stream().anyMatch(n -> n.code() == Code.W651)) {
      section(h, list, Code.W651, "Break-glass, for you to decide:");
    } else {
      h.add("");
      h.add("Break-glass: what every imported policy excludes is declared as break-glass");
      h.add("(--adopt-break-glass): check that these are your emergency-access accounts.");
    }
    return h;
  }

  private static void section(
      List<String> h, List<ImportResult.Note> list, Code code, String title) {
    List<ImportResult.Note> mine = list.stream().filter(n -> n.code() == code).toList();
    h.add("");
    h.add(title);
    if (mine.isEmpty()) {
      h.add("  nothing");
    }
    mine.forEach(n -> h.add("- " + n.subject() + ": " + n.message()));
  }

  // ---- shared helpers ---------------------------------------------------------------------------

  /** "Name (id)" where the snapshot names the ID, else the ID. */
  String named(String id) {
    DirectoryName n = names.get(Normal.guid(id));
    return n == null || n.displayName() == null ? id : n.displayName() + " (" + id + ")";
  }

  static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : items;
  }

  /** Objects by display name, then ID: the order of everything an import decides. */
  static List<TenantObject> sorted(List<TenantObject> objects) {
    return objects.stream()
        .sorted(
            Comparator.comparing(Importer::displayName)
                .thenComparing(o -> o.id() == null ? "" : o.id())
                .thenComparing(o -> Json.compact(o.body())))
        .toList();
  }

  static String displayName(TenantObject o) {
    if (o.displayName() != null) {
      return o.displayName();
    }
    return o.body() == null ? "" : o.body().path("displayName").asString("");
  }

  /** "Name" (id), for messages. */
  static String quotedName(TenantObject o) {
    return "\"" + displayName(o) + "\"" + (o.id() == null ? "" : " (" + o.id() + ")");
  }

  static String subject(TenantObject policy) {
    return "policy " + quotedName(policy);
  }
}
