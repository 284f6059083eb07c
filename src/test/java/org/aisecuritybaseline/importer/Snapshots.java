package org.aisecuritybaseline.importer;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.diag.Diagnostic;
import org.aisecuritybaseline.diag.DiagnosticFormatter;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.diag.SourceFile;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import org.aisecuritybaseline.tenant.TenantSnapshot.DirectoryName;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tenant snapshots built in memory, in the canonical form of docs/contracts.md section 9 (no server
 * fields, no null or empty members, sorted sets, lower-case GUIDs).
 */
final class Snapshots {
  static final String TENANT = "8e2f4c6a-1b3d-4f5e-a7c9-0d2e4f6a8b0c";
  static final String BG1 = "3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a";
  static final String BG2 = "4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b";
  static final String DIRECTORY_SYNC = "d29b2b05-8046-44ba-8758-1e26182fcf32";

  private Snapshots() {}

  /** A policy: {@code json} is the body without displayName and state. */
  static TenantObject policy(String id, String name, String state, String json) {
    return policy(id, name, state, json, List.of());
  }

  static TenantObject policy(
      String id, String name, String state, String json, List<String> betaFields) {
    ObjectNode body = (ObjectNode) Json.parse(json);
    body.put("displayName", name);
    body.put("state", state);
    return new TenantObject(
        id, name, null, body, betaFields, "entra/conditional-access-policies.json");
  }

  static TenantObject location(String id, String name, String json) {
    ObjectNode body = (ObjectNode) Json.parse(json);
    body.put("displayName", name);
    return new TenantObject(id, name, null, body, List.of(), "entra/named-locations.json");
  }

  static TenantSnapshot snapshot(
      List<TenantObject> policies, List<TenantObject> locations, Map<String, DirectoryName> names) {
    return new TenantSnapshot(
        TENANT,
        "2026-05-01T10:00:00Z",
        policies,
        locations,
        List.of(),
        names,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  static ImportResult run(TenantSnapshot s, boolean adoptBreakGlass) {
    try {
      ImportResult r = Importer.run(s, new Importer.Options(null, adoptBreakGlass, null));
      if (System.getenv("SHOW_IMPORT") != null) {
        System.out.println(r.yaml());
      }
      return r;
    } catch (Importer.Refused e) {
      throw new AssertionError(e);
    }
  }

  /** Validates as 'baseline validate' does; fails the test on any error. */
  static EstateValidator.Validated validate(String yaml) {
    Diagnostics d = new Diagnostics();
    var v = EstateValidator.validate(new SourceFile("estate.yaml", yaml), Catalogue.builtIn(), d);
    if (v.isEmpty()) {
      StringBuilder b = new StringBuilder();
      d.sorted().forEach(x -> b.append(DiagnosticFormatter.format(x)));
      fail("estate did not validate:\n" + b + "\n" + yaml);
    }
    return v.get();
  }

  /** The errors validating finds. */
  static List<Diagnostic> errors(String yaml) {
    Diagnostics d = new Diagnostics();
    EstateValidator.validate(new SourceFile("estate.yaml", yaml), Catalogue.builtIn(), d);
    return new ArrayList<>(d.sorted().stream().filter(Diagnostic::isError).toList());
  }

  /** The errors validating finds besides the one for undecided break-glass (E302). */
  static List<Diagnostic> errorsIgnoringBreakGlass(String yaml) {
    List<Diagnostic> errors = errors(yaml);
    errors.removeIf(d -> d.code() == org.aisecuritybaseline.diag.Code.E302);
    if (!errors.isEmpty()) {
      StringBuilder b = new StringBuilder();
      errors.forEach(x -> b.append(DiagnosticFormatter.format(x)));
      fail("estate has errors besides E302:\n" + b + "\n" + yaml);
    }
    return errors;
  }

  /** CA004 as the baseline generates it, with break-glass and {@code extra} excluded users. */
  static String legacyAuth(String... extraExcludedUsers) {
    List<String> users = new ArrayList<>(List.of(BG1, BG2));
    users.addAll(List.of(extraExcludedUsers));
    users.sort(null);
    return """
        {"conditions": {"applications": {"includeApplications": ["All"]},
          "clientAppTypes": ["exchangeActiveSync", "other"],
          "users": {"excludeUsers": %s, "includeUsers": ["All"]}},
         "grantControls": {"builtInControls": ["block"], "operator": "OR"}}
        """
        .formatted(Json.compact(Json.stringArray(users)));
  }
}
