package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.diag.SourceFile;
import org.aisecuritybaseline.load.YamlLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The scheduled drift job (examples/ci/drift-github-actions.yml) is valid YAML, runs every day and
 * on demand, signs in with OpenID Connect, pins the tool by commit, fails on every exit code of the
 * export and of baseline but 0 (and 2 for the plan), and keeps one issue: opened on drift, updated
 * while drift is seen, closed when the tenant matches again. Its shell steps run here with bash -eo
 * pipefail, as GitHub runs them, against a stand-in baseline, export script and gh.
 */
class DriftJobTest {
  private static final String JOB = "drift-github-actions.yml";
  private static final String PLAN = "Plan against the tenant";
  private static final String EXPORT = "Read the tenant";
  private static final String ISSUE = "Open, update or close the drift issue";
  private static final String RUN_URL = "https://github.com/contoso/estate/actions/runs/123";

  @TempDir Path tmp;

  @BeforeEach
  void needsBash() {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
        "needs bash");
  }

  private static String text() {
    return TestSupport.read(TestSupport.root().resolve("examples/ci/" + JOB));
  }

  private static JsonNode yaml() {
    Diagnostics d = new Diagnostics();
    var doc = YamlLoader.load(new SourceFile(JOB, text()), d);
    assertTrue(doc.isPresent() && !d.hasErrors(), JOB + " is valid YAML: " + d.all());
    return doc.get().root();
  }

  private static JsonNode jobSteps() {
    JsonNode steps = yaml().at("/jobs/drift/steps");
    assertTrue(steps.isArray() && !steps.isEmpty(), JOB + " has a job 'drift' with steps");
    return steps;
  }

  /** Each step by its name (uses: steps without a name by their action). */
  private static Map<String, JsonNode> steps() {
    Map<String, JsonNode> steps = new LinkedHashMap<>();
    for (JsonNode s : jobSteps()) {
      steps.put(s.path("name").asString(s.path("uses").asString()), s);
    }
    return steps;
  }

  private static JsonNode step(String name) {
    JsonNode s = steps().get(name);
    assertTrue(s != null, JOB + " has no step '" + name + "': " + steps().keySet());
    return s;
  }

  private static String script(String name) {
    String run = step(name).path("run").asString(null);
    assertTrue(run != null, "step '" + name + "' runs a shell script");
    return run;
  }

  @Test
  void runsEveryDayAndOnDemandWithReadOnlyRightsAndOneIssueWriter() {
    JsonNode job = yaml();
    assertEquals(1, job.at("/on/schedule").size(), "one schedule");
    String cron = job.at("/on/schedule/0/cron").asString("");
    assertTrue(cron.matches("[0-5]?\\d (1?\\d|2[0-3]) \\* \\* \\*"), "daily cron: " + cron);
    assertTrue(job.at("/on").has("workflow_dispatch"), "can be run by hand");
    assertFalse(job.at("/on").has("pull_request") || job.at("/on").has("push"), "no other trigger");
    Map<String, String> permissions = new LinkedHashMap<>();
    job.at("/permissions")
        .properties()
        .forEach(e -> permissions.put(e.getKey(), e.getValue().asString()));
    assertEquals(Map.of("id-token", "write", "contents", "read", "issues", "write"), permissions);
    assertEquals(
        "bash",
        job.at("/jobs/drift/defaults/run/shell").asString(),
        "GitHub runs each step with bash -eo pipefail");
    assertFalse(job.at("/concurrency/group").isMissingNode(), "one run at a time");
  }

  @Test
  void stepsRunInOrder() {
    List<String> order = new ArrayList<>(steps().keySet());
    List<String> expected =
        List.of(
            "Check that ai-security-baseline is pinned to a commit",
            "Check out the estate",
            "Check out ai-security-baseline at the pinned commit",
            "actions/setup-java@v4",
            "Sign in to Azure (OpenID Connect)",
            EXPORT,
            "Keep the snapshot",
            PLAN,
            ISSUE);
    assertEquals(expected, order);
    assertEquals("17", step("actions/setup-java@v4").at("/with/java-version").asString());
  }

  @Test
  void signsInToAzureWithOpenIdConnectAndNoSecret() {
    JsonNode login = step("Sign in to Azure (OpenID Connect)");
    assertEquals("azure/login@v2", login.path("uses").asString());
    assertEquals("${{ vars.AZURE_CLIENT_ID }}", login.at("/with/client-id").asString());
    assertEquals("${{ vars.AZURE_TENANT_ID }}", login.at("/with/tenant-id").asString());
    assertTrue(login.at("/with/allow-no-subscriptions").asBoolean(false), "Graph needs none");
    assertTrue(
        login.at("/with/client-secret").isMissingNode() && login.at("/with/creds").isMissingNode(),
        "no stored secret: OpenID Connect only");
  }

  @Test
  void keepsTheSnapshotForAShortTime() {
    JsonNode upload = step("Keep the snapshot");
    assertEquals("actions/upload-artifact@v4", upload.path("uses").asString());
    assertEquals("tenant-snapshot", upload.at("/with/path").asString());
    int days = upload.at("/with/retention-days").asInt(0);
    assertTrue(days > 0 && days <= 14, "short retention (personal data): " + days);
  }

  @Test
  void theToolIsPinnedByCommit() throws Exception {
    assertEquals("<commit-sha>", yaml().at("/env/BASELINE_COMMIT").asString());
    JsonNode tool = step("Check out ai-security-baseline at the pinned commit");
    assertEquals("actions/checkout@v4", tool.path("uses").asString());
    assertEquals("${{ env.BASELINE_REPOSITORY }}", tool.at("/with/repository").asString());
    assertEquals("${{ env.BASELINE_COMMIT }}", tool.at("/with/ref").asString());
    assertEquals(".baseline-tool", tool.at("/with/path").asString());
    assertFalse(
        text().contains("v0.1.0") || text().contains("refs/tags"), JOB + " names no release tag");
    String check = script("Check that ai-security-baseline is pinned to a commit");
    for (String refused :
        List.of(
            "<commit-sha>",
            "v0.1.0",
            "main",
            "4d8fc81",
            "4D8FC8163A1D2F0B7E9C5A4B3D2E1F0A9B8C7D6E",
            "4d8fc8163a1d2f0b7e9c5a4b3d2e1f0a9b8c7d6e0",
            "")) {
      Result r = run(check, Map.of("BASELINE_COMMIT", refused), 0);
      assertTrue(r.code() != 0, "'" + refused + "' fails the job: " + r.out());
    }
    Result pinned =
        run(check, Map.of("BASELINE_COMMIT", "4d8fc8163a1d2f0b7e9c5a4b3d2e1f0a9b8c7d6e"), 0);
    assertEquals(0, pinned.code(), pinned.out());
  }

  /**
   * The only step that runs baseline is the plan: exactly its arguments, passes on 0 (no drift) and
   * 2 (drift), fails on 1, 64 and 70, and says which in the step's output.
   */
  @Test
  void thePlanPassesOnlyOnZeroAndTwo() throws Exception {
    List<String> runners = new ArrayList<>();
    for (Map.Entry<String, JsonNode> s : steps().entrySet()) {
      if (s.getValue().path("run").asString("").contains(".baseline-tool/baseline")) {
        runners.add(s.getKey());
      }
    }
    assertEquals(List.of(PLAN), runners, "only the plan runs baseline");
    assertEquals("plan", step(PLAN).path("id").asString(), "the issue step reads steps.plan");
    for (int exit : List.of(0, 1, 2, 3, 64, 70)) {
      Result r = run(script(PLAN), Map.of(), exit);
      String what = "baseline exits " + exit + ": " + r.out();
      boolean passes = exit == 0 || exit == 2;
      assertEquals(passes, r.code() == 0, what);
      assertEquals(
          List.of(
              "plan",
              "estate.yaml",
              "--against-tenant",
              "tenant-snapshot",
              "--format",
              "markdown",
              "--detailed-exitcode"),
          r.baselineArgs(),
          what);
      assertEquals("plan output\n", r.file("drift.md"), "the plan goes to drift.md: " + what);
      if (passes) {
        assertEquals("drift=" + (exit == 2) + "\n", r.file(".github-output"), what);
      } else {
        assertEquals(exit, r.code(), "the exit code is kept: " + what);
        assertEquals(null, r.file(".github-output"), "no drift output on failure: " + what);
      }
    }
  }

  /** The export step runs the committed export script and fails the job on each non-zero exit. */
  @Test
  void theExportFailsTheJobOnEveryNonZeroExit() throws Exception {
    String export = script(EXPORT);
    for (int exit : List.of(0, 1, 2, 64, 70)) {
      Result r = run(export, Map.of(), exit);
      String what = "export-tenant.sh exits " + exit + ": " + r.out();
      assertEquals(exit == 0, r.code() == 0, what);
      assertEquals(List.of("tenant-snapshot"), r.exportArgs(), what);
    }
  }

  @Test
  void opensAnIssueOnDriftWhenNoneIsOpen() throws Exception {
    Result r = issueStep("true", "");
    assertEquals(0, r.code(), r.out());
    List<List<String>> calls = r.ghCalls();
    assertEquals(3, calls.size(), calls.toString());
    assertList(calls.get(0));
    assertEquals(
        List.of("label", "create", "baseline-drift", "--force"), calls.get(1).subList(0, 4));
    List<String> create = calls.get(2);
    assertEquals(List.of("issue", "create"), create.subList(0, 2), create.toString());
    assertEquals("baseline-drift", after(create, "--label"), create.toString());
    assertEquals("drift.md", after(create, "--body-file"), create.toString());
    assertFalse(after(create, "--title").isBlank(), create.toString());
  }

  @Test
  void updatesTheOpenIssueWhenDriftIsSeenAgain() throws Exception {
    Result r = issueStep("true", "12");
    assertEquals(0, r.code(), r.out());
    List<List<String>> calls = r.ghCalls();
    assertEquals(3, calls.size(), calls.toString());
    assertList(calls.get(0));
    assertEquals(List.of("issue", "edit", "12", "--body-file", "drift.md"), calls.get(1));
    List<String> comment = calls.get(2);
    assertEquals(List.of("issue", "comment", "12", "--body"), comment.subList(0, 4));
    assertEquals(5, comment.size(), comment.toString());
    assertContains(comment.get(4), "again");
    assertContains(comment.get(4), RUN_URL);
  }

  @Test
  void closesTheOpenIssueWhenTheTenantMatchesAgain() throws Exception {
    Result r = issueStep("false", "12");
    assertEquals(0, r.code(), r.out());
    List<List<String>> calls = r.ghCalls();
    assertEquals(3, calls.size(), calls.toString());
    assertList(calls.get(0));
    List<String> comment = calls.get(1);
    assertEquals(List.of("issue", "comment", "12", "--body"), comment.subList(0, 4));
    assertContains(comment.get(4), "matches");
    assertContains(comment.get(4), RUN_URL);
    assertEquals(List.of("issue", "close", "12"), calls.get(2).subList(0, 3));
  }

  @Test
  void doesNothingWithoutDriftAndWithoutAnOpenIssue() throws Exception {
    Result r = issueStep("false", "");
    assertEquals(0, r.code(), r.out());
    List<List<String>> calls = r.ghCalls();
    assertEquals(1, calls.size(), "only the look-up: " + calls);
    assertList(calls.get(0));
  }

  /** A failing gh call fails the job; a missing drift output is an error, not "no drift". */
  @Test
  void theIssueStepFailsWhenGhFailsOrTheDriftOutputIsMissing() throws Exception {
    List<String> failed = new ArrayList<>();
    for (String failing : List.of("list", "create", "edit", "comment", "close")) {
      for (String[] c : new String[][] {{"true", ""}, {"true", "12"}, {"false", "12"}}) {
        Result r = issueStep(c[0], c[1], Map.of("GH_FAIL", failing));
        if (r.ghCalls().stream().anyMatch(a -> a.get(1).equals(failing))) {
          assertTrue(r.code() != 0, "gh ... " + failing + " fails the job: " + r.out());
          failed.add(failing);
        }
      }
    }
    assertTrue(
        failed.containsAll(List.of("list", "create", "edit", "comment", "close")), "" + failed);
    for (String drift : List.of("", "yes")) {
      Result r = issueStep(drift, "12");
      assertTrue(r.code() != 0, "drift '" + drift + "' fails the job: " + r.out());
      assertTrue(
          r.ghCalls().stream().allMatch(a -> a.get(1).equals("list")),
          "and writes nothing: " + r.ghCalls());
    }
  }

  /** The issue step reads the plan's output, the run's URL and a token for gh from the workflow. */
  @Test
  void theIssueStepGetsItsInputsFromTheWorkflow() {
    JsonNode env = step(ISSUE).path("env");
    assertEquals("${{ steps.plan.outputs.drift }}", env.path("DRIFT").asString());
    assertEquals("${{ github.token }}", env.path("GH_TOKEN").asString());
    assertEquals("${{ github.repository }}", env.path("GH_REPO").asString());
    assertEquals(
        "${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}",
        env.path("RUN_URL").asString());
    assertTrue(step(ISSUE).path("if").isMissingNode(), "runs only when the plan passed");
  }

  @Test
  void theReadmeExplainsTheJob() {
    String readme = TestSupport.read(TestSupport.root().resolve("examples/ci/README.md"));
    assertContains(readme, "## Drift: compare the tenant with the estate every day");
    for (String s :
        List.of(
            JOB,
            "Policy.Read.All",
            "Directory.Read.All",
            "RoleManagement.Read.Directory",
            "Application.Read.All",
            "`Reader`",
            "Security Reader",
            "Windows",
            "Personal data",
            "65,536",
            "baseline-drift")) {
      assertContains(readme, s);
    }
  }

  /** Every option the drift job gives plan exists. */
  @Test
  void theOptionsItUsesExist() {
    TestSupport.Run plan = TestSupport.cli("plan", "--help");
    assertEquals(0, plan.code());
    for (String option : List.of("--against-tenant", "--format", "--detailed-exitcode")) {
      assertContains(plan.out(), option);
    }
  }

  private static void assertList(List<String> call) {
    assertEquals(
        List.of(
            "issue",
            "list",
            "--label",
            "baseline-drift",
            "--state",
            "open",
            "--json",
            "number",
            "--jq",
            ".[0].number // empty"),
        call);
  }

  private static String after(List<String> args, String option) {
    int i = args.indexOf(option);
    assertTrue(i >= 0 && i + 1 < args.size(), option + " in " + args);
    return args.get(i + 1);
  }

  private Result issueStep(String drift, String openIssue) throws Exception {
    return issueStep(drift, openIssue, Map.of());
  }

  private Result issueStep(String drift, String openIssue, Map<String, String> env)
      throws Exception {
    Map<String, String> all = new LinkedHashMap<>(env);
    all.put("DRIFT", drift);
    all.put("OPEN_ISSUE", openIssue);
    all.put("RUN_URL", RUN_URL);
    all.put("GH_TOKEN", "test-token");
    all.put("GH_REPO", "contoso/estate");
    return run(script(ISSUE), all, 0);
  }

  record Result(
      int code,
      String out,
      List<String> baselineArgs,
      List<String> exportArgs,
      List<List<String>> ghCalls,
      Map<String, String> files) {
    String file(String name) {
      return files.get(name);
    }
  }

  /**
   * Runs a step's script in a scratch directory with bash -eo pipefail, as GitHub does, with
   * stand-ins that record their arguments: .baseline-tool/baseline and out/export/export-tenant.sh
   * exit {@code exit}; gh prints OPEN_ISSUE for issue list, and fails the subcommand GH_FAIL names.
   */
  private Result run(String script, Map<String, String> env, int exit)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory(tmp, "step");
    executable(
        work,
        ".baseline-tool/baseline",
        "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > .baseline-args\necho 'plan output'\nexit "
            + exit
            + "\n");
    TestSupport.write(
        work,
        "out/export/export-tenant.sh",
        "printf '%s\\n' \"$@\" > .export-args\nexit " + exit + "\n");
    executable(
        work,
        ".bin/gh",
        """
        #!/usr/bin/env bash
        { printf '%s\037' "$@"; printf '\n'; } >> .gh-calls
        [ "$GH_TOKEN" = test-token ] && [ "$GH_REPO" = contoso/estate ] || { echo 'gh: no token' >&2; exit 4; }
        [ "$2" = "${GH_FAIL:-}" ] && { echo "gh: $2 failed" >&2; exit 1; }
        case "$1 $2" in
          'issue list') [ -n "$OPEN_ISSUE" ] && echo "$OPEN_ISSUE" ;;
          'issue edit') [ -f drift.md ] || exit 5 ;;
          'issue create') [ -f drift.md ] || exit 5; echo 'https://github.com/contoso/estate/issues/13' ;;
        esac
        exit 0
        """);
    if (env.containsKey("DRIFT")) {
      TestSupport.write(work, "drift.md", "## Plan\n| a | b |\n");
    }
    Path file = TestSupport.write(work, ".step.sh", script);
    ProcessBuilder pb =
        new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", file.toString())
            .directory(work.toFile())
            .redirectErrorStream(true);
    pb.environment().put("GITHUB_OUTPUT", work.resolve(".github-output").toString());
    pb.environment()
        .put("PATH", work.resolve(".bin") + java.io.File.pathSeparator + System.getenv("PATH"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : List.of("drift.md", ".github-output")) {
      if (Files.exists(work.resolve(name))) {
        files.put(name, Files.readString(work.resolve(name)));
      }
    }
    List<List<String>> gh = new ArrayList<>();
    for (String line : lines(work.resolve(".gh-calls"))) {
      // Each argument ends with the unit separator (037): "issue list" is [issue, list].
      gh.add(List.of(line.split(String.valueOf((char) 037))));
    }
    return new Result(
        p.exitValue(),
        out,
        lines(work.resolve(".baseline-args")),
        lines(work.resolve(".export-args")),
        gh,
        files);
  }

  private static List<String> lines(Path p) throws IOException {
    return Files.exists(p) ? Files.readAllLines(p) : List.of();
  }

  private static void executable(Path dir, String name, String text) throws IOException {
    Path p = TestSupport.write(dir, name, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
