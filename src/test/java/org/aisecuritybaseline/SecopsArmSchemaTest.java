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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every secops ARM template validates against Azure's published ARM schemas for
 * Microsoft.OperationalInsights, Microsoft.SecurityInsights and microsoft.aadiam (copies under
 * src/test/resources/arm-schemas, with their provenance and the two ways the test has to complete
 * them in its README).
 */
class SecopsArmSchemaTest {
  private static final String BASE = "https://schema.management.azure.com/schemas/";
  private static final String WORKSPACES = "2025-07-01/Microsoft.OperationalInsights.json";
  private static final String SENTINEL = "2025-09-01/Microsoft.SecurityInsights.json";
  private static final String SENTINEL_PREVIEW =
      "2025-07-01-preview/Microsoft.SecurityInsights.json";
  private static final String AADIAM = "2017-04-01/microsoft.aadiam.json";
  private static final SchemaRegistry REGISTRY = registry();

  private static SchemaRegistry registry() {
    Map<String, String> schemas = new HashMap<>();
    for (String path : List.of(WORKSPACES, SENTINEL, SENTINEL_PREVIEW, "common/definitions.json")) {
      schemas.put(BASE + path, Json.write(load(path)));
    }
    ObjectNode aadiam = load(AADIAM);
    ArrayNode categories =
        (ArrayNode) aadiam.at("/definitions/LogSettings/properties/category/oneOf/0/enum");
    // The published enum has AuditLogs and SignInLogs only; add the categories Microsoft Learn
    // documents.
    for (String c : documentedCategories()) {
      boolean known = false;
      for (JsonNode k : categories) {
        known |= k.asString().equals(c);
      }
      if (!known) {
        categories.add(c);
      }
    }
    schemas.put(BASE + AADIAM, Json.write(aadiam));
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, b -> b.schemas(schemas));
  }

  private static List<String> documentedCategories() {
    return Json.strings(
        Json.parseResource("/data/secops/sentinel.json").at("/entraCategories/categories"));
  }

  /** The schema as draft-07: $schema removed, the draft-04 id renamed $id. */
  private static ObjectNode load(String path) {
    ObjectNode root = (ObjectNode) Json.parseResource("/arm-schemas/" + path);
    root.remove("$schema");
    JsonNode id = root.remove("id");
    if (id != null) {
      root.put("$id", id.asString().replace("#", ""));
    }
    return root;
  }

  private static Schema schema(String file, String pointer) {
    return REGISTRY.getSchema(SchemaLocation.of(BASE + file + "#" + pointer));
  }

  private static String version(String file) {
    return file.substring(0, file.indexOf('/'));
  }

  @Test
  void everySecopsTemplateValidates() {
    Schema workspace = schema(WORKSPACES, "/resourceDefinitions/workspaces");
    Schema diagnostic = schema(AADIAM, "/tenant_resourceDefinitions/diagnosticSettings");
    Schema onboarding = schema(SENTINEL, "/definitions/SentinelOnboardingStateProperties");
    Map<String, Schema> kinds =
        Map.of(
            "MicrosoftThreatProtection", schema(SENTINEL_PREVIEW, "/definitions/MTPDataConnector"),
            "AzureSecurityCenter", schema(SENTINEL, "/definitions/ASCDataConnector"),
            "Office365", schema(SENTINEL, "/definitions/OfficeDataConnector"));
    Map<String, String> kindVersion =
        Map.of(
            "MicrosoftThreatProtection", version(SENTINEL_PREVIEW),
            "AzureSecurityCenter", version(SENTINEL),
            "Office365", version(SENTINEL));
    List<String> problems = new ArrayList<>();
    List<String> seenKinds = new ArrayList<>();
    int templates = 0;
    for (var estate : TestSupport.examples()) {
      for (Artifact a : TestSupport.generate(estate)) {
        if (!a.path().startsWith("secops/")
            || a.path().startsWith("secops/office365-presets/")
            || !a.path().endsWith(".json")) {
          continue;
        }
        templates++;
        JsonNode t = Json.parse(a.text());
        boolean tenant = a.path().equals("secops/entra-diagnostics.json");
        assertEquals(
            tenant
                ? "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#"
                : "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            t.get("$schema").asString(),
            a.path());
        assertEquals("1.0.0.0", t.get("contentVersion").asString());
        String scope = null;
        for (JsonNode r : t.get("resources")) {
          String type = r.get("type").asString();
          String where = a.path() + " " + r.get("name").asString() + ": ";
          switch (type) {
            case "Microsoft.OperationalInsights/workspaces" ->
                workspace.validate(r).forEach(e -> problems.add(where + e.getMessage()));
            case "microsoft.aadiam/diagnosticSettings" ->
                diagnostic.validate(r).forEach(e -> problems.add(where + e.getMessage()));
            case "Microsoft.SecurityInsights/onboardingStates" -> {
              assertEquals(version(SENTINEL), r.get("apiVersion").asString(), where);
              assertEquals("default", r.get("name").asString(), where);
              scope = r.get("scope").asString();
              onboarding
                  .validate(r.get("properties"))
                  .forEach(e -> problems.add(where + e.getMessage()));
            }
            case "Microsoft.SecurityInsights/dataConnectors" -> {
              String kind = r.get("kind").asString();
              assertTrue(kinds.containsKey(kind), where + "unexpected kind " + kind);
              seenKinds.add(kind);
              assertEquals(kindVersion.get(kind), r.get("apiVersion").asString(), where);
              assertEquals(scope, r.get("scope").asString(), where + "scope is the workspace");
              assertTrue(r.get("name").asString().matches("^[a-z0-9-]{1,90}$"), where);
              ObjectNode body = Json.NODES.objectNode();
              body.set("kind", r.get("kind"));
              body.set("properties", r.get("properties"));
              kinds.get(kind).validate(body).forEach(e -> problems.add(where + e.getMessage()));
              checkNoUnknownMembers(r.get("properties"), kind, problems, where);
            }
            default -> throw new AssertionError("unexpected resource type in " + a.path());
          }
        }
        if (!tenant) {
          assertEquals(
              "Microsoft.OperationalInsights/workspaces/law-contoso-sec",
              scope,
              "Sentinel's resources are extensions of the workspace");
        }
      }
    }
    assertEquals(List.of(), problems);
    assertEquals(2, templates, "the enterprise example's sentinel.json and entra-diagnostics.json");
    assertTrue(
        seenKinds.containsAll(kinds.keySet()), "every connector kind is validated: " + seenKinds);
  }

  /**
   * The published definitions do not forbid unknown members; the test does, against the members
   * each definition declares.
   */
  private static void checkNoUnknownMembers(
      JsonNode properties, String kind, List<String> problems, String where) {
    List<String> allowed =
        switch (kind) {
          case "MicrosoftThreatProtection" -> List.of("dataTypes", "tenantId", "filteredProviders");
          case "AzureSecurityCenter" -> List.of("dataTypes", "subscriptionId");
          default -> List.of("dataTypes", "tenantId");
        };
    properties
        .propertyNames()
        .forEach(
            n -> {
              if (!allowed.contains(n)) {
                problems.add(where + "member " + n + " is not declared for " + kind);
              }
            });
  }

  /**
   * The ordering discipline of the Defender templates: Sentinel's onboarding waits for the created
   * workspace, and each data connector for the resource before it, so that the deployment adds them
   * one at a time in the template's order.
   */
  @Test
  void sentinelResourcesDeployOneAfterAnother() {
    var files =
        TestSupport.generate(TestSupport.root().resolve("examples/enterprise-p2/estate.yaml"));
    JsonNode t =
        Json.parse(
            files.stream()
                .filter(a -> a.path().equals("secops/sentinel.json"))
                .findFirst()
                .orElseThrow()
                .text());
    String workspace = "resourceId('Microsoft.OperationalInsights/workspaces', 'law-contoso-sec')";
    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    String previous = null;
    for (JsonNode r : t.get("resources")) {
      String type = r.get("type").asString();
      String dependsOn = r.has("dependsOn") ? Json.write(r.get("dependsOn")).strip() : "";
      actual.add(type + " " + r.get("name").asString() + " <- " + dependsOn);
      String wanted =
          previous == null
              ? ""
              : type.equals("Microsoft.SecurityInsights/onboardingStates")
                  ? Json.write(Json.stringArray(List.of("[" + workspace + "]"))).strip()
                  : Json.write(Json.stringArray(List.of(previous))).strip();
      expected.add(type + " " + r.get("name").asString() + " <- " + wanted);
      previous =
          type.equals("Microsoft.OperationalInsights/workspaces")
              ? "[" + workspace + "]"
              : "[extensionResourceId("
                  + workspace
                  + ", '"
                  + type
                  + "', '"
                  + r.get("name").asString()
                  + "')]";
    }
    assertEquals(expected, actual);
    assertEquals(7, actual.size(), "workspace, onboarding, XDR, 3 subscriptions, Microsoft 365");
  }

  @Test
  void theSchemasRejectWhatArmRejects() {
    Schema diagnostic = schema(AADIAM, "/tenant_resourceDefinitions/diagnosticSettings");
    JsonNode unknownCategory =
        Json.parse(
            "{\"type\":\"microsoft.aadiam/diagnosticSettings\",\"apiVersion\":\"2017-04-01\",\"name\":\"x\","
                + "\"properties\":{\"logs\":[{\"category\":\"SigninLogs\",\"enabled\":true}]}}");
    assertFalse(diagnostic.validate(unknownCategory).isEmpty(), "categories are case-sensitive");
    Schema asc = schema(SENTINEL, "/definitions/ASCDataConnector");
    JsonNode lowerCase =
        Json.parse(
            "{\"kind\":\"AzureSecurityCenter\",\"properties\":{\"dataTypes\":{\"alerts\":{\"state\":\"enabled\"}}}}");
    assertFalse(asc.validate(lowerCase).isEmpty(), "a data type's state is Enabled or Disabled");
    Schema workspace = schema(WORKSPACES, "/resourceDefinitions/workspaces");
    JsonNode badName =
        Json.parse(
            "{\"type\":\"Microsoft.OperationalInsights/workspaces\",\"apiVersion\":\"2025-07-01\","
                + "\"name\":\"-law\",\"location\":\"westeurope\",\"properties\":{}}");
    assertFalse(workspace.validate(badName).isEmpty(), "a workspace name starts with a letter");
  }
}
