package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code check --format sarif}: valid against the OASIS SARIF 2.1.0 schema (a copy in
 * src/test/resources/sarif, provenance in its README), the catalogue as the driver's rules, each
 * failing rule located at the estate line that causes it with a relative URI.
 */
class CheckSarifTest {
  static List<String> violations(JsonNode sarif) {
    JsonNode schemaTree = Json.parseResource("/sarif/sarif-schema-2.1.0.json");
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    Schema schema =
        registry.getSchema(
            SchemaLocation.of(
                "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"),
            schemaTree);
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(sarif)) {
      out.add(e.toString());
    }
    return out;
  }

  static JsonNode sarif(String... args) {
    TestSupport.Run run = TestSupport.cli(args);
    assertEquals(0, run.code(), run.err());
    return Json.parse(run.out());
  }

  @Test
  void enterpriseExampleIsValidSarif() {
    JsonNode sarif = sarif("check", "examples/enterprise-p2/estate.yaml", "--format", "sarif");
    assertEquals(List.of(), violations(sarif));
    assertEquals("2.1.0", sarif.get("version").asString());
    JsonNode run = sarif.get("runs").get(0);
    JsonNode rules = run.at("/tool/driver/rules");
    assertEquals(15, rules.size());
    JsonNode dlp = rules.get(14);
    assertEquals("AISB-DLP-001", dlp.get("id").asString());
    assertEquals("warning", dlp.at("/defaultConfiguration/level").asString());
    assertTrue(
        Json.strings(dlp.at("/properties/tags")).contains("Fortify your data security"),
        dlp.toString());
    JsonNode legacy = rules.get(0);
    assertEquals("AISB-CA-001", legacy.get("id").asString());
    assertTrue(
        legacy.get("helpUri").asString().startsWith("https://github.com/cisagov/ScubaGear/"));
    List<String> tags = Json.strings(legacy.at("/properties/tags"));
    assertTrue(
        tags.containsAll(List.of("MS.AAD.1.1v1", "MT.1009", "MT.1010", "21796")), tags.toString());
    assertEquals("MS.AAD.1.1v1", legacy.at("/properties/frameworks/0/id").asString());

    JsonNode results = run.get("results");
    assertEquals(7, results.size(), "the seven failing rules");
    JsonNode first = results.get(0);
    assertEquals("AISB-CA-001", first.get("ruleId").asString());
    assertEquals(0, first.get("ruleIndex").asInt());
    assertEquals("error", first.get("level").asString());
    JsonNode physical = first.at("/locations/0/physicalLocation");
    assertEquals(
        "examples/enterprise-p2/estate.yaml", physical.at("/artifactLocation/uri").asString());
    assertEquals(108, physical.at("/region/startLine").asInt());
    assertEquals(16, physical.at("/region/startColumn").asInt());
  }

  @Test
  void anAbsoluteEstatePathBecomesRelative() {
    JsonNode sarif =
        sarif(
            "check",
            TestSupport.root().resolve("examples/small-p1/estate.yaml").toAbsolutePath().toString(),
            "--format",
            "sarif");
    assertEquals(List.of(), violations(sarif));
    String uri =
        sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asString();
    assertTrue(uri.endsWith("examples/small-p1/estate.yaml") && !uri.startsWith("/"), uri);
  }

  @Test
  void theSchemaCatchesABrokenLog() {
    JsonNode sarif = sarif("check", "examples/enterprise-p2/estate.yaml", "--format", "sarif");
    ((tools.jackson.databind.node.ObjectNode) sarif).put("version", "2.0.0");
    assertTrue(!violations(sarif).isEmpty(), "the validator is not a no-op");
  }
}
