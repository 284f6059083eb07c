package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every class of input error: the message names the file, line and column, the code, and the
 * command exits 1 without writing anything.
 */
class ValidationErrorsTest {
  static final String BASE = TestSupport.MINIMAL_ESTATE;

  @TempDir Path tmp;

  private TestSupport.Run expectError(String yaml, int line, int col, String code) {
    return TestSupport.expectError(tmp, yaml, line, col, code);
  }

  @Test
  void theBaseIsValid() {
    Path file = TestSupport.write(tmp, "estate.yaml", BASE);
    TestSupport.Run run = TestSupport.cli("validate", file.toString());
    assertEquals(0, run.code(), run.err());
  }

  @Test
  void yamlSyntaxError() {
    var run = expectError(BASE + "groups: [unclosed\n", 12, 1, "E101");
    assertContains(run.err(), "YAML syntax error");
  }

  @Test
  void duplicateKeysAreAllReported() {
    String yaml =
        BASE.replace(
                "  licences: [entraIdP1]\n",
                "  licences: [entraIdP1]\n  id: 8e2f4c6a-1b3d-4f5e-a7c9-0d2e4f6a8b0c\n")
            + "kind: Estate\n";
    var run = expectError(yaml, 7, 3, "E103");
    assertContains(run.err(), "duplicate key 'id' (first defined at line 4)");
    assertContains(run.err(), ":12:1: error[E103]");
  }

  @Test
  void aliasBombIsRejected() {
    StringBuilder b =
        new StringBuilder(BASE).append("metadata:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    String prev = "a";
    for (int i = 0; i < 8; i++) {
      String name = "l" + i;
      b.append("  ").append(name).append(": &").append(name).append(" [");
      for (int j = 0; j < 10; j++) {
        b.append(j == 0 ? "" : ", ").append('*').append(prev);
      }
      b.append("]\n");
      prev = name;
    }
    var run = expectError(b.toString(), 16, 47, "E104");
    assertContains(run.err(), "anchors and aliases expand to more than");
  }

  @Test
  void deepNestingIsRejected() {
    var run =
        expectError(BASE + "metadata: " + "[".repeat(200) + "]".repeat(200) + "\n", 11, 74, "E105");
    assertContains(run.err(), "nesting is deeper than 64 levels");
  }

  @Test
  void oversizedFileIsRejectedBeforeParsing() {
    var run = expectError(BASE + "#" + "x".repeat(1 << 20) + "\n", 1, 1, "E102");
    assertContains(run.err(), "limited to 1048576 bytes");
  }

  @Test
  void moreThanOneDocument() {
    expectError(BASE + "---\nkind: Estate\n", 11, 1, "E106");
  }

  @Test
  void unknownPropertyWithSuggestion() {
    var run = expectError(BASE.replace("  licences:", "  licenses:"), 6, 3, "E201");
    assertContains(
        run.err(), "/tenant/licenses: unknown property 'licenses'; did you mean 'licences'?");
    assertContains(run.err(), "    6 |   licenses: [entraIdP1]\n      |   ^");
  }

  @Test
  void missingRequiredProperty() {
    String yaml = BASE.substring(0, BASE.indexOf("breakGlass:"));
    var run = expectError(yaml, 1, 1, "E202");
    assertContains(run.err(), "missing required property 'breakGlass'");
  }

  @Test
  void malformedGuid() {
    var run =
        expectError(
            BASE.replace("id: 6f1c2a4e-3b7d-4e8f-9a0b-1c2d3e4f5a6b", "id: 6f1c2a4e-3b7d-4e8f"),
            4,
            7,
            "E204");
    assertContains(run.err(), "'6f1c2a4e-3b7d-4e8f' is not valid: A GUID such as");
  }

  @Test
  void wrongEnumValueWithSuggestion() {
    var run = expectError(BASE + "baseline:\n  defaultStage: report_only\n", 12, 17, "E204");
    assertContains(run.err(), "did you mean 'report-only'?");
  }

  @Test
  void wrongType() {
    var run =
        expectError(
            BASE + "tenantX: 1\n".substring(0, 0) + "baseline: yes-please\n", 11, 11, "E203");
    assertContains(run.err(), "expected a mapping, found a string 'yes-please'");
  }

  @Test
  void unresolvedGroupReference() {
    var run =
        expectError(
            BASE
                + "policies:\n  CA004:\n    exclude:\n      groups: [printers]\n      reason: Scan-to-mail printers until replaced.\n",
            14,
            16,
            "E301");
    assertContains(run.err(), "no group with key 'printers' under 'groups'");
  }

  @Test
  void noBreakGlassAndNoWaiver() {
    String yaml = BASE.substring(0, BASE.indexOf("breakGlass:")) + "breakGlass: {}\n";
    var run = expectError(yaml, 7, 13, "E302");
    assertContains(run.err(), "no break-glass account or group");
  }

  @Test
  void waiverWithAReasonIsAccepted() {
    String yaml =
        BASE.substring(0, BASE.indexOf("breakGlass:"))
            + "breakGlass:\n  waiver:\n    reason: Lab tenant rebuilt weekly; no production data.\n";
    Path file = TestSupport.write(tmp, "estate.yaml", yaml);
    TestSupport.Run run = TestSupport.cli("validate", file.toString());
    assertEquals(0, run.code(), run.err());
  }

  @Test
  void duplicatePolicyIds() {
    String custom =
        """
        customPolicies:
          - id: CA100
            name: One
            policy: {conditions: {users: {includeUsers: [All]}, applications: {includeApplications: [All]}}, grantControls: {operator: OR, builtInControls: [mfa]}}
          - id: CA100
            name: Two
            policy: {conditions: {users: {includeUsers: [All]}, applications: {includeApplications: [All]}}, grantControls: {operator: OR, builtInControls: [mfa]}}
        """;
    var run = expectError(BASE + custom, 15, 9, "E303");
    assertContains(run.err(), "duplicate policy ID 'CA100' (also at /customPolicies/0)");
  }

  @Test
  void tenantPolicyLimit() {
    var run =
        expectError(
            BASE.replace(
                "  licences: [entraIdP1]\n",
                "  licences: [entraIdP1]\n  unmanagedPolicyCount: 190\n"),
            4,
            3,
            "E304");
    assertContains(run.err(), "over the limit of 195");
  }

  @Test
  void nilGuidIsNotAnObjectId() {
    var run =
        expectError(
            BASE.replace(
                "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "00000000-0000-0000-0000-000000000000"),
            9,
            11,
            "E305");
    assertContains(run.err(), "the nil GUID is not an object ID");
  }

  @Test
  void tooWideIpRange() {
    var run =
        expectError(
            BASE
                + "namedLocations:\n  - key: office\n    name: Office\n    ipRanges: [203.0.113.0/24, 10.0.0.0/8]\n",
            14,
            32,
            "E305");
    assertContains(run.err(), "'10.0.0.0/8' is too wide");
  }

  @Test
  void invalidIpAddress() {
    var run =
        expectError(
            BASE
                + "namedLocations:\n  - key: office\n    name: Office\n    ipRanges: [203.0.113.300/24]\n",
            14,
            16,
            "E305");
    assertContains(run.err(), "is not a valid IPv4 address");
  }

  @Test
  void overrideOfUnknownPolicy() {
    var run = expectError(BASE + "policies:\n  CA044:\n    stage: enabled\n", 12, 3, "E308");
    assertContains(run.err(), "no baseline policy CA044; did you mean CA004?");
  }

  @Test
  void customPolicyMustBeValidGraph() {
    String custom =
        """
        customPolicies:
          - id: CA100
            name: Typo
            policy:
              conditions: {users: {includeUsers: [All]}, applications: {includeApplications: [All]}}
              grantControls: {operator: OR, builtInControls: [mfaa]}
        """;
    var run = expectError(BASE + custom, 16, 55, "E307");
    assertContains(run.err(), "not a valid Graph v1.0 conditionalAccessPolicy: must be one of");
    assertContains(run.err(), "found 'mfaa'; did you mean 'mfa'?");
    assertFalse(run.err().contains("expected a null"), run.err());
  }

  @Test
  void customPolicyMustNotSetTheDisplayName() {
    String custom =
        """
        customPolicies:
          - id: CA100
            name: Mine
            policy:
              displayName: Mine
              conditions: {users: {includeUsers: [All]}, applications: {includeApplications: [All]}}
              grantControls: {operator: OR, builtInControls: [mfa]}
        """;
    var run = expectError(BASE + custom, 15, 7, "E307");
    assertContains(run.err(), "'displayName' is set by the generator");
  }

  @Test
  void pilotOnAPolicyThatDoesNotTargetAllUsers() {
    var run =
        expectError(
            BASE
                + "groups:\n  - {key: pilot, id: 2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f, purpose: pilot}\n"
                + "policies:\n  CA001:\n    stage: pilot\n",
            15,
            12,
            "E309");
    assertContains(run.err(), "CA001 does not target all users");
  }

  @Test
  void warningsArePrintedWithTheirPositionButDoNotFail() {
    String yaml =
        BASE.replace("    - id: 1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e\n", "")
            + "apps:\n  - {key: crm, name: CRM, appId: 0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e, kind: saas}\n"
            + "policies:\n  CA008:\n    exclude: {apps: [crm], reason: CRM vendor SSO cannot do MFA yet.}\n";
    Path file = TestSupport.write(tmp, "estate.yaml", yaml);
    TestSupport.Run run = TestSupport.cli("validate", file.toString());
    assertEquals(0, run.code(), run.err());
    assertContains(
        run.err(),
        file + ":9:5: warning[W401]: /breakGlass/accounts: only one break-glass account");
    assertContains(run.err(), file + ":14:21: warning[W403]");
  }

  @Test
  void allProblemsAreReportedInOneRun() {
    String yaml =
        BASE.replace("licences: [entraIdP1]", "licences: [entraIdP3]")
            .replace("kind: Estate", "kind: Estates");
    Path file = TestSupport.write(tmp, "estate.yaml", yaml);
    TestSupport.Run run = TestSupport.cli("validate", file.toString());
    assertEquals(1, run.code());
    assertContains(run.err(), file + ":2:7: error[E204]");
    assertContains(run.err(), file + ":6:14: error[E204]");
    assertContains(run.err(), "2 errors");
  }

  @Test
  void missingFile() {
    TestSupport.Run run = TestSupport.cli("validate", tmp.resolve("nope.yaml").toString());
    assertEquals(1, run.code());
    assertContains(run.err(), "nope.yaml:1:1: error[E100]: no such file");
  }

  @Test
  void usageErrorsExit64() {
    assertEquals(64, TestSupport.cli("generate", "x.yaml").code());
    assertEquals(64, TestSupport.cli("validate").code());
    assertEquals(64, TestSupport.cli("frobnicate").code());
    assertEquals(64, TestSupport.cli().code());
    // Every command's required argument, the options given: a usage error, never a run without it.
    String[][] missing = {
      {"validate"},
      {"generate", "--out", "out"},
      {"plan", "--against-empty"},
      {"whatif", "--user", "member", "--app", "all"},
      {"coverage"},
      {"check"},
      {"explain"},
      {"import", "--out", "estate.yaml"},
      {"completion"}
    };
    for (String[] args : missing) {
      TestSupport.Run run = TestSupport.cli(args);
      assertEquals(64, run.code(), String.join(" ", args) + ": " + run.err());
      assertContains(run.err(), "Missing required parameter");
    }
    // A value that is not of the option's type: the problem in our words, not Java's.
    String[][] badDates = {
      {"check", "estate.yaml", "--today", "2026-13-45\u001b[2J"},
      {"plan", "estate.yaml", "--against-empty", "--today", "2026-13-45\u001b[2J"}
    };
    for (String[] args : badDates) {
      TestSupport.Run run = TestSupport.cli(args);
      assertEquals(64, run.code(), run.err());
      assertContains(
          run.err(),
          "Invalid value for option '--today': '2026-13-45\\u001b[2J' is not a date written"
              + " YYYY-MM-DD, such as 2026-12-04");
      assertFalse(run.err().contains("java."), run.err());
    }
  }

  @Test
  void helpDocumentsTheExitCodes() {
    TestSupport.Run run = TestSupport.cli("--help");
    assertEquals(0, run.code());
    assertContains(run.out(), "Exit codes:");
    for (String code : new String[] {"0", "1", "2", "64", "70"}) {
      assertContains(run.out(), "  " + code + "  ");
    }
    // Exit code 2 has two meanings, one a command: both are listed.
    String two = run.out().substring(run.out().indexOf("  2  "), run.out().indexOf("  64  "));
    assertContains(two, "plan --detailed-exitcode");
    assertContains(two, "check --detailed-exitcode");
  }
}
