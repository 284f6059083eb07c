package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Purview's documented limits, each reported at its place in the estate file. */
class DlpValidationTest {
  static final String BASE =
      ValidationErrorsTest.BASE.replace("[entraIdP1]", "[microsoft365E5]")
          + "groups:\n  - {key: nomail, id: 2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f, purpose: other}\n";

  @TempDir Path tmp;

  private TestSupport.Run expectError(String yaml, int line, int col, String code) {
    return TestSupport.expectError(tmp, yaml, line, col, code);
  }

  static String custom(String locations, String rule) {
    return "data:\n  customPolicies:\n    - id: DLP100\n      name: Custom\n      locations: "
        + locations
        + "\n      rules:\n"
        + rule;
  }

  static final String CARD_RULE =
      "        - name: Cards\n          sensitiveInfoTypes: [creditCardNumber]\n"
          + "          actions: {blockAccess: true}\n";

  @Test
  void theBaseIsValid() {
    Path file = TestSupport.write(tmp, "estate.yaml", BASE + custom("[exchange]", CARD_RULE));
    TestSupport.Run run = TestSupport.cli("validate", file.toString());
    assertEquals(0, run.code(), run.err());
  }

  @Test
  void generatedNamesFitIn64Characters() {
    String rule =
        "        - name: "
            + "R".repeat(55)
            + "\n          sensitiveInfoTypes: [creditCardNumber]\n"
            + "          actions: {blockAccess: true}\n";
    var run = expectError(BASE + custom("[exchange]", rule), 19, 17, "E304");
    assertContains(run.err(), "has 65 characters; Purview allows 64");
  }

  @Test
  void namesUseOnlySafeCharacters() {
    var run =
        expectError(
            BASE
                + custom("[exchange]", CARD_RULE)
                    .replace("name: Custom", "name: \"Custom; $(rm)\""),
            16,
            13,
            "E204");
    assertContains(run.err(), "Letters, digits, spaces and - _ . ( ) only");
  }

  @Test
  void atMost125SensitiveTypesPerRule() {
    StringBuilder types = new StringBuilder();
    for (int i = 1; i <= 126; i++) {
      types
          .append(i == 1 ? "" : ", ")
          .append("{type: creditCardNumber, minCount: ")
          .append(i)
          .append('}');
    }
    String rule =
        "        - name: Many\n          sensitiveInfoTypes: ["
            + types
            + "]\n          actions: {blockAccess: true}\n";
    var run = expectError(BASE + custom("[exchange]", rule), 20, 31, "E304");
    assertContains(run.err(), "at most 125 sensitive information types; this one has 126");
  }

  @Test
  void labelsAndSensitiveTypesAreNotMixedInCopilotRules() {
    String yaml =
        BASE.replace(
                "licences: [microsoft365E5]",
                "licences: [microsoft365E5]\n  services: {microsoft365Copilot: true}")
            + custom(
                    "[copilot]",
                    "        - name: Mixed\n          sensitiveInfoTypes: [creditCardNumber]\n          labels: [secret]\n"
                        + "          actions: {restrictCopilotProcessing: true}\n")
                .replace(
                    "data:\n",
                    "data:\n  labels: [{key: secret, name: Secret, id: 3f2504e0-4f89-41d3-9a0c-0305e82c3301}]\n");
    var run = expectError(yaml, 21, 11, "E310");
    assertContains(run.err(), "cannot combine sensitivity labels and sensitive information types");
  }

  @Test
  void theCopilotLocationStandsAlone() {
    String yaml =
        BASE.replace(
                "licences: [microsoft365E5]",
                "licences: [microsoft365E5]\n  services: {microsoft365Copilot: true}")
            + custom(
                "[copilot, exchange]",
                "        - name: Prompts\n          sensitiveInfoTypes: [creditCardNumber]\n"
                    + "          actions: {restrictWebGrounding: true, blockAccess: true}\n");
    var run = expectError(yaml, 18, 18, "E310");
    assertContains(run.err(), "cannot be combined with other locations");
  }

  @Test
  void actionsMustApplyToALocationOfThePolicy() {
    String rule =
        "        - name: Cards\n          sensitiveInfoTypes: [creditCardNumber]\n"
            + "          actions:\n            blockAccess: true\n            endpoint: [{setting: Print, value: Audit}]\n";
    var run = expectError(BASE + custom("[exchange, sharePoint]", rule), 23, 13, "E310");
    assertContains(
        run.err(), "'endpoint' applies to none of this policy's locations; it works in [devices]");
  }

  @Test
  void teamsDoesNotTakeLabelConditions() {
    String yaml =
        BASE
            + custom(
                    "[teams]",
                    "        - name: Labelled\n          labels: [secret]\n          actions: {blockAccess: true}\n")
                .replace(
                    "data:\n",
                    "data:\n  labels: [{key: secret, name: Secret, id: 3f2504e0-4f89-41d3-9a0c-0305e82c3301}]\n");
    var run = expectError(yaml, 21, 19, "E310");
    assertContains(run.err(), "does not support sensitivity-label conditions");
  }

  @Test
  void policySizeLimit() {
    StringBuilder rules = new StringBuilder();
    StringBuilder types = new StringBuilder();
    for (int i = 1; i <= 120; i++) {
      types
          .append(i == 1 ? "" : ", ")
          .append("{type: creditCardNumber, minCount: ")
          .append(i)
          .append('}');
    }
    for (int r = 0; r < 8; r++) {
      rules
          .append("        - name: Rule ")
          .append(r)
          .append("\n          sensitiveInfoTypes: [")
          .append(types)
          .append("]\n          actions: {blockAccess: true}\n");
    }
    var run = expectError(BASE + custom("[exchange]", rules.toString()), 15, 7, "E304");
    assertContains(run.err(), "Purview allows 100 KB per policy");
  }

  @Test
  void atMost600RulesPerTenant() {
    StringBuilder yaml = new StringBuilder(BASE).append("data:\n  customPolicies:\n");
    for (int p = 0; p < 7; p++) {
      yaml.append("    - id: DLP1")
          .append(p)
          .append("0\n      name: Policy ")
          .append(p)
          .append("\n      locations: [exchange]\n      rules:\n");
      for (int r = 0; r < 86; r++) {
        yaml.append("        - {name: Rule ")
            .append(r)
            .append(", sensitiveInfoTypes: [creditCardNumber], actions: {blockAccess: true}}\n");
      }
    }
    var run = expectError(yaml.toString(), 14, 3, "E304");
    assertContains(run.err(), "the estate generates 604 DLP rules; a tenant allows 600");
  }

  @Test
  void unknownSensitiveTypeWithSuggestion() {
    var run =
        expectError(BASE + "data:\n  sensitiveInfoTypes: [creditCardNumbr]\n", 14, 24, "E301");
    assertContains(
        run.err(),
        "unknown sensitive information type 'creditCardNumbr'; did you mean 'creditCardNumber'?");
  }

  @Test
  void excludedGroupsNeedAMailAddress() {
    var run =
        expectError(
            BASE
                + "data:\n  exclude: {groups: [nomail], reason: Service accounts relay invoices.}\n",
            14,
            22,
            "E301");
    assertContains(run.err(), "group 'nomail' has no 'mail'");
  }

  @Test
  void customLocationsNeedTheirLicence() {
    String yaml =
        BASE.replace("[microsoft365E5]", "[microsoft365E3]")
            + custom("[exchange, devices]", CARD_RULE);
    var run = expectError(yaml, 17, 29, "E306");
    assertContains(run.err(), "the Devices location needs an E5-class compliance licence");
  }

  @Test
  void settingsForTheWrongPolicy() {
    var run =
        expectError(
            BASE + "data:\n  policies:\n    DLP001: {highVolumeThreshold: 5}\n", 15, 14, "E309");
    assertContains(run.err(), "highVolumeThreshold applies to DLP002 only");
  }

  @Test
  void unconfirmedGuidsWarn() {
    Path file =
        TestSupport.write(
            tmp,
            "estate.yaml",
            BASE + "data:\n  sensitiveInfoTypes: [creditCardNumber, generalPassword]\n");
    TestSupport.Run run = TestSupport.cli("validate", file.toString());
    assertEquals(0, run.code(), run.err());
    assertContains(run.err(), file + ":14:42: warning[W404]");
  }

  @Test
  void withoutAPurviewLicenceTheDlpPoliciesAreLeftOutWithANotice() {
    Path file = TestSupport.write(tmp, "estate.yaml", ValidationErrorsTest.BASE);
    TestSupport.Run run =
        TestSupport.cli("generate", file.toString(), "--out", tmp.resolve("out").toString());
    assertEquals(0, run.code(), run.err());
    assertContains(
        run.err(),
        "notice: DLP002 (Protect sensitive information) left out: none of its locations is available");
  }
}
