package org.aisecuritybaseline.tenant;

import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.diag.Diagnostic;

/**
 * What a tenant snapshot holds, in canonical form (docs/contracts.md section 9), with what reading
 * it found: unknown or beta-only members, files that are not what they should be.
 *
 * @param tenantId from snapshot.json, or null when loose files were read
 * @param exportedAt from snapshot.json, or null
 * @param names display names of the directory objects the policies name, by lower-case ID (users,
 *     groups and service principals by object ID; roles by template ID; applications by app ID)
 * @param subscriptions the Azure subscriptions snapshot.json says were read (lower case); empty
 *     when loose files were read
 * @param missing the files snapshot.json lists as not written (relative paths, as listed); empty
 *     when loose files were read
 */
public record TenantSnapshot(
    String tenantId,
    String exportedAt,
    List<TenantObject> policies,
    List<TenantObject> namedLocations,
    List<TenantObject> authenticationStrengths,
    Map<String, DirectoryName> names,
    List<TenantObject> pricings,
    List<TenantObject> connectors,
    List<TenantObject> dlpPolicies,
    List<TenantObject> dlpRules,
    List<Diagnostic> diagnostics,
    List<String> subscriptions,
    List<String> missing) {
  public TenantSnapshot {
    subscriptions = List.copyOf(subscriptions);
    missing = List.copyOf(missing);
  }

  /** A snapshot read from loose files: no subscription list, nothing listed as missing. */
  public TenantSnapshot(
      String tenantId,
      String exportedAt,
      List<TenantObject> policies,
      List<TenantObject> namedLocations,
      List<TenantObject> authenticationStrengths,
      Map<String, DirectoryName> names,
      List<TenantObject> pricings,
      List<TenantObject> connectors,
      List<TenantObject> dlpPolicies,
      List<TenantObject> dlpRules,
      List<Diagnostic> diagnostics) {
    this(
        tenantId,
        exportedAt,
        policies,
        namedLocations,
        authenticationStrengths,
        names,
        pricings,
        connectors,
        dlpPolicies,
        dlpRules,
        diagnostics,
        List.of(),
        List.of());
  }

  /** Whether snapshot.json lists {@code file} (a path of the layout) as not written. */
  public boolean isMissing(String file) {
    return missing.stream().anyMatch(m -> m.equalsIgnoreCase(file));
  }

  /** A directory object's kind ("user", "group", "servicePrincipal", "role", "application"). */
  public record DirectoryName(String kind, String displayName) {}
}
