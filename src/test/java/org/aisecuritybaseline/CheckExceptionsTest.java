package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The estate's {@code exceptions:}: a covered result is suppressed in every format, an expired
 * exception suppresses nothing and check exits 1 naming it, unknown rules and policies are errors
 * with a suggestion, plan reminds of the ones expiring within 30 days. The clock is {@code
 * --today}.
 */
class CheckExceptionsTest {
  @TempDir Path tmp;

  static final String SCANNERS =
      """
      exceptions:
        - rule: AISB-CA-001
          object: legacy-scanners
          reason: Scan-to-mail devices use SMTP AUTH until the printer fleet is replaced (CHG-4711).
          owner: identity-team@contoso.com
          expires: 2027-03-31
      """;

  Path estate(String exceptions) {
    return TestSupport.write(tmp, "estate.yaml", CheckTest.ENTERPRISE_TEXT + exceptions);
  }

  @Test
  void aCoveredResultIsSuppressedInEveryFormat() {
    Path file = estate(SCANNERS);
    TestSupport.Run json =
        TestSupport.cli("check", file.toString(), "--format", "json", "--today", "2026-12-02");
    assertEquals(0, json.code(), json.err());
    JsonNode report = Json.parse(json.out());
    assertEquals(List.of(), SchemaCheck.fromResource("/schemas/check.schema.json").check(report));
    JsonNode legacy = CheckTest.result(report, "AISB-CA-001");
    assertEquals("suppressed", legacy.get("status").asString());
    assertEquals("identity-team@contoso.com", legacy.at("/exception/owner").asString());
    assertEquals("2027-03-31", legacy.at("/exception/expires").asString());
    assertEquals("/policies/CA004/exclude/groups/0", legacy.at("/location/pointer").asString());

    TestSupport.Run text = TestSupport.cli("check", file.toString(), "--today", "2026-12-02");
    assertContains(text.out(), "SUPPRESSED          AISB-CA-001");
    assertContains(text.out(), "suppressed by exception 1 (AISB-CA-001, legacy-scanners");

    JsonNode sarif =
        Json.parse(
            TestSupport.cli("check", file.toString(), "--format", "sarif", "--today", "2026-12-02")
                .out());
    assertEquals(List.of(), CheckSarifTest.violations(sarif));
    JsonNode first = sarif.at("/runs/0/results/0");
    assertEquals("AISB-CA-001", first.get("ruleId").asString());
    assertEquals("external", first.at("/suppressions/0/kind").asString());
    assertContains(first.at("/suppressions/0/justification").asString(), "CHG-4711");
  }

  @Test
  void aPolicyExceptionCoversEveryShortfallOfThatPolicy() {
    Path file =
        estate(
            """
            exceptions:
              - rule: AISB-CA-007
                policy: CA021
                reason: Hybrid joined devices are retired; compliant devices only by design.
                owner: endpoint-team
                expires: 2027-01-31
            """);
    JsonNode report =
        Json.parse(
            TestSupport.cli("check", file.toString(), "--format", "json", "--today", "2026-12-02")
                .out());
    assertEquals("suppressed", CheckTest.result(report, "AISB-CA-007").get("status").asString());
    assertEquals("fail", CheckTest.result(report, "AISB-CA-005").get("status").asString());
  }

  @Test
  void anExpiredExceptionSuppressesNothingAndCheckExits1() {
    Path file = estate(SCANNERS);
    TestSupport.Run run =
        TestSupport.cli("check", file.toString(), "--format", "json", "--today", "2027-04-01");
    assertEquals(1, run.code());
    assertContains(run.err(), file + ":");
    assertContains(
        run.err(),
        "error: exception 1 (AISB-CA-001, legacy-scanners, owner identity-team@contoso.com,"
            + " expires 2027-03-31) expired on 2027-03-31");
    JsonNode report = Json.parse(run.out());
    assertEquals(List.of(), SchemaCheck.fromResource("/schemas/check.schema.json").check(report));
    assertEquals("fail", CheckTest.result(report, "AISB-CA-001").get("status").asString());
    assertEquals(1, report.get("expiredExceptions").size());
    // the last day still counts
    assertEquals(0, TestSupport.cli("check", file.toString(), "--today", "2027-03-31").code());
  }

  @Test
  void unknownRulesAndPoliciesAreErrorsWithASuggestion() {
    Path file =
        estate(
            """
            exceptions:
              - rule: AISB-CA-099
                reason: typo
                owner: me
                expires: 2027-01-01
              - rule: AISB-CA-001
                policy: CA104
                reason: typo
                owner: me
                expires: 2027-01-01
            """);
    TestSupport.Run run = TestSupport.cli("validate", file.toString());
    assertEquals(1, run.code());
    assertContains(
        run.err(),
        "error[E901]: /exceptions/0/rule: unknown rule AISB-CA-099; did you mean AISB-CA-009?");
    assertContains(run.err(), "error[E902]: /exceptions/1/policy: no policy CA104");
    assertContains(
        run.err(), "in the baseline or the estate's customPolicies; did you mean CA004?");
    assertEquals(1, TestSupport.cli("check", file.toString()).code());
  }

  @Test
  void planRemindsOfExceptionsExpiringWithin30Days() {
    Path file = estate(SCANNERS);
    TestSupport.Run soon =
        TestSupport.cli("plan", file.toString(), "--against-empty", "--today", "2027-03-10");
    assertEquals(0, soon.code(), soon.err());
    assertContains(soon.out(), "Exceptions expiring within 30 days:");
    assertContains(
        soon.out(),
        "exception 1 (AISB-CA-001, legacy-scanners, owner identity-team@contoso.com, expires 2027-03-31) expires in 21 days");
    TestSupport.Run later =
        TestSupport.cli("plan", file.toString(), "--against-empty", "--today", "2027-01-10");
    assertFalse(later.out().contains("Exceptions expiring"), later.out());

    TestSupport.Run json =
        TestSupport.cli(
            "plan",
            file.toString(),
            "--against-empty",
            "--format",
            "json",
            "--today",
            "2027-03-10");
    JsonNode plan = Json.parse(json.out());
    assertEquals(List.of(), SchemaCheck.fromResource("/schemas/plan.schema.json").check(plan));
    assertEquals(21, plan.at("/expiringExceptions/0/daysLeft").asInt());
    assertEquals("AISB-CA-001", plan.at("/expiringExceptions/0/rule").asString());

    TestSupport.Run markdown =
        TestSupport.cli(
            "plan",
            file.toString(),
            "--against-empty",
            "--format",
            "markdown",
            "--today",
            "2027-03-10");
    assertContains(markdown.out(), "**Exceptions expiring within 30 days:**");
  }
}
