package org.aisecuritybaseline.entra;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.load.JsonPointers;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.Estate.Group.Purpose;
import org.aisecuritybaseline.model.Stage;
import org.aisecuritybaseline.model.Tier;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.aisecuritybaseline.validate.Schemas;
import org.aisecuritybaseline.validate.Sections;
import org.aisecuritybaseline.validate.Suggestions;
import org.aisecuritybaseline.validate.Uniqueness;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks that need more than the schema: references resolve, IDs and ranges are well formed,
 * break-glass is declared, nothing is declared twice, and custom policies are valid Graph bodies
 * whose IDs, keywords and operator have their documented forms ({@link GraphValueForms}).
 */
public final class SemanticCheck {
  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

  private final Estate estate;
  private final Catalogue catalogue;
  private final SchemaCheck graphSchema;
  private final Sections sections;
  private final List<Finding> findings = new ArrayList<>();

  private SemanticCheck(
      Estate estate, Catalogue catalogue, SchemaCheck graphSchema, Sections sections) {
    this.estate = estate;
    this.catalogue = catalogue;
    this.graphSchema = graphSchema;
    this.sections = sections;
  }

  public static List<Finding> check(Estate estate, Catalogue catalogue, SchemaCheck graphSchema) {
    return check(estate, catalogue, graphSchema, Sections.ALL);
  }

  /** The checks that read only {@code sections}' usable sections (see {@link Sections}). */
  public static List<Finding> check(
      Estate estate, Catalogue catalogue, SchemaCheck graphSchema, Sections sections) {
    SemanticCheck c = new SemanticCheck(estate, catalogue, graphSchema, sections);
    c.run();
    return List.copyOf(c.findings);
  }

  /** Each check names the sections it reads; it runs only when they are usable. */
  private void run() {
    if (sections.usable("tenant")) {
      checkGuid(estate.tenant().id(), "/tenant/id");
    }
    if (sections.usable("breakGlass")) {
      breakGlass();
    }
    if (sections.usable("groups")) {
      unique(
          "/groups", estate.groups().stream().map(Estate.Group::key).toList(), "key", "group key");
      unique(
          "/groups",
          estate.groups().stream()
              .map(Estate.Group::id)
              .map(s -> s.toLowerCase(Locale.ROOT))
              .toList(),
          "id",
          "group object ID");
      for (int i = 0; i < estate.groups().size(); i++) {
        checkGuid(estate.groups().get(i).id(), "/groups/" + i + "/id");
      }
    }
    if (sections.usable("apps")) {
      unique("/apps", estate.apps().stream().map(Estate.App::key).toList(), "key", "app key");
      unique(
          "/apps",
          estate.apps().stream().map(a -> a.appId().toLowerCase(Locale.ROOT)).toList(),
          "appId",
          "app ID");
      for (int i = 0; i < estate.apps().size(); i++) {
        checkGuid(estate.apps().get(i).appId(), "/apps/" + i + "/appId");
      }
    }
    if (sections.usable("namedLocations")) {
      namedLocations();
    }
    if (sections.usable("directoryRoles")) {
      roles(estate.directoryRoles().admins(), "/directoryRoles/admins");
    }
    if (sections.usable("baseline", "policies", "customPolicies", "groups")) {
      pilotGroup();
    }
    if (sections.usable("baseline", "groups")) {
      specializedGroup();
    }
    if (sections.usable("policies")) {
      overrides();
    }
    if (sections.usable("customPolicies")) {
      customPolicies();
    }
    if (sections.usable("agents")) {
      agents();
    }
    tenantObjectIds();
  }

  /**
   * The tenant objects that policies and named locations take over: each at most once (one tenant
   * object cannot become two generated ones), and never the nil GUID. Reads the usable ones of the
   * three sections that can name one.
   */
  private void tenantObjectIds() {
    List<Uniqueness.At> ids = new ArrayList<>();
    if (sections.usable("namedLocations")) {
      for (int i = 0; i < estate.namedLocations().size(); i++) {
        add(ids, "/namedLocations/" + i, estate.namedLocations().get(i).tenantObjectId());
      }
    }
    if (sections.usable("policies")) {
      estate
          .policies()
          .forEach((id, p) -> add(ids, JsonPointers.child("/policies", id), p.tenantObjectId()));
    }
    if (sections.usable("customPolicies")) {
      for (int i = 0; i < estate.customPolicies().size(); i++) {
        add(ids, "/customPolicies/" + i, estate.customPolicies().get(i).tenantObjectId());
      }
    }
    ids.forEach(at -> checkGuid(at.value(), at.pointer()));
    findings.addAll(Uniqueness.duplicates(ids, "tenantObjectId"));
  }

  private static void add(List<Uniqueness.At> ids, String object, String tenantObjectId) {
    if (tenantObjectId != null) {
      ids.add(new Uniqueness.At(object + "/tenantObjectId", tenantObjectId));
    }
  }

  private void breakGlass() {
    Estate.BreakGlass bg = estate.breakGlass();
    if (bg.isEmpty() && bg.waiver() == null) {
      findings.add(
          Finding.error(
              Code.E302,
              "/breakGlass",
              "no break-glass account or group: list at least one under breakGlass.accounts (two or more are recommended),"
                  + " or declare breakGlass.waiver with a reason"));
    }
    if (!bg.isEmpty() && bg.waiver() != null) {
      findings.add(
          Finding.errorAtKey(
              Code.E302,
              "/breakGlass/waiver",
              "a waiver is only for tenants without break-glass accounts; remove it or remove the accounts"));
    }
    if (bg.accounts().size() == 1 && bg.groups().isEmpty()) {
      findings.add(
          Finding.warning(
              Code.W401,
              "/breakGlass/accounts",
              "only one break-glass account: Microsoft recommends two or more cloud-only emergency-access accounts"));
    }
    for (int i = 0; i < bg.accounts().size(); i++) {
      checkGuid(bg.accounts().get(i).id(), "/breakGlass/accounts/" + i + "/id");
    }
    for (int i = 0; i < bg.groups().size(); i++) {
      checkGuid(bg.groups().get(i).id(), "/breakGlass/groups/" + i + "/id");
    }
    unique(
        "/breakGlass/accounts",
        bg.accounts().stream().map(p -> p.id().toLowerCase(Locale.ROOT)).toList(),
        "id",
        "break-glass account");
  }

  private void namedLocations() {
    List<Estate.NamedLocation> locations = estate.namedLocations();
    unique(
        "/namedLocations",
        locations.stream().map(Estate.NamedLocation::key).toList(),
        "key",
        "named location key");
    if (locations.size() > 195) {
      findings.add(
          Finding.error(
              Code.E304,
              "/namedLocations",
              "Entra ID allows at most 195 named locations; this file declares "
                  + locations.size()));
    }
    for (int i = 0; i < locations.size(); i++) {
      Estate.NamedLocation l = locations.get(i);
      String base = "/namedLocations/" + i;
      for (int j = 0; j < l.ipRanges().size(); j++) {
        String problem = cidrProblem(l.ipRanges().get(j));
        if (problem != null) {
          findings.add(
              Finding.error(
                  Code.E305, base + "/ipRanges/" + j, "'" + l.ipRanges().get(j) + "' " + problem));
        }
      }
      for (int j = 0; j < l.countries().size(); j++) {
        if (!ISO_COUNTRIES.contains(l.countries().get(j))) {
          findings.add(
              Finding.error(
                  Code.E305,
                  base + "/countries/" + j,
                  "'" + l.countries().get(j) + "' is not an ISO 3166-1 alpha-2 country code"));
        }
      }
      if (l.isIp() && (l.includeUnknownCountries() || l.countryLookup() != null)) {
        findings.add(
            Finding.error(
                Code.E305,
                base,
                "includeUnknownCountries and countryLookup apply to country locations only"));
      }
      if (!l.isIp() && l.trusted()) {
        findings.add(
            Finding.errorAtKey(
                Code.E305,
                base + "/trusted",
                "only IP locations can be trusted; remove 'trusted' from this country location"));
      }
    }
  }

  /** Null when {@code cidr} is a usable CIDR range; else what is wrong with it. */
  public static String cidrProblem(String cidr) {
    int slash = cidr.indexOf('/');
    String address = cidr.substring(0, slash);
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return "has no valid prefix length";
    }
    boolean v6 = address.contains(":");
    if (!v6
        && !address.matches(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
      return "is not a valid IPv4 address with a prefix, such as 203.0.113.0/24";
    }
    if (v6) {
      if (!address.matches("[0-9A-Fa-f:]+") || address.contains(":::")) {
        return "is not a valid IPv6 address with a prefix, such as 2001:db8::/48";
      }
      try {
        InetAddress.getByName(
            address); // literal parse only: the pattern above rules out host names
      } catch (UnknownHostException e) {
        return "is not a valid IPv6 address with a prefix, such as 2001:db8::/48";
      }
    }
    int max = v6 ? 128 : 32;
    if (prefix > max) {
      return "has a prefix longer than /" + max;
    }
    if (prefix <= 8) {
      return "is too wide: Entra ID accepts only prefixes longer than /8";
    }
    byte[] bytes;
    try {
      bytes =
          InetAddress.getByName(address).getAddress(); // a literal: both forms were checked above
    } catch (UnknownHostException e) {
      return "is not a valid IP address with a prefix";
    }
    if (v6
        && bytes.length == 4) { // Java answers an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as IPv4
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(bytes, 0, mapped, 12, 4);
      bytes = mapped;
    }
    byte[] network = bytes.clone();
    for (int bit = prefix; bit < network.length * 8; bit++) {
      network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    if (!java.util.Arrays.equals(bytes, network)) {
      // The range is meant either as the network or as one address; both are spelt out.
      return "has host bits set; did you mean '"
          + text(network)
          + "/"
          + prefix
          + "' (or '"
          + text(bytes)
          + "/"
          + max
          + "' for that one address)?";
    }
    return null;
  }

  /** An address as written in ranges: IPv4 dotted, IPv6 in RFC 5952's compressed form. */
  private static String text(byte[] address) {
    if (address.length == 4) {
      return (address[0] & 0xff)
          + "."
          + (address[1] & 0xff)
          + "."
          + (address[2] & 0xff)
          + "."
          + (address[3] & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is not compressed
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLength - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(groups[i]));
    }
    return b.toString();
  }

  private void roles(List<String> roles, String pointer) {
    DirectoryRoleCatalogue catalogueRoles = DirectoryRoleCatalogue.get();
    for (int i = 0; i < roles.size(); i++) {
      if (catalogueRoles.templateId(roles.get(i)).isEmpty()) {
        findings.add(
            Finding.error(
                Code.E301, pointer + "/" + i, "unknown directory role '" + roles.get(i) + "'"));
      } else if (roles.get(i).contains("-")) {
        checkGuid(roles.get(i), pointer + "/" + i);
      }
    }
  }

  private void pilotGroup() {
    // Reported at the first place that asks for the pilot stage.
    List<String> pilotAt = new ArrayList<>();
    if (estate.baseline().defaultStage() == Stage.PILOT) {
      pilotAt.add("/baseline/defaultStage");
    }
    estate
        .policies()
        .forEach(
            (id, p) -> {
              if (p.stage() == Stage.PILOT) {
                pilotAt.add(JsonPointers.child("/policies", id) + "/stage");
              }
            });
    for (int i = 0; i < estate.customPolicies().size(); i++) {
      if (estate.customPolicies().get(i).stage() == Stage.PILOT) {
        pilotAt.add("/customPolicies/" + i + "/stage");
      }
    }
    if (!pilotAt.isEmpty() && estate.groupsWithPurpose(Purpose.PILOT).isEmpty()) {
      findings.add(
          Finding.error(
              Code.E301,
              pilotAt.get(0),
              "the 'pilot' stage needs a group with purpose 'pilot' under 'groups'"));
    }
  }

  private void specializedGroup() {
    if (estate.baseline().tier() == Tier.SPECIALIZED
        && estate.groupsWithPurpose(Purpose.SPECIALIZED).isEmpty()) {
      findings.add(
          Finding.error(
              Code.E301,
              "/baseline/tier",
              "the specialized tier protects a group of users with highly sensitive data or roles: declare a group with purpose 'specialized'"));
    }
  }

  /** The tiers a template is part of, with the changes of the estate's conformance profiles. */
  private static java.util.Set<Tier> tiers(PolicyTemplate t, List<String> profiles) {
    for (String id : profiles) {
      var change = ConformanceProfile.get(id).map(p -> p.policies().get(t.id()));
      if (change.isPresent() && change.get().tiers() != null) {
        return change.get().tiers();
      }
    }
    return t.tiers();
  }

  private static final String TERMS_OF_USE_POLICY = Expander.TERMS_OF_USE_POLICY;

  private void overrides() {
    Tier tier = estate.baseline().tier();
    List<String> known = catalogue.all().stream().map(t -> t.id()).toList();
    for (Map.Entry<String, Estate.PolicySettings> e : estate.policies().entrySet()) {
      String pointer = JsonPointers.child("/policies", e.getKey());
      var template = catalogue.get(e.getKey());
      if (template.isEmpty()) {
        String hint =
            Suggestions.closest(e.getKey(), known).map(s -> "; did you mean " + s + "?").orElse("");
        findings.add(
            Finding.errorAtKey(
                Code.E308,
                pointer,
                "no baseline policy "
                    + e.getKey()
                    + hint
                    + " (run 'baseline validate' after checking the policy list in the generated README)"));
        continue;
      }
      List<String> profiles = estate.baseline().conformance();
      PolicyTemplate t = template.get();
      if (sections.usable("baseline")
          && !t.profiles().isEmpty()
          && t.profiles().stream().noneMatch(profiles::contains)) {
        findings.add(
            Finding.warning(
                Code.W402,
                pointer,
                e.getKey()
                    + " is generated only under the conformance profile "
                    + String.join(" or ", t.profiles().stream().sorted().toList())
                    + " (baseline.conformance), so these settings have no effect"));
      } else if (sections.usable("baseline") && !tiers(t, profiles).contains(tier)) {
        findings.add(
            Finding.warning(
                Code.W402,
                pointer,
                e.getKey()
                    + " is not part of the "
                    + tier.key()
                    + " tier, so these settings have no effect"));
      }
      Estate.PolicySettings s = e.getValue();
      if (s.skip() != null && (s.stage() != null || s.exclude() != null)) {
        findings.add(
            Finding.errorAtKey(
                Code.E309,
                pointer + "/skip",
                "a skipped policy takes no stage or exclusions; remove one or the other"));
      }
      if (s.form() != null && !e.getKey().equals("CA011")) {
        findings.add(
            Finding.errorAtKey(
                Code.E309,
                pointer + "/form",
                "only CA011 has a choice of form (passwordChange or riskRemediation); remove form"
                    + " from "
                    + e.getKey()));
      }
      if (s.termsOfUse() != null && !e.getKey().equals(TERMS_OF_USE_POLICY)) {
        findings.add(
            Finding.errorAtKey(
                Code.E309,
                pointer + "/termsOfUse",
                "only "
                    + TERMS_OF_USE_POLICY
                    + " requires a terms-of-use agreement; remove termsOfUse from "
                    + e.getKey()));
      }
      if (s.skip() != null && s.tenantObjectId() != null) {
        findings.add(
            Finding.errorAtKey(
                Code.E309,
                pointer + "/tenantObjectId",
                "a skipped policy is not deployed, so it cannot take over the tenant policy "
                    + s.tenantObjectId()
                    + "; remove tenantObjectId or the skip"));
      }
      if (s.exclude() != null) {
        Estate.Exclusion ex = s.exclude();
        for (int i = 0; i < ex.users().size(); i++) {
          checkGuid(ex.users().get(i), pointer + "/exclude/users/" + i);
        }
        if (sections.usable("groups")) {
          refs(ex.groups(), pointer + "/exclude/groups", "group", k -> estate.group(k).isPresent());
        }
        if (sections.usable("apps")) {
          refs(ex.apps(), pointer + "/exclude/apps", "app", k -> estate.app(k).isPresent());
        }
        if (!ex.apps().isEmpty() && e.getKey().equals("CA008")) {
          findings.add(
              Finding.warning(
                  Code.W403,
                  pointer + "/exclude/apps",
                  "Zero Trust guidance: do not exclude apps from the all-users MFA policy; since 2026 such exclusions"
                      + " also change how the policy applies to sign-ins that request only basic directory scopes"));
        }
        roles(ex.roles(), pointer + "/exclude/roles");
      }
    }
  }

  private void customPolicies() {
    List<Estate.CustomPolicy> custom = estate.customPolicies();
    unique(
        "/customPolicies",
        custom.stream().map(Estate.CustomPolicy::id).toList(),
        "id",
        "policy ID");
    for (int i = 0; i < custom.size(); i++) {
      String base = "/customPolicies/" + i + "/policy";
      ObjectNode body = custom.get(i).policy();
      for (String reserved :
          List.of(
              "displayName",
              "state",
              "description",
              "id",
              "createdDateTime",
              "modifiedDateTime",
              "templateId")) {
        if (body.has(reserved)) {
          findings.add(
              Finding.errorAtKey(
                  Code.E307,
                  JsonPointers.child(base, reserved),
                  "'"
                      + reserved
                      + "' is set by the generator (from id, name, summary and stage); remove it"));
        }
      }
      tokens(body, base, base);
      boolean beta = GraphApi.BETA.equals(custom.get(i).graphApi());
      findings.addAll(GraphValueForms.check(body, base, beta));
      ObjectNode probe = body.deepCopy();
      probe.put("displayName", "x");
      probe.put("state", "enabled");
      probe.remove(
          List.of("description", "id", "createdDateTime", "modifiedDateTime", "templateId"));
      // A member only Graph beta has, in a v1.0 policy: one error that says how to send it
      // through beta, instead of the schema's "unknown property".
      java.util.Set<String> betaOnly = new java.util.HashSet<>();
      List<String> betaMembers =
          org.aisecuritybaseline.tenant.Canonical.of(
                  org.aisecuritybaseline.tenant.ObjectKind.POLICY, probe)
              .betaFields();
      if (!beta) {
        for (String member : betaMembers) {
          betaOnly.add(member);
          findings.add(
              Finding.errorAtKey(
                  Code.E307,
                  base + member,
                  "'"
                      + GraphApi.dotted(member)
                      + "' exists only in Microsoft Graph beta; set graphApi: beta on this"
                      + " custom policy to validate it against Graph beta and deploy it through"
                      + " the beta endpoint"));
        }
      } else if (betaMembers.isEmpty() && GraphValueForms.betaKeywords(body).isEmpty()) {
        findings.add(
            Finding.warning(
                Code.W405,
                "/customPolicies/" + i + "/graphApi",
                "this policy uses nothing that only Graph beta has; remove graphApi: beta so that"
                    + " it is deployed through Graph v1.0"));
      }
      SchemaCheck schema = beta ? Schemas.graphBeta() : graphSchema;
      String version = beta ? "beta" : "v1.0";
      for (SchemaCheck.Violation v : schema.check(probe)) {
        if (v.pointer().equals("/displayName")
            || v.pointer().equals("/state")
            || betaOnly.contains(v.pointer())) {
          continue;
        }
        findings.add(
            new Finding(
                org.aisecuritybaseline.diag.Severity.ERROR,
                Code.E307,
                base + v.pointer(),
                v.atKey(),
                "not a valid Graph " + version + " conditionalAccessPolicy: " + v.message()));
      }
    }
  }

  /**
   * The agents section: the apps it names exist, no agent or agent user twice, every object ID a
   * real one, and an agent user held to the compliant network only with the network's location.
   */
  private void agents() {
    Estate.Agents agents = estate.agents();
    if (sections.usable("apps")) {
      refs(agents.resources(), "/agents/resources", "app", k -> estate.app(k).isPresent());
    }
    if (agents.identities() != null) {
      for (String list : List.of("approved", "blueprints")) {
        List<Estate.AgentEntry> entries =
            list.equals("approved")
                ? agents.identities().approved()
                : agents.identities().blueprints();
        String pointer = "/agents/identities/" + list;
        unique(pointer, entries.stream().map(Estate.AgentEntry::key).toList(), "key", "key");
        unique(
            pointer,
            entries.stream().map(e -> e.id().toLowerCase(Locale.ROOT)).toList(),
            "id",
            "object ID");
        for (int i = 0; i < entries.size(); i++) {
          checkGuid(entries.get(i).id(), pointer + "/" + i + "/id");
        }
      }
    }
    if (agents.users() != null) {
      List<Estate.AgentUser> users = agents.users().approved();
      String pointer = "/agents/users/approved";
      unique(pointer, users.stream().map(Estate.AgentUser::key).toList(), "key", "key");
      unique(
          pointer,
          users.stream().map(u -> u.id().toLowerCase(Locale.ROOT)).toList(),
          "id",
          "object ID");
      for (int i = 0; i < users.size(); i++) {
        checkGuid(users.get(i).id(), pointer + "/" + i + "/id");
        if ("compliantNetwork".equals(users.get(i).require())
            && agents.users().compliantNetworkLocationId() == null) {
          findings.add(
              Finding.errorAtKey(
                  Code.E309,
                  pointer + "/" + i + "/require",
                  "require: compliantNetwork needs agents.users.compliantNetworkLocationId, the ID"
                      + " of the tenant's 'All Compliant Network Locations' named location; without"
                      + " it the agent user would be blocked everywhere"));
        }
      }
      if (agents.users().compliantNetworkLocationId() != null) {
        checkGuid(
            agents.users().compliantNetworkLocationId(),
            "/agents/users/compliantNetworkLocationId");
      }
    }
  }

  /**
   * The tool's references in a custom policy resolve: group:, app: and namedLocation: keys exist.
   * Where each may stand is {@link GraphValueForms}' check for the fields it covers; in any other
   * array a namedLocation: reference is refused here.
   */
  private void tokens(JsonNode node, String pointer, String base) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        tokens(e.getValue(), JsonPointers.child(pointer, e.getKey()), base);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        String p = pointer + "/" + i;
        if (item.isString()) {
          String s = item.asString();
          if (s.startsWith("group:")) {
            if (sections.usable("groups") && estate.group(s.substring(6)).isEmpty()) {
              findings.add(
                  Finding.error(
                      Code.E301, p, "no group with key '" + s.substring(6) + "' under 'groups'"));
            }
          } else if (s.startsWith("app:")) {
            if (sections.usable("apps") && estate.app(s.substring(4)).isEmpty()) {
              findings.add(
                  Finding.error(
                      Code.E301, p, "no app with key '" + s.substring(4) + "' under 'apps'"));
            }
          } else if (s.startsWith("namedLocation:")) {
            boolean inLocations =
                pointer.endsWith("/locations/includeLocations")
                    || pointer.endsWith("/locations/excludeLocations");
            if (!inLocations) {
              if (!GraphValueForms.covers(pointer.substring(base.length()))) {
                findings.add(
                    Finding.error(
                        Code.E301,
                        p,
                        "namedLocation:<key> can only be used in conditions.locations"));
              }
            } else if (sections.usable("namedLocations")
                && estate.namedLocation(s.substring(14)).isEmpty()) {
              findings.add(
                  Finding.error(
                      Code.E301,
                      p,
                      "no named location with key '"
                          + s.substring(14)
                          + "' under 'namedLocations'"));
            }
          }
        } else {
          tokens(item, p, base);
        }
      }
    }
  }

  private void refs(
      List<String> keys, String pointer, String what, java.util.function.Predicate<String> exists) {
    for (int i = 0; i < keys.size(); i++) {
      if (!exists.test(keys.get(i))) {
        findings.add(
            Finding.error(
                Code.E301,
                pointer + "/" + i,
                "no " + what + " with key '" + keys.get(i) + "' under '" + what + "s'"));
      }
    }
  }

  private void unique(String listPointer, List<String> values, String field, String what) {
    findings.addAll(Uniqueness.duplicates(listPointer, values, field, what));
  }

  private void checkGuid(String guid, String pointer) {
    if (Uniqueness.NIL_GUID.equals(guid)) {
      findings.add(
          Finding.error(
              Code.E305,
              pointer,
              "the nil GUID is not an object ID; copy the real ID from the Entra admin center"));
    }
  }
}
