package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.purview.SensitiveInfoTypes;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every generated DLP definition validates against schemas/dlp-definition.schema.json, uses only
 * parameter names that Microsoft documents for New-DlpCompliancePolicy and New-DlpComplianceRule,
 * and names only sensitive information types of the catalogue, by their catalogue GUID and name.
 */
class DlpDefinitionTest {
  private static final JsonNode PARAMETERS = Json.parseResource("/data/dlp-cmdlet-parameters.json");
  private static final JsonNode SCHEMA =
      Json.parse(
          TestSupport.read(TestSupport.root().resolve("schemas/dlp-definition.schema.json")));

  static Set<String> documented(String cmdlet) {
    return new HashSet<>(Json.strings(PARAMETERS.at("/cmdlets/" + cmdlet + "/parameters")));
  }

  static List<JsonNode> definitions() {
    List<JsonNode> out = new ArrayList<>();
    for (var estate : TestSupport.examples()) {
      for (Artifact a : TestSupport.generate(estate)) {
        if (a.path().startsWith("purview/dlp/")) {
          out.add(Json.parse(a.text()));
        }
      }
    }
    return out;
  }

  @Test
  void theSchemaOnlyAllowsDocumentedParameters() {
    Set<String> policy = new HashSet<>();
    SCHEMA.at("/properties/policy/properties").propertyNames().forEach(policy::add);
    Set<String> rule = new HashSet<>();
    SCHEMA.at("/properties/rules/items/properties").propertyNames().forEach(rule::add);
    policy.removeAll(documented("New-DlpCompliancePolicy"));
    rule.removeAll(documented("New-DlpComplianceRule"));
    assertEquals(Set.of(), policy, "policy keys that New-DlpCompliancePolicy does not document");
    assertEquals(Set.of(), rule, "rule keys that New-DlpComplianceRule does not document");
  }

  @Test
  void everyDefinitionValidatesAndUsesDocumentedNames() {
    SchemaCheck check = new SchemaCheck(SCHEMA, "https://ai-security-baseline.invalid/test/dlp");
    Set<String> policyParams = documented("New-DlpCompliancePolicy");
    Set<String> ruleParams = documented("New-DlpComplianceRule");
    List<String> problems = new ArrayList<>();
    List<JsonNode> definitions = definitions();
    assertTrue(
        definitions.size() >= 3,
        "the examples should produce DLP definitions: " + definitions.size());
    for (JsonNode d : definitions) {
      String id = d.get("id").asString();
      check.check(d).forEach(v -> problems.add(id + " " + v));
      d.get("policy")
          .propertyNames()
          .forEach(
              p -> {
                if (!policyParams.contains(p)) {
                  problems.add(id + " policy key " + p + " is not a documented parameter");
                }
              });
      for (JsonNode rule : d.get("rules")) {
        rule.propertyNames()
            .forEach(
                p -> {
                  if (!ruleParams.contains(p)) {
                    problems.add(id + " rule key " + p + " is not a documented parameter");
                  }
                });
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everySensitiveTypeIsFromTheCatalogue() {
    Map<String, SensitiveInfoTypes.Type> byId = new java.util.HashMap<>();
    SensitiveInfoTypes.get().all().values().forEach(t -> byId.put(t.id(), t));
    int seen = 0;
    for (JsonNode d : definitions()) {
      for (JsonNode type : d.findValues("sensitivetypes")) {
        for (JsonNode t : type) {
          SensitiveInfoTypes.Type known = byId.get(t.get("id").asString());
          assertTrue(known != null, "unknown GUID " + t);
          assertEquals(known.name(), t.get("name").asString());
          seen++;
        }
      }
    }
    assertTrue(seen > 0);
  }

  @Test
  void theCatalogueIsWellFormed() {
    Set<String> ids = new HashSet<>();
    for (SensitiveInfoTypes.Type t : SensitiveInfoTypes.get().all().values()) {
      assertTrue(
          t.id().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), t.key());
      assertTrue(ids.add(t.id()), "GUID twice: " + t.id());
      SensitiveInfoTypes.minConfidence(t.recommendedConfidence());
    }
    assertEquals(
        "50842eb7-edc8-4019-85dd-5a5c1f2bb085",
        SensitiveInfoTypes.get().type("creditCardNumber").orElseThrow().id());
  }

  @Test
  void modesAreSettableAndRulesAreInOrder() {
    for (JsonNode d : definitions()) {
      assertTrue(
          Set.of("Enable", "Disable", "TestWithNotifications", "TestWithoutNotifications")
              .contains(d.at("/policy/Mode").asString()));
      int i = 0;
      for (JsonNode rule : d.get("rules")) {
        assertEquals(i++, rule.get("Priority").asInt());
        assertTrue(rule.get("Name").asString().startsWith(d.get("id").asString() + "-R" + i + " "));
      }
    }
  }
}
