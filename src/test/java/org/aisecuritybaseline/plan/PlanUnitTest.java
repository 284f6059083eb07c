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

  /**
   * Enough changed files for many parts, in two families and outside them: policies enforced (one
   * grouped highlight, whose listed policies follow the files' order), a break-glass account
   * dropped, scripts edited, files added and removed.
   */
  @Test
  void thePlanIsTheSameHoweverItsFilesAreSharedBetweenThreads() {
    Map<String, String> before = new java.util.TreeMap<>();
    Map<String, String> after = new java.util.TreeMap<>();
    String deployment = "{\"breakGlass\":{\"users\":[%s]}}";
    before.put("entra/deployment.json", deployment.formatted("\"bg1\",\"bg2\""));
    after.put("entra/deployment.json", deployment.formatted("\"bg1\""));
    String policy =
        "{\"displayName\":\"CA%03d\",\"state\":\"%s\","
            + "\"conditions\":{\"users\":{\"includeUsers\":[\"All\"]}}}";
    for (int i = 0; i < 150; i++) {
      String file = "entra/conditional-access/CA%03d-policy.json".formatted(i);
      before.put(file, policy.formatted(i, "enabledForReportingButNotEnforced"));
      after.put(file, policy.formatted(i, "enabled"));
    }
    for (int i = 0; i < 40; i++) {
      before.put("scripts/step%02d.ps1".formatted(i), "one\ntwo\nthree\n".repeat(i + 1));
      after.put("scripts/step%02d.ps1".formatted(i), "one\n2\nthree\n".repeat(i + 1));
      before.put("purview/dlp/old%02d.json".formatted(i), "{\"policy\":{\"Name\":\"old\"}}");
      after.put("purview/dlp/new%02d.json".formatted(i), "{\"policy\":{\"Name\":\"new\"}}");
    }
    List<org.aisecuritybaseline.family.Family.Info> families =
        List.of(
            org.aisecuritybaseline.entra.EntraFamily.INFO,
            org.aisecuritybaseline.purview.PurviewFamily.INFO);
    Snapshot b = snapshot(before);
    Snapshot a = snapshot(after);
    Plan onThisThread = PlanBuilder.build(families, b, a, Integer.MAX_VALUE);
    assertEquals(271, onThisThread.files().size());
    assertTrue(
        onThisThread.highlights().stream()
            .anyMatch(h -> h.kind() == Plan.Kind.BREAK_GLASS && h.severity() == Plan.Severity.HIGH),
        onThisThread.highlights().toString());
    assertTrue(
        onThisThread.highlights().stream()
            .anyMatch(
                h ->
                    h.kind() == Plan.Kind.ENFORCED
                        && h.objects().size() == 150
                        && h.objects().get(0).equals("CA000")
                        && h.objects().get(149).equals("CA149")),
        onThisThread.highlights().toString());
    for (int chunk : new int[] {1, 7, PlanBuilder.CHUNK}) {
      Plan shared = PlanBuilder.build(families, b, a, chunk);
      assertEquals(onThisThread.highlights(), shared.highlights(), "chunk " + chunk);
      assertEquals(onThisThread, shared, "chunk " + chunk);
    }
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

  private static List<Plan.Highlight> highlights(String file, String before, String after) {
    Map<String, tools.jackson.databind.JsonNode> b =
        before == null ? Map.of() : Map.of(file, Json.parse(before));
    Map<String, tools.jackson.databind.JsonNode> a =
        after == null ? Map.of() : Map.of(file, Json.parse(after));
    return Risks.of(b, a, Names.of(null, null));
  }

  private static Plan.Highlight only(List<Plan.Highlight> highlights) {
    assertEquals(1, highlights.size(), highlights.toString());
    return highlights.get(0);
  }

  @Test
  void aLabelThatStopsEncryptingIsHighlightedWithWhatTheScriptLeaves() {
    String file = "purview/labels/confidential.json";
    String encrypted =
        "{\"label\":{\"Name\":\"Confidential\",\"EncryptionEnabled\":true,"
            + "\"ApplyWaterMarkingEnabled\":true}}";
    String plain = "{\"label\":{\"Name\":\"Confidential\",\"ApplyWaterMarkingEnabled\":true}}";
    Plan.Highlight h = only(highlights(file, encrypted, plain));
    assertEquals(Plan.Severity.MEDIUM, h.severity());
    assertEquals(Plan.Kind.PROTECTION_REDUCED, h.kind());
    assertTrue(h.id().contains("confidential"), h.toString());
    assertTrue(h.reason().contains("keeps encrypting"), h.toString());
    assertTrue(highlights(file, plain, encrypted).isEmpty(), "encrypting more is no risk");
    assertEquals(
        Plan.Kind.PROTECTION_REDUCED,
        only(highlights(file, plain, "{\"label\":{\"Name\":\"Confidential\"}}")).kind());
    assertEquals(Plan.Kind.NOT_GENERATED, only(highlights(file, plain, null)).kind());
  }

  @Test
  void aLabelPolicyExceptionAppliesAndARemovalIsNamedAsNotApplied() {
    String file = "purview/labels/policies/all-users.json";
    String before =
        "{\"policy\":{\"Name\":\"P\",\"Labels\":[\"General\",\"Confidential\"],"
            + "\"ExchangeLocation\":[\"All\"]}}";
    String after =
        "{\"policy\":{\"Name\":\"P\",\"Labels\":[\"General\"],\"ExchangeLocation\":[\"All\"],"
            + "\"ExchangeLocationException\":[\"ceo@contoso.com\"]}}";
    List<Plan.Highlight> h = highlights(file, before, after);
    assertEquals(2, h.size(), h.toString());
    assertTrue(
        h.stream()
            .anyMatch(
                x ->
                    x.kind() == Plan.Kind.EXCLUSION_ADDED
                        && x.reason().contains("ceo@contoso.com")),
        h.toString());
    assertTrue(
        h.stream()
            .anyMatch(
                x ->
                    x.kind() == Plan.Kind.SCOPE_NARROWED
                        && x.reason().contains("Confidential")
                        && x.reason().contains("only adds")),
        h.toString());
  }

  @Test
  void aCollectionPolicyThatStartsCapturingTextIsHighlighted() {
    String file = "purview/collection/copilot-interactions.json";
    String body =
        "{\"featureConfiguration\":{\"Mode\":\"%s\",\"ScenarioConfig\":"
            + "\"{\\\"IsIngestionEnabled\\\":%s}\"}}";
    Plan.Highlight h =
        only(highlights(file, body.formatted("Enable", false), body.formatted("Enable", true)));
    assertEquals(Plan.Kind.SCOPE_WIDENED, h.kind());
    assertTrue(h.reason().contains("prompts and responses"), h.toString());
    assertEquals(
        Plan.Kind.DISABLED,
        only(highlights(file, body.formatted("Enable", true), body.formatted("Disable", true)))
            .kind());
    assertTrue(
        highlights(file, body.formatted("Enable", true), body.formatted("Enable", false))
            .isEmpty());
    // A previous output edited by hand: its ScenarioConfig is not JSON, and captured nothing.
    String edited =
        "{\"featureConfiguration\":{\"Mode\":\"Enable\",\"ScenarioConfig\":\"{\\\"Is\"}}";
    assertEquals(
        Plan.Kind.SCOPE_WIDENED,
        only(highlights(file, edited, body.formatted("Enable", true))).kind());
    assertTrue(highlights(file, body.formatted("Enable", false), edited).isEmpty());
  }

  /**
   * A previous output edited by hand may hold any JSON where the tool writes an integer: the plan
   * shows it (in the diff and the facts) instead of failing on it.
   */
  @Test
  void oddNumbersInAHandEditedOutputAreShownNotFatal() {
    String sentinel = "secops/sentinel.json";
    String body =
        "{\"resources\":[{\"type\":\"Microsoft.OperationalInsights/workspaces\","
            + "\"name\":\"ws\",\"location\":\"westeurope\","
            + "\"properties\":{\"retentionInDays\":%s}}]}";
    assertEquals(
        Plan.Kind.PROTECTION_REDUCED,
        only(highlights(sentinel, body.formatted("90"), body.formatted("30"))).kind());
    for (String odd : List.of("1e400", "99999999999", "\"ninety\"", "[90]", "null")) {
      assertTrue(highlights(sentinel, body.formatted(odd), body.formatted("30")).isEmpty(), odd);
      List<Plan.Fact> facts = Facts.of(sentinel, Json.parse(body.formatted(odd)), Names.of());
      assertTrue(
          facts.stream().anyMatch(f -> f.value().contains(" days of retention")), facts.toString());
    }
    assertTrue(
        Facts.of(sentinel, Json.parse(body.formatted("30")), Names.of()).stream()
            .anyMatch(f -> f.value().contains("(created in westeurope, 30 days of retention)")));
    String connector = "defender/aws/123456789012/connector.json";
    String arm =
        "{\"resources\":[{\"properties\":{\"environmentName\":\"AWS\","
            + "\"environmentData\":{\"environmentType\":\"AwsAccount\",\"scanInterval\":%s}}}]}";
    assertTrue(
        Facts.of(connector, Json.parse(arm.formatted("4")), Names.of()).stream()
            .anyMatch(f -> f.value().equals("4 hours")));
    assertTrue(
        Facts.of(connector, Json.parse(arm.formatted("1e400")), Names.of()).stream()
            .noneMatch(f -> f.label().equals("Scan interval")));
  }

  @Test
  void aPresetTakenFromRecipientsIsHighlighted() {
    String file = "secops/office365-presets/standard.json";
    String body =
        "{\"Identity\":\"Standard Preset Security Policy\",\"Priority\":1,\"State\":\"%s\","
            + "\"SentTo\":[%s],\"SentToMemberOf\":[],\"RecipientDomainIs\":[],"
            + "\"ExceptIfSentTo\":[%s],\"ExceptIfSentToMemberOf\":[],\"ExceptIfRecipientDomainIs\":[]}";
    Plan.Highlight narrowed =
        only(
            highlights(
                file,
                body.formatted("Enabled", "", ""),
                body.formatted("Enabled", "\"a@contoso.com\"", "")));
    assertEquals(Plan.Severity.HIGH, narrowed.severity());
    assertEquals(Plan.Kind.SCOPE_NARROWED, narrowed.kind());
    assertTrue(narrowed.reason().contains("every recipient"), narrowed.toString());
    assertEquals(
        Plan.Kind.SCOPE_NARROWED,
        only(highlights(
                file,
                body.formatted("Enabled", "\"a@contoso.com\",\"b@contoso.com\"", ""),
                body.formatted("Enabled", "\"a@contoso.com\"", "")))
            .kind());
    assertEquals(
        Plan.Kind.EXCLUSION_ADDED,
        only(highlights(
                file,
                body.formatted("Enabled", "", ""),
                body.formatted("Enabled", "", "\"ceo@contoso.com\"")))
            .kind());
    Plan.Highlight off =
        only(
            highlights(
                file, body.formatted("Enabled", "", ""), body.formatted("Disabled", "", "")));
    assertEquals(Plan.Kind.DISABLED, off.kind());
    assertEquals(Plan.Severity.HIGH, off.severity());
    assertTrue(
        highlights(
                file,
                body.formatted("Enabled", "\"a@contoso.com\"", ""),
                body.formatted("Enabled", "", ""))
            .isEmpty(),
        "widening to every recipient is no risk");
  }
}
