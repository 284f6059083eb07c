package org.aisecuritybaseline.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canonical form of what this project generates equals the canonical form of the same objects
 * as the tenant returns them (AsReturned): the readers and the generator agree on what is the same.
 */
class AsReturnedTest {
  private static final Path GOLDEN = CanonicalTest.GOLDEN;

  @Test
  void everyGeneratedPolicyAndNamedLocationReadsBackAsItsOwnCanonicalForm(@TempDir Path tmp)
      throws IOException {
    List<Path> files = CanonicalTest.goldenFiles();
    assertTrue(files.size() >= 30, "golden policies and named locations: " + files.size());
    List<String> problems = new ArrayList<>();
    for (Path f : files) {
      String rel = GOLDEN.relativize(f).toString();
      boolean policy = rel.contains("/conditional-access/");
      JsonNode generated = Json.parse(Files.readString(f));
      String id = AsReturned.id(rel);
      ObjectNode returned =
          policy ? AsReturned.policy(generated, id) : AsReturned.namedLocation(generated, id);
      assertNotEquals(generated, returned, rel);
      assertTrue(Json.write(returned).contains(id), "upper-case ID: " + rel);
      Path file = tmp.resolve(f.getFileName());
      Files.write(file, AsReturned.utf16le(returned));
      TenantSnapshot s = SnapshotReader.read(file);
      // A policy deployed through Graph beta (issue 15) reads back with its beta members, each
      // policy with one notice (W550) that lists them; anything else is a problem.
      List<String> betaMembers =
          policy ? Canonical.of(ObjectKind.POLICY, generated).betaFields() : List.of();
      if (s.diagnostics().stream().anyMatch(d -> d.code() != Code.W550 || betaMembers.isEmpty())) {
        problems.add(rel + ": " + s.diagnostics());
        continue;
      }
      TenantObject read = policy ? s.policies().get(0) : s.namedLocations().get(0);
      ObjectNode expected =
          policy ? Canonical.policy(generated) : Canonical.namedLocation(generated);
      if (!Json.write(expected).equals(Json.write(read.body()))) {
        problems.add(
            rel
                + "\n  generated: "
                + Json.compact(expected)
                + "\n  returned:  "
                + Json.compact(read.body()));
      }
      assertEquals(id.toLowerCase(Locale.ROOT), read.id());
      assertEquals(betaMembers, read.betaFields(), rel);
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void aWholeGeneratedOutputAsASnapshotFolder(@TempDir Path tmp) throws IOException {
    for (String estate : List.of("enterprise-p2", "small-p1")) {
      Path out = GOLDEN.resolve(estate);
      JsonNode deployment = Json.parse(Files.readString(out.resolve("entra/deployment.json")));
      String tenantId = deployment.get("tenantId").asString();
      Path into = tmp.resolve(estate);
      AsReturned.snapshotFolder(out, into, tenantId);
      TenantSnapshot s = SnapshotReader.read(into);
      // One notice (W550) for each policy with members only Graph beta has, and nothing else.
      long withBetaMembers =
          json(out.resolve("entra/conditional-access")).stream()
              .filter(
                  f ->
                      !Canonical.of(ObjectKind.POLICY, Json.parse(readText(f)))
                          .betaFields()
                          .isEmpty())
              .count();
      assertTrue(s.diagnostics().stream().allMatch(d -> d.code() == Code.W550), estate);
      assertEquals(withBetaMembers, s.diagnostics().size(), estate + ": " + s.diagnostics());
      assertEquals(tenantId, s.tenantId());
      Map<String, String> locationIds = AsReturned.namedLocationIds(out);

      List<Path> policies = json(out.resolve("entra/conditional-access"));
      assertEquals(policies.size(), s.policies().size(), estate);
      for (Path f : policies) {
        String id = AsReturned.policyId("conditional-access/" + f.getFileName());
        TenantObject read = byId(s.policies(), id);
        JsonNode generated =
            AsReturned.withLocationIds(Json.parse(Files.readString(f)), locationIds);
        assertEquals(
            Json.write(Canonical.policy(generated)), Json.write(read.body()), f.toString());
      }
      assertEquals(locationIds.size(), s.namedLocations().size());
      for (JsonNode nl : deployment.path("namedLocations")) {
        TenantObject read = byId(s.namedLocations(), locationIds.get(nl.get("key").asString()));
        JsonNode generated =
            Json.parse(Files.readString(out.resolve("entra").resolve(nl.get("file").asString())));
        assertEquals(Canonical.namedLocation(generated), read.body());
      }
      for (JsonNode x : deployment.at("/breakGlass/groups")) {
        assertTrue(s.names().containsKey(x.asString()), "break-glass group named: " + x);
      }
      for (JsonNode sp : deployment.path("servicePrincipals")) {
        assertEquals(
            "application",
            s.names().get(sp.get("appId").asString().toLowerCase(Locale.ROOT)).kind());
      }

      int pricings = 0;
      for (Path template : json(out.resolve("defender/azure"))) {
        String sub = template.getFileName().toString().replace(".json", "");
        for (JsonNode r : Json.parse(Files.readString(template)).path("resources")) {
          if (r.path("type").asString("").equals("Microsoft.Security/pricings")) {
            pricings++;
            TenantObject read =
                s.pricings().stream()
                    .filter(p -> p.scope().equals(sub) && p.id().equals(r.get("name").asString()))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                Canonical.pricing(
                    org.aisecuritybaseline.defender.DefenderRenderer.deployedValue(r)),
                read.body(),
                sub + " " + r.get("name") + " as deployed (ARM's escaped literals unescaped)");
          }
        }
      }
      assertEquals(pricings, s.pricings().size());

      int connectors = 0;
      for (String cloud : List.of("aws", "gcp")) {
        Path dir = out.resolve("defender").resolve(cloud);
        List<Path> accounts = new ArrayList<>();
        if (Files.isDirectory(dir)) {
          try (Stream<Path> list = Files.list(dir)) {
            list.filter(d -> Files.isRegularFile(d.resolve("connector.json")))
                .sorted()
                .forEach(accounts::add);
          }
        }
        for (Path account : accounts) {
          for (JsonNode r :
              Json.parse(Files.readString(account.resolve("connector.json"))).path("resources")) {
            connectors++;
            ObjectNode expected = Canonical.connector(r);
            expected.remove("location"); // the template says [resourceGroup().location]
            TenantObject read =
                s.connectors().stream()
                    .filter(c -> c.displayName().equals(r.get("name").asString()))
                    .findFirst()
                    .orElseThrow();
            ObjectNode body = read.body().deepCopy();
            assertEquals("westeurope", body.remove("location").asString());
            assertEquals(expected, body, account.toString());
            assertTrue(read.id().contains("/resourcegroups/"), read.id());
          }
        }
      }
      assertEquals(connectors, s.connectors().size());

      List<Path> dlp = json(out.resolve("purview/dlp"));
      assertEquals(dlp.size(), s.dlpPolicies().size());
      for (Path f : dlp) {
        JsonNode definition = Json.parse(Files.readString(f));
        ObjectNode params = Canonical.dlpPolicy(definition.get("policy"));
        TenantObject read = byId(s.dlpPolicies(), params.get("Name").asString());
        params
            .properties()
            .forEach(e -> assertEquals(e.getValue(), read.body().get(e.getKey()), e.getKey()));
        long rules = s.dlpRules().stream().filter(r -> r.scope().equals(read.id())).count();
        assertEquals(definition.path("rules").size(), rules, f.toString());
      }
    }
  }

  private static TenantObject byId(List<TenantObject> objects, String id) {
    return objects.stream()
        .filter(o -> id.equals(o.id()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no object " + id));
  }

  private static List<Path> json(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static String readText(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
