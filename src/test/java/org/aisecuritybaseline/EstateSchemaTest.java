package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The estate schema is the user's documentation: every property explained, no silent extras. */
class EstateSchemaTest {
  private static final JsonNode SCHEMA =
      Json.parse(TestSupport.read(TestSupport.root().resolve("schemas/estate.schema.json")));

  @Test
  void everyPropertyHasADescriptionAndEveryObjectIsClosed() {
    List<String> problems = new ArrayList<>();
    walk(SCHEMA, "#", problems);
    assertEquals(List.of(), problems);
  }

  private static void walk(JsonNode node, String at, List<String> problems) {
    if (!node.isObject()) {
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          walk(node.get(i), at + "/" + i, problems);
        }
      }
      return;
    }
    if (node.has("properties")) {
      for (Map.Entry<String, JsonNode> p : node.get("properties").properties()) {
        if (!p.getValue().has("description")) {
          problems.add(at + "/properties/" + p.getKey() + " has no description");
        }
      }
      if (!node.path("additionalProperties").isBoolean()
          || node.get("additionalProperties").asBoolean()) {
        problems.add(at + " is not closed (additionalProperties: false)");
      }
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().equals("if")) {
        continue; // a condition on existing properties, not a declaration
      }
      if (e.getKey().equals("properties") && e.getValue().isObject()) {
        // a map of property name to schema: walk the schemas, not the map (a property may be called
        // "properties")
        e.getValue()
            .properties()
            .forEach(p -> walk(p.getValue(), at + "/properties/" + p.getKey(), problems));
        continue;
      }
      walk(e.getValue(), at + "/" + e.getKey(), problems);
    }
  }

  @Test
  void examplesPointEditorsAtTheSchema() {
    for (var estate : TestSupport.examples()) {
      String first = TestSupport.read(estate).lines().findFirst().orElse("");
      assertEquals(
          "# yaml-language-server: $schema=../../schemas/estate.schema.json",
          first,
          estate.toString());
    }
  }

  @Test
  void schemaCommandPrintsTheSchema() {
    TestSupport.Run run = TestSupport.cli("schema");
    assertEquals(0, run.code());
    assertEquals(SCHEMA, Json.parse(run.out()));
    assertTrue(run.out().endsWith("}\n"));
  }
}
