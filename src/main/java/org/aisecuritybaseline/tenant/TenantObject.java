package org.aisecuritybaseline.tenant;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One object read from a tenant snapshot, in canonical form (docs/contracts.md section 9).
 *
 * @param id the object's ID in the tenant (a policy's or named location's GUID, a pricing's plan
 *     name, a connector's resource ID, a DLP policy's name); null when the export left it out
 * @param displayName its display name (a DLP policy's or rule's name), or null
 * @param scope where it lives, when that is not the tenant: a subscription ID for pricings and
 *     connectors, the policy name for a DLP rule; else null
 * @param body the canonical body (server fields, nulls and empty members removed, sets sorted)
 * @param betaFields JSON pointers of the members only Graph beta knows, in the order found
 * @param source the file it came from (relative to what was read) and its JSON pointer in it, as
 *     {@code entra/conditional-access-policies.json#/value/3}
 * @param unknownFields JSON pointers of the members neither the Graph v1.0 nor the beta schema
 *     declares (kept in the body and reported as warnings), in the order found
 */
public record TenantObject(
    String id,
    String displayName,
    String scope,
    ObjectNode body,
    List<String> betaFields,
    String source,
    List<String> unknownFields) {
  public TenantObject {
    betaFields = List.copyOf(betaFields);
    unknownFields = List.copyOf(unknownFields);
  }

  /** An object with no unknown members. */
  public TenantObject(
      String id,
      String displayName,
      String scope,
      ObjectNode body,
      List<String> betaFields,
      String source) {
    this(id, displayName, scope, body, betaFields, source, List.of());
  }
}
