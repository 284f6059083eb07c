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
              + " or mark an app with 'generativeAi: true'",
          "agentUsers.compliantDevice",
          "no approved agent user has 'require: compliantDevice' (agents.users.approved)",
          "agentUsers.compliantNetwork",
          "no approved agent user has 'require: compliantNetwork' (agents.users.approved)");

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

  /** The conformance profiles the estate turns on, in its order (unknown keys: the schema's). */
  private final List<ConformanceProfile> profiles;

  /** Per baseline policy: the profile changes applied to it (rules and its own change). */
  private final Map<String, List<ConformanceReport.Difference>> applied = new LinkedHashMap<>();

  /** Per baseline policy: why a profile change that needs more than the tenant has was not made. */
  private final Map<String, String> notApplied = new LinkedHashMap<>();

  private Expander(Estate estate) {
    this.estate = estate;
    this.profiles =
        estate.baseline().conformance().stream()
            .map(ConformanceProfile::get)
            .flatMap(Optional::stream)
            .toList();
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
    checkProfiles();
    Set<String> active = profiles.stream().map(ConformanceProfile::id).collect(Collectors.toSet());

    for (PolicyTemplate t : catalogue.all()) {
      if (!t.profiles().isEmpty() && t.profiles().stream().noneMatch(active::contains)) {
        continue; // a policy only a conformance profile brings in
      }
      if (AgentPolicies.BASELINE.contains(t.id()) && !estate.agents().present()) {
        continue; // the agent policies come with the estate's agents section
      }
      Map.Entry<ConformanceProfile, ConformanceProfile.Change> change = change(t.id());
      Set<Tier> tiers =
          change != null && change.getValue().tiers() != null
              ? change.getValue().tiers()
              : t.tiers();
      if (!tiers.contains(tier)) {
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
      if (t.id().equals(TERMS_OF_USE_POLICY)
          && (settings == null || settings.termsOfUse() == null)) {
        leftOut.add(
            new LeftOut(
                t.id(),
                t.name(),
                "needs the ID of a terms-of-use agreement (policies."
                    + TERMS_OF_USE_POLICY
                    + ".termsOfUse)"
                    + notTakenOver(adopts)));
        continue;
      }
      Set<Capability> missing = EnumSet.noneOf(Capability.class);
      missing.addAll(t.requires());
      missing.removeAll(caps);
      Optional<String> noApproval =
          missing.isEmpty() ? agentApprovalMissing(t.id()) : Optional.empty();
      if (noApproval.isPresent()) {
        leftOut.add(new LeftOut(t.id(), t.name(), noApproval.get() + notTakenOver(adopts)));
        continue;
      }
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
      if (change != null && change.getValue().omit()) {
        ConformanceProfile.Change c = change.getValue();
        leftOut.add(
            new LeftOut(
                t.id(),
                t.name(),
                "left out by the conformance profile "
                    + change.getKey().id()
                    + " ("
                    + String.join(", ", c.cisa())
                    + "): "
                    + c.why()
                    + notTakenOver(adopts)));
        applied
            .computeIfAbsent(t.id(), k -> new ArrayList<>())
            .add(difference(change.getKey(), t.id(), c));
        continue;
      }
      ObjectNode template = t.policy();
      List<String> notes = new ArrayList<>(t.notes());
      if (change != null) {
        template = applyChange(t, template, notes, change.getKey(), change.getValue(), caps);
      }
      if (t.id().equals(TERMS_OF_USE_POLICY)) {
        template = template.deepCopy();
        ((ObjectNode) template.get("grantControls"))
            .putArray("termsOfUse")
            .add(settings.termsOfUse());
      }
      String name = t.name();
      String summary = t.summary();
      if (t.id().equals("CA011") && settings != null && RISK_REMEDIATION.equals(settings.form())) {
        template = riskRemediation(template, notes);
        name = "Require risk remediation for high-risk users";
        summary =
            "When Identity Protection rates a user as high risk, the user must remediate the risk:"
                + " Microsoft's 'Require risk remediation' control (a secure password change for"
                + " password users, re-authentication with an authentication strength for"
                + " passwordless users), chosen with policies.CA011.form: riskRemediation.";
      }
      for (ConformanceProfile profile : profiles) {
        template = applyRules(t.id(), template, notes, profile);
      }
      if (settings != null
          && settings.exclude() != null
          && !settings.exclude().roles().isEmpty()
          && !profiles.isEmpty()) {
        findings.add(
            Finding.warning(
                Code.W1050,
                JsonPointers.child("/policies", t.id()) + "/exclude/roles",
                "the conformance profile "
                    + profiles.get(0).id()
                    + " allows no role exclusions: ScubaGear accepts no Conditional Access policy"
                    + " that excludes a directory role; exclude the accounts or a group instead"));
      }
      List<String> emptySymbols = emptyIncludeSymbols(template, symbols);
      ObjectNode body = Symbols.resolve(template, symbols, Map.of());
      if (t.id().equals(APPROVED_AGENTS_POLICY)) {
        approvalFilter(body);
      }
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
          new ArrayList<>(purposeExclusions(template));
      exclusions.addAll(directorySyncExclusions(template));
      if (settings != null && settings.exclude() != null) {
        exclusions.addAll(applyExclusion(body, settings.exclude(), pointer + "/exclude"));
      }
      planned.add(
          finish(
              t.id(),
              t.fileStem(),
              name,
              summary,
              false,
              settings == null ? null : settings.stage(),
              pointer + "/stage",
              body,
              exclusions,
              t.recommendation(),
              List.copyOf(notes),
              adopts,
              t.graphApi()));
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
              c.tenantObjectId(),
              c.graphApi()));
    }
    List<ConformanceReport> reports = new ArrayList<>();
    for (ConformanceProfile profile : profiles) {
      reports.add(report(profile, planned, leftOut, tier));
    }
    return new Expansion(
        List.copyOf(planned),
        List.copyOf(leftOut),
        List.copyOf(limitations),
        List.copyOf(findings),
        List.copyOf(reports));
  }

  // ---- conformance profiles ------------------------------------------------------------------

  /** The pointer of the estate's entry that turns a profile on. */
  private String profilePointer(ConformanceProfile profile) {
    return "/baseline/conformance/" + estate.baseline().conformance().indexOf(profile.id());
  }

  /** What a profile needs from the estate beyond the schema. */
  private void checkProfiles() {
    for (ConformanceProfile profile : profiles) {
      if (profile.rule(ConformanceProfile.DIRECTORY_SYNC_BY_OBJECT_ID).isPresent()
          && estate.tenant().directorySyncAccounts() == null) {
        findings.add(
            Finding.error(
                Code.E1001,
                profilePointer(profile),
                "the conformance profile "
                    + profile.id()
                    + " excludes the directory synchronisation accounts by object ID, not by the"
                    + " Directory Synchronization Accounts role: list them under"
                    + " tenant.directorySyncAccounts (id and name), or write"
                    + " 'directorySyncAccounts: []' if the tenant does not synchronise from an"
                    + " on-premises directory"));
      }
    }
  }

  /** The first active profile's change to a template, or null. */
  private Map.Entry<ConformanceProfile, ConformanceProfile.Change> change(String templateId) {
    for (ConformanceProfile profile : profiles) {
      ConformanceProfile.Change c = profile.policies().get(templateId);
      if (c != null) {
        return Map.entry(profile, c);
      }
    }
    return null;
  }

  private static ConformanceReport.Difference difference(
      ConformanceProfile profile, String policyId, ConformanceProfile.Change c) {
    return new ConformanceReport.Difference(
        profile.id(), policyId, c.cisa(), c.microsoft(), c.change(), c.why());
  }

  /**
   * The template's policy with the profile's change, when the tenant has what the change needs;
   * otherwise the template as it is, with a notice that the requirements are not met.
   */
  private ObjectNode applyChange(
      PolicyTemplate t,
      ObjectNode template,
      List<String> notes,
      ConformanceProfile profile,
      ConformanceProfile.Change c,
      Set<Capability> caps) {
    Set<Capability> missing = EnumSet.noneOf(Capability.class);
    missing.addAll(c.requires());
    missing.removeAll(caps);
    if (!missing.isEmpty()) {
      String why =
          "stays as Microsoft recommends, so "
              + String.join(", ", c.cisa())
              + " of the conformance profile "
              + profile.id()
              + " is not met: its change ("
              + c.change()
              + ") needs "
              + missing.stream().map(Capability::description).collect(Collectors.joining(" and "));
      limitations.add(new LeftOut(t.id(), t.name(), why));
      notApplied.put(t.id(), why);
      return template;
    }
    ObjectNode patched = template.deepCopy();
    for (String pointer : c.remove()) {
      JsonNode parent = patched.at(pointerParent(pointer));
      if (parent instanceof ObjectNode o) {
        o.remove(pointerLast(pointer));
      }
    }
    for (Map.Entry<String, JsonNode> e : c.set().entrySet()) {
      JsonNode parent = patched.at(pointerParent(e.getKey()));
      if (!(parent instanceof ObjectNode o)) {
        throw new IllegalStateException(
            profile.id() + ": " + t.id() + " has no object at " + e.getKey());
      }
      o.set(pointerLast(e.getKey()), e.getValue().deepCopy());
    }
    notes.removeIf(n -> c.dropNotes().stream().anyMatch(n::startsWith));
    if (t.profiles().isEmpty()) { // a profile's own policy says so in its template's notes
      notes.add(c.note(profile.id()));
    }
    notes.addAll(c.notes());
    applied.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(difference(profile, t.id(), c));
    return patched;
  }

  /**
   * The profile's rules for every template: guests excluded by type instead of the keyword, and
   * directory synchronisation accounts by object ID instead of their role.
   */
  private ObjectNode applyRules(
      String id, ObjectNode template, List<String> notes, ConformanceProfile profile) {
    if (!(template.at("/conditions/users") instanceof ObjectNode)) {
      return template;
    }
    ObjectNode patched = template.deepCopy();
    ObjectNode users = (ObjectNode) patched.at("/conditions/users");
    Optional<ConformanceProfile.Change> guests = profile.rule(ConformanceProfile.GUESTS_BY_TYPE);
    if (guests.isPresent() && removeString(users, "excludeUsers", "GuestsOrExternalUsers")) {
      ObjectNode byType = users.putObject("excludeGuestsOrExternalUsers");
      byType.put("guestOrExternalUserTypes", ALL_GUEST_TYPES);
      byType
          .putObject("externalTenants")
          .put("@odata.type", "#microsoft.graph.conditionalAccessAllExternalTenants")
          .put("membershipKind", "all");
      notes.add(guests.get().note(profile.id()));
      applied
          .computeIfAbsent(id, k -> new ArrayList<>())
          .add(difference(profile, id, guests.get()));
    }
    Optional<ConformanceProfile.Change> sync =
        profile.rule(ConformanceProfile.DIRECTORY_SYNC_BY_OBJECT_ID);
    if (sync.isPresent() && users.get("excludeRoles") instanceof ArrayNode roles) {
      boolean found = false;
      for (int i = roles.size() - 1; i >= 0; i--) {
        if ("roles.directorySync".equals(roles.get(i).path("$symbol").asString(""))) {
          roles.remove(i);
          found = true;
        }
      }
      if (found) {
        if (roles.isEmpty()) {
          users.remove("excludeRoles");
        }
        array(users, "excludeUsers").addObject().put("$symbol", "users.directorySync");
        notes.add(sync.get().note(profile.id()));
        applied
            .computeIfAbsent(id, k -> new ArrayList<>())
            .add(difference(profile, id, sync.get()));
      }
    }
    return patched;
  }

  /** The parent of a JSON Pointer without escapes (the profiles' pointers have none). */
  private static String pointerParent(String pointer) {
    return pointer.substring(0, pointer.lastIndexOf('/'));
  }

  private static String pointerLast(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1);
  }

  /** Every guest and external user type, as Graph's flags string (CA009's include side). */
  /**
   * The policy that requires a terms-of-use agreement, generated only when the estate gives one.
   */
  static final String TERMS_OF_USE_POLICY = "CA043";

  /** The {@code policies.CA011.form} value that selects Microsoft's "Require risk remediation". */
  static final String RISK_REMEDIATION = "riskRemediation";

  /** Built-in authentication strength "Multifactor authentication". */
  static final String MFA_STRENGTH = "00000000-0000-0000-0000-000000000002";

  /**
   * CA011 in the riskRemediation form: grant {@code riskRemediation} AND an authentication strength
   * instead of {@code mfa} AND {@code passwordChange}; conditions and the every-time sign-in
   * frequency stay as the template has them. The notes about the passwordChange form are replaced.
   */
  static ObjectNode riskRemediation(ObjectNode template, List<String> notes) {
    ObjectNode body = template.deepCopy();
    ObjectNode grant = Json.mapper().createObjectNode();
    grant.put("operator", "AND");
    grant.putArray("builtInControls").add(RISK_REMEDIATION);
    grant.putObject("authenticationStrength").put("id", MFA_STRENGTH);
    body.set("grantControls", grant);
    notes.clear();
    notes.add(
        "Form riskRemediation (policies.CA011.form), Microsoft's 'Require risk remediation'"
            + " (https://learn.microsoft.com/entra/identity/authentication/tutorial-risk-based-sspr-mfa):"
            + " password users remediate with a secure password change, passwordless users by"
            + " signing in again with the authentication strength; Entra ID Protection then"
            + " dismisses the user risk.");
    notes.add(
        "riskRemediation must be combined with an authentication strength using AND and cannot be"
            + " combined with passwordChange (Graph conditionalAccessGrantControls). It is an"
            + " evolvable-enum member after unknownFutureValue: the deploy script sends"
            + " 'Prefer: include-unknown-enum-members' on every Graph call, without which reads"
            + " return unknownFutureValue.");
    notes.add(
        "UNCONFIRMED: which authentication strength Microsoft's portal selects with 'Require risk"
            + " remediation'; this policy uses the built-in Multifactor authentication strength"
            + " (00000000-0000-0000-0000-000000000002). Set policies.CA011.form: passwordChange (or"
            + " remove form) for the older mfa AND passwordChange form.");
    notes.add(
        "Sign-in frequency every time is mandatory with this control, in the exact shape Microsoft's"
            + " own templates send (type and value null).");
    notes.add(
        "Guests and external users are excluded, as in the other risk-based policies of this"
            + " baseline.");
    return body;
  }

  static final String ALL_GUEST_TYPES =
      "internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,"
          + "serviceProvider,otherExternalUser";

  private static boolean removeString(ObjectNode parent, String field, String value) {
    if (!(parent.get(field) instanceof ArrayNode a)) {
      return false;
    }
    boolean found = false;
    for (int i = a.size() - 1; i >= 0; i--) {
      if (a.get(i).isString() && value.equals(a.get(i).asString())) {
        a.remove(i);
        found = true;
      }
    }
    if (found && a.isEmpty()) {
      parent.remove(field);
    }
    return found;
  }

  /** The directory synchronisation accounts a (profile-patched) template excludes by object ID. */
  private List<PlannedPolicy.AppliedExclusion> directorySyncExclusions(JsonNode template) {
    List<PlannedPolicy.AppliedExclusion> out = new ArrayList<>();
    for (JsonNode item : template.at("/conditions/users/excludeUsers")) {
      if ("users.directorySync".equals(item.path("$symbol").asString(""))) {
        for (Estate.Principal a : directorySyncAccounts()) {
          out.add(
              new PlannedPolicy.AppliedExclusion(
                  PlannedPolicy.AppliedExclusion.Kind.USER,
                  a.id(),
                  null,
                  a.name(),
                  "directory synchronisation account (tenant.directorySyncAccounts), excluded by"
                      + " object ID instead of the Directory Synchronization Accounts role under"
                      + " the conformance profile",
                  PlannedPolicy.AppliedExclusion.Source.DIRECTORY_SYNC));
        }
      }
    }
    return out;
  }

  private List<Estate.Principal> directorySyncAccounts() {
    List<Estate.Principal> accounts = estate.tenant().directorySyncAccounts();
    return accounts == null ? List.of() : accounts;
  }

  /** Which of the profile's requirements the generated policies meet, and which they cannot. */
  private ConformanceReport report(
      ConformanceProfile profile, List<PlannedPolicy> planned, List<LeftOut> leftOut, Tier tier) {
    List<ConformanceReport.Row> rows = new ArrayList<>();
    for (ConformanceProfile.Item item : profile.items()) {
      if (item.policies().isEmpty()) {
        rows.add(
            new ConformanceReport.Row(
                item.id(),
                item.requirement(),
                List.of(),
                ConformanceReport.Status.TENANT_SETTING,
                item.tenantSetting()));
        continue;
      }
      List<String> unmet = new ArrayList<>();
      List<String> notEnforced = new ArrayList<>();
      for (String id : item.policies()) {
        Optional<PlannedPolicy> p = planned.stream().filter(x -> x.id().equals(id)).findFirst();
        if (p.isEmpty()) {
          unmet.add(
              id
                  + " is not generated: "
                  + leftOut.stream()
                      .filter(l -> l.id().equals(id))
                      .map(LeftOut::reason)
                      .findFirst()
                      .orElse("it is not part of the " + tier.key() + " tier"));
        } else if (notApplied.containsKey(id)) {
          unmet.add(id + " " + notApplied.get(id));
        } else if (!p.get().body().at("/conditions/users/excludeRoles").isEmpty()) {
          unmet.add(id + " excludes directory roles (policies." + id + ".exclude.roles)");
        } else if (!item.allowsExcludedApplications()
            && !p.get().body().at("/conditions/applications/excludeApplications").isEmpty()) {
          unmet.add(id + " leaves out applications (policies." + id + ".exclude.apps)");
        } else if (p.get().stage() != Stage.ENABLED) {
          notEnforced.add(id + " is " + p.get().stage().key());
        }
      }
      ConformanceReport.Status status;
      String detail;
      if (!unmet.isEmpty()) {
        status = ConformanceReport.Status.NOT_MET;
        detail = String.join("; ", unmet);
        limitations.add(
            new LeftOut(
                item.id(),
                profile.id(),
                "not met by this estate: " + item.requirement() + " " + detail));
      } else if (!notEnforced.isEmpty()) {
        status = ConformanceReport.Status.WHEN_ENFORCED;
        detail = "met once enforced: " + String.join(", ", notEnforced);
      } else {
        status = ConformanceReport.Status.MET;
        detail = "enforced: " + String.join(", ", item.policies());
      }
      rows.add(
          new ConformanceReport.Row(
              item.id(), item.requirement(), item.policies(), status, detail));
    }
    List<ConformanceReport.Difference> differences =
        applied.values().stream()
            .flatMap(List::stream)
            .filter(d -> d.profile().equals(profile.id()))
            .toList();
    return new ConformanceReport(
        profile.id(), profile.name(), profile.source(), profile.checks(), rows, differences);
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
      String tenantObjectId,
      String graphApi) {
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
        tenantObjectId,
        graphApi,
        // Only a beta policy says why it needs beta: no schema walk for the v1.0 ones.
        GraphApi.BETA.equals(graphApi) ? GraphApi.betaFeatures(canonical) : List.of());
  }

  /** The policy that blocks every agent identity the estate does not approve. */
  static final String APPROVED_AGENTS_POLICY = "CA051";

  /** The policy that blocks every agent user the estate does not approve. */
  static final String APPROVED_AGENT_USERS_POLICY = "CA053";

  /** The policy that holds agent users to the compliant network. */
  static final String COMPLIANT_NETWORK_POLICY = "CA055";

  /**
   * Why an agent policy whose capabilities the estate has is still left out: an allow-list policy
   * with nothing approved would block every agent; a compliant-network policy without the
   * compliant-network location would block its agent users everywhere.
   */
  private Optional<String> agentApprovalMissing(String id) {
    Estate.Agents agents = estate.agents();
    if (id.equals(APPROVED_AGENTS_POLICY) && !agents.identities().approvesAny()) {
      return Optional.of(
          "the estate approves no agent identity (agents.identities: approved, blueprints or"
              + " approvalAttribute), so it would block every agent identity");
    }
    if (id.equals(APPROVED_AGENT_USERS_POLICY) && agents.users().approved().isEmpty()) {
      return Optional.of(
          "the estate approves no agent user (agents.users.approved), so it would block every"
              + " agent user");
    }
    if (id.equals(COMPLIANT_NETWORK_POLICY)
        && agents.users().compliantNetworkLocationId() == null) {
      return Optional.of(
          "needs the ID of the compliant-network named location"
              + " (agents.users.compliantNetworkLocationId)");
    }
    return Optional.empty();
  }

  /**
   * The approval attribute of the estate as CA051's filter: agent identities whose custom security
   * attribute contains an approved value are excluded (Microsoft's filter syntax for applications;
   * the template notes say that Graph does not document it for agents yet).
   */
  private void approvalFilter(ObjectNode body) {
    Estate.ApprovalAttribute a = estate.agents().identities().approvalAttribute();
    if (a == null) {
      return;
    }
    String property = "CustomSecurityAttribute." + a.attributeSet() + "_" + a.attribute();
    String rule =
        a.values().stream()
            .map(v -> property + " -contains \"" + v + "\"")
            .collect(Collectors.joining(" -or "));
    ObjectNode filter =
        ((ObjectNode) body.at("/conditions/clientApplications"))
            .putObject("agentIdServicePrincipalFilter");
    filter.put("mode", "exclude");
    filter.put("rule", rule);
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
    for (ConformanceProfile profile : profiles) {
      if (profile.privilegedRoleSet() != null) {
        roles.set(profile.privilegedRoleSet()).stream()
            .filter(r -> !privileged.contains(r))
            .forEach(privileged::add);
      }
    }
    values.put("roles.privileged", privileged);
    values.put("roles.directorySync", roles.set("directorySync"));
    values.put(
        "users.directorySync", directorySyncAccounts().stream().map(Estate.Principal::id).toList());
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
    // The apps agents use as resources (MCP servers, tools) join the generative-AI apps.
    for (String key : estate.agents().resources()) {
      estate.app(key).map(Estate.App::appId).filter(id -> !ai.contains(id)).ifPresent(ai::add);
    }
    values.put("apps.generativeAi", ai);
    Estate.AgentIdentities identities = estate.agents().identities();
    List<String> approvedAgents = new ArrayList<>();
    if (identities != null) {
      identities.approved().forEach(a -> approvedAgents.add(a.id()));
      identities.blueprints().forEach(b -> approvedAgents.add(b.id()));
    }
    values.put("agents.approved", approvedAgents);
    Estate.AgentUsers agentUsers = estate.agents().users();
    List<Estate.AgentUser> approvedUsers = agentUsers == null ? List.of() : agentUsers.approved();
    values.put("agentUsers.approved", approvedUsers.stream().map(Estate.AgentUser::id).toList());
    for (String require : List.of("compliantDevice", "compliantNetwork")) {
      values.put(
          "agentUsers." + require,
          approvedUsers.stream()
              .filter(u -> require.equals(u.require()))
              .map(Estate.AgentUser::id)
              .toList());
    }
    values.put(
        "locations.compliantNetwork",
        agentUsers == null || agentUsers.compliantNetworkLocationId() == null
            ? List.of()
            : List.of(agentUsers.compliantNetworkLocationId()));
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
            "/conditions/users/includeUsers",
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
                || !body.at("/conditions/clientApplications/includeAgentIdServicePrincipals")
                    .isEmpty()
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
      return Optional.of(
          body.at("/conditions/clientApplications/includeAgentIdServicePrincipals").isEmpty()
              ? "workload identities"
              : "agent identities");
    }
    JsonNode include = users.path("includeUsers");
    if (Json.strings(include).contains("AllAgentIdUsers")) {
      return Optional.of("agent users");
    }
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
