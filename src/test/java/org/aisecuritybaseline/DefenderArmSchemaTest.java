package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every generated ARM template validates against Azure's published ARM schemas for
 * Microsoft.Security (copies under src/test/resources/arm-schemas with their provenance).
 */
class DefenderArmSchemaTest {
  private static final String BASE = "https://schema.management.azure.com/schemas/";
  private static final SchemaRegistry REGISTRY = registry();

  private static SchemaRegistry registry() {
    Map<String, String> schemas = new HashMap<>();
    schemas.put(
        BASE + "2024-01-01/Microsoft.Security.json",
        load("2024-01-01/Microsoft.Security.json", false));
    schemas.put(
        BASE + "2023-12-01-preview/Microsoft.Security.json",
        load("2023-12-01-preview/Microsoft.Security.json", true));
    schemas.put(
        BASE + "2024-08-01-preview/Microsoft.Security.json",
        load("2024-08-01-preview/Microsoft.Security.f7024b3c.json", false));
    schemas.put(BASE + "common/definitions.json", load("common/definitions.json", false));
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, b -> b.schemas(schemas));
  }

  /**
   * The schema text read as draft-07 ($schema removed, id renamed $id); optionally the
   * discriminator defect patched.
   */
  private static String load(String path, boolean patchDiscriminators) {
    ObjectNode root = (ObjectNode) Json.parseResource("/arm-schemas/" + path);
    root.remove("$schema");
    JsonNode id = root.remove("id"); // draft-04 spelling of $id
    if (id != null) {
      root.put("$id", id.asString().replace("#", ""));
    }
    if (patchDiscriminators) {
      patch(root);
    }
    return Json.write(root);
  }

  /** Removes additionalProperties:false from allOf branches that declare only a discriminator. */
  private static void patch(JsonNode node) {
    if (node instanceof ObjectNode o && o.get("allOf") != null && o.get("allOf").size() == 2) {
      JsonNode first = o.get("allOf").get(0);
      if (first instanceof ObjectNode f
          && f.path("additionalProperties").isBoolean()
          && f.path("properties").size() == 1) {
        f.remove("additionalProperties");
      }
    }
    node.forEach(DefenderArmSchemaTest::patch);
  }

  private static Schema definition(String version, String pointer) {
    return REGISTRY.getSchema(
        SchemaLocation.of(BASE + version + "/Microsoft.Security.json#" + pointer));
  }

  @Test
  void everyGeneratedTemplateValidates() {
    Schema pricings = definition("2024-01-01", "/subscription_resourceDefinitions/pricings");
    Schema contacts =
        definition("2023-12-01-preview", "/subscription_resourceDefinitions/securityContacts");
    Schema connectors = definition("2024-08-01-preview", "/resourceDefinitions/securityConnectors");
    List<String> problems = new ArrayList<>();
    int resources = 0;
    int connectorCount = 0;
    for (var estate : TestSupport.examples()) {
      for (Artifact a : TestSupport.generate(estate)) {
        boolean subscriptionTemplate =
            a.path().startsWith("defender/azure/") && a.path().endsWith(".json");
        boolean connectorTemplate = a.path().endsWith("/connector.json");
        if (!subscriptionTemplate && !connectorTemplate) {
          continue;
        }
        JsonNode t = Json.parse(a.text());
        assertEquals(
            subscriptionTemplate
                ? "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"
                : "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            t.get("$schema").asString(),
            a.path());
        assertEquals("1.0.0.0", t.get("contentVersion").asString());
        for (JsonNode r : t.get("resources")) {
          resources++;
          Schema schema =
              switch (r.get("type").asString()) {
                case "Microsoft.Security/pricings" -> pricings;
                case "Microsoft.Security/securityContacts" -> contacts;
                case "Microsoft.Security/securityConnectors" -> connectors;
                default -> throw new AssertionError("unexpected resource type in " + a.path());
              };
          if (connectorTemplate) {
            connectorCount++;
          }
          schema
              .validate(r)
              .forEach(
                  e ->
                      problems.add(
                          a.path() + " " + r.get("name").asString() + ": " + e.getMessage()));
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(resources > 30, "resources validated: " + resources);
    assertTrue(connectorCount >= 4, "connectors validated: " + connectorCount);
  }

  @Test
  void theSchemasRejectWhatArmRejects() {
    Schema pricings = definition("2024-01-01", "/subscription_resourceDefinitions/pricings");
    JsonNode lowercase =
        Json.parse(
            "{\"type\":\"Microsoft.Security/pricings\",\"apiVersion\":\"2024-01-01\",\"name\":\"AI\","
                + "\"properties\":{\"pricingTier\":\"Standard\",\"extensions\":[{\"name\":\"AIPromptEvidence\",\"isEnabled\":\"true\"}]}}");
    assertFalse(
        pricings.validate(lowercase).isEmpty(), "isEnabled must be the string True or False");
    Schema connectors = definition("2024-08-01-preview", "/resourceDefinitions/securityConnectors");
    JsonNode misspelt =
        Json.parse(
            "{\"type\":\"Microsoft.Security/securityConnectors\",\"apiVersion\":\"2024-08-01-preview\","
                + "\"name\":\"aws-1\",\"location\":\"westeurope\",\"properties\":{\"environmentName\":\"AWS\",\"offerings\":"
                + "[{\"offeringType\":\"CspmMonitorAWS\"}]}}");
    assertFalse(connectors.validate(misspelt).isEmpty(), "offeringType is case-sensitive");
  }

  @Test
  void exclusionTagsAreEscapedForArm() {
    var files =
        TestSupport.generate(TestSupport.root().resolve("examples/enterprise-p2/estate.yaml"));
    String template =
        files.stream()
            .filter(
                a -> a.path().equals("defender/azure/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.json"))
            .findFirst()
            .orElseThrow()
            .text();
    JsonNode t = Json.parse(template);
    String tags = t.findValue("ExclusionTags").asString();
    assertEquals("[[{\"Key\":\"mdc-exclude\",\"Value\":\"true\"}]", tags);
  }
}
