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
public record Secops(Workspace workspace, Sentinel sentinel, String deploymentLocation) {

  /** No secops section. */
  public static Secops empty() {
    return new Secops(null, null, null);
  }

  /** Whether the estate has the section: without it the family generates and says nothing. */
  public boolean present() {
    return workspace != null;
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
