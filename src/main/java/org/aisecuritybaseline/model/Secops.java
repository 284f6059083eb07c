package org.aisecuritybaseline.model;

import java.util.List;

/**
 * The estate's {@code secops} section: security operations in Microsoft Sentinel (its Log Analytics
 * workspace, Sentinel onboarding and the data connectors). A record of components, each optional,
 * so that a later component (another family part) is one more component here.
 *
 * @param deploymentLocation region recorded for the tenant-scope deployment (Entra ID diagnostic
 *     settings), or null: the created workspace's location then
 */
public record Secops(
    Workspace workspace,
    Sentinel sentinel,
    String deploymentLocation,
    Office365Presets office365Presets) {

  /** No secops section. */
  public static Secops empty() {
    return new Secops(null, null, null, null);
  }

  /**
   * Whether the estate has a Sentinel workspace: without it the family generates and says nothing
   * of Sentinel.
   */
  public boolean present() {
    return workspace != null;
  }

  /**
   * {@code secops.office365Presets}: the Defender for Office 365 preset security policies (Standard
   * and Strict). Either preset may be absent: the tool then leaves that preset's rules alone. With
   * {@code defenderForOffice365} (default true) the tenant's Defender for Office 365 rules ({@code
   * *-ATPProtectionPolicyRule}) are managed too.
   */
  public record Office365Presets(
      PresetAssignment standard, PresetAssignment strict, Boolean defenderForOffice365) {
    public Office365Presets {
      defenderForOffice365 = defenderForOffice365 == null || defenderForOffice365;
    }
  }

  /**
   * Who one preset applies to. {@code allRecipients: true} is every recipient (no condition: the
   * form CISA's ScubaGear checks for MS.DEFENDER.1.2/1.3); otherwise {@code users} (email
   * addresses), {@code groups} (email addresses of distribution, mail-enabled security or Microsoft
   * 365 groups) or {@code domains} (accepted domains). Exceptions apply in both cases. {@code
   * enabled} (default true) turns the preset on or off without losing the assignment.
   */
  public record PresetAssignment(
      Boolean allRecipients,
      List<String> users,
      List<String> groups,
      List<String> domains,
      List<String> exceptUsers,
      List<String> exceptGroups,
      List<String> exceptDomains,
      Boolean enabled) {
    public PresetAssignment {
      allRecipients = allRecipients != null && allRecipients;
      users = Estate.list(users);
      groups = Estate.list(groups);
      domains = Estate.list(domains);
      exceptUsers = Estate.list(exceptUsers);
      exceptGroups = Estate.list(exceptGroups);
      exceptDomains = Estate.list(exceptDomains);
      enabled = enabled == null || enabled;
    }

    /** The condition lists that are not empty, by their estate key. */
    public List<String> conditionKeys() {
      List<String> keys = new java.util.ArrayList<>();
      if (!users.isEmpty()) keys.add("users");
      if (!groups.isEmpty()) keys.add("groups");
      if (!domains.isEmpty()) keys.add("domains");
      return keys;
    }
  }

  /**
   * Exactly one of {@code resourceId} (an existing workspace) and {@code create} (the schema says
   * so).
   */
  public record Workspace(String resourceId, Create create) {}

  /**
   * A workspace to create.
   *
   * @param retentionDays the workspace's analytics retention, or null for the default
   */
  public record Create(
      String subscription,
      String resourceGroup,
      String name,
      String location,
      Integer retentionDays) {}

  /**
   * @param connectors the data connectors the estate names, in its order, or null: every one that
   *     applies
   */
  public record Sentinel(List<String> connectors) {
    public Sentinel {
      connectors = connectors == null ? null : List.copyOf(connectors);
    }
  }
}
