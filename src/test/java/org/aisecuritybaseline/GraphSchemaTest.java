package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.validate.EstateValidator;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every generated policy and named-location body validates against the Graph v1.0 schema derived
 * from Microsoft's CSDL (copy in schemas/graph/ with its provenance).
 */
class GraphSchemaTest {
  private static final SchemaCheck POLICY = EstateValidator.graphSchema();
  private static final SchemaCheck IP_LOCATION = rootedAt("microsoft.graph.ipNamedLocation");
  private static final SchemaCheck COUNTRY_LOCATION = rootedAt("microsoft.graph.countryNamedLocation");

  private static SchemaCheck rootedAt(String def) {
    ObjectNode schema = (ObjectNode) Json.parseResource(EstateValidator.GRAPH_SCHEMA).deepCopy();
    schema.put("$ref", "#/$defs/" + def);
    return new SchemaCheck(schema, "https://ai-security-baseline.invalid/test/" + def);
  }

  @Test
  void everyGeneratedBodyValidates() {
    int policies = 0;
    int locations = 0;
    List<String> problems = new ArrayList<>();
    for (var estate : TestSupport.examples()) {
      for (Artifact a : TestSupport.generate(estate)) {
        JsonNode body = a.path().endsWith(".json") ? Json.parse(a.text()) : null;
        if (a.path().startsWith("entra/conditional-access/")) {
          policies++;
          POLICY.check(body).forEach(v -> problems.add(a.path() + " " + v));
          assertFalse(body.has("id") || body.has("createdDateTime") || body.has("templateId"), a.path());
        } else if (a.path().startsWith("entra/named-locations/")) {
          locations++;
          SchemaCheck check = body.get("@odata.type").asString().endsWith("ipNamedLocation") ? IP_LOCATION : COUNTRY_LOCATION;
          check.check(body).forEach(v -> problems.add(a.path() + " " + v));
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(policies >= 25, "expected the examples to produce many policies, got " + policies);
    assertTrue(locations >= 3, "expected named locations, got " + locations);
  }

  @Test
  void theSchemaRejectsWhatGraphRejects() {
    JsonNode bad = Json.parse("{\"displayName\":\"x\",\"state\":\"reportOnly\",\"conditions\":{\"applications\":{},\"users\":{}}}");
    assertFalse(POLICY.check(bad).isEmpty(), "state reportOnly is not a Graph value");
    JsonNode noType = Json.parse("{\"displayName\":\"x\",\"isTrusted\":true,\"ipRanges\":[{\"cidrAddress\":\"1.2.3.0/24\"}]}");
    assertFalse(IP_LOCATION.check(noType).isEmpty(), "named locations need @odata.type");
  }
}
