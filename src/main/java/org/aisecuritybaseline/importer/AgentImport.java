package org.aisecuritybaseline.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisecuritybaseline.entra.AgentPolicies;
import org.aisecuritybaseline.entra.PolicyTemplate;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.tenant.TenantObject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The baseline's agent policies (CA050 to CA055) recognised among the tenant's policies, and the
 * estate's {@code agents} section that makes the baseline generate them again.
 *
 * <p>{@link BaselineMatch} cannot bind the agent templates' symbols ({@code agents.approved}, the
 * approved agent users, the compliant-network location): they are filled here with the values the
 * tenant's policy has at their place, and the template so filled is matched as any other. What the
 * section needs from each match is kept in the candidate's bindings:
 *
 * <ul>
 *   <li>CA050 and CA052 are recognised by their agent members (all agent identities, all agent
 *       users, agent risk); they bind nothing.
 *   <li>CA051 binds its excluded agent identities ({@link #APPROVED}) and, when the tenant has the
 *       filter that this tool writes from {@code agents.identities.approvalAttribute}, the
 *       attribute set, attribute and values read back from its rule ({@link #ATTRIBUTE}); a filter
 *       in any other form leaves the policy custom.
 *   <li>CA053's excluded users are the match's extras: the approved agent users and break-glass,
 *       told apart by the import's break-glass proposal ({@link #approvedUsers}).
 *   <li>CA054 and CA055 name agent users by object ID, which any user policy does: they are adopted
 *       only when their display name is the one this tool gives them ("CA054 - ", "CA055 - "). They
 *       bind their users ({@link #COMPLIANT_DEVICE}, {@link #COMPLIANT_NETWORK}) and CA055 the
 *       compliant-network location ({@link #LOCATION}).
 * </ul>
 *
 * The agent policies exclude break-glass and nothing else: {@link #unfit} drops a match that
 * excludes anyone else. As for every template, the import then generates the estate and keeps an
 * adoption only when the generated body is the tenant's.
 */
final class AgentImport {
  static final String APPROVED = "agents.approved";
  static final String ATTRIBUTE = "agents.approvalAttribute";
  static final String COMPLIANT_DEVICE = "agentUsers.compliantDevice";
  static final String COMPLIANT_NETWORK = "agentUsers.compliantNetwork";
  static final String LOCATION = "locations.compliantNetwork";

  static final String APPROVED_USERS_POLICY = "CA053";

  /** The agent policies adopted only under the display name this tool gives them. */
  static final Set<String> BY_NAME = Set.of("CA054", "CA055");

  private static final String CLIENT_APPS = "/conditions/clientApplications";
  private static final String FILTER = "agentIdServicePrincipalFilter";

  /** A value of the approval attribute as the schema allows it (no quote, so a rule splits). */
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_ .-]{1,64}");

  /** An attribute set or attribute name as the schema allows it. */
  private static final String NAME = "[A-Za-z][A-Za-z0-9_]{0,31}";

  private static final Pattern PROPERTY =
      Pattern.compile("CustomSecurityAttribute\\.(" + NAME + ")_(" + NAME + ")");

  /** What the tenant's policy has where the template has a symbol, by symbol. */
  private final Map<String, List<String>> bindings = new TreeMap<>();

  /** Why CA051's filter cannot be the estate's approval attribute, or null. */
  private String filterProblem;

  private AgentImport() {}

  /**
   * Whether {@code policy} is the agent template {@code template} with the estate's values filled
   * in: a candidate with the values the agents section needs, or why not.
   */
  static BaselineMatch.Outcome match(PolicyTemplate template, TenantObject policy) {
    String id = template.id();
    if (BY_NAME.contains(id) && !Importer.displayName(policy).startsWith(id + " - ")) {
      return new BaselineMatch.Outcome(
          null,
          "it names its users by object ID like any user policy; only a policy named '"
              + id
              + " - ...' (as this tool names it) is taken for "
              + id);
    }
    return new AgentImport().match(template, policy, Normal.policy(policy.body()));
  }

  private BaselineMatch.Outcome match(
      PolicyTemplate template, TenantObject policy, ObjectNode body) {
    String id = template.id();
    ObjectNode filled = template.policy().deepCopy();
    String miss =
        switch (id) {
          case "CA050", "CA052" -> null;
          case "CA051" -> approvedIdentities(body, filled);
          case "CA053" -> excludedUsers(filled);
          case "CA054" -> includedUsers(body, filled, COMPLIANT_DEVICE);
          case "CA055" -> {
            String m = includedUsers(body, filled, COMPLIANT_NETWORK);
            yield m != null ? m : location(body, filled);
          }
          default -> throw new IllegalArgumentException(id + " is not an agent policy");
        };
    if (miss != null) {
      return new BaselineMatch.Outcome(null, miss);
    }
    BaselineMatch.Outcome o = BaselineMatch.match(withPolicy(template, filled), policy);
    if (o.candidate() == null) {
      return o;
    }
    if (filterProblem != null) {
      return new BaselineMatch.Outcome(null, filterProblem);
    }
    BaselineMatch.Candidate c = o.candidate();
    if (id.equals("CA051") && !bindings.containsKey(APPROVED) && !bindings.containsKey(ATTRIBUTE)) {
      return new BaselineMatch.Outcome(
          null,
          CLIENT_APPS
              + ": it excludes no agent identity, so it blocks every agent; the estate leaves "
              + id
              + " out when it approves none");
    }
    if (id.equals(APPROVED_USERS_POLICY) && c.extras().getOrDefault("users", List.of()).isEmpty()) {
      return new BaselineMatch.Outcome(
          null,
          "/conditions/users/excludeUsers: it excludes no agent user, so it blocks every agent"
              + " user; the estate leaves "
              + id
              + " out when it approves none");
    }
    Map<String, List<String>> all = new TreeMap<>(c.bindings());
    all.putAll(bindings);
    return new BaselineMatch.Outcome(
        new BaselineMatch.Candidate(
            c.templateId(), c.policy(), c.stage(), Map.copyOf(all), c.extras()),
        null);
  }

  /**
   * Whether a miss is of a policy that has an agent policy's shape but values the estate cannot
   * hold (a filter it does not write, nothing approved): such a policy says why it is custom.
   */
  static boolean nearMiss(String miss) {
    return miss != null
        && (miss.startsWith(CLIENT_APPS + "/" + FILTER + ": ")
            || miss.contains(" out when it approves none"));
  }

  private static PolicyTemplate withPolicy(PolicyTemplate t, ObjectNode policy) {
    return new PolicyTemplate(
        t.id(),
        t.slug(),
        t.name(),
        t.summary(),
        t.tiers(),
        t.requires(),
        t.recommendation(),
        t.notes(),
        t.profiles(),
        t.graphApi(),
        policy);
  }

  /**
   * CA051: the tenant's excluded agent identities in place of {@code agents.approved}, and its
   * filter, when it has one, as the template's (the rule read back into the approval attribute, or
   * the reason it cannot be in {@link #filterProblem}).
   */
  private String approvedIdentities(ObjectNode body, ObjectNode filled) {
    ObjectNode apps = (ObjectNode) filled.at(CLIENT_APPS);
    String at = CLIENT_APPS + "/excludeAgentIdServicePrincipals";
    List<String> excluded = Json.strings(body.at(at));
    for (String value : excluded) {
      if (!Normal.GUID.matcher(value).matches()) {
        return at + ": the tenant's policy excludes " + value + ", which is not an object ID";
      }
    }
    apps.set("excludeAgentIdServicePrincipals", Json.stringArray(excluded));
    if (!excluded.isEmpty()) {
      bindings.put(APPROVED, excluded);
    }
    JsonNode filter = body.at(CLIENT_APPS + "/" + FILTER);
    if (filter.isMissingNode()) {
      return null;
    }
    apps.set(FILTER, filter.deepCopy());
    String why = null;
    if (!filter.isObject()
        || !"exclude".equals(filter.path("mode").asString(""))
        || filter.size() != 2
        || !filter.path("rule").isString()) {
      why = "it is not an exclude filter with a rule";
    } else {
      Object attribute = approvalAttribute(filter.path("rule").asString());
      if (attribute instanceof String reason) {
        why = reason;
      } else {
        @SuppressWarnings("unchecked")
        List<String> parts = (List<String>) attribute;
        bindings.put(ATTRIBUTE, parts);
      }
    }
    if (why != null) {
      filterProblem =
          CLIENT_APPS
              + "/"
              + FILTER
              + ": "
              + why
              + ", so the estate's approvalAttribute (agents.identities) cannot generate it";
    }
    return null;
  }

  /**
   * The approval attribute a CA051 filter rule was generated from: [attributeSet, attribute,
   * value...], or why the rule is not exactly the form the baseline writes ({@code
   * CustomSecurityAttribute.<set>_<attribute> -contains "<value>"}, joined by {@code -or}).
   */
  static Object approvalAttribute(String rule) {
    int quote = rule.indexOf(" -contains \"");
    if (quote < 0) {
      return "its rule is not 'CustomSecurityAttribute.<set>_<attribute> -contains \"<value>\"'";
    }
    String property = rule.substring(0, quote);
    Matcher p = PROPERTY.matcher(property);
    if (!p.matches()) {
      return "its rule tests " + property + ", not a custom security attribute";
    }
    if (property.indexOf('_') != property.lastIndexOf('_')) {
      return "its rule tests "
          + property
          + ", whose attribute set and attribute cannot be told apart (more than one '_')";
    }
    Pattern term =
        Pattern.compile(Pattern.quote(property + " -contains \"") + "(" + VALUE.pattern() + ")\"");
    List<String> values = new ArrayList<>();
    Matcher m = term.matcher(rule);
    int at = 0;
    while (true) {
      m.region(at, rule.length());
      if (!m.lookingAt()) {
        return "its rule is not the form the baseline writes from an approval attribute";
      }
      values.add(m.group(1));
      at = m.end();
      if (at == rule.length()) {
        break;
      }
      if (!rule.startsWith(" -or ", at)) {
        return "its rule is not the form the baseline writes from an approval attribute";
      }
      at += 5;
    }
    if (new TreeSet<>(values).size() != values.size() || values.size() > 20) {
      return "its rule names a value twice or more than 20 values";
    }
    List<String> out = new ArrayList<>(List.of(p.group(1), p.group(2)));
    out.addAll(values);
    return out;
  }

  /**
   * CA053: the template without its excluded users, so that all the tenant's are the match's extras
   * (approved agent users and break-glass, told apart with the break-glass proposal).
   */
  private String excludedUsers(ObjectNode filled) {
    ((ObjectNode) filled.at("/conditions/users")).remove("excludeUsers");
    return null;
  }

  /** CA054, CA055: the tenant's included users (object IDs) bound. */
  private String includedUsers(ObjectNode body, ObjectNode filled, String symbol) {
    String at = "/conditions/users/includeUsers";
    List<String> users = Json.strings(body.at(at));
    if (users.isEmpty()) {
      return at + ": the tenant's policy includes no user by object ID";
    }
    for (String value : users) {
      if (!Normal.GUID.matcher(value).matches()) {
        return at + ": the tenant's policy includes " + value + ", not an agent user's object ID";
      }
    }
    ((ObjectNode) filled.at("/conditions/users")).set("includeUsers", Json.stringArray(users));
    bindings.put(symbol, users);
    return null;
  }

  /** CA055: the one excluded location, the compliant network's. */
  private String location(ObjectNode body, ObjectNode filled) {
    String at = "/conditions/locations/excludeLocations";
    List<String> excluded = Json.strings(body.at(at));
    if (excluded.size() != 1 || !Normal.GUID.matcher(excluded.get(0)).matches()) {
      return at + ": the baseline excludes exactly one named location, the compliant network";
    }
    ((ObjectNode) filled.at("/conditions/locations"))
        .set("excludeLocations", Json.stringArray(excluded));
    bindings.put(LOCATION, excluded);
    return null;
  }

  // ---- with the break-glass proposal ---------------------------------------------------------

  /**
   * The adopted agent policies that exclude anyone but break-glass (the proposal's accounts and
   * groups; for CA053 also the agent users it approves), with why: the estate adds nothing else to
   * them.
   */
  static Map<String, String> unfit(
      Map<String, BaselineMatch.Candidate> adopted, EstateDraft.Proposal proposal) {
    Map<String, String> out = new TreeMap<>();
    for (BaselineMatch.Candidate c : adopted.values()) {
      if (!AgentPolicies.BASELINE.contains(c.templateId())) {
        continue;
      }
      List<String> other = new ArrayList<>();
      Map<String, List<String>> extras = c.extras();
      if (!c.templateId().equals(APPROVED_USERS_POLICY)) {
        extras.getOrDefault("users", List.of()).stream()
            .filter(u -> !proposal.users().contains(u))
            .forEach(other::add);
      }
      extras.getOrDefault("groups", List.of()).stream()
          .filter(g -> !proposal.groups().contains(g))
          .forEach(other::add);
      other.addAll(extras.getOrDefault("roles", List.of()));
      other.addAll(extras.getOrDefault("apps", List.of()));
      if (!other.isEmpty()) {
        out.put(
            c.templateId(),
            "it excludes "
                + String.join(", ", other)
                + ", which is not break-glass (excluded from every imported policy); the estate"
                + " excludes only break-glass from the agent policies");
      }
    }
    return out;
  }

  /** The agent users CA053 approves: what it excludes beyond the break-glass accounts. */
  static List<String> approvedUsers(
      Map<String, BaselineMatch.Candidate> adopted, EstateDraft.Proposal proposal) {
    BaselineMatch.Candidate c = adopted.get(APPROVED_USERS_POLICY);
    if (c == null) {
      return List.of();
    }
    return c.extras().getOrDefault("users", List.of()).stream()
        .filter(u -> !proposal.users().contains(u))
        .toList();
  }

  /** Whether any agent policy is adopted: then the estate has an agents section. */
  static boolean any(Map<String, BaselineMatch.Candidate> adopted) {
    return adopted.keySet().stream().anyMatch(AgentPolicies.BASELINE::contains);
  }

  /**
   * The agents section the adopted agent policies imply (null: none adopted). Keys from the names
   * the snapshot gives, else from the IDs; {@code resources} is never written (the tenant does not
   * say which generative-AI apps agents use).
   *
   * @param name the snapshot's display name of an object ID, or null
   */
  static ObjectNode section(
      Map<String, BaselineMatch.Candidate> adopted,
      EstateDraft.Proposal proposal,
      Function<String, String> name) {
    if (!any(adopted)) {
      return null;
    }
    ObjectNode agents = Json.NODES.objectNode();
    boolean identities = adopted.containsKey("CA050") || adopted.containsKey("CA051");
    boolean users =
        adopted.keySet().stream()
            .anyMatch(id -> id.compareTo("CA052") >= 0 && id.compareTo("CA055") <= 0);
    BaselineMatch.Candidate ca051 = adopted.get("CA051");
    List<String> approvedIdentities =
        ca051 == null ? List.of() : ca051.bindings().getOrDefault(APPROVED, List.of());
    // Which agent users are approved, with what they require; CA054 first, as the estate can hold
    // one requirement a user (a user in both makes CA055 differ, which then is not adopted).
    Map<String, String> approvedUsers = new LinkedHashMap<>();
    approvedUsers(adopted, proposal).forEach(u -> approvedUsers.put(u, null));
    for (String[] p : new String[][] {{"CA054", COMPLIANT_DEVICE}, {"CA055", COMPLIANT_NETWORK}}) {
      BaselineMatch.Candidate c = adopted.get(p[0]);
      if (c != null) {
        for (String u : c.bindings().getOrDefault(p[1], List.of())) {
          if (approvedUsers.get(u) == null) {
            approvedUsers.put(u, p[1].substring(p[1].indexOf('.') + 1));
          }
        }
      }
    }
    List<Keys.Request> requests = new ArrayList<>();
    approvedIdentities.forEach(
        id -> requests.add(new Keys.Request(id, Keys.slug(name.apply(id)), "agent")));
    approvedUsers
        .keySet()
        .forEach(id -> requests.add(new Keys.Request(id, Keys.slug(name.apply(id)), "agent-user")));
    Map<String, String> keys = Keys.allocate(requests, Set.of());
    if (identities) {
      ObjectNode i = agents.putObject("identities");
      if (!approvedIdentities.isEmpty()) {
        ArrayNode list = i.putArray("approved");
        approvedIdentities.stream()
            .sorted((a, b) -> keys.get(a).compareTo(keys.get(b)))
            .forEach(id -> entry(list, keys.get(id), id, name.apply(id)));
      }
      List<String> attribute = ca051 == null ? null : ca051.bindings().get(ATTRIBUTE);
      if (attribute != null) {
        ObjectNode a = i.putObject("approvalAttribute");
        a.put("attributeSet", attribute.get(0));
        a.put("attribute", attribute.get(1));
        a.set("values", Json.stringArray(attribute.subList(2, attribute.size())));
      }
    }
    if (users) {
      ObjectNode u = agents.putObject("users");
      if (!approvedUsers.isEmpty()) {
        ArrayNode list = u.putArray("approved");
        approvedUsers.keySet().stream()
            .sorted((a, b) -> keys.get(a).compareTo(keys.get(b)))
            .forEach(
                id -> {
                  ObjectNode e = entry(list, keys.get(id), id, name.apply(id));
                  if (approvedUsers.get(id) != null) {
                    e.put("require", approvedUsers.get(id));
                  }
                });
      }
      BaselineMatch.Candidate ca055 = adopted.get("CA055");
      if (ca055 != null) {
        u.put("compliantNetworkLocationId", ca055.bindings().get(LOCATION).get(0));
      }
    }
    return agents;
  }

  /** Every object ID the section names, to list those the snapshot does not name. */
  static List<String> ids(ObjectNode section) {
    List<String> out = new ArrayList<>();
    for (String list : List.of("/identities/approved", "/users/approved")) {
      section.at(list).forEach(e -> out.add(e.path("id").asString()));
    }
    JsonNode location = section.at("/users/compliantNetworkLocationId");
    if (location.isString()) {
      out.add(location.asString());
    }
    return out;
  }

  private static ObjectNode entry(ArrayNode list, String key, String id, String name) {
    ObjectNode e = list.addObject().put("key", key).put("id", id);
    if (name != null) {
      e.put("name", name.length() > 256 ? name.substring(0, 253) + "..." : name);
    }
    return e;
  }
}
