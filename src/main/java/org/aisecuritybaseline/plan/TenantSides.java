package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.plan.Plan.TenantAction;
import org.aisecuritybaseline.plan.Plan.TenantObjectChange;
import tools.jackson.databind.JsonNode;

/**
 * What a plan against a tenant collects, kind after kind: each compared object written as the same
 * output file on both sides (the tenant's and the estate's, in the same reduced form), what
 * deploying does to it, and the notes on what was not compared.
 */
final class TenantSides {
  final Map<String, byte[]> tenantFiles = new LinkedHashMap<>();
  final Map<String, byte[]> estateFiles = new LinkedHashMap<>();
  final List<TenantObjectChange> objects = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  /**
   * One object of the estate and its counterpart in the tenant ({@code theirs}, null when there is
   * none: deploying creates it); {@code adopted} when deploying takes an unmanaged object over.
   */
  void compare(
      String id,
      String kind,
      String path,
      JsonNode mine,
      JsonNode theirs,
      String tenantObjectId,
      boolean adopted) {
    estateFiles.put(path, Json.writeBytes(mine));
    TenantAction action;
    if (theirs == null) {
      action = TenantAction.CREATE;
    } else {
      tenantFiles.put(path, Json.writeBytes(theirs));
      action =
          adopted
              ? TenantAction.ADOPT
              : mine.equals(theirs) ? TenantAction.UNCHANGED : TenantAction.UPDATE;
    }
    objects.add(
        new TenantObjectChange(id, kind, action, theirs == null ? null : tenantObjectId, path));
  }
}
