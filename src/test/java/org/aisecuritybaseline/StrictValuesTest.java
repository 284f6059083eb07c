package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.aisecuritybaseline.defender.DefenderPlans;
import org.aisecuritybaseline.defender.PropertyType;
import org.aisecuritybaseline.entra.GraphValueForms;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.render.Artifact;
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
  static final String BASE = TestSupport.MINIMAL_ESTATE;

  static final String SUBSCRIPTION = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

  @TempDir Path tmp;

  // --- Defender for Cloud extension properties (extension-properties.json) ---

  /** Line 22, column 47 holds the value. */
  static String cap(String value) {
    return BASE
        + """
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
        """
            .formatted(SUBSCRIPTION, value);
  }

  /** Line 22, column 38 holds the value. */
  static String gating(String value) {
    return BASE
        + """
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
        """
            .formatted(SUBSCRIPTION, value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "true",
        "1.5",
        "-7",
        "1e12",
        "0",
        "9",
        "-2",
        "2147483648",
        "9007199254740991",
        "10.0",
        "null",
        "[10]",
        "{cap: 10}",
        "\"\"",
        "'[x]'"
      })
  void capGBPerMonthTakesOnlyItsDocumentedRange(String value) {
    var run = TestSupport.expectError(tmp, cap(value), 22, 47, "E312");
    assertContains(
        run.err(),
        "CapGBPerMonthPerStorageAccount of StorageAccounts/OnUploadMalwareScanning must be a whole number"
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
    assertContains(
        run.err(),
        "SecurityGatingEnabled of Containers/ContainerSensor must be true or false; got ");
  }

  @Test
  void aQuotedBooleanSaysHowToWriteIt() {
    var run = TestSupport.expectError(tmp, gating("\"True\""), 22, 38, "E312");
    assertContains(
        run.err(), "write true or false without quotes (ARM receives the string True or False)");
  }

  @Test
  void securityGatingIsWrittenAsTheStringTrueOrFalse() {
    assertEquals(
        "True",
        extension(generate(gating("true")), "Containers", "ContainerSensor")
            .at("/additionalExtensionProperties/SecurityGatingEnabled")
            .asString());
    assertEquals(
        "False",
        extension(generate(gating("false")), "Containers", "ContainerSensor")
            .at("/additionalExtensionProperties/SecurityGatingEnabled")
            .asString());
  }

  @Test
  void aBadValueOnOneSubscriptionIsFoundThere() {
    String yaml =
        BASE
            + """
        threat:
          azure:
            deploymentLocation: westeurope
            subscriptions:
              - id: %s
                plans:
                  StorageAccounts:
                    extensions:
                      OnUploadMalwareScanning: {enabled: true, properties: {CapGBPerMonthPerStorageAccount: abc}}
        """
                .formatted(SUBSCRIPTION);
    TestSupport.expectError(tmp, yaml, 19, 101, "E312");
  }

  @Test
  void everyDocumentedPropertyHasATypeAndItsSources() {
    DefenderPlans plans =
        DefenderPlans.get(); // loading fails when a documented property has no type
    int typed = 0;
    for (String name : plans.names()) {
      for (DefenderPlans.Extension e : plans.plan(name).orElseThrow().extensions().values()) {
        for (PropertyType t : e.properties().values()) {
          typed++;
          assertFalse(t.expected().isBlank());
        }
      }
    }
    assertEquals(
        4, typed, "ExclusionTags twice, CapGBPerMonthPerStorageAccount, SecurityGatingEnabled");
    JsonNode data = Json.parseResource("/data/defender/extension-properties.json");
    for (JsonNode entry : data.get("properties")) {
      assertFalse(entry.get("facts").isEmpty(), entry.get("property").asString());
      for (JsonNode fact : entry.get("facts")) {
        for (String field : List.of("fact", "quote", "source")) {
          assertFalse(
              fact.path(field).asString("").isBlank(),
              entry.get("property") + " fact without " + field);
        }
      }
    }
  }

  // --- Custom Conditional Access policies (conditional-access-value-forms.json) ---

  /**
   * Valid values for every covered field; a test replaces one field's second element (or value)
   * with a bad one.
   */
  static final java.util.Map<String, String> GOOD = good();

  private static java.util.Map<String, String> good() {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("includeUsers", "None");
    m.put("excludeUsers", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    m.put("includeGroups", "\"group:staff\"");
    m.put("excludeGroups", "5f6a7b8c-9d0e-4f1a-8b2c-4d5e6f7a8b9c");
    m.put("includeRoles", "62e90394-69f5-4237-9190-012177145e10");
    m.put("excludeRoles", "E8611AB8-C189-46E8-94E1-60213AB1F814");
    m.put("includeApplications", "MicrosoftAdminPortals");
    m.put("excludeApplications", "\"app:saas\"");
    m.put("includeUserActions", "\"urn:user:registerdevice\"");
    m.put("includeLocations", "All");
    m.put("excludeLocations", "\"namedLocation:office\"");
    m.put("includeServicePrincipals", "ServicePrincipalsInMyTenant");
    m.put("excludeServicePrincipals", "3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f");
    m.put("operator", "AND");
    m.put("termsOfUse", "4d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f8a");
    m.put("authenticationStrength", "00000000-0000-0000-0000-000000000004");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * A custom policy with every covered field; {@code field} gets {@code value}, the others their
   * good value.
   */
  static String policy(String field, String value) {
    java.util.Map<String, String> v = new java.util.LinkedHashMap<>(GOOD);
    v.put(field, value);
    return BASE
        + """
        groups:
          - {key: staff, id: 2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f, name: Staff, purpose: other}
        apps:
          - {key: saas, name: SaaS, appId: 0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e, kind: saas}
        namedLocations:
          - {key: office, name: Office, trusted: true, ipRanges: [198.51.100.0/26]}
        customPolicies:
          - id: CA100
            name: Custom
            policy:
              conditions:
                users:
                  includeUsers: [GuestsOrExternalUsers, %s]
                  excludeUsers: [0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d, %s]
                  includeGroups: [2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f, %s]
                  excludeGroups: ["group:staff", %s]
                  includeRoles: [62e90394-69f5-4237-9190-012177145e10, %s]
                  excludeRoles: [62e90394-69f5-4237-9190-012177145e10, %s]
                applications:
                  includeApplications: [Office365, %s]
                  excludeApplications: [0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e, %s]
                  includeUserActions: ["urn:user:registersecurityinfo", %s]
                locations:
                  includeLocations: [AllTrusted, %s]
                  excludeLocations: [AllTrusted, %s]
                clientApplications:
                  includeServicePrincipals: [5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d, %s]
                  excludeServicePrincipals: [5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d, %s]
                clientAppTypes: [all]
              grantControls:
                operator: %s
                builtInControls: [mfa]
                termsOfUse: [4d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f8a, %s]
                authenticationStrength: {id: %s}
        """
            .formatted(v.values().toArray());
  }

  /**
   * Line and column of the value of {@code field} in {@link #policy}: its second array element, or
   * the scalar.
   */
  static int[] position(String field, String value) {
    String yaml = policy(field, value);
    int line = 1;
    for (String l : yaml.split("\n", -1)) {
      String trimmed = l.stripLeading();
      if (trimmed.startsWith(field + ":")) {
        int at =
            l.endsWith("]") || l.endsWith("}")
                ? l.lastIndexOf(value)
                : l.indexOf(value, l.indexOf(':'));
        return new int[] {line, at + 1};
      }
      line++;
    }
    throw new AssertionError("no " + field);
  }

  @Test
  void everyDocumentedFormIsAccepted() {
    Path file = TestSupport.write(tmp, "estate.yaml", policy("operator", "AND"));
    var run = TestSupport.cli("validate", file.toString());
    assertEquals(0, run.code(), run.err());
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      includeUsers             | bob                      | a user object ID (a GUID), All, None or GuestsOrExternalUsers
      includeUsers             | all                      | ; did you mean All?
      includeUsers             | "group:staff"            | it takes a user object ID (a GUID), All, None or GuestsOrExternalUsers
      includeUsers             | "namedLocation:office"   | it takes a user object ID (a GUID), All, None or GuestsOrExternalUsers
      includeUsers             | Office365                | All, None or GuestsOrExternalUsers
      excludeUsers             | All                      | it takes a user object ID (a GUID) or GuestsOrExternalUsers
      excludeUsers             | 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4  | ; a GUID has 32 hexadecimal digits in groups of 8-4-4-4-12
      includeGroups            | staff                    | a group object ID (a GUID) or group:<key> (a group under 'groups')
      includeGroups            | "app:saas"               | a group object ID (a GUID) or group:<key> (a group under 'groups')
      excludeGroups            | "{5f6a7b8c-9d0e-4f1a-8b2c-4d5e6f7a8b9c}" | a group object ID (a GUID) or group:<key>
      includeRoles             | "Global Administrator"   | it takes a directory role template ID (a GUID)
      excludeRoles             | All                      | it takes a directory role template ID (a GUID)
      includeApplications      | Office 365               | ; did you mean Office365?
      includeApplications      | "group:staff"            | an application (client) ID (a GUID), All, Office365, MicrosoftAdminPortals, None or app:<key> (an app under 'apps')
      excludeApplications      | All                      | an application (client) ID (a GUID), Office365, MicrosoftAdminPortals or app:<key>
      includeUserActions       | "urn:user:registersecurityinfos" | ; did you mean urn:user:registersecurityinfo?
      includeLocations         | AllTrusted2              | a named location ID (a GUID), All, AllTrusted or namedLocation:<key> (a location under 'namedLocations')
      includeLocations         | Trusted                  | a named location ID (a GUID), All, AllTrusted or namedLocation:<key>
      excludeLocations         | "[a]"                    | a named location ID (a GUID), All, AllTrusted or namedLocation:<key>
      includeServicePrincipals | All                      | a service principal object ID (a GUID) or ServicePrincipalsInMyTenant
      excludeServicePrincipals | ServicePrincipalsInMyTenant | it takes a service principal object ID (a GUID)
      operator                 | XOR                      | it takes AND or OR
      operator                 | or                       | ; did you mean OR?
      operator                 | "AND OR"                 | it takes AND or OR
      termsOfUse               | tou-1                    | it takes a terms of use (agreement) ID (a GUID)
      authenticationStrength   | phishingResistant        | it takes an authentication strength policy ID (a GUID)
      """)
  void aValueOutsideItsDocumentedFormsIsRefusedAtItsElement(
      String field, String value, String expected) {
    int[] at = position(field, value);
    var run = TestSupport.expectError(tmp, policy(field, value), at[0], at[1], "E312");
    String shown = value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
    String name = field.equals("authenticationStrength") ? "authenticationStrength.id" : field;
    assertContains(run.err(), "'" + shown + "' is not a value " + name + " takes: it takes ");
    assertContains(run.err(), expected);
    assertEquals(1, run.err().split("error\\[", -1).length - 1, "exactly one error: " + run.err());
  }

  @Test
  void aNamedLocationReferenceOutsideTheCoveredFieldsIsStillRefused() {
    String yaml =
        policy("operator", "OR")
            .replace(
                "builtInControls: [mfa]",
                "builtInControls: [mfa]\n        customAuthenticationFactors: [\"namedLocation:office\"]");
    int line =
        (int)
                yaml.substring(0, yaml.indexOf("customAuthenticationFactors"))
                    .chars()
                    .filter(c -> c == '\n')
                    .count()
            + 1;
    int col =
        yaml.lastIndexOf("\"namedLocation:office\"]")
            - yaml.lastIndexOf('\n', yaml.indexOf("customAuthenticationFactors"));
    var run = TestSupport.expectError(tmp, yaml, line, col, "E301");
    assertContains(run.err(), "namedLocation:<key> can only be used in conditions.locations");
  }

  @Test
  void everyBaselinePolicyHasTheDocumentedForms() {
    List<String> problems = new java.util.ArrayList<>();
    for (var t : org.aisecuritybaseline.entra.Catalogue.builtIn().all()) {
      GraphValueForms.check(t.policy(), t.id(), t.graphApi().equals("beta"))
          .forEach(f -> problems.add(f.pointer() + ": " + f.message()));
    }
    int bodies = 0;
    for (Path example : TestSupport.examples()) {
      List<Artifact> artifacts = TestSupport.generate(example);
      java.util.Map<String, String> versions = TestSupport.apiVersions(artifacts);
      for (Artifact a : artifacts) {
        if (a.path().startsWith("entra/conditional-access/") && a.path().endsWith(".json")) {
          bodies++;
          GraphValueForms.check(
                  Json.parse(a.text()), a.path(), versions.get(a.path()).equals("beta"))
              .forEach(f -> problems.add(f.pointer() + ": " + f.message()));
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(bodies > 20, "bodies checked: " + bodies);
  }

  // --- helpers ---

  static List<Artifact> generate(String yaml) {
    return Generator.generate(TestSupport.validate("estate.yaml", yaml));
  }

  static JsonNode extension(List<Artifact> files, String plan, String name) {
    String text =
        files.stream()
            .filter(a -> a.path().equals("defender/azure/" + SUBSCRIPTION + ".json"))
            .findFirst()
            .orElseThrow()
            .text();
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
