package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.aisecuritybaseline.checks.CheckMarkdown;
import org.aisecuritybaseline.checks.CheckReport;
import org.aisecuritybaseline.checks.Checks;
import org.aisecuritybaseline.checks.Place;
import org.aisecuritybaseline.checks.Target;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.rules.RuleCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** check's Markdown (a pull-request comment) and JUnit XML formats. */
class CheckFormatsTest {
  @TempDir Path tmp;

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void junitHasOneWellFormedTestCasePerRule() throws Exception {
    Path file =
        TestSupport.write(
            tmp,
            "estate.yaml",
            CheckTest.ENTERPRISE_TEXT
                + CheckExceptionsTest.SCANNERS.replace(
                    "Scan-to-mail", "Scan-to-mail <devices> & \"printers\""));
    TestSupport.Run run =
        TestSupport.cli("check", file.toString(), "--format", "junit", "--today", "2026-12-02");
    assertEquals(0, run.code(), run.err());
    Document doc = parse(run.out());
    Element suites = doc.getDocumentElement();
    assertEquals("testsuites", suites.getTagName());
    assertEquals("15", suites.getAttribute("tests"));
    assertEquals("6", suites.getAttribute("failures"));
    assertEquals(
        "6",
        suites.getAttribute("skipped"),
        "one suppressed, four not evaluable from Conditional Access, AISB-DLP-001 without a"
            + " snapshot");
    NodeList cases = doc.getElementsByTagName("testcase");
    assertEquals(15, cases.getLength());
    Element legacy = (Element) cases.item(0);
    assertTrue(
        legacy.getAttribute("name").startsWith("AISB-CA-001 Legacy authentication is blocked"));
    Element skipped = (Element) legacy.getElementsByTagName("skipped").item(0);
    assertContains(skipped.getAttribute("message"), "Scan-to-mail <devices> & \"printers\"");
    Element high = (Element) cases.item(1);
    Element failure = (Element) high.getElementsByTagName("failure").item(0);
    assertContains(failure.getTextContent(), file + ":");
    assertEquals(6, doc.getElementsByTagName("failure").getLength());
    Element dlp = (Element) cases.item(14);
    assertTrue(dlp.getAttribute("name").startsWith("AISB-DLP-001 Generative-AI websites"));
    assertContains(
        ((Element) dlp.getElementsByTagName("skipped").item(0)).getAttribute("message"),
        "not evaluable: Needs a tenant snapshot");
  }

  @Test
  void markdownIsAPullRequestComment() {
    TestSupport.Run run =
        TestSupport.cli("check", CheckTest.ENTERPRISE.toString(), "--format", "markdown");
    assertEquals(0, run.code(), run.err());
    String md = run.out();
    assertContains(md, "| Status | Rule | Frameworks | Policy | Where |");
    assertContains(
        md,
        "| **fail** | AISB-CA-001 Legacy authentication is blocked | [MS.AAD.1.1v1](https://github.com/cisagov/ScubaGear/blob/main/PowerShell/ScubaGear/baselines/aad.md#msaad11v1)");
    assertContains(md, "<details><summary>Findings</summary>");
    assertTrue(md.length() < CheckMarkdown.LIMIT);
  }

  @Test
  void markdownIsCutToFitAComment() {
    // 2,000 policies that each fall short: far more findings than a comment holds
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      var body =
          Json.parse(
              "{\"displayName\": \"P"
                  + i
                  + "\", \"state\": \"enabled\", \"conditions\": {\"users\": {\"includeUsers\":"
                  + " [\"All\"], \"excludeGroups\": [\"g"
                  + i
                  + "\"]}, \"applications\": {\"includeApplications\": [\"All\"]},"
                  + " \"clientAppTypes\": [\"other\", \"exchangeActiveSync\"]},"
                  + " \"grantControls\": {\"operator\": \"OR\", \"builtInControls\": [\"block\"]}}");
      targets.add(
          new Target(
              "CA" + i,
              "P" + i + " " + "x".repeat(200),
              body,
              Map.of(),
              new Place("estate.yaml", i + 1, 3, ""),
              null,
              null));
    }
    CheckReport report =
        new Checks(RuleCatalogue.builtIn(), Map.of())
            .evaluate(
                "estate.yaml",
                false,
                targets,
                List.of(),
                LocalDate.of(2026, 1, 1),
                new Place("estate.yaml", 1, 1, ""));
    String md = CheckMarkdown.render(report);
    assertTrue(md.length() <= CheckMarkdown.LIMIT, "length " + md.length());
  }
}
