package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Pairs of estates (before, after): the plan names each risk, counts the objects, and exits 2. */
class PlanTest {
  static final String ENTERPRISE =
      TestSupport.read(TestSupport.root().resolve("examples/enterprise-p2/estate.yaml"));

  @TempDir Path tmp;

  /** Generates {@code before} into a directory and plans {@code after} against it, as JSON. */
  private JsonNode plan(String before, String after, int expectedExit) {
    Path out = tmp.resolve("out");
    Path beforeFile = TestSupport.write(tmp, "before/estate.yaml", before);
    assertEquals(
        0, TestSupport.cli("generate", beforeFile.toString(), "--out", out.toString()).code());
    Path afterFile = TestSupport.write(tmp, "after/estate.yaml", after);
    TestSupport.Run run =
        TestSupport.cli(
            "plan",
            afterFile.toString(),
            "--against",
            out.toString(),
            "--format",
            "json",
            "--detailed-exitcode");
    assertEquals(expectedExit, run.code(), run.err());
    JsonNode plan = Json.parse(run.out());
    List<SchemaCheck.Violation> violations =
        SchemaCheck.fromResource("/schemas/plan.schema.json").check(plan);
    assertEquals(List.of(), violations, "the JSON plan follows schemas/plan.schema.json");
    return plan;
  }

  private static void assertHighlight(JsonNode plan, String severity, String id, String reason) {
    for (JsonNode h : plan.get("highlights")) {
      if (h.get("severity").asString().equals(severity)
          && h.get("id").asString().equals(id)
          && h.get("reason").asString().contains(reason)) {
        return;
      }
    }
    throw new AssertionError(
        "no "
            + severity
            + " highlight for "
            + id
            + " containing '"
            + reason
            + "' in "
            + plan.get("highlights"));
  }

  private static void assertCounts(
      JsonNode plan, String family, int added, int changed, int removed) {
    for (JsonNode f : plan.get("summary")) {
      if (f.get("family").asString().equals(family)) {
        assertEquals(
            List.of(added, changed, removed),
            List.of(f.get("added").asInt(), f.get("changed").asInt(), f.get("removed").asInt()),
            family + " " + f);
        return;
      }
    }
    throw new AssertionError("no family " + family);
  }

  private static String replace(String text, String from, String to) {
    assertTrue(text.contains(from), "fixture must contain: " + from);
    return text.replace(from, to);
  }

  @Test
  void anUnchangedEstateHasNoChanges() {
    JsonNode plan = plan(ENTERPRISE, ENTERPRISE, 0);
    assertFalse(plan.get("changes").asBoolean());
    assertEquals(0, plan.get("files").size());
    Path out = tmp.resolve("out");
    TestSupport.Run text =
        TestSupport.cli(
            "plan", tmp.resolve("after/estate.yaml").toString(), "--against", out.toString());
    assertEquals(0, text.code());
    assertContains(text.out(), "No changes.");
  }

  @Test
  void aPolicyMovingToEnforced() {
    String after =
        replace(
            ENTERPRISE,
            "  CA008:\n    stage: pilot\n",
            "  CA008:\n    stage: pilot\n  CA005:\n    stage: enabled\n");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    assertHighlight(plan, "high", "CA005", "moves from report-only to enforced for all users");
    assertCounts(plan, "identity", 0, 1, 0);
  }

  @Test
  void pilotToAllUsersWidensEnforcement() {
    JsonNode plan =
        plan(
            ENTERPRISE,
            replace(ENTERPRISE, "  CA008:\n    stage: pilot\n", "  CA008:\n    stage: enabled\n"),
            2);
    assertHighlight(plan, "high", "CA008", "enforcement widens: now includes all users");
  }

  @Test
  void aBreakGlassExclusionRemoved() {
    String after =
        replace(
            ENTERPRISE,
            "    - id: 4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b\n      name: emergency-02@contoso.onmicrosoft.com\n",
            "");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    assertHighlight(
        plan,
        "high",
        "break-glass",
        "account emergency-02@contoso.onmicrosoft.com (4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b)"
            + " is no longer declared as a break-glass account");
    assertHighlight(
        plan,
        "high",
        "emergency-02@contoso.onmicrosoft.com",
        "break-glass account emergency-02@contoso.onmicrosoft.com"
            + " (4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b) is no longer excluded from 26 policies: CA001, CA002");
  }

  @Test
  void userScopeWidenedAndNarrowed() {
    String after =
        replace(
            ENTERPRISE,
            "    exclude:\n      groups: [legacy-scanners]\n",
            "    exclude:\n      groups: [ca-pilot]\n");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    assertHighlight(
        plan,
        "medium",
        "CA004",
        "user scope widened: group legacy-scanners \"SG-Legacy-Scan-To-Mail\""
            + " (9d0e1f2a-3b4c-4d5e-8f6a-8b9c0d1e2f3a) is no longer excluded");
    assertHighlight(
        plan,
        "medium",
        "CA004",
        "new exclusion: group ca-pilot \"SG-CA-Pilot\" (6a7b8c9d-0e1f-4a2b-9c3d-5e6f7a8b9c0d),"
            + " from the estate: Scan-to-mail devices still use SMTP AUTH");
  }

  @Test
  void appScopeNarrowed() {
    String after =
        replace(
            ENTERPRISE,
            "        applications:\n          includeApplications: [All]\n        clientAppTypes: [all]\n"
                + "        locations:",
            "        applications:\n          includeApplications: [All]\n          excludeApplications: [\"app:salesforce\"]\n"
                + "        clientAppTypes: [all]\n        locations:");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    assertHighlight(
        plan,
        "medium",
        "CA100",
        "new exclusion: app salesforce \"Salesforce\" (0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e)");
  }

  @Test
  void grantsWeakened() {
    String phishingResistant = "        builtInControls: [block]\n";
    String before =
        replace(
            ENTERPRISE,
            phishingResistant,
            "        builtInControls: []\n        authenticationStrength: {id: 00000000-0000-0000-0000-000000000004}\n");
    JsonNode plan =
        plan(before, replace(ENTERPRISE, phishingResistant, "        builtInControls: [mfa]\n"), 2);
    assertHighlight(plan, "high", "CA100", "grant weakened: phishing-resistant MFA -> MFA");
    JsonNode none =
        plan(
            ENTERPRISE,
            replace(ENTERPRISE, phishingResistant, "        builtInControls: [mfa]\n"),
            2);
    assertHighlight(none, "high", "CA100", "grant weakened: block -> MFA");
  }

  @Test
  void dlpLeavingSimulationAndLosingALocation() {
    String after =
        replace(ENTERPRISE, "    DLP002:\n", "    DLP001:\n      stage: enabled\n    DLP002:\n");
    after =
        replace(
            after,
            "      locations: [exchange, oneDrive, teams]\n",
            "      locations: [exchange, oneDrive]\n");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    assertHighlight(plan, "high", "DLP001", "leaves simulation and is enforced");
    assertHighlight(plan, "high", "DLP100", "loses the location TeamsLocation");
    assertCounts(plan, "data", 0, 2, 0);
  }

  @Test
  void defenderDowngradesAndDisabledExtensions() {
    String after =
        replace(
            ENTERPRISE,
            "          SqlServerVirtualMachines: {tier: Free}\n",
            "          SqlServerVirtualMachines: {tier: Free}\n          KeyVaults: {tier: Free}\n");
    after =
        replace(
            after,
            "    plans:\n      VirtualMachines:\n",
            "    plans:\n      CloudPosture:\n        extensions:\n"
                + "          SensitiveDataDiscovery: {enabled: false}\n      VirtualMachines:\n");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    assertHighlight(
        plan,
        "high",
        "3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f",
        "plan KeyVaults is downgraded to Free");
    // The same change in every subscription is one highlight.
    assertHighlight(
        plan,
        "high",
        "3 subscriptions",
        "extension SensitiveDataDiscovery of CloudPosture is disabled in 3 subscriptions:"
            + " 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d, 2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e");
    assertCounts(plan, "threat", 0, 3, 0);
  }

  @Test
  void aConnectorOfferingRemoved() {
    String after =
        replace(
            ENTERPRISE,
            "        offerings: [cspm, defenderCspm, servers, containers]\n",
            "        offerings: [cspm, servers, containers]\n");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    assertHighlight(
        plan, "high", "777788889999", "offering DefenderCspmAws is removed from the connector");
  }

  @Test
  void aSentinelConnectorRemovedAndRetentionLowered() {
    String after =
        replace(
            ENTERPRISE,
            "    connectors: [defenderXdr, entraId, defenderForCloud, microsoft365]\n",
            "    connectors: [defenderXdr, entraId, defenderForCloud]\n");
    after = replace(after, "      retentionDays: 180\n", "      retentionDays: 90\n");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    assertHighlight(
        plan,
        "high",
        "sentinel",
        "data connector microsoft-365 (Office365) is removed (deploying does not disconnect it)");
    assertHighlight(
        plan,
        "medium",
        "sentinel",
        "workspace law-contoso-sec retention is lowered 180 -> 90 days");
    assertCounts(plan, "operations", 0, 1, 0);
  }

  @Test
  void sentinelAddedShowsItsWorkspaceConnectorsAndLogCategories() {
    String before = ENTERPRISE.substring(0, ENTERPRISE.indexOf("secops:\n"));
    JsonNode plan = plan(before, ENTERPRISE, 2);
    // Sentinel's two templates and the two Office 365 presets of the same section.
    assertCounts(plan, "operations", 4, 0, 0);
    String sentinel = facts(file(plan, "secops/sentinel.json"));
    assertContains(
        sentinel, "Workspace: law-contoso-sec (created in westeurope, 180 days of retention)");
    assertContains(
        sentinel, "Sentinel on: Microsoft.OperationalInsights/workspaces/law-contoso-sec");
    assertContains(
        sentinel,
        "Data connectors: defender-xdr (MicrosoftThreatProtection),"
            + " defender-for-cloud-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d (AzureSecurityCenter)");
    assertContains(sentinel, "microsoft-365 (Office365)");
    String entra = facts(file(plan, "secops/entra-diagnostics.json"));
    assertContains(entra, "Log categories: AuditLogs, SignInLogs, NonInteractiveUserSignInLogs");
    assertContains(entra, "ServicePrincipalRiskEvents");
  }

  @Test
  void theEntraIdConnectorDropped() {
    String after =
        replace(
            ENTERPRISE,
            "    connectors: [defenderXdr, entraId, defenderForCloud, microsoft365]\n",
            "    connectors: [defenderXdr, defenderForCloud, microsoft365]\n");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    assertHighlight(
        plan,
        "high",
        "entra-diagnostics",
        "the Entra ID diagnostic setting is no longer generated (it stays in the tenant)");
    assertCounts(plan, "operations", 0, 0, 1);
  }

  @Test
  void highlightsComeFirstInTheTextPlan() {
    Path out = tmp.resolve("out");
    assertEquals(
        0,
        TestSupport.cli(
                "generate",
                TestSupport.write(tmp, "b/estate.yaml", ENTERPRISE).toString(),
                "--out",
                out.toString())
            .code());
    Path after =
        TestSupport.write(
            tmp,
            "a/estate.yaml",
            replace(ENTERPRISE, "  CA008:\n    stage: pilot\n", "  CA008:\n    stage: enabled\n"));
    TestSupport.Run run = TestSupport.cli("plan", after.toString(), "--against", out.toString());
    assertEquals(0, run.code(), "without --detailed-exitcode changes exit 0");
    assertTrue(
        run.out().indexOf("Highlights") < run.out().indexOf("Identity and device access:"),
        run.out());
    assertFalse(run.out().contains("\u001b["), "no colour when the output is not a terminal");
    assertContains(run.out(), "/conditions/users/includeUsers/-: (none) -> \"All\"");
  }

  @Test
  void theMarkdownPlanIsWellFormed() {
    Path out = tmp.resolve("out");
    assertEquals(
        0,
        TestSupport.cli(
                "generate",
                TestSupport.write(tmp, "b/estate.yaml", ENTERPRISE).toString(),
                "--out",
                out.toString())
            .code());
    String after =
        replace(ENTERPRISE, "  CA008:\n    stage: pilot\n", "  CA008:\n    stage: enabled\n");
    after =
        replace(
            after,
            "        offerings: [cspm, defenderCspm, servers, containers]\n",
            "        offerings: [cspm, servers, containers]\n");
    TestSupport.Run run =
        TestSupport.cli(
            "plan",
            TestSupport.write(tmp, "a/estate.yaml", after).toString(),
            "--against",
            out.toString(),
            "--format",
            "markdown");
    assertEquals(0, run.code(), run.err());
    Structure s = structure(run.out());
    assertTrue(s.headings.contains("Security baseline plan"), s.headings.toString());
    assertTrue(
        s.headings.contains("Highlights") && s.headings.contains("Changed files"),
        s.headings.toString());
    assertTrue(s.tables >= 2, "summary table and a change table: " + s.tables);
    assertTrue(
        s.detailsOpened > 0 && s.detailsOpened == s.detailsClosed, "balanced details blocks: " + s);
    assertTrue(run.out().length() < 65_536);
  }

  @Test
  void aFirstPlanInMarkdownShowsEveryObjectAndLeavesOutTextDiffs() {
    TestSupport.Run run =
        TestSupport.cli(
            "plan",
            TestSupport.write(tmp, "a/estate.yaml", ENTERPRISE).toString(),
            "--against-empty",
            "--format",
            "markdown"); // a first plan: nothing generated yet
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().length() <= 65_536, "length " + run.out().length());
    // The scripts' diffs would not fit; the new policies, locations and subscriptions still show
    // what they are.
    assertContains(run.out(), "The diffs of text files (scripts, README) are left out");
    assertContains(run.out(), "| State | report-only |");
    assertContains(run.out(), "| IP ranges | 2: 2001:db8:10::/48, 203.0.113.0/24 |");
    Structure s = structure(run.out());
    assertTrue(s.tables >= 2);
    assertTrue(s.detailsOpened > 30 && s.detailsOpened == s.detailsClosed, s.toString());
  }

  @Test
  void againstAGitRefWithoutTouchingTheWorkingTree() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    git(repo, "init", "-q");
    Path estate = TestSupport.write(repo, "estate.yaml", ENTERPRISE);
    assertEquals(
        0,
        TestSupport.cli("generate", estate.toString(), "--out", repo.resolve("out").toString())
            .code());
    git(repo, "add", "-A");
    git(
        repo,
        "-c",
        "user.name=test",
        "-c",
        "user.email=test@example.com",
        "commit",
        "-q",
        "-m",
        "baseline");
    // The working tree now differs from HEAD: the plan must compare with HEAD, not with these
    // files.
    Path policy = repo.resolve("out/entra/conditional-access/CA005-block-device-code-flow.json");
    Files.writeString(policy, "{}\n");
    Files.writeString(
        estate,
        replace(
            ENTERPRISE,
            "  CA008:\n    stage: pilot\n",
            "  CA008:\n    stage: pilot\n  CA005:\n    stage: enabled\n"));
    String status = git(repo, "status", "--porcelain");
    TestSupport.Run run =
        TestSupport.cli(
            "plan",
            estate.toString(),
            "--against",
            repo.resolve("out").toString(),
            "--against-git",
            "HEAD",
            "--format",
            "json",
            "--detailed-exitcode");
    assertEquals(2, run.code(), run.err());
    JsonNode plan = Json.parse(run.out());
    assertHighlight(plan, "high", "CA005", "moves from report-only to enforced");
    assertEquals("HEAD:out", plan.get("before").asString());
    assertEquals("{}\n", Files.readString(policy), "the working tree is not touched");
    assertEquals(status, git(repo, "status", "--porcelain"));

    TestSupport.Run bad =
        TestSupport.cli(
            "plan",
            estate.toString(),
            "--against",
            repo.resolve("out").toString(),
            "--against-git",
            "no-such-ref");
    assertEquals(1, bad.code());
    assertContains(bad.err(), "cannot read");
  }

  @Test
  void generateCheckFindsStaleFiles() throws Exception {
    Path estate = TestSupport.write(tmp, "e/estate.yaml", ENTERPRISE);
    Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", estate.toString(), "--out", out.toString()).code());
    TestSupport.Run ok =
        TestSupport.cli("generate", estate.toString(), "--out", out.toString(), "--check");
    assertEquals(0, ok.code(), ok.err());
    assertContains(ok.out(), "is up to date");
    Files.writeString(
        out.resolve("entra/conditional-access/CA005-block-device-code-flow.json"), "{}\n");
    Files.delete(out.resolve("purview/deployment.json"));
    Files.writeString(out.resolve("notes.txt"), "hand-written");
    TestSupport.Run stale =
        TestSupport.cli("generate", estate.toString(), "--out", out.toString(), "--check");
    assertEquals(1, stale.code());
    assertContains(
        stale.err(), "stale: entra/conditional-access/CA005-block-device-code-flow.json");
    assertContains(stale.err(), "missing: purview/deployment.json");
    assertContains(stale.err(), "not generated: notes.txt");
    assertEquals(
        "hand-written", Files.readString(out.resolve("notes.txt")), "--check writes nothing");
  }

  // ---- issue 10, item 10: never a silent diff of everything
  // --------------------------------------

  @Test
  void aMissingDirectoryIsAnErrorAndAFirstPlanIsExplicit() {
    Path estate = TestSupport.write(tmp, "a/estate.yaml", ENTERPRISE);
    TestSupport.Run missing =
        TestSupport.cli("plan", estate.toString(), "--against", tmp.resolve("typo").toString());
    assertEquals(1, missing.code(), missing.out());
    assertEquals("", missing.out());
    assertContains(missing.err(), "does not exist");
    assertContains(missing.err(), "--against-empty");
    // The directory is read while the estate is checked, but the estate's errors come first and
    // alone: nothing is said of the directory.
    Path broken = TestSupport.write(tmp, "b/estate.yaml", "tenant: [\n");
    TestSupport.Run both =
        TestSupport.cli("plan", broken.toString(), "--against", tmp.resolve("typo").toString());
    assertEquals(1, both.code(), both.out());
    assertContains(both.err(), broken + ":");
    assertEquals(false, both.err().contains("typo"), both.err());

    TestSupport.Run first =
        TestSupport.cli(
            "plan",
            estate.toString(),
            "--against-empty",
            "--format",
            "json",
            "--detailed-exitcode");
    assertEquals(2, first.code(), first.err());
    JsonNode plan = Json.parse(first.out());
    assertEquals(List.of(), SchemaCheck.fromResource("/schemas/plan.schema.json").check(plan));
    assertEquals("nothing (--against-empty)", plan.get("before").asString());
    assertCounts(plan, "identity", 31, 0, 0);

    for (List<String> wrong :
        List.<List<String>>of(
            List.of("--against-empty", "--against", tmp.resolve("out").toString()),
            List.of("--against-empty", "--against-git", "HEAD"),
            List.of("--against-git", "HEAD"),
            List.of())) {
      List<String> args = new ArrayList<>(List.of("plan", estate.toString()));
      args.addAll(wrong);
      TestSupport.Run run = TestSupport.cli(args.toArray(String[]::new));
      assertEquals(64, run.code(), wrong + ": " + run.err());
    }
  }

  @Test
  void aDirectoryMissingAtTheGitRefIsAnError() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    git(repo, "init", "-q");
    Path estate = TestSupport.write(repo, "estate.yaml", ENTERPRISE);
    git(repo, "add", "-A");
    git(
        repo,
        "-c",
        "user.name=test",
        "-c",
        "user.email=test@example.com",
        "commit",
        "-q",
        "-m",
        "estate only");
    // The pull request that first commits the output: out/ exists in the working tree, not at HEAD.
    assertEquals(
        0,
        TestSupport.cli("generate", estate.toString(), "--out", repo.resolve("out").toString())
            .code());
    TestSupport.Run run =
        TestSupport.cli(
            "plan",
            estate.toString(),
            "--against",
            repo.resolve("out").toString(),
            "--against-git",
            "HEAD",
            "--detailed-exitcode");
    assertEquals(1, run.code(), run.out());
    assertEquals("", run.out());
    assertContains(run.err(), "does not exist at HEAD");
    assertContains(run.err(), "--against-empty");
  }

  // ---- item 11: keyed arrays by key, documents and manifest counted -----------------------------

  private static JsonNode file(JsonNode plan, String path) {
    for (JsonNode f : plan.get("files")) {
      if (f.get("path").asString().equals(path)) {
        return f;
      }
    }
    throw new AssertionError("no file " + path + " in the plan");
  }

  private static List<String> pointers(JsonNode file) {
    List<String> out = new ArrayList<>();
    file.get("changes").forEach(c -> out.add(c.get("pointer").asString()));
    return out;
  }

  @Test
  void aNewSubscriptionIsOneManifestRowNotFifty() {
    String sub = "0a0b0c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
    String after =
        replace(
            ENTERPRISE,
            "    subscriptions:\n",
            "    subscriptions:\n      - id: " + sub + "\n        name: New one\n");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    List<String> manifest = pointers(file(plan, "manifest.json"));
    assertTrue(
        manifest.contains("/files[path=defender/azure/" + sub + ".json]"), manifest.toString());
    assertTrue(
        manifest.stream().allMatch(p -> p.equals("/inputSha256") || p.startsWith("/files[path=")),
        manifest.toString());
    // The new template, the README, both enable-defender scripts and both export scripts (they list
    // the subscriptions they read by default), secops/sentinel.json, both enable-sentinel scripts
    // (they register Sentinel's provider in each connected subscription), the input's hash.
    assertTrue(manifest.size() <= 10, "only the rows that change: " + manifest);
    assertCounts(plan, "threat", 1, 0, 0);
    // The new subscription's Defender for Cloud connector in Sentinel: one more resource.
    assertCounts(plan, "operations", 0, 1, 0);
    JsonNode other = plan.get("summary").get(4);
    assertEquals("other", other.get("family").asString());
    assertTrue(other.get("changed").asInt() >= 1, other.toString());
    assertTrue(other.get("objects").toString().contains("\"manifest.json\""), other.toString());
  }

  @Test
  void deploymentJsonIsDiffedByPolicyExclusionAndDirectoryKey() {
    String after =
        replace(
            ENTERPRISE,
            "  CA008:\n    stage: pilot\n",
            "  CA008:\n    stage: pilot\n  CA005:\n    stage: enabled\n");
    after =
        replace(
            after,
            "    exclude:\n      groups: [legacy-scanners]\n",
            "    exclude:\n      groups: [ca-pilot]\n");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    List<String> deployment = pointers(file(plan, "entra/deployment.json"));
    assertTrue(deployment.contains("/policies[id=CA005]/state"), deployment.toString());
    assertTrue(
        deployment.contains(
            "/policies[id=CA004]/exclusions[source=estate,kind=group,id=6a7b8c9d-0e1f-4a2b-9c3d-5e6f7a8b9c0d]"),
        deployment.toString());
    assertTrue(
        deployment.contains(
            "/policies[id=CA004]/exclusions[source=estate,kind=group,id=9d0e1f2a-3b4c-4d5e-8f6a-8b9c0d1e2f3a]"),
        deployment.toString());
    assertTrue(
        deployment.contains("/directory/groups[id=9d0e1f2a-3b4c-4d5e-8f6a-8b9c0d1e2f3a]"),
        deployment.toString());
    assertFalse(
        deployment.stream().anyMatch(p -> p.matches(".*/[0-9]+(/.*)?")),
        "no positional pointer: " + deployment);
  }

  // ---- item 12: a new object shows what it is ---------------------------------------------------

  private static String facts(JsonNode file) {
    assertTrue(file.has("facts"), "facts of " + file.get("path"));
    StringBuilder b = new StringBuilder();
    file.get("facts")
        .forEach(
            f ->
                b.append(f.get("label").asString())
                    .append(": ")
                    .append(f.get("value").asString())
                    .append('\n'));
    return b.toString();
  }

  static final String NEW_OBJECTS_ESTATE = newObjects(ENTERPRISE);

  private static String newObjects(String estate) {
    String after =
        replace(
            estate,
            "  - key: blocked-countries\n",
            "  - key: vpn-egress\n    name: VPN egress\n    trusted: true\n"
                + "    ipRanges: [198.51.100.0/24]\n  - key: blocked-countries\n");
    after =
        replace(
            after,
            "customPolicies:\n  - id: CA100\n",
            "customPolicies:\n  - id: CA102\n    name: Executives need MFA for Salesforce\n"
                + "    summary: Executives sign in to Salesforce with MFA outside the VPN.\n    stage: report-only\n    policy:\n"
                + "      conditions:\n        users:\n          includeGroups: [\"group:executives\"]\n"
                + "          excludeGroups: [\"group:legacy-scanners\"]\n        applications:\n"
                + "          includeApplications: [\"app:salesforce\"]\n        clientAppTypes: [all]\n        locations:\n"
                + "          includeLocations: [All]\n          excludeLocations: [\"namedLocation:vpn-egress\"]\n      grantControls:\n"
                + "        operator: OR\n        builtInControls: [mfa]\n  - id: CA100\n");
    after =
        replace(
            after,
            "  customPolicies:\n    - id: DLP100\n",
            "  customPolicies:\n    - id: DLP101\n      name: Keys in mail\n"
                + "      summary: Keys in mail.\n      locations: [exchange]\n      rules:\n        - name: Keys\n"
                + "          sensitiveInfoTypes: [azureStorageAccountKey]\n          actions:\n            blockAccess: true\n"
                + "    - id: DLP100\n");
    after =
        replace(
            after,
            "  CA012:\n    skip:\n      reason: App protection policies for iOS and Android are rolled out by the"
                + " mobility team in Q1.\n",
            "  CA012:\n    exclude:\n      groups: [legacy-scanners]\n"
                + "      reason: The scanners relay through a shared mobile gateway (CHG-9001).\n");
    return replace(
        after,
        "    subscriptions:\n",
        "    subscriptions:\n      - id: 0a0b0c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d\n"
            + "        name: New one\n");
  }

  @Test
  void aNewObjectShowsWhatItIs() {
    JsonNode plan = plan(ENTERPRISE, NEW_OBJECTS_ESTATE, 2);
    String location = facts(file(plan, "entra/named-locations/NL-vpn-egress.json"));
    assertContains(location, "198.51.100.0/24");
    assertContains(location, "Trusted: yes");
    String policy = facts(file(plan, "entra/conditional-access/CA102-custom.json"));
    assertContains(policy, "State: report-only");
    assertContains(
        policy,
        "group executives \"SG-Executives-and-Finance\" (7b8c9d0e-1f2a-4b3c-8d4e-6f7a8b9c0d1e)");
    assertContains(
        policy,
        "group legacy-scanners \"SG-Legacy-Scan-To-Mail\" (9d0e1f2a-3b4c-4d5e-8f6a-8b9c0d1e2f3a)");
    assertContains(
        policy,
        "break-glass account emergency-01@contoso.onmicrosoft.com (3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a)");
    assertContains(policy, "app salesforce \"Salesforce\" (0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e)");
    assertContains(policy, "named location vpn-egress \"NL-vpn-egress - VPN egress\"");
    assertContains(policy, "Grant: mfa");
    String mobile =
        facts(file(plan, "entra/conditional-access/CA012-mobile-require-app-protection.json"));
    assertContains(
        mobile,
        "group legacy-scanners \"SG-Legacy-Scan-To-Mail\" (9d0e1f2a-3b4c-4d5e-8f6a-8b9c0d1e2f3a), from the estate:"
            + " The scanners relay through a shared mobile gateway (CHG-9001).");
    String dlp = facts(file(plan, "purview/dlp/DLP101-custom.json"));
    assertContains(dlp, "Mode: simulation");
    assertContains(dlp, "Exchange");
    String subscription =
        facts(file(plan, "defender/azure/0a0b0c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d.json"));
    assertContains(subscription, "VirtualMachines: Standard");

    Path after = tmp.resolve("after/estate.yaml");
    TestSupport.Run text =
        TestSupport.cli("plan", after.toString(), "--against", tmp.resolve("out").toString());
    assertContains(text.out(), "198.51.100.0/24");
    assertContains(text.out(), "group executives \"SG-Executives-and-Finance\"");
    TestSupport.Run md =
        TestSupport.cli(
            "plan",
            after.toString(),
            "--against",
            tmp.resolve("out").toString(),
            "--format",
            "markdown");
    assertContains(md.out(), "198.51.100.0/24");
    assertContains(md.out(), "SG-Executives-and-Finance");
    assertContains(md.out(), "| State | report-only |");
    assertContains(md.out(), "| Trusted | yes |");
  }

  // ---- item 13: highlights name things, carry reasons and group repeats -------------------------

  private static JsonNode highlight(JsonNode plan, String severity, String id, String reason) {
    for (JsonNode h : plan.get("highlights")) {
      if (h.get("severity").asString().equals(severity)
          && h.get("id").asString().equals(id)
          && h.get("reason").asString().contains(reason)) {
        return h;
      }
    }
    throw new AssertionError(
        "no "
            + severity
            + " highlight for "
            + id
            + " containing '"
            + reason
            + "' in "
            + plan.get("highlights"));
  }

  @Test
  void aBreakGlassAccountRemovedFromEveryPolicyIsOneHighlight() {
    String after =
        replace(
            ENTERPRISE,
            "    - id: 4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b\n      name: emergency-02@contoso.onmicrosoft.com\n",
            "");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    JsonNode h =
        highlight(
            plan,
            "high",
            "emergency-02@contoso.onmicrosoft.com",
            "break-glass account emergency-02@contoso.onmicrosoft.com"
                + " (4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b) is no longer excluded from 26 policies: CA001, CA002, CA003");
    assertEquals(26, h.get("objects").size());
    assertEquals("break-glass", h.get("kind").asString());
    long mentions = 0;
    for (JsonNode x : plan.get("highlights")) {
      mentions += x.get("reason").asString().contains("is no longer excluded") ? 1 : 0;
    }
    assertEquals(1, mentions, plan.get("highlights").toString());
  }

  @Test
  void aNewExclusionNamesTheGroupAndItsReason() {
    String after =
        replace(
            ENTERPRISE,
            "  CA008:\n    stage: pilot\n",
            "  CA008:\n    stage: pilot\n    exclude:\n"
                + "      groups: [legacy-scanners]\n      reason: The scanners cannot do MFA (CHG-5150).\n");
    after =
        replace(
            after,
            "  - key: legacy-scanners\n",
            "  - key: kiosks\n    id: 2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d\n"
                + "    name: SG-Kiosks\n    purpose: serviceAccounts\n    reason: Shared kiosk accounts sign in from the shop floor only.\n"
                + "  - key: legacy-scanners\n");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    JsonNode estate =
        highlight(
            plan,
            "medium",
            "CA008",
            "new exclusion: group legacy-scanners \"SG-Legacy-Scan-To-Mail\""
                + " (9d0e1f2a-3b4c-4d5e-8f6a-8b9c0d1e2f3a), from the estate: The scanners cannot do MFA (CHG-5150).");
    assertEquals("exclusion-added", estate.get("kind").asString());
    JsonNode purpose =
        highlight(
            plan,
            "medium",
            "kiosks",
            "new exclusion in 2 policies (CA008, CA021): group kiosks \"SG-Kiosks\""
                + " (2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d), by its purpose serviceAccounts: Shared kiosk accounts sign in from the shop floor only.");
    assertEquals(2, purpose.get("objects").size());
  }

  @Test
  void aTrustedLocationAddedOrWidened() {
    String after =
        replace(
            ENTERPRISE,
            "    ipRanges: [203.0.113.0/24, 2001:db8:10::/48]\n",
            "    ipRanges: [203.0.113.0/24, 198.51.100.0/24, 2001:db8:10::/48]\n");
    after =
        replace(
            after,
            "  - key: blocked-countries\n",
            "  - key: wide\n    name: Wide partner range\n    trusted: true\n"
                + "    ipRanges: [198.18.0.0/15]\n  - key: wide6\n    name: Wide IPv6\n    trusted: true\n    ipRanges: [2001:db8::/31]\n"
                + "  - key: narrow\n    name: Narrow\n    trusted: true\n    ipRanges: [100.64.0.0/16]\n  - key: blocked-countries\n");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    JsonNode hq =
        highlight(
            plan,
            "medium",
            "NL-hq",
            "trusted named location hq \"NL-hq - Contoso HQ Seattle\" widened: now includes 198.51.100.0/24");
    assertEquals("trusted-location", hq.get("kind").asString());
    highlight(
        plan,
        "high",
        "NL-wide",
        "new trusted named location wide \"NL-wide - Wide partner range\": 198.18.0.0/15");
    highlight(plan, "high", "NL-wide", "wider than /16");
    highlight(plan, "high", "NL-wide6", "wider than /32");
    highlight(plan, "medium", "NL-narrow", "new trusted named location narrow");
  }

  @Test
  void aPolicyDisabled() {
    String after =
        replace(ENTERPRISE, "  CA004:\n    stage: enabled\n", "  CA004:\n    stage: disabled\n");
    after =
        replace(
            after,
            "  CA008:\n    stage: pilot\n",
            "  CA008:\n    stage: pilot\n  CA005:\n    stage: disabled\n");
    JsonNode plan = plan(ENTERPRISE, after, 2);
    JsonNode h = highlight(plan, "high", "CA004", "is disabled (was enforced)");
    assertEquals("disabled", h.get("kind").asString());
    highlight(plan, "medium", "CA005", "is disabled (was report-only)");
  }

  @Test
  void everyHighlightKindIsInTheSchema() {
    JsonNode schema =
        Json.parse(TestSupport.read(TestSupport.root().resolve("schemas/plan.schema.json")));
    List<String> documented =
        Json.strings(schema.at("/properties/highlights/items/properties/kind/enum"));
    List<String> kinds =
        java.util.Arrays.stream(org.aisecuritybaseline.plan.Plan.Kind.values())
            .map(org.aisecuritybaseline.plan.Plan.Kind::key)
            .toList();
    assertEquals(kinds, documented);
  }

  @Test
  void aHandEditedOutputCannotMakeThePlanFail() throws Exception {
    Path out = tmp.resolve("out");
    assertEquals(
        0,
        TestSupport.cli(
                "generate",
                TestSupport.write(tmp, "b/estate.yaml", ENTERPRISE).toString(),
                "--out",
                out.toString())
            .code());
    // Values where the plan reads strings, arrays and objects, in every file it reads for
    // highlights and names.
    Files.writeString(
        out.resolve("entra/deployment.json"),
        """
        {"breakGlass": {"users": [{"a": 1}, null, 3], "groups": "x"},
         "directory": {"users": [{"id": {"x": 1}, "name": ["a"], "breakGlass": "yes"}, 5, null], "groups": {"a": {"key": {}}}},
         "policies": [{"id": "CA001", "exclusions": [{"id": null, "kind": [], "source": {}}]}, 7],
         "namedLocations": [{"key": null}, "x"]}
        """);
    Files.writeString(
        out.resolve("entra/conditional-access/CA008-all-users-require-mfa.json"),
        """
        {"state": {"s": 1}, "conditions": {"users": {"excludeUsers": [{"a": [1]}, null, ["x"]], "includeGroups": "no"},
         "locations": {"excludeLocations": [{"x": 1}]}}, "grantControls": {"builtInControls": [{}], "authenticationStrength": "s"}}
        """);
    Files.writeString(
        out.resolve("entra/named-locations/NL-hq.json"),
        """
        {"isTrusted": "true", "ipRanges": [{"cidrAddress": {"a": 1}}, "x", null]}
        """);
    Files.writeString(
        out.resolve("purview/dlp/DLP002-protect-sensitive-information.json"),
        """
        {"policy": {"Mode": ["x"], "TeamsLocationException": {"a": 1}}, "rules": [{"Name": {"x": 1}}, {"Name": {"x": 1}}]}
        """);
    Files.writeString(
        out.resolve("defender/azure/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.json"),
        """
        {"resources": [{"type": "Microsoft.Security/pricings", "name": null, "properties": {"extensions": "x"}}, 1]}
        """);
    Path after =
        TestSupport.write(
            tmp,
            "a/estate.yaml",
            replace(
                ENTERPRISE, "  CA004:\n    stage: enabled\n", "  CA004:\n    stage: disabled\n"));
    for (String format : List.of("text", "markdown", "json")) {
      TestSupport.Run run =
          TestSupport.cli(
              "plan", after.toString(), "--against", out.toString(), "--format", format);
      assertEquals(0, run.code(), format + ": " + run.err());
      assertFalse(run.err().contains("internal error"), run.err());
    }
  }

  private record Structure(
      List<String> headings, int tables, int detailsOpened, int detailsClosed) {}

  private static Structure structure(String markdown) {
    Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    Node doc = parser.parse(markdown);
    List<String> headings = new ArrayList<>();
    int[] counts = new int[3];
    doc.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading heading) {
            StringBuilder b = new StringBuilder();
            heading.accept(
                new AbstractVisitor() {
                  @Override
                  public void visit(Text text) {
                    b.append(text.getLiteral());
                  }
                });
            headings.add(b.toString());
          }

          @Override
          public void visit(HtmlBlock html) {
            counts[1] += count(html.getLiteral(), "<details>");
            counts[2] += count(html.getLiteral(), "</details>");
          }

          @Override
          public void visit(org.commonmark.node.CustomBlock block) {
            if (block instanceof TableBlock) {
              counts[0]++;
            }
            visitChildren(block);
          }
        });
    return new Structure(headings, counts[0], counts[1], counts[2]);
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
