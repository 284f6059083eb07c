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
    List<Diagnostic> diagnostics) {

  /** A directory object's kind ("user", "group", "servicePrincipal", "role", "application"). */
  public record DirectoryName(String kind, String displayName) {}
}
