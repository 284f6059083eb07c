package org.aisecuritybaseline.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.tenant.Canonical;
import org.aisecuritybaseline.tenant.SnapshotReader;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 13's acceptance on real exports written outside this project
 * (src/test/resources/real-exports, provenance in its SOURCES.md) and on the GET responses
 * Microsoft documents (src/test/resources/graph-docs-examples): every Conditional Access export
 * that is a tenant export (not the templates with placeholders) is imported, the estate validates
 * and generates, and each tenant policy is either reproduced (the generated body, canonical, is the
 * tenant's, up to its name, description, state and what the import listed as left out) or accounted
 * for by a note that names it and says why.
 */
class RealExportsImportTest {
  private static final String TENANT = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "real-exports/ca/philippkohn-zt-export",
        "real-exports/ca/joeyv-baseline",
        "real-exports/ca/scubagear-sample-reports",
        "real-exports/ca/scubagear-createreport-stub",
        "real-exports/ca/scubagear-runrego-stub",
        "graph-docs-examples"
      })
  void everyPolicyIsReproducedOrAccountedFor(String source) throws Exception {
    Path folder = TestSupport.root().resolve("src/test/resources/" + source);
    TenantSnapshot snapshot = withIds(SnapshotReader.read(folder));
    assertTrue(
        snapshot.diagnostics().stream().noneMatch(d -> d.isError()),
        source + ": " + snapshot.diagnostics());
    assertTrue(!snapshot.policies().isEmpty(), source);

    ImportResult result = Importer.run(snapshot, new Importer.Options(TENANT, true, "westeurope"));
    String yaml = waived(result);
    EstateValidator.Validated v = TestSupport.validate(source.replace('/', '-') + ".yaml", yaml);
    Map<String, JsonNode> generated = new HashMap<>();
    List<Artifact> output = Generator.generate(v);
    JsonNode deployment = file(output, "entra/deployment.json");
    for (JsonNode p : deployment.path("policies")) {
      String id = p.path("tenantObjectId").asString(null);
      if (id != null) {
        generated.put(id, file(output, "entra/" + p.path("file").asString()));
      }
    }

    List<String> reproduced = new ArrayList<>();
    List<String> accounted = new ArrayList<>();
    for (TenantObject policy : snapshot.policies()) {
      String name = policy.body().path("displayName").asString("");
      JsonNode mine = generated.get(policy.id());
      List<ImportResult.Note> notes = notesAbout(result, policy, name);
      if (mine == null) {
        assertTrue(
            notes.stream().anyMatch(n -> n.code() == Code.W650),
            source + ": " + name + " is not generated and no W650 note says why: " + notes);
        accounted.add(name);
        continue;
      }
      ObjectNode theirs = comparable(policy.body());
      for (String pointer : leftOut(policy)) {
        remove(theirs, pointer);
      }
      ObjectNode ours = comparable(Canonical.policy(mine));
      if (ours.equals(theirs)) {
        reproduced.add(name);
      } else {
        assertTrue(
            notes.stream().anyMatch(n -> !n.message().startsWith("names IDs the snapshot")),
            source
                + ": "
                + name
                + " is generated differently and no note says why:\n tenant    "
                + Json.compact(theirs)
                + "\n generated "
                + Json.compact(ours));
        accounted.add(name);
      }
    }
    assertEquals(
        snapshot.policies().size(), reproduced.size() + accounted.size(), source + " every policy");
    assertTrue(
        reproduced.size() * 2 >= snapshot.policies().size(),
        source
            + ": most policies are reproduced, not only accounted for: reproduced "
            + reproduced.size()
            + " of "
            + snapshot.policies().size()
            + "; accounted for "
            + accounted);
  }

  /**
   * One source's export script dropped the policies' IDs; a tenant export has them. Each policy
   * without one gets a fixed ID from its source, so that the import remembers where each came from
   * (tenantObjectId) and the test can pair them.
   */
  private static TenantSnapshot withIds(TenantSnapshot s) {
    List<TenantObject> policies = new ArrayList<>();
    for (TenantObject p : s.policies()) {
      policies.add(
          p.id() != null
              ? p
              : new TenantObject(
                  java.util
                      .UUID
                      .nameUUIDFromBytes(p.source().getBytes(StandardCharsets.UTF_8))
                      .toString(),
                  p.displayName(),
                  p.scope(),
                  p.body(),
                  p.betaFields(),
                  p.source(),
                  p.unknownFields()));
    }
    return new TenantSnapshot(
        s.tenantId(),
        s.exportedAt(),
        policies,
        s.namedLocations(),
        s.authenticationStrengths(),
        s.names(),
        s.pricings(),
        s.connectors(),
        s.dlpPolicies(),
        s.dlpRules(),
        s.diagnostics());
  }

  /** The import leaves break-glass to its user; the test decides: no break-glass, waived. */
  private static String waived(ImportResult result) {
    String yaml = result.yaml();
    if (result.breakGlassDecided()) {
      return yaml;
    }
    assertTrue(yaml.contains("\nbreakGlass: {}\n"), "break-glass left to decide");
    return yaml.replace(
        "\nbreakGlass: {}\n",
        "\nbreakGlass:\n  waiver:\n    reason: The test compares policies without break-glass.\n");
  }

  /** The notes about one tenant policy: by its ID or its name. */
  private static List<ImportResult.Note> notesAbout(
      ImportResult result, TenantObject policy, String name) {
    return result.notes().stream()
        .filter(n -> n.code() == Code.W650 || n.code() == Code.W652)
        .filter(
            n ->
                (policy.id() != null
                        && (n.subject().contains(policy.id()) || n.message().contains(policy.id())))
                    || (!name.isEmpty()
                        && (n.subject().contains(name) || n.message().contains(name))))
        .toList();
  }

  /** Members the readers flagged beta-only or unknown: the estate is v1.0, the import says so. */
  /**
   * The members an import cannot keep: those neither Graph schema knows. Members only Graph beta
   * has are kept (issue 15: the custom policy is deployed through beta).
   */
  private static List<String> leftOut(TenantObject policy) {
    return new ArrayList<>(policy.unknownFields());
  }

  /** What an import reproduces: all but the name, description and state. */
  private static ObjectNode comparable(ObjectNode body) {
    ObjectNode copy = body.deepCopy();
    copy.remove(List.of("displayName", "description", "state"));
    return copy;
  }

  private static void remove(ObjectNode body, String pointer) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = slash <= 0 ? body : body.at(pointer.substring(0, slash));
    if (parent instanceof ObjectNode o) {
      o.remove(pointer.substring(slash + 1));
    }
  }

  private static JsonNode file(List<Artifact> output, String path) {
    return output.stream()
        .filter(a -> a.path().equals(path))
        .map(a -> Json.parse(new String(a.bytes(), StandardCharsets.UTF_8)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + path));
  }
}
