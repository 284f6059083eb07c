package org.aisecuritybaseline.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.aisecuritybaseline.entra.DirectoryRoleCatalogue;
import org.aisecuritybaseline.entra.FirstPartyApps;
import org.aisecuritybaseline.entra.PlannedPolicy;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;

/**
 * An estate's people and apps as the engine sees them: who can sign in (the kinds of user, the
 * estate's groups), what to (the apps), where from (the named locations), and the names of every
 * object a policy names, by estate key.
 */
public final class Directory {
  /** Graph's guestOrExternalUserTypes, in Graph's order. */
  public static final List<String> GUEST_TYPES =
      List.of(
          "internalGuest",
          "b2bCollaborationGuest",
          "b2bCollaborationMember",
          "b2bDirectConnectUser",
          "otherExternalUser",
          "serviceProvider");

  /** The rows of the coverage matrix, in order. */
  public static final List<String> MATRIX_WHO;

  static {
    List<String> who = new ArrayList<>(List.of("member"));
    who.addAll(GUEST_TYPES);
    who.addAll(List.of("admin", "break-glass", "service-account", "pilot"));
    MATRIX_WHO = List.copyOf(who);
  }

  /** The fixed columns of the coverage matrix; the estate's apps follow. */
  public static final List<String> FIXED_APPS =
      List.of("all", "copilot", "security-copilot", "azure-management", "office365");

  /** User actions a policy can target instead of apps. */
  public static final Map<String, String> USER_ACTIONS =
      Map.of(
          "register-security-info", "urn:user:registersecurityinfo",
          "register-device", "urn:user:registerdevice");

  public static final String AZURE_MANAGEMENT = "797f4846-ba00-4fd7-ba43-dac1f8f63013";

  private final Estate estate;
  private final List<PlannedPolicy> policies;

  public Directory(Estate estate, List<PlannedPolicy> policies) {
    this.estate = estate;
    this.policies = List.copyOf(policies);
  }

  public Estate estate() {
    return estate;
  }

  public List<PlannedPolicy> policies() {
    return policies;
  }

  /**
   * The values --user accepts, in order: the kinds, the estate's group keys, then with the agents
   * section the agent kinds and the approved agents and agent users.
   */
  public List<String> whoValues() {
    List<String> out = new ArrayList<>(MATRIX_WHO);
    estate
        .groups()
        .forEach(
            g ->
                out.add(
                    MATRIX_WHO.contains(g.key())
                            || g.key().equals(AGENT)
                            || g.key().equals(AGENT_USER)
                        ? "group:" + g.key()
                        : g.key()));
    if (estate.agents().identities() != null) {
      out.add(AGENT);
      approvedAgents().forEach(a -> out.add(AGENT + ":" + a.key()));
    }
    if (estate.agents().users() != null) {
      out.add(AGENT_USER);
      estate.agents().users().approved().forEach(a -> out.add(AGENT_USER + ":" + a.key()));
    }
    return out;
  }

  /** An agent identity signing in as itself (--user agent, agent:KEY). */
  public static final String AGENT = "agent";

  /** An agent user account (--user agent-user, agent-user:KEY). */
  public static final String AGENT_USER = "agent-user";

  /** An object ID no estate names: the agent or agent user that nobody approved. */
  private static final String UNAPPROVED = "00000000-0000-4000-8000-00000000a6e7";

  private List<Estate.AgentEntry> approvedAgents() {
    Estate.AgentIdentities ids = estate.agents().identities();
    if (ids == null) {
      return List.of();
    }
    List<Estate.AgentEntry> out = new ArrayList<>(ids.approved());
    out.addAll(ids.blueprints());
    return out;
  }

  /** An agent or agent user: one object ID, in no group, holding no role. */
  private static Who agentWho(
      String key, String label, String id, String note, Who.Subject subject) {
    return new Who(
        key, label, Set.of(id.toLowerCase(Locale.ROOT)), Set.of(), Set.of(), null, note, subject);
  }

  private Optional<Who> agent(String key) {
    if (key.equals(AGENT) && estate.agents().identities() != null) {
      return Optional.of(
          agentWho(
              key,
              "an agent identity the estate does not approve",
              UNAPPROVED,
              null,
              Who.Subject.AGENT_IDENTITY));
    }
    if (key.equals(AGENT_USER) && estate.agents().users() != null) {
      return Optional.of(
          agentWho(
              key,
              "an agent user the estate does not approve",
              UNAPPROVED,
              null,
              Who.Subject.AGENT_USER));
    }
    if (key.startsWith(AGENT + ":")) {
      String k = key.substring(AGENT.length() + 1);
      Estate.AgentIdentities ids = estate.agents().identities();
      return approvedAgents().stream()
          .filter(a -> a.key().equals(k))
          .findFirst()
          .map(
              a ->
                  agentWho(
                      key,
                      (ids.blueprints().contains(a)
                              ? "an agent identity of the approved blueprint "
                              : "the approved agent identity ")
                          + a.key()
                          + (a.name() == null ? "" : " \"" + a.name() + "\""),
                      a.id(),
                      ids.blueprints().contains(a)
                          ? "evaluated as excluded by its blueprint's object ID, as the generated"
                              + " policy excludes it (Graph does not document how a blueprint"
                              + " exclusion applies to its agents)"
                          : null,
                      Who.Subject.AGENT_IDENTITY));
    }
    if (key.startsWith(AGENT_USER + ":") && estate.agents().users() != null) {
      String k = key.substring(AGENT_USER.length() + 1);
      return estate.agents().users().approved().stream()
          .filter(a -> a.key().equals(k))
          .findFirst()
          .map(
              a ->
                  agentWho(
                      key,
                      "the approved agent user "
                          + a.key()
                          + (a.name() == null ? "" : " \"" + a.name() + "\""),
                      a.id(),
                      null,
                      Who.Subject.AGENT_USER));
    }
    return Optional.empty();
  }

  /** The values --app accepts: the fixed apps, the user actions, then the estate's app keys. */
  public List<String> appValues() {
    List<String> out = new ArrayList<>(FIXED_APPS);
    out.addAll(new TreeSet<>(USER_ACTIONS.keySet()));
    estate.apps().forEach(a -> out.add(appKey(a)));
    return out;
  }

  /** The matrix columns: the fixed apps, then each app of the estate. */
  public List<String> matrixApps() {
    List<String> out = new ArrayList<>(FIXED_APPS);
    estate.apps().forEach(a -> out.add(appKey(a)));
    return out;
  }

  /** An estate app's key, as app:KEY where the key is also one of the fixed values. */
  private static String appKey(Estate.App a) {
    return FIXED_APPS.contains(a.key()) || USER_ACTIONS.containsKey(a.key())
        ? "app:" + a.key()
        : a.key();
  }

  public Optional<Who> who(String key) {
    Set<String> none = Set.of();
    if (key.equals(AGENT)
        || key.equals(AGENT_USER)
        || key.startsWith(AGENT + ":")
        || key.startsWith(AGENT_USER + ":")) {
      Optional<Who> agent = agent(key);
      if (agent.isPresent()) {
        return agent; // an estate group with such a key is group:KEY
      }
    }
    if (GUEST_TYPES.contains(key)) {
      return Optional.of(
          new Who(key, "guest or external user: " + key, none, none, none, key, null));
    }
    return switch (key) {
      case "member" ->
          Optional.of(
              new Who(
                  key,
                  "member user (in no estate group, no directory role)",
                  none,
                  none,
                  none,
                  null,
                  null));
      case "admin" ->
          Optional.of(
              new Who(
                  key,
                  "administrator (every directory role the policies include"
                      + (estate.groupsWithPurpose(Estate.Group.Purpose.ADMINS).isEmpty()
                          ? ")"
                          : ", in the admins groups)"),
                  none,
                  groupIds(Estate.Group.Purpose.ADMINS),
                  includedRoles(),
                  null,
                  null));
      case "break-glass" -> Optional.of(breakGlass());
      case "service-account" ->
          Optional.of(purposeWho(key, "service account", Estate.Group.Purpose.SERVICE_ACCOUNTS));
      case "pilot" -> Optional.of(purposeWho(key, "pilot user", Estate.Group.Purpose.PILOT));
      default ->
          estate
              .group(key.startsWith("group:") ? key.substring(6) : key)
              .map(
                  g ->
                      new Who(
                          key,
                          "member of group " + g.key() + " \"" + g.name() + "\"",
                          none,
                          Set.of(g.id().toLowerCase(Locale.ROOT)),
                          none,
                          null,
                          null));
    };
  }

  private Who breakGlass() {
    Estate.BreakGlass bg = estate.breakGlass();
    Set<String> users =
        bg.accounts().isEmpty()
            ? Set.of()
            : Set.of(bg.accounts().get(0).id().toLowerCase(Locale.ROOT));
    Set<String> groups = new TreeSet<>();
    bg.groups().forEach(g -> groups.add(g.id().toLowerCase(Locale.ROOT)));
    String label =
        bg.accounts().isEmpty()
            ? "break-glass account (in the break-glass groups)"
            : "break-glass account " + bg.accounts().get(0).name();
    // A break-glass account is a Global Administrator: it holds the admin roles too, so that its
    // exclusion, not a missing role, is what keeps it out of the admin policies.
    return new Who(
        "break-glass",
        label + ", holding the directory roles the policies include",
        users,
        groups,
        includedRoles(),
        null,
        bg.isEmpty() ? "the estate names no break-glass account" : null);
  }

  private Who purposeWho(String key, String label, Estate.Group.Purpose purpose) {
    Set<String> ids = groupIds(purpose);
    List<String> keys = estate.groupsWithPurpose(purpose).stream().map(Estate.Group::key).toList();
    return new Who(
        key,
        label + (keys.isEmpty() ? "" : " (member of " + String.join(", ", keys) + ")"),
        Set.of(),
        ids,
        Set.of(),
        null,
        keys.isEmpty()
            ? "the estate has no group with purpose " + purpose.key() + ": evaluated as a member"
            : null);
  }

  private Set<String> groupIds(Estate.Group.Purpose purpose) {
    Set<String> ids = new TreeSet<>();
    estate.groupsWithPurpose(purpose).forEach(g -> ids.add(g.id().toLowerCase(Locale.ROOT)));
    return ids;
  }

  /** Every directory role template ID a policy includes. */
  private Set<String> includedRoles() {
    Set<String> roles = new TreeSet<>();
    for (PlannedPolicy p : policies) {
      Json.strings(p.body().at("/conditions/users/includeRoles"))
          .forEach(r -> roles.add(r.toLowerCase(Locale.ROOT)));
    }
    return roles;
  }

  public Optional<Target> app(String key) {
    FirstPartyApps fp = FirstPartyApps.get();
    return switch (key) {
      case "all" ->
          Optional.of(
              new Target(
                  key, "All resources (an app no policy names)", null, null, false, false, false));
      case "copilot" ->
          Optional.of(
              new Target(
                  key,
                  fp.name("microsoft365Copilot"),
                  fp.appId("microsoft365Copilot"),
                  null,
                  false,
                  true,
                  false));
      case "security-copilot" ->
          Optional.of(
              new Target(
                  key,
                  fp.name("securityCopilot"),
                  fp.appId("securityCopilot"),
                  null,
                  false,
                  false,
                  false));
      case "azure-management" ->
          Optional.of(
              new Target(
                  key,
                  fp.name("windowsAzureServiceManagement"),
                  AZURE_MANAGEMENT,
                  null,
                  false,
                  false,
                  true));
      case "office365" ->
          Optional.of(
              new Target(
                  key,
                  "Office 365 (an app of the Office365 group)",
                  null,
                  null,
                  true,
                  false,
                  false));
      default -> {
        if (USER_ACTIONS.containsKey(key)) {
          yield Optional.of(
              new Target(
                  key,
                  "user action " + USER_ACTIONS.get(key),
                  null,
                  USER_ACTIONS.get(key),
                  false,
                  false,
                  false));
        }
        yield estate
            .app(key.startsWith("app:") ? key.substring(4) : key)
            .map(
                a ->
                    new Target(
                        key,
                        a.name(),
                        a.appId().toLowerCase(Locale.ROOT),
                        null,
                        false,
                        false,
                        false));
      }
    };
  }

  /** A named-location key or {@link SignIn#ANYWHERE}. */
  public List<String> locationValues() {
    List<String> out = new ArrayList<>();
    out.add(SignIn.ANYWHERE);
    estate.namedLocations().forEach(l -> out.add(l.key()));
    return out;
  }

  /** Whether the location is a trusted named location. */
  boolean trusted(String location) {
    return estate.namedLocation(location).map(l -> l.isIp() && l.trusted()).orElse(false);
  }

  /** A reader's name for a user, group, role, app or location a policy names. */
  String name(String kind, String id) {
    String lower = id.toLowerCase(Locale.ROOT);
    switch (kind) {
      case "user" -> {
        for (Estate.Principal a : estate.breakGlass().accounts()) {
          if (a.id().equalsIgnoreCase(id)) {
            return "break-glass account " + a.name();
          }
        }
        if (estate.agents().users() != null) {
          for (Estate.AgentUser a : estate.agents().users().approved()) {
            if (a.id().equalsIgnoreCase(id)) {
              return "agent user " + a.key();
            }
          }
        }
      }
      case "agent" -> {
        for (Estate.AgentEntry a : approvedAgents()) {
          if (a.id().equalsIgnoreCase(id)) {
            return "agent " + a.key();
          }
        }
        return "agent identity " + lower;
      }
      case "group" -> {
        for (Estate.Group g : estate.groups()) {
          if (g.id().equalsIgnoreCase(id)) {
            return "group " + g.key() + " \"" + g.name() + "\"";
          }
        }
        for (Estate.Principal g : estate.breakGlass().groups()) {
          if (g.id().equalsIgnoreCase(id)) {
            return "break-glass group \"" + g.name() + "\"";
          }
        }
      }
      case "role" -> {
        return DirectoryRoleCatalogue.get()
            .name(lower)
            .map(n -> "role " + n)
            .orElse("role " + lower);
      }
      case "app" -> {
        for (Estate.App a : estate.apps()) {
          if (a.appId().equalsIgnoreCase(id)) {
            return "app " + a.key() + " \"" + a.name() + "\"";
          }
        }
        return FirstPartyApps.get()
            .byAppId(id)
            .map(e -> "app " + e.getValue())
            .orElse("app " + lower);
      }
      case "location" -> {
        if (id.startsWith("namedLocation:")) {
          String key = id.substring("namedLocation:".length());
          return estate
              .namedLocation(key)
              .map(l -> "named location " + key + " \"" + l.name() + "\"")
              .orElse("named location " + key);
        }
        return switch (id) {
          case "All" -> "any location";
          case "AllTrusted" -> "all trusted locations";
          case "00000000-0000-0000-0000-000000000000" -> "MFA trusted IPs";
          default -> "location " + id;
        };
      }
      default -> {}
    }
    return kind + " " + lower;
  }

  /** The labels of the matrix's rows and columns and of each value, in order. */
  public Map<String, String> labels(List<String> keys, boolean apps) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : keys) {
      out.put(k, apps ? app(k).orElseThrow().label() : who(k).orElseThrow().label());
    }
    return out;
  }
}
