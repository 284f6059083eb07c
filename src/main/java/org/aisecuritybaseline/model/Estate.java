package org.aisecuritybaseline.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The estate file, bound after schema validation. Collections are never null; maps are sorted by
 * key so that everything derived from them is deterministic.
 */
@JsonIgnoreProperties({"$schema", "apiVersion", "kind"})
public record Estate(
    Metadata metadata,
    Tenant tenant,
    BreakGlass breakGlass,
    List<Group> groups,
    DirectoryRoles directoryRoles,
    List<NamedLocation> namedLocations,
    List<App> apps,
    BaselineSettings baseline,
    Map<String, PolicySettings> policies,
    List<CustomPolicy> customPolicies,
    Agents agents,
    List<RuleException> exceptions,
    DataProtection data,
    ThreatProtection threat,
    Secops secops) {

  public Estate {
    metadata = metadata == null ? new Metadata(null, null) : metadata;
    breakGlass = breakGlass == null ? new BreakGlass(null, null, null) : breakGlass;
    groups = list(groups);
    directoryRoles = directoryRoles == null ? new DirectoryRoles(null) : directoryRoles;
    namedLocations = list(namedLocations);
    apps = list(apps);
    baseline = baseline == null ? new BaselineSettings(null, null, null) : baseline;
    policies =
        policies == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(policies));
    customPolicies = list(customPolicies);
    agents = agents == null ? Agents.NONE : agents;
    exceptions = list(exceptions);
    data = data == null ? DataProtection.empty() : data;
    threat = threat == null ? ThreatProtection.empty() : threat;
    secops = secops == null ? Secops.empty() : secops;
  }

  static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : List.copyOf(items);
  }

  /** What the tenant's licences and services, and the estate's data section, make available. */
  public Set<Capability> capabilities() {
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    caps.addAll(tenant.capabilities());
    if (data.devicesOnboarded()) {
      caps.add(Capability.DEVICES_ONBOARDED);
    }
    if (agents.identities() != null) {
      caps.add(Capability.AGENT_IDENTITIES);
    }
    if (agents.users() != null) {
      caps.add(Capability.AGENT_USERS);
    }
    return caps;
  }

  public Optional<Group> group(String key) {
    return groups.stream().filter(g -> g.key().equals(key)).findFirst();
  }

  public List<Group> groupsWithPurpose(Group.Purpose purpose) {
    return groups.stream().filter(g -> g.purpose() == purpose).toList();
  }

  public Optional<App> app(String key) {
    return apps.stream().filter(a -> a.key().equals(key)).findFirst();
  }

  public Optional<NamedLocation> namedLocation(String key) {
    return namedLocations.stream().filter(l -> l.key().equals(key)).findFirst();
  }

  public record Metadata(String name, String description) {}

  /**
   * An accepted deviation from a rule of {@code baseline check}, until {@code expires} (an ISO
   * date, checked by the schema).
   *
   * @param policy the policy it covers, or null
   * @param object the excluded object it covers, or null; with neither, the whole rule
   */
  public record RuleException(
      String rule, String policy, String object, String reason, String owner, String expires) {
    public java.time.LocalDate expiryDate() {
      return java.time.LocalDate.parse(expires);
    }
  }

  public record Tenant(
      String id,
      String primaryDomain,
      List<String> licences,
      Services services,
      List<Principal> directorySyncAccounts,
      Integer unmanagedPolicyCount) {
    /**
     * {@code directorySyncAccounts} stays null when the estate does not declare them (an empty list
     * says the tenant does not synchronise).
     */
    public Tenant {
      licences = list(licences);
      directorySyncAccounts =
          directorySyncAccounts == null ? null : List.copyOf(directorySyncAccounts);
      services = services == null ? new Services(false, false, false, false) : services;
      unmanagedPolicyCount = unmanagedPolicyCount == null ? 0 : unmanagedPolicyCount;
    }

    /** What the licences and services give the tenant. */
    public Set<Capability> capabilities() {
      Set<Capability> caps = EnumSet.noneOf(Capability.class);
      for (String licence : licences) {
        caps.addAll(Capability.grantedBy(licence));
      }
      if (services.intune()) {
        caps.add(Capability.INTUNE);
      }
      if (services.purviewInsiderRisk()) {
        caps.add(Capability.PURVIEW_INSIDER_RISK);
      }
      if (services.microsoft365Copilot()) {
        caps.add(Capability.MICROSOFT_365_COPILOT);
      }
      return caps;
    }
  }

  public record Services(
      boolean intune,
      boolean purviewInsiderRisk,
      boolean microsoft365Copilot,
      boolean securityCopilot) {}

  public record BreakGlass(List<Principal> accounts, List<Principal> groups, Waiver waiver) {
    public BreakGlass {
      accounts = list(accounts);
      groups = list(groups);
    }

    public boolean isEmpty() {
      return accounts.isEmpty() && groups.isEmpty();
    }
  }

  public record Principal(String id, String name) {}

  public record Waiver(String reason) {}

  /**
   * @param reason why the group's purpose takes it out of policies (required where it does)
   */
  public record Group(
      String key, String id, String name, String mail, Purpose purpose, String reason) {
    public enum Purpose implements org.aisecuritybaseline.json.Keyed {
      @com.fasterxml.jackson.annotation.JsonProperty("admins")
      ADMINS,
      @com.fasterxml.jackson.annotation.JsonProperty("pilot")
      PILOT,
      @com.fasterxml.jackson.annotation.JsonProperty("specialized")
      SPECIALIZED,
      @com.fasterxml.jackson.annotation.JsonProperty("serviceAccounts")
      SERVICE_ACCOUNTS,
      @com.fasterxml.jackson.annotation.JsonProperty("other")
      OTHER;

      /** The name the estate file uses. */
      @Override
      public String key() {
        return this == SERVICE_ACCOUNTS
            ? "serviceAccounts"
            : name().toLowerCase(java.util.Locale.ROOT);
      }
    }
  }

  public record DirectoryRoles(List<String> admins) {
    public DirectoryRoles {
      admins = list(admins);
    }
  }

  /**
   * @param tenantObjectId the existing tenant named location this location takes over (see {@link
   *     #objectId}), or null
   */
  public record NamedLocation(
      String key,
      String name,
      boolean trusted,
      List<String> ipRanges,
      List<String> countries,
      boolean includeUnknownCountries,
      String countryLookup,
      String tenantObjectId) {
    public NamedLocation {
      ipRanges = list(ipRanges);
      countries = list(countries);
      tenantObjectId = objectId(tenantObjectId);
    }

    public boolean isIp() {
      return !ipRanges.isEmpty();
    }
  }

  public record App(
      String key, String name, String appId, String kind, String hosting, boolean generativeAi) {}

  /**
   * @param conformance the conformance profiles turned on (keys such as {@code cisa-scuba}), in the
   *     estate's order
   */
  public record BaselineSettings(Tier tier, Stage defaultStage, List<String> conformance) {
    public BaselineSettings {
      tier = tier == null ? Tier.STARTING_POINT : tier;
      defaultStage = defaultStage == null ? Stage.REPORT_ONLY : defaultStage;
      conformance = list(conformance);
    }

    public boolean conforms(String profile) {
      return conformance.contains(profile);
    }
  }

  /**
   * @param tenantObjectId the existing tenant policy this policy takes over (see {@link
   *     #objectId}), or null
   * @param form which grant form the policy uses (CA011 only: {@code passwordChange}, the default,
   *     or {@code riskRemediation}), or null
   * @param termsOfUse the terms-of-use agreement ID that CA043 requires, or null (CA043 is then
   *     left out)
   */
  public record PolicySettings(
      Stage stage,
      Exclusion exclude,
      Skip skip,
      String tenantObjectId,
      String form,
      String termsOfUse) {
    public PolicySettings {
      tenantObjectId = objectId(tenantObjectId);
    }
  }

  public record Exclusion(
      List<String> users,
      List<String> groups,
      List<String> roles,
      List<String> apps,
      String reason) {
    public Exclusion {
      users = list(users);
      groups = list(groups);
      roles = list(roles);
      apps = list(apps);
    }
  }

  public record Skip(String reason) {}

  /**
   * @param tenantObjectId the existing tenant policy this policy takes over (see {@link
   *     #objectId}), or null
   */
  public record CustomPolicy(
      String id,
      String name,
      String summary,
      Stage stage,
      ObjectNode policy,
      String graphApi,
      String tenantObjectId) {
    public CustomPolicy {
      tenantObjectId = objectId(tenantObjectId);
      graphApi = graphApi == null ? "v1.0" : graphApi;
    }

    public CustomPolicy(
        String id,
        String name,
        String summary,
        Stage stage,
        ObjectNode policy,
        String tenantObjectId) {
      this(id, name, summary, stage, policy, null, tenantObjectId);
    }
  }

  /**
   * The estate's AI agents (Microsoft Entra Agent ID): which agent identities and agent users are
   * approved, and the apps agents use as resources. {@link #present()} is false when the estate has
   * no {@code agents} section: then no agent policy is generated.
   *
   * @param identities agent identities, or null when the section leaves them out
   * @param users agent user accounts, or null when the section leaves them out
   * @param resources keys of apps under {@code apps} that agents use as resources
   */
  public record Agents(AgentIdentities identities, AgentUsers users, List<String> resources) {
    /** No agents section (compared by identity: an empty section is still a section). */
    static final Agents NONE = new Agents(null, null, null);

    public Agents {
      resources = list(resources);
    }

    public boolean present() {
      return this != NONE;
    }
  }

  /**
   * @param approvalAttribute the custom security attribute that marks approved agent identities, or
   *     null
   */
  public record AgentIdentities(
      List<AgentEntry> approved, List<AgentEntry> blueprints, ApprovalAttribute approvalAttribute) {
    public AgentIdentities {
      approved = list(approved);
      blueprints = list(blueprints);
    }

    /** Whether the estate approves any agent identity (by ID, blueprint or attribute). */
    public boolean approvesAny() {
      return !approved.isEmpty() || !blueprints.isEmpty() || approvalAttribute != null;
    }
  }

  public record AgentEntry(String key, String id, String name) {}

  public record ApprovalAttribute(String attributeSet, String attribute, List<String> values) {
    public ApprovalAttribute {
      values = list(values);
    }
  }

  /**
   * @param compliantNetworkLocationId the tenant's compliant-network named location, or null
   */
  public record AgentUsers(List<AgentUser> approved, String compliantNetworkLocationId) {
    public AgentUsers {
      approved = list(approved);
    }
  }

  /**
   * @param require {@code compliantDevice}, {@code compliantNetwork} or null
   */
  public record AgentUser(String key, String id, String name, String require) {}

  /**
   * A {@code tenantObjectId} in its canonical form (a GUID in lower case), or null when not set:
   * the object ID of an existing tenant object (a policy or a named location) that the deploy
   * script takes over in place on the first deployment instead of creating a new one beside it.
   * {@code baseline import} writes it for every object it imports.
   */
  static String objectId(String tenantObjectId) {
    return tenantObjectId == null ? null : tenantObjectId.toLowerCase(java.util.Locale.ROOT);
  }
}
