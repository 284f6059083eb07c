package org.aisecuritybaseline.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.json.Json;
import org.junit.jupiter.api.Test;

/** The plan's pure functions on small inputs: file comparison, JSON diff, text diff, risk rules. */
class PlanUnitTest {
  private static Snapshot snapshot(Map<String, String> files) {
    Map<String, byte[]> bytes = new java.util.TreeMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return new Snapshot("test", bytes);
  }

  @Test
  void changesToNamesWhatGeneratingWouldDoToEachFile() {
    Snapshot before = snapshot(Map.of("a.json", "{}", "b.json", "{}", "same.json", "1"));
    Snapshot after = snapshot(Map.of("b.json", "{\"x\":1}", "c.json", "{}", "same.json", "1"));
    assertEquals(
        Map.of(
            "a.json", Plan.Action.REMOVE, "b.json", Plan.Action.CHANGE, "c.json", Plan.Action.ADD),
        before.changesTo(after));
    assertTrue(after.changesTo(after).isEmpty());
  }

  @Test
  void manifestRowsAreDiffedByPathNotPosition() {
    String before =
        "{\"files\":[{\"path\":\"a\",\"sha256\":\"1\"},{\"path\":\"c\",\"sha256\":\"3\"}]}";
    String after =
        "{\"files\":[{\"path\":\"a\",\"sha256\":\"1\"},{\"path\":\"b\",\"sha256\":\"2\"},{\"path\":\"c\",\"sha256\":\"3\"}]}";
    List<JsonDiff.Change> changes =
        JsonDiff.diff("manifest.json", Json.parse(before), Json.parse(after));
    assertEquals(1, changes.size(), changes.toString());
    assertTrue(changes.get(0).pointer().contains("path=b"), changes.get(0).pointer());
    assertEquals(null, changes.get(0).before());
  }

  @Test
  void aStringSetChangeIsOneMemberNotAShift() {
    String before = "{\"conditions\":{\"users\":{\"excludeUsers\":[\"a\",\"b\",\"c\"]}}}";
    String after = "{\"conditions\":{\"users\":{\"excludeUsers\":[\"a\",\"c\"]}}}";
    List<JsonDiff.Change> changes =
        JsonDiff.diff(
            "entra/conditional-access/CA001-x.json", Json.parse(before), Json.parse(after));
    assertEquals(1, changes.size(), changes.toString());
    assertEquals("b", changes.get(0).before().asString());
  }

  @Test
  void aUnifiedDiffShowsOnlyTheChangedLineWithContext() {
    String diff = TextDiff.unified("a/x.sh", "b/x.sh", "one\ntwo\nthree\n", "one\n2\nthree\n");
    assertTrue(diff.startsWith("--- a/x.sh\n+++ b/x.sh\n"), diff);
    assertTrue(diff.contains("-two\n") && diff.contains("+2\n"), diff);
  }

  @Test
  void aPolicyMovingToEnforcedIsAHighRisk() {
    String file = "entra/conditional-access/CA008-all-users-require-mfa.json";
    String body =
        "{\"displayName\":\"CA008 - x\",\"state\":\"%s\",\"conditions\":{\"users\":{\"includeUsers\":[\"All\"]}}}";
    Map<String, tools.jackson.databind.JsonNode> before =
        Map.of(file, Json.parse(body.formatted("enabledForReportingButNotEnforced")));
    Map<String, tools.jackson.databind.JsonNode> after =
        Map.of(file, Json.parse(body.formatted("enabled")));
    List<Plan.Highlight> highlights = Risks.of(before, after, Names.of(null, null));
    assertTrue(
        highlights.stream()
            .anyMatch(h -> h.severity() == Plan.Severity.HIGH && h.id().contains("CA008")),
        highlights.toString());
    assertTrue(Risks.of(after, after, Names.of(null, null)).isEmpty(), "no change, no highlight");
  }
}
