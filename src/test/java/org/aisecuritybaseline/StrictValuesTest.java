package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.aisecuritybaseline.defender.DefenderPlans;
import org.aisecuritybaseline.defender.PropertyType;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.render.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Values the platform types strictly are checked for type, range and form before anything is
 * generated: each bad value is an E312 at its own line and column, exit 1, no stack trace.
 */
class StrictValuesTest {
  static final String BASE = """
      apiVersion: ai-security-baseline/v1
      kind: Estate
      tenant:
        id: 6f1c2a4e-3b7d-4e8f-9a0b-1c2d3e4f5a6b
        primaryDomain: example.onmicrosoft.com
        licences: [entraIdP1]
      breakGlass:
        accounts:
          - id: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
          - id: 1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e
      """;

  static final String SUBSCRIPTION = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

  @TempDir Path tmp;

  // --- Defender for Cloud extension properties (extension-properties.json) ---

  /** Line 22, column 47 holds the value. */
  static String cap(String value) {
    return BASE + """
        threat:
          azure:
            deploymentLocation: westeurope
            subscriptions:
              - id: %s
            plans:
              StorageAccounts:
                extensions:
                  OnUploadMalwareScanning:
                    enabled: true
                    properties:
                      CapGBPerMonthPerStorageAccount: %s
        """.formatted(SUBSCRIPTION, value);
  }

  /** Line 22, column 38 holds the value. */
  static String gating(String value) {
    return BASE + """
        threat:
          azure:
            deploymentLocation: westeurope
            subscriptions:
              - id: %s
            plans:
              Containers:
                extensions:
                  ContainerSensor:
                    enabled: true
                    properties:
                      SecurityGatingEnabled: %s
        """.formatted(SUBSCRIPTION, value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "true", "1.5", "-7", "1e12", "0", "9", "-2", "2147483648", "99999999999999999999", "10.0", "null",
      "[10]", "{cap: 10}", "\"\"", "'[x]'"})
  void capGBPerMonthTakesOnlyItsDocumentedRange(String value) {
    var run = TestSupport.expectError(tmp, cap(value), 22, 47, "E312");
    assertContains(run.err(), "CapGBPerMonthPerStorageAccount of StorageAccounts/OnUploadMalwareScanning must be a whole number"
        + " from 10 to 2147483647 (GB per month per storage account), or -1 (no cap); got ");
  }

  @Test
  void aQuotedNumberIsTextAndSaysSo() {
    var run = TestSupport.expectError(tmp, cap("\"5000\""), 22, 47, "E312");
    assertContains(run.err(), "got \"5000\"; write the number without quotes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "10", "5000", "10000", "2147483647"})
  void capGBPerMonthIsWrittenAsANumber(String value) {
    JsonNode ext = extension(generate(cap(value)), "StorageAccounts", "OnUploadMalwareScanning");
    JsonNode written = ext.at("/additionalExtensionProperties/CapGBPerMonthPerStorageAccount");
    assertTrue(written.isIntegralNumber(), "the built-in policy passes an ARM int: " + written);
    assertEquals(Long.parseLong(value), written.asLong());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"True\"", "\"false\"", "yes", "1", "on", "abc", "null", "[true]"})
  void securityGatingTakesOnlyTrueOrFalse(String value) {
    var run = TestSupport.expectError(tmp, gating(value), 22, 38, "E312");
    assertContains(run.err(), "SecurityGatingEnabled of Containers/ContainerSensor must be true or false; got ");
  }

  @Test
  void aQuotedBooleanSaysHowToWriteIt() {
    var run = TestSupport.expectError(tmp, gating("\"True\""), 22, 38, "E312");
    assertContains(run.err(), "write true or false without quotes (ARM receives the string True or False)");
  }

  @Test
  void securityGatingIsWrittenAsTheStringTrueOrFalse() {
    assertEquals("True", extension(generate(gating("true")), "Containers", "ContainerSensor")
        .at("/additionalExtensionProperties/SecurityGatingEnabled").asString());
    assertEquals("False", extension(generate(gating("false")), "Containers", "ContainerSensor")
        .at("/additionalExtensionProperties/SecurityGatingEnabled").asString());
  }

  @Test
  void aBadValueOnOneSubscriptionIsFoundThere() {
    String yaml = BASE + """
        threat:
          azure:
            deploymentLocation: westeurope
            subscriptions:
              - id: %s
                plans:
                  StorageAccounts:
                    extensions:
                      OnUploadMalwareScanning: {enabled: true, properties: {CapGBPerMonthPerStorageAccount: abc}}
        """.formatted(SUBSCRIPTION);
    TestSupport.expectError(tmp, yaml, 19, 101, "E312");
  }

  @Test
  void everyDocumentedPropertyHasATypeAndItsSources() {
    DefenderPlans plans = DefenderPlans.get(); // loading fails when a documented property has no type
    int typed = 0;
    for (String name : plans.names()) {
      for (DefenderPlans.Extension e : plans.plan(name).orElseThrow().extensions().values()) {
        for (PropertyType t : e.properties().values()) {
          typed++;
          assertFalse(t.expected().isBlank());
        }
      }
    }
    assertEquals(4, typed, "ExclusionTags twice, CapGBPerMonthPerStorageAccount, SecurityGatingEnabled");
    JsonNode data = Json.parseResource("/data/defender/extension-properties.json");
    for (JsonNode entry : data.get("properties")) {
      assertFalse(entry.get("facts").isEmpty(), entry.get("property").asString());
      for (JsonNode fact : entry.get("facts")) {
        for (String field : List.of("fact", "quote", "source")) {
          assertFalse(fact.path(field).asString("").isBlank(), entry.get("property") + " fact without " + field);
        }
      }
    }
  }

  // --- helpers ---

  static List<Artifact> generate(String yaml) {
    return Generator.generate(TestSupport.validate("estate.yaml", yaml));
  }

  static JsonNode extension(List<Artifact> files, String plan, String name) {
    String text = files.stream().filter(a -> a.path().equals("defender/azure/" + SUBSCRIPTION + ".json")).findFirst()
        .orElseThrow().text();
    for (JsonNode r : Json.parse(text).get("resources")) {
      if (r.get("name").asString().equals(plan)) {
        for (JsonNode x : r.at("/properties/extensions")) {
          if (x.get("name").asString().equals(name)) {
            return x;
          }
        }
      }
    }
    throw new AssertionError("no " + plan + "/" + name);
  }
}
