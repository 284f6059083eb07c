package org.aisecuritybaseline.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import org.aisecuritybaseline.tenant.TenantSnapshot.DirectoryName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * This project's own output, deployed (as far as a snapshot shows it), imported and generated
 * again: the Conditional Access policies and named locations come back as they were. The snapshot
 * is made from the golden output of examples/enterprise-p2 with a minimal canonical form of its own
 * (the lead redoes this with the real readers after the merge).
 */
class RoundTripTest {
  static final Path GOLDEN = TestSupport.root().resolve("src/test/golden/enterprise-p2/entra");

  /** A made-up tenant ID for each name, stable across runs. */
  static String guid(String seed) {
    return java.util
        .UUID
        .nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }

  static List<Path> files(String folder) throws IOException {
    try (Stream<Path> s = Files.list(GOLDEN.resolve(folder))) {
      return s.sorted().toList();
    }
  }

  /** As the readers return it: no null or empty members, references to the deployed objects. */
  static JsonNode canonical(JsonNode n) {
    if (n instanceof ObjectNode o) {
      ObjectNode out = Json.NODES.objectNode();
      o.properties()
          .forEach(
              e -> {
                JsonNode v = canonical(e.getValue());
                if (!Normal.isEmpty(v)) {
                  out.set(e.getKey(), v);
                }
              });
      return out;
    }
    if (n instanceof ArrayNode a) {
      ArrayNode out = Json.NODES.arrayNode();
      a.forEach(
          item -> {
            String s = item.isString() ? item.asString() : null;
            out.add(
                s != null && s.startsWith("namedLocation:")
                    ? Json.NODES.stringNode(guid("location " + s.substring(14)))
                    : canonical(item));
          });
      return out;
    }
    return n;
  }

  static TenantSnapshot snapshot(Map<String, Path> policyFiles) throws IOException {
    List<TenantObject> policies = new ArrayList<>();
    for (Path f : files("conditional-access")) {
      ObjectNode body = (ObjectNode) canonical(Json.parse(Files.readString(f)));
      String id = guid("policy " + f.getFileName());
      policyFiles.put(id, f);
      policies.add(
          new TenantObject(
              id, body.get("displayName").asString(), null, body, List.of(), f.toString()));
    }
    List<TenantObject> locations = new ArrayList<>();
    for (Path f : files("named-locations")) {
      ObjectNode body = (ObjectNode) canonical(Json.parse(Files.readString(f)));
      String key = f.getFileName().toString().replaceAll("^NL-|\\.json$", "");
      locations.add(
          new TenantObject(
              guid("location " + key),
              body.get("displayName").asString(),
              null,
              body,
              List.of(),
              f.toString()));
    }
    JsonNode deployment = Json.parse(Files.readString(GOLDEN.resolve("deployment.json")));
    Map<String, DirectoryName> names = new HashMap<>();
    for (String kind : List.of("users", "groups", "applications")) {
      for (JsonNode o : deployment.at("/directory/" + kind)) {
        if (o.has("name")) {
          String k =
              kind.equals("applications") ? "application" : kind.substring(0, kind.length() - 1);
          names.put(o.get("id").asString(), new DirectoryName(k, o.get("name").asString()));
        }
      }
    }
    // Reversed, to show that the order of the snapshot does not matter.
    java.util.Collections.reverse(policies);
    java.util.Collections.reverse(locations);
    return new TenantSnapshot(
        deployment.get("tenantId").asString(),
        null,
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

  static final Path DEFENDER =
      TestSupport.root().resolve("src/test/golden/enterprise-p2/defender/azure");

  /** The pricings of each golden ARM template, as ARM lists them for its subscription. */
  static List<TenantObject> pricings() throws IOException {
    List<TenantObject> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(DEFENDER)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String sub = f.getFileName().toString().replace(".json", "");
        for (JsonNode r : Json.parse(Files.readString(f)).get("resources")) {
          if (r.get("type").asString().equals("Microsoft.Security/pricings")) {
            ObjectNode body = Json.NODES.objectNode();
            body.put("name", r.get("name").asString());
            body.set("properties", armLiterals(r.get("properties")));
            out.add(
                new TenantObject(
                    r.get("name").asString(), null, sub, body, List.of(), f.toString()));
          }
        }
      }
    }
    return out;
  }

  /** A template's strings as ARM stores them: "[[" is a literal "[" in a template. */
  static JsonNode armLiterals(JsonNode n) {
    if (n.isString() && n.asString().startsWith("[[")) {
      return Json.NODES.stringNode(n.asString().substring(1));
    }
    if (n instanceof ObjectNode o) {
      ObjectNode out = Json.NODES.objectNode();
      o.properties().forEach(e -> out.set(e.getKey(), armLiterals(e.getValue())));
      return out;
    }
    if (n instanceof ArrayNode a) {
      ArrayNode out = Json.NODES.arrayNode();
      a.forEach(i -> out.add(armLiterals(i)));
      return out;
    }
    return n;
  }

  static List<JsonNode> pricingResources(byte[] template) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r :
        Json.parse(new String(template, java.nio.charset.StandardCharsets.UTF_8))
            .get("resources")) {
      if (r.get("type").asString().equals("Microsoft.Security/pricings")) {
        out.add(r);
      }
    }
    return out;
  }

  @Test
  void theGoldenDefenderPricingsImportedAndGeneratedAgainAreTheGoldenOnes() throws IOException {
    TenantSnapshot base = snapshot(new TreeMap<>());
    TenantSnapshot s =
        new TenantSnapshot(
            base.tenantId(),
            null,
            base.policies(),
            base.namedLocations(),
            List.of(),
            base.names(),
            pricings(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    ImportResult r;
    try {
      r = Importer.run(s, new Importer.Options(null, true, "westeurope"));
    } catch (Importer.Refused e) {
      throw new AssertionError(e);
    }
    assertEquals(List.of(), r.notes(Code.W650), r.yaml());
    var validated = Snapshots.validate(r.yaml());
    Map<String, byte[]> generated = new TreeMap<>();
    Generator.generate(validated).forEach(a -> generated.put(a.path(), a.bytes()));
    try (Stream<Path> files = Files.list(DEFENDER)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String path = "defender/azure/" + f.getFileName();
        assertTrue(generated.containsKey(path), path);
        assertEquals(
            pricingResources(Files.readAllBytes(f)), pricingResources(generated.get(path)), path);
      }
    }
    if (System.getenv("SHOW_IMPORT") != null) {
      System.out.println(r.yaml().substring(r.yaml().indexOf("\nthreat:")));
    }
  }

  @Test
  void theGoldenOutputImportedAndGeneratedAgainIsTheGoldenOutput() throws IOException {
    Map<String, Path> policyFiles = new TreeMap<>();
    ImportResult r = Snapshots.run(snapshot(policyFiles), true);
    assertEquals(List.of(), r.notes(Code.W650), r.yaml());
    // The 21 baseline policies of the enterprise tier the example generates, and its 5 agent
    // policies (CA050 to CA054; CA055 needs a compliant-network location the example does not
    // give).
    assertEquals(26, r.adopted().size(), r.adopted().toString());
    // CA100, and CA101 (all agent resources: a beta keyword, so a custom policy through beta).
    assertEquals(2, r.customPolicies());
    var validated = Snapshots.validate(r.yaml());
    Map<String, byte[]> generated = new TreeMap<>();
    for (Artifact a : Generator.generate(validated)) {
      generated.put(a.path(), a.bytes());
    }
    for (String folder : List.of("conditional-access", "named-locations")) {
      for (Path golden : files(folder)) {
        String path = "entra/" + folder + "/" + golden.getFileName();
        assertTrue(generated.containsKey(path), path + " is generated again");
        assertEquals(
            Files.readString(golden),
            new String(generated.get(path), java.nio.charset.StandardCharsets.UTF_8),
            path);
      }
    }
    long policies =
        generated.keySet().stream().filter(p -> p.startsWith("entra/conditional-access/")).count();
    assertEquals(files("conditional-access").size(), policies, "no policy more");
    // Every adopted or custom policy carries the ID of the tenant's object it came from.
    for (String id : policyFiles.keySet()) {
      assertTrue(r.yaml().contains("tenantObjectId: " + id + "\n"), id);
    }
  }
}
