package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.aisecuritybaseline.validate.Schemas;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every generated policy and named-location body validates against the Graph v1.0 schema derived
 * from Microsoft's CSDL (copy in schemas/graph/ with its provenance).
 */
class GraphSchemaTest {
  private static final SchemaCheck POLICY = Schemas.graph();
  private static final SchemaCheck IP_LOCATION = rootedAt("microsoft.graph.ipNamedLocation");
  private static final SchemaCheck COUNTRY_LOCATION =
      rootedAt("microsoft.graph.countryNamedLocation");

  private static SchemaCheck rootedAt(String def) {
    ObjectNode schema = (ObjectNode) Json.parseResource(Schemas.GRAPH).deepCopy();
    schema.put("$ref", "#/$defs/" + def);
    return new SchemaCheck(schema, "https://ai-security-baseline.invalid/test/" + def);
  }

  @Test
  void everyGeneratedBodyValidates() {
    int policies = 0;
    int locations = 0;
    List<String> problems = new ArrayList<>();
    for (var estate : TestSupport.examples()) {
      List<Artifact> artifacts = TestSupport.generate(estate);
      java.util.Map<String, String> versions = TestSupport.apiVersions(artifacts);
      for (Artifact a : artifacts) {
        JsonNode body = a.path().endsWith(".json") ? Json.parse(a.text()) : null;
        if (a.path().startsWith("entra/conditional-access/")) {
          policies++;
          // Against the schema of the Graph version the deploy script sends it through.
          (versions.get(a.path()).equals("beta") ? Schemas.graphBeta() : POLICY)
              .check(body)
              .forEach(v -> problems.add(a.path() + " " + v));
          assertFalse(
              body.has("id") || body.has("createdDateTime") || body.has("templateId"), a.path());
        } else if (a.path().startsWith("entra/named-locations/")) {
          locations++;
          SchemaCheck check =
              body.get("@odata.type").asString().endsWith("ipNamedLocation")
                  ? IP_LOCATION
                  : COUNTRY_LOCATION;
          check.check(body).forEach(v -> problems.add(a.path() + " " + v));
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(policies >= 25, "expected the examples to produce many policies, got " + policies);
    assertTrue(locations >= 3, "expected named locations, got " + locations);
  }

  /**
   * Issue 11, item 11: every policy file has the same top-level members, null where unused, so that
   * the deploy script's PATCH removes a control added in the portal. They are the members of
   * conditionalAccessPolicy in the schema that a body may carry: not the read-only ones, not the
   * OData annotation, and not the two the service populates (deletedDateTime for soft-deleted
   * policies, templateId for policies made from a template).
   */
  @Test
  void everyPolicyFileHasEveryWritableTopLevelMember() {
    JsonNode policy =
        Json.parseResource(Schemas.GRAPH)
            .at("/$defs/microsoft.graph.conditionalAccessPolicy/properties");
    java.util.Set<String> writable = new java.util.TreeSet<>();
    policy
        .properties()
        .forEach(
            e -> {
              if (!e.getValue().path("readOnly").asBoolean(false)
                  && !List.of("@odata.type", "deletedDateTime", "templateId")
                      .contains(e.getKey())) {
                writable.add(e.getKey());
              }
            });
    assertEquals(
        new java.util.TreeSet<>(
            org.aisecuritybaseline.entra.ConditionalAccessRenderer.POLICY_MEMBERS),
        writable);
    int files = 0;
    int withNullSessionControls = 0;
    for (var estate : TestSupport.examples()) {
      for (Artifact a : TestSupport.generate(estate)) {
        if (a.path().startsWith("entra/conditional-access/")) {
          files++;
          JsonNode body = Json.parse(a.text());
          java.util.Set<String> members = new java.util.TreeSet<>();
          body.propertyNames().forEach(members::add);
          assertEquals(writable, members, a.path());
          if (body.get("sessionControls").isNull()) {
            withNullSessionControls++;
          }
        }
      }
    }
    assertTrue(
        files >= 25 && withNullSessionControls > 0,
        files + " files, " + withNullSessionControls + " without session controls");
  }

  @Test
  void theSchemaRejectsWhatGraphRejects() {
    JsonNode bad =
        Json.parse(
            "{\"displayName\":\"x\",\"state\":\"reportOnly\",\"conditions\":{\"applications\":{},\"users\":{}}}");
    assertFalse(POLICY.check(bad).isEmpty(), "state reportOnly is not a Graph value");
    JsonNode noType =
        Json.parse(
            "{\"displayName\":\"x\",\"isTrusted\":true,\"ipRanges\":[{\"cidrAddress\":\"1.2.3.0/24\"}]}");
    assertFalse(IP_LOCATION.check(noType).isEmpty(), "named locations need @odata.type");
  }
}
