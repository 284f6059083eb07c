package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisecuritybaseline.entra.ConformanceProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance of issue 14: the conformance profile cisa-scuba and {@code baseline check} agree. The
 * conformance test estate (src/test/resources/conformance/estate.yaml) with every policy enforced
 * and its {@code exceptions:} (the exclusions ScubaGear accepts only when its configuration file
 * lists them: CapExclusions.Groups for the service accounts and the scan-to-mail group,
 * CapExclusions.GuestUserTypes for the guest types) passes every SCuBA Entra ID rule Conditional
 * Access can satisfy: each is pass or suppressed, the suppressed ones exactly by those exclusions,
 * and the rules not evaluable from Conditional Access are exactly the tenant settings the README
 * lists. Without the exceptions exactly the rules with those exclusions fail, each located at the
 * estate line of the exclusion. The clock is {@code --today}, so the exceptions' real expiry dates
 * hold.
 */
class ConformanceCheckTest {
  static final String TODAY = "2026-12-02";
  static final String GUEST_TYPES =
      "internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,"
          + "serviceProvider,otherExternalUser";

  @TempDir Path tmp;

  /** The conformance estate with every Conditional Access policy enforced. */
  static String enforced() {
    String text = TestSupport.read(ConformanceTest.ESTATE);
    String out =
        text.replace("  defaultStage: report-only\n", "  defaultStage: enabled\n")
            .replaceAll("(?m)^(\\s+stage:) (report-only|pilot)$", "$1 enabled");
    assertFalse(out.equals(text));
    assertFalse(
        Pattern.compile("(?m)(stage|defaultStage): (report-only|pilot|disabled)$")
            .matcher(out)
            .find(),
        "a policy is not enforced");
    return out;
  }

  /** The estate without its exceptions (they are the last section). */
  static String withoutExceptions(String text) {
    int at = text.indexOf("\nexceptions:\n");
    assertTrue(at > 0);
    return text.substring(0, at + 1);
  }

  JsonNode check(String text) {
    Path file = TestSupport.write(tmp, "estate.yaml", text);
    return CheckTest.json(file, "--today", TODAY);
  }

  static String scuba(JsonNode result) {
    for (JsonNode ref : result.get("references")) {
      if (ref.get("framework").asString().equals("CISA SCuBA")) {
        return ref.get("id").asString();
      }
    }
    return null;
  }

  /** The 1-based line of the first line of {@code text} that contains {@code needle}. */
  static int lineOf(String text, String needle) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError(needle);
  }

  /**
   * The exclusions SCuBA accepts only when allowlisted, by rule: "policy | what it excludes |
   * pointer | line", the line found in {@code text}.
   */
  static Map<String, List<String>> allowlisted(String text) {
    int tier = lineOf(text, "  tier: enterprise");
    int serviceAccounts = lineOf(text, "    purpose: serviceAccounts");
    int scanners = lineOf(text, "      groups: [legacy-scanners]");
    String sa = "group service-accounts | /groups/3/purpose | " + serviceAccounts;
    String guests = "guest types | /baseline/tier | " + tier;
    Map<String, List<String>> out = new TreeMap<>();
    out.put(
        "AISB-CA-001",
        List.of("CA004 | group legacy-scanners | /policies/CA004/exclude/groups/0 | " + scanners));
    out.put("AISB-CA-002", List.of("CA013 | " + guests));
    out.put("AISB-CA-003", List.of("CA014 | " + guests));
    out.put("AISB-CA-004", List.of("CA015 | " + sa));
    out.put("AISB-CA-005", List.of("CA008 | " + sa));
    out.put("AISB-CA-007", List.of("CA021 | " + sa, "CA021 | " + guests));
    out.put("AISB-CA-008", List.of("CA007 | " + guests));
    return out;
  }

  /** A result's findings in the form of {@link #allowlisted}. */
  static List<String> findings(JsonNode result) {
    List<String> out = new ArrayList<>();
    String policy = result.at("/policy/id").asString();
    for (JsonNode f : result.get("findings")) {
      String message = f.get("message").asString();
      String what;
      if (message.contains("excludes guest or external user types " + GUEST_TYPES)) {
        what = "guest types";
      } else {
        Matcher m = Pattern.compile("excludes (group [a-z-]+) \"").matcher(message);
        what = m.find() ? m.group(1) : message;
      }
      out.add(
          policy
              + " | "
              + what
              + " | "
              + f.at("/location/pointer").asString()
              + " | "
              + f.at("/location/line").asInt());
    }
    return out;
  }

  @Test
  void theProfileWithItsExceptionsPassesEveryScubaRuleConditionalAccessCanSatisfy() {
    String text = enforced();
    JsonNode report = check(text);
    Map<String, List<String>> expected = allowlisted(text);
    Map<String, String> pass = new TreeMap<>();
    Map<String, List<String>> suppressed = new TreeMap<>();
    Set<String> notEvaluable = new TreeSet<>();
    for (JsonNode r : report.get("results")) {
      String rule = r.get("rule").asString();
      String id = scuba(r);
      if (id == null) {
        continue;
      }
      switch (r.get("status").asString()) {
        case "pass" -> pass.put(rule, r.at("/policy/id").asString());
        case "suppressed" -> {
          suppressed.put(rule, findings(r));
          assertTrue(
              LocalDate.parse(r.at("/exception/expires").asString())
                  .isAfter(LocalDate.parse(TODAY)),
              rule);
        }
        case "notEvaluable" -> notEvaluable.add(id);
        default -> throw new AssertionError(rule + " (" + id + "): " + r);
      }
    }
    // MS.AAD.9.1v1: CA050, generated from the estate's agents.identities, blocks high-risk agents
    assertEquals(
        Map.of("AISB-CA-006", "CA002", "AISB-CA-009", "CA005", "AISB-CA-014", "CA050"), pass);
    assertEquals(expected, suppressed);
    // The phishing-resistant MFA rule finds the profile's CA015, the MFA rule CA008.
    assertEquals("CA015", CheckTest.result(report, "AISB-CA-004").at("/policy/id").asString());
    assertEquals("CA008", CheckTest.result(report, "AISB-CA-005").at("/policy/id").asString());
    assertEquals(0, report.at("/summary/fail").asInt());

    // Not evaluable: exactly the SCuBA items the README's check section lists as tenant settings,
    // each also a tenant setting of the profile and in the README's conformance section.
    String readme = TestSupport.read(TestSupport.root().resolve("README.md"));
    String checkSection = section(readme, "## Checking against CISA SCuBA: check");
    Matcher listed =
        Pattern.compile("need tenant settings rather than Conditional Access \\(([^)]*)\\)")
            .matcher(checkSection.replace('\n', ' '));
    assertTrue(listed.find(), "the check section lists the tenant settings");
    assertEquals(ids(listed.group(1)), notEvaluable);
    Set<String> tenantSettings = new TreeSet<>();
    ConformanceProfile.get(ConformanceProfile.CISA_SCUBA).orElseThrow().items().stream()
        .filter(i -> i.tenantSetting() != null)
        .forEach(i -> tenantSettings.add(i.id()));
    assertTrue(tenantSettings.containsAll(notEvaluable), tenantSettings.toString());
    String conformance = section(readme, "### Conformance profiles");
    Matcher settings =
        Pattern.compile("tenant settings, not Conditional Access, [^:]*:([^#]*)")
            .matcher(conformance.replace('\n', ' '));
    assertTrue(settings.find(), "the conformance section lists the tenant settings");
    assertTrue(ids(settings.group(1)).containsAll(notEvaluable), settings.group(1));
  }

  @Test
  void withoutTheExceptionsExactlyTheRulesWithThoseExclusionsFailAtTheirLines() {
    String text = withoutExceptions(enforced());
    JsonNode report = check(text);
    Map<String, List<String>> failing = new TreeMap<>();
    Map<String, String> others = new LinkedHashMap<>();
    for (JsonNode r : report.get("results")) {
      String status = r.get("status").asString();
      if (status.equals("fail")) {
        failing.put(r.get("rule").asString(), findings(r));
        assertEquals(
            r.at("/findings/0/location"), r.get("location"), "the result is at its first finding");
      } else {
        others.put(r.get("rule").asString(), status);
      }
    }
    assertEquals(allowlisted(text), failing);
    assertEquals(
        Set.of("pass", "notEvaluable"), Set.copyOf(others.values()), "the other rules: " + others);
  }

  /** Each exception is needed: without it exactly its rule fails, at the exclusion it names. */
  @Test
  void everyExceptionCoversOneAllowlistedExclusion() {
    String text = enforced();
    int start = text.indexOf("\nexceptions:\n") + "\nexceptions:\n".length();
    String[] entries = text.substring(start).split("(?m)^(?=  - rule: )");
    Map<String, List<String>> expected = allowlisted(text);
    Set<String> named = new TreeSet<>();
    for (String entry : entries) {
      if (entry.isBlank()) {
        continue;
      }
      String rule = entry.replaceAll("(?s)^  - rule: (AISB-CA-[0-9]{3}).*", "$1");
      String policy = entry.replaceAll("(?s).*\n    policy: (CA[0-9]{3})\n.*", "$1");
      JsonNode report = check(text.replace(entry, ""));
      Map<String, List<String>> failing = new TreeMap<>();
      for (JsonNode r : report.get("results")) {
        if (r.get("status").asString().equals("fail")) {
          failing.put(r.get("rule").asString(), findings(r));
        }
      }
      assertEquals(Set.of(rule), failing.keySet(), entry);
      List<String> open = failing.get(rule);
      assertEquals(1, open.size(), entry);
      assertTrue(expected.get(rule).contains(open.get(0)), entry + " -> " + open);
      assertTrue(open.get(0).startsWith(policy + " | "), entry + " -> " + open);
      named.add(rule + " " + open.get(0));
    }
    Set<String> all = new TreeSet<>();
    expected.forEach((rule, list) -> list.forEach(x -> all.add(rule + " " + x)));
    assertEquals(all, named, "one exception per allowlisted exclusion");
  }

  /** The text of a Markdown section, from its heading to the next heading of any level. */
  static String section(String markdown, String heading) {
    int at = markdown.indexOf("\n" + heading + "\n");
    assertTrue(at >= 0, heading);
    int body = at + heading.length() + 2;
    Matcher next = Pattern.compile("(?m)^#{1,6} ").matcher(markdown);
    int end = markdown.length();
    int from = body;
    while (next.find(from)) {
      // skip headings inside fenced code blocks (yaml comments)
      String before = markdown.substring(body, next.start());
      if (before.split("```", -1).length % 2 == 1) {
        end = next.start();
        break;
      }
      from = next.end();
    }
    return markdown.substring(body, end);
  }

  /** SCuBA IDs in a README list: "MS.AAD.2.2v1, 3.3v2" and ranges "5.1v1-5.3v1". */
  static Set<String> ids(String list) {
    Set<String> out = new TreeSet<>();
    Matcher m =
        Pattern.compile("(?:MS\\.AAD\\.)?([0-9]+)\\.([0-9]+)v([0-9]+)(?:-\\1\\.([0-9]+)v\\3)?")
            .matcher(list);
    while (m.find()) {
      int last = m.group(4) == null ? Integer.parseInt(m.group(2)) : Integer.parseInt(m.group(4));
      for (int i = Integer.parseInt(m.group(2)); i <= last; i++) {
        out.add("MS.AAD." + m.group(1) + "." + i + "v" + m.group(3));
      }
    }
    return out;
  }
}
