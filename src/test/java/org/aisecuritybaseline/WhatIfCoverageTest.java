package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.aisecuritybaseline.access.MatrixViews;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** baseline whatif and baseline coverage on the examples: formats, usage errors, agreement. */
class WhatIfCoverageTest {
  static final Path SMALL = TestSupport.root().resolve("examples/small-p1/estate.yaml");
  static final Path ENTERPRISE = TestSupport.root().resolve("examples/enterprise-p2/estate.yaml");

  @TempDir Path tmp;

  private static JsonNode coverage(Path estate) {
    TestSupport.Run run = TestSupport.cli("coverage", estate.toString(), "--format", "json");
    assertEquals(0, run.code(), run.err());
    JsonNode json = Json.parse(run.out());
    assertEquals(
        List.of(),
        SchemaCheck.fromResource("/schemas/coverage.schema.json").check(json),
        "the JSON matrix follows schemas/coverage.schema.json");
    return json;
  }

  private static JsonNode whatif(Path estate, String... more) {
    String[] args = new String[more.length + 4];
    args[0] = "whatif";
    args[1] = estate.toString();
    args[2] = "--format";
    args[3] = "json";
    System.arraycopy(more, 0, args, 4, more.length);
    TestSupport.Run run = TestSupport.cli(args);
    assertEquals(0, run.code(), run.err());
    return Json.parse(run.out());
  }

  /** Issue 14's acceptance: for every cell of both examples, what-if says the same. */
  @Test
  void whatIfAndTheMatrixAgreeForEveryCell() {
    for (Path estate : List.of(SMALL, ENTERPRISE)) {
      JsonNode m = coverage(estate);
      int rows = m.get("rows").size();
      int columns = m.get("columns").size();
      assertEquals(rows * columns, m.get("cells").size());
      assertEquals(11, rows);
      for (JsonNode cell : m.get("cells")) {
        String who = cell.get("who").asString();
        String app = cell.get("app").asString();
        JsonNode w = whatif(estate, "--user", who, "--app", app);
        assertEquals(cell.get("enforced"), w.get("enforced"), estate + " " + who + " x " + app);
        assertEquals(
            cell.get("withReportOnly"), w.get("withReportOnly"), estate + " " + who + " x " + app);
      }
    }
  }

  @Test
  void theEnterpriseMatrixSaysWhatTheEstateMeans() {
    JsonNode m = coverage(ENTERPRISE);
    // CA004 is enabled for everyone but legacy clients: conditional, not applied.
    JsonNode member = cell(m, "member", "all");
    assertEquals("allow", member.at("/enforced/result").asString());
    assertContains(member.at("/enforced/conditional").toString(), "CA004 (block)");
    // The pilot group is in CA008 (pilot stage, enforced).
    assertEquals("[\"MFA\"]", cell(m, "pilot", "all").at("/enforced/controls").toString());
    // Copilot: CA040's phishing-resistant strength once report-only policies are enforced.
    assertContains(
        cell(m, "member", "copilot").at("/withReportOnly/controls").toString(),
        "strength: Phishing-resistant MFA");
    // Guests: CA009's MFA; CA021's compliant device excludes them.
    JsonNode guest = cell(m, "b2bCollaborationGuest", "all").get("withReportOnly");
    assertEquals("[\"MFA\"]", guest.get("controls").toString());
    // Break-glass: nothing, not even conditionally.
    for (JsonNode c : m.get("cells")) {
      if (c.get("who").asString().equals("break-glass")) {
        assertEquals(0, c.at("/withReportOnly/policies").size());
        assertEquals(0, c.at("/withReportOnly/conditional").size());
      }
    }
  }

  private static JsonNode cell(JsonNode m, String who, String app) {
    for (JsonNode c : m.get("cells")) {
      if (c.get("who").asString().equals(who) && c.get("app").asString().equals(app)) {
        return c;
      }
    }
    throw new AssertionError(who + " x " + app);
  }

  @Test
  void whatIfTextNamesWhatDecided() {
    TestSupport.Run run =
        TestSupport.cli(
            "whatif",
            ENTERPRISE.toString(),
            "--user",
            "service-accounts",
            "--app",
            "all",
            "--client-app",
            "exchangeActiveSync",
            "--location",
            "hq");
    assertEquals(0, run.code(), run.err());
    assertContains(run.out(), "Enforced policies (2):");
    assertContains(run.out(), "applies       CA004 Block legacy authentication -> block");
    assertContains(run.out(), "user excluded by group service-accounts \"SG-Service-Accounts\"");
    assertContains(run.out(), "Result (enforced policies): block");
    assertContains(run.out(), "Result once report-only policies are enforced: block");
    assertContains(run.out(), "Not evaluated:");
    JsonNode json =
        whatif(ENTERPRISE, "--user", "legacy-scanners", "--app", "all", "--client-app", "other");
    assertEquals("allow", json.at("/enforced/result").asString());
    for (JsonNode p : json.get("policies")) {
      if (p.get("id").asString().equals("CA004")) {
        assertEquals("doesNotApply", p.get("verdict").asString());
        assertContains(p.get("why").toString(), "group legacy-scanners");
      }
    }
  }

  @Test
  void badValuesAreUsageErrorsNamingTheAllowedValues() {
    String e = ENTERPRISE.toString();
    String[][] cases = {
      {"--user", "nobody", "--app", "all", "Allowed: member, internalGuest"},
      {"--user", "member", "--app", "nothing", "Allowed: all, copilot, security-copilot"},
      {"--user", "member", "--app", "all", "--platform", "amiga", "Allowed: android, iOS"},
      {"--user", "member", "--app", "all", "--location", "mars", "Allowed: anywhere, hq"},
      {"--user", "member", "--app", "all", "--sign-in-risk", "huge", "Allowed: none, low"},
      {"--user", "member", "--app", "all", "--insider-risk", "high", "Allowed: none, minor"},
      {"--user", "member", "--app", "all", "--client-app", "fax", "Allowed: browser"},
    };
    for (String[] c : cases) {
      String[] args = new String[c.length + 1];
      args[0] = "whatif";
      args[1] = e;
      System.arraycopy(c, 0, args, 2, c.length - 1);
      TestSupport.Run run = TestSupport.cli(args);
      assertEquals(64, run.code(), String.join(" ", c));
      assertContains(run.err(), c[c.length - 1]);
    }
    assertEquals(64, TestSupport.cli("coverage", e, "--format", "pdf").code());
    assertEquals(64, TestSupport.cli("whatif", e, "--app", "all").code());
    // Values are accepted in any case and printed as Graph spells them.
    JsonNode ok = whatif(ENTERPRISE, "--user", "member", "--app", "all", "--platform", "IOS");
    assertEquals("iOS", ok.at("/signIn/platform").asString());
  }

  @Test
  void theMarkdownFitsAPullRequestAndEveryFormatIsDeterministic() {
    for (Path estate : List.of(SMALL, ENTERPRISE)) {
      for (String format : List.of("markdown", "json", "html")) {
        TestSupport.Run a = TestSupport.cli("coverage", estate.toString(), "--format", format);
        TestSupport.Run b = TestSupport.cli("coverage", estate.toString(), "--format", format);
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out(), estate + " " + format);
        if (format.equals("markdown")) {
          assertTrue(a.out().length() < MatrixViews.MARKDOWN_LIMIT, "markdown length");
          assertContains(a.out(), "| Who \\ app | all | copilot |");
        }
      }
    }
  }

  @Test
  void theHtmlPageIsSelfContainedAndEscapesEveryEstateString() {
    String hostile = "<script>alert(1)</script>";
    String yaml =
        TestSupport.read(SMALL)
                .replace("name: CA pilot users", "name: \"" + hostile + " & 'pilot'\"")
            + "apps:\n"
            + "  - key: evil\n"
            + "    name: \"<img src=x onerror=alert(1)>\"\n"
            + "    appId: 0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e\n"
            + "    kind: saas\n";
    Path f = TestSupport.write(tmp, "estate.yaml", yaml);
    TestSupport.Run run = TestSupport.cli("coverage", f.toString(), "--format", "html");
    assertEquals(0, run.code(), run.err());
    String html = run.out();
    assertFalse(html.contains("<script"), "no script element");
    assertFalse(html.contains("<img"), "no image element");
    assertContains(html, "&lt;img src=x onerror=alert(1)&gt;");
    assertFalse(html.contains("http://") || html.contains("https://"), "no external resource");
    assertFalse(
        java.util.regex.Pattern.compile("<[a-zA-Z][^>]*\\b(src|href)=")
            .matcher(html.replaceAll("\"[^\"]*\"", "\"\""))
            .find(),
        "no element loads anything");
    assertContains(html, "<style>");
    String md = TestSupport.cli("coverage", f.toString()).out();
    assertFalse(md.contains("<script"), md);
    String what =
        TestSupport.cli(
                "whatif", f.toString(), "--user", "pilot", "--app", "all", "--client-app", "other")
            .out();
    assertContains(what, hostile); // plain text on a terminal, one line
    String json =
        TestSupport.cli(
                "whatif", f.toString(), "--user", "pilot", "--app", "evil", "--format", "json")
            .out();
    assertContains(Json.parse(json).at("/signIn/appLabel").asString(), "<img src=x");
  }

  @Test
  void aMatrixTooWideForOneCommentNamesTheAppsLeftOut() {
    StringBuilder yaml = new StringBuilder(TestSupport.read(SMALL)).append("apps:\n");
    for (int i = 0; i < 400; i++) {
      yaml.append("  - key: app-").append(i).append('\n');
      yaml.append("    name: Line-of-business app number ").append(i).append('\n');
      yaml.append(String.format("    appId: 0b1c2d3e-4f5a-4b6c-9d7e-%012d%n", i));
      yaml.append("    kind: saas\n");
    }
    Path f = TestSupport.write(tmp, "wide.yaml", yaml.toString());
    TestSupport.Run run = TestSupport.cli("coverage", f.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().length() < MatrixViews.MARKDOWN_LIMIT, "" + run.out().length());
    assertContains(run.out(), "more apps do not fit in one comment");
    assertContains(run.out(), "app-399");
    JsonNode json = Json.parse(TestSupport.cli("coverage", f.toString(), "--format", "json").out());
    assertEquals(11 * 405, json.get("cells").size());
  }
}
