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
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.load.YamlLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The CI examples are valid YAML, call baseline with commands and options that exist, pin the tool
 * by commit, fail on every exit code but 0 (and 2 for the plan), and in Azure DevOps keep one
 * comment thread. Their shell steps run here against a stand-in baseline (and curl), the way each
 * CI system runs them.
 */
class CiExamplesTest {
  private static final String GITHUB = "github-actions.yml";
  private static final String AZURE = "azure-pipelines.yml";

  @TempDir Path tmp;

  private static String text(String name) {
    return TestSupport.read(TestSupport.root().resolve("examples/ci/" + name));
  }

  private static JsonNode yaml(String name) {
    Diagnostics d = new Diagnostics();
    var doc = YamlLoader.load(new SourceFile(name, text(name)), d);
    assertTrue(doc.isPresent() && !d.hasErrors(), name + " is valid YAML: " + d.all());
    return doc.get().root();
  }

  /** Each shell step by its name: GitHub's run (name), Azure's script (displayName). */
  private static Map<String, String> steps(String name) {
    Map<String, String> steps = new LinkedHashMap<>();
    JsonNode list =
        name.equals(GITHUB) ? yaml(name).at("/jobs/plan/steps") : yaml(name).at("/steps");
    for (JsonNode s : list) {
      String script = s.path(name.equals(GITHUB) ? "run" : "script").asString(null);
      if (script != null) {
        steps.put(s.path(name.equals(GITHUB) ? "name" : "displayName").asString(), script);
      }
    }
    return steps;
  }

  private static String step(String pipeline, String name) {
    String script = steps(pipeline).get(name);
    assertTrue(
        script != null,
        pipeline + " has no shell step '" + name + "': " + steps(pipeline).keySet());
    return script;
  }

  @Test
  void bothPipelinesValidateCheckAndPlan() {
    for (String name : List.of(GITHUB, AZURE)) {
      String text = text(name);
      yaml(name);
      assertContains(text, "baseline validate estate.yaml");
      assertContains(text, "baseline generate estate.yaml --out out --check");
      assertContains(text, "against=(--against out --against-git");
      assertContains(text, "against=(--against-empty)");
      assertContains(text, "baseline plan estate.yaml \"${against[@]}\"");
      assertContains(text, "--format markdown --detailed-exitcode");
    }
  }

  @Test
  void theOptionsTheyUseExist() {
    TestSupport.Run plan = TestSupport.cli("plan", "--help");
    assertEquals(0, plan.code());
    for (String option : List.of("--against", "--against-git", "--format", "--detailed-exitcode")) {
      assertContains(plan.out(), option);
    }
    TestSupport.Run generate = TestSupport.cli("generate", "--help");
    assertContains(generate.out(), "--check");
    TestSupport.Run check = TestSupport.cli("check", "--help");
    assertEquals(0, check.code());
    assertContains(check.out(), "--format");
    assertContains(check.out(), "sarif");
  }

  /**
   * GitHub: the check's SARIF goes to code scanning through upload-sarif v3, which needs
   * security-events: write.
   */
  @Test
  void githubUploadsTheCheckToCodeScanning() {
    JsonNode github = yaml(GITHUB);
    assertEquals("write", github.at("/permissions/security-events").asString());
    assertEquals(
        ".baseline-tool/baseline check estate.yaml --format sarif > check.sarif",
        step(GITHUB, "Check the policies against the rule catalogue (SARIF)").strip());
    boolean upload = false;
    boolean checked = false;
    for (JsonNode s : github.at("/jobs/plan/steps")) {
      if (s.path("run").asString("").contains("baseline check ")) {
        checked = true;
      }
      if (s.path("uses").asString("").equals("github/codeql-action/upload-sarif@v3")) {
        assertTrue(checked, "the upload comes after the check");
        assertEquals("check.sarif", s.at("/with/sarif_file").asString());
        upload = true;
      }
    }
    assertTrue(upload, "a step uploads check.sarif");
  }

  /**
   * The tool is pinned by commit SHA (there is no release tag), and the pipelines refuse to run
   * until it is.
   */
  @Test
  void theToolIsPinnedByCommit() throws Exception {
    JsonNode github = yaml(GITHUB);
    assertEquals("<commit-sha>", github.at("/env/BASELINE_COMMIT").asString());
    assertEquals(
        "bash",
        github.at("/jobs/plan/defaults/run/shell").asString(),
        "GitHub runs each step with bash -eo pipefail");
    boolean checkout = false;
    for (JsonNode s : github.at("/jobs/plan/steps")) {
      if (s.path("with").path("path").asString("").equals(".baseline-tool")) {
        assertEquals("${{ env.BASELINE_COMMIT }}", s.at("/with/ref").asString());
        checkout = true;
      }
    }
    assertTrue(checkout, "the tool is checked out at BASELINE_COMMIT");
    JsonNode azure = yaml(AZURE);
    assertEquals("<commit-sha>", azure.at("/variables/BASELINE_COMMIT").asString());
    assertTrue(azure.path("resources").isMissingNode(), "no repository resource pinned to a ref");
    assertContains(
        step(AZURE, "Check out ai-security-baseline at the pinned commit"),
        "fetch -q --depth 1 \"$BASELINE_REPOSITORY\" \"$BASELINE_COMMIT\"");
    for (String name : List.of(GITHUB, AZURE)) {
      assertFalse(
          text(name).contains("v0.1.0") || text(name).contains("refs/tags"),
          name + " names no release tag");
      String check = step(name, "Check that ai-security-baseline is pinned to a commit");
      Map<String, String> env = Map.of("BASELINE_COMMIT", "<commit-sha>");
      assertTrue(
          shell(name, check, env, 0).code() != 0, name + ": a placeholder fails the pipeline");
      assertTrue(
          shell(name, check, Map.of("BASELINE_COMMIT", "v0.1.0"), 0).code() != 0,
          name + ": a tag fails the pipeline");
      assertEquals(
          0,
          shell(
                  name,
                  check,
                  Map.of("BASELINE_COMMIT", "4d8fc8163a1d2f0b7e9c5a4b3d2e1f0a9b8c7d6e"),
                  0)
              .code(),
          name);
    }
  }

  record Result(int code, String out, List<String> baselineArgs) {}

  /**
   * Runs a step's script in a scratch directory as its CI system would (GitHub: bash -eo pipefail;
   * Azure: plain bash), with a stand-in .baseline-tool/baseline that records its arguments and
   * exits {@code exit}.
   */
  private Result shell(String pipeline, String script, Map<String, String> env, int exit)
      throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
        "needs bash");
    Path work = Files.createTempDirectory(tmp, "step");
    Path stub =
        TestSupport.write(
            work,
            ".baseline-tool/baseline",
            "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"$STUB_ARGS\"\necho 'plan output'\nexit "
                + exit
                + "\n");
    Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    // git answers whether the target branch has out/ yet: GIT_STUB_EXIT 0 (it has) unless the test
    // says 1.
    Path git =
        TestSupport.write(work, ".bin/git", "#!/usr/bin/env bash\nexit \"${GIT_STUB_EXIT:-0}\"\n");
    Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file = TestSupport.write(work, ".step.sh", script);
    List<String> command = new ArrayList<>(List.of("bash", "--noprofile", "--norc"));
    if (pipeline.equals(GITHUB)) {
      command.addAll(List.of("-eo", "pipefail"));
    }
    command.add(file.toString());
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
    pb.environment().put("STUB_ARGS", work.resolve(".args").toString());
    pb.environment().put("GITHUB_OUTPUT", work.resolve(".github-output").toString());
    pb.environment().put("BASE_REF", "main");
    pb.environment()
        .put("PATH", work.resolve(".bin") + java.io.File.pathSeparator + System.getenv("PATH"));
    pb.environment().put("SYSTEM_PULLREQUEST_TARGETBRANCH", "refs/heads/main");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    Path args = work.resolve(".args");
    if (Files.exists(work.resolve(".github-output"))) {
      out += "\nGITHUB_OUTPUT:" + Files.readString(work.resolve(".github-output"));
    }
    return new Result(
        p.exitValue(), out, Files.exists(args) ? Files.readAllLines(args) : List.of());
  }

  /**
   * Every step that runs baseline fails on 1, 64 and 70; the plan step passes on 0 and 2
   * ("changes"), the others only on 0.
   */
  @Test
  void everyExitCodeButZeroAndTwoFailsTheJob() throws Exception {
    for (String pipeline : List.of(GITHUB, AZURE)) {
      int runs = 0;
      for (Map.Entry<String, String> step : steps(pipeline).entrySet()) {
        if (!step.getValue().contains(".baseline-tool/baseline ")) {
          continue;
        }
        boolean plan = step.getValue().contains("baseline plan ");
        boolean check = step.getValue().contains("baseline check ");
        for (int exit : List.of(0, 1, 2, 64, 70)) {
          Result r = shell(pipeline, step.getValue(), Map.of(), exit);
          String what =
              pipeline + ", step '" + step.getKey() + "', baseline exits " + exit + ": " + r.out();
          boolean passes = exit == 0 || (plan && exit == 2);
          assertEquals(passes, r.code() == 0, what);
          assertFalse(r.baselineArgs().isEmpty(), what);
          if (check) {
            assertEquals(
                List.of("check", "estate.yaml", "--format", "sarif"), r.baselineArgs(), what);
          }
          if (plan) {
            assertEquals(
                List.of(
                    "plan",
                    "estate.yaml",
                    "--against",
                    "out",
                    "--against-git",
                    "origin/main",
                    "--format",
                    "markdown",
                    "--detailed-exitcode"),
                r.baselineArgs(),
                what);
            if (pipeline.equals(GITHUB) && passes) {
              assertContains(r.out(), "GITHUB_OUTPUT:changes=" + (exit == 2));
            }
            Result first = shell(pipeline, step.getValue(), Map.of("GIT_STUB_EXIT", "1"), exit);
            assertEquals(
                List.of(
                    "plan",
                    "estate.yaml",
                    "--against-empty",
                    "--format",
                    "markdown",
                    "--detailed-exitcode"),
                first.baselineArgs(),
                "the pull request that first commits out/ plans against nothing: " + first.out());
            assertEquals(passes, first.code() == 0, what);
          }
        }
        runs++;
      }
      assertEquals(
          pipeline.equals(GITHUB) ? 4 : 3,
          runs,
          pipeline + ": validate, the output check, the rule check (GitHub) and plan run baseline");
    }
  }

  /**
   * Azure DevOps: the first run creates a thread whose comment starts with the marker; later runs
   * find that thread and update its comment, leaving other threads alone. curl is a stand-in that
   * answers the list call.
   */
  @Test
  void azurePipelinesUpdatesOneCommentThreadInsteadOfAddingOne() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/jq")) || Files.isExecutable(Path.of("/bin/jq")),
        "needs jq");
    String post = step(AZURE, "Post the plan on the pull request (one thread, updated)");
    String marker = "<!-- ai-security-baseline plan -->";
    String other =
        "{\"id\": 7, \"isDeleted\": false, \"comments\": [{\"id\": 1, \"content\": \"Looks fine to me\"}]}";
    String ours =
        "{\"id\": 42, \"isDeleted\": false, \"comments\": [{\"id\": 1, \"content\": \""
            + marker
            + "\\nold plan\"},"
            + " {\"id\": 2, \"content\": \"a reply\"}]}";
    String deleted =
        "{\"id\": 9, \"isDeleted\": true, \"comments\": [{\"id\": 1, \"content\": \""
            + marker
            + "\\nolder\"}]}";

    List<String> first =
        curlCalls(post, "{\"value\": [" + other + ", " + deleted + "], \"count\": 2}");
    assertEquals(2, first.size(), first.toString());
    assertEquals(
        "GET https://dev.azure.com/contoso/Security/_apis/git/repositories/repo-id/pullRequests/17/threads?api-version=7.1",
        first.get(0));
    assertTrue(
        first
            .get(1)
            .startsWith(
                "POST https://dev.azure.com/contoso/Security/_apis/git/repositories/repo-id/pullRequests/17/threads"
                    + "?api-version=7.1 "),
        first.get(1));
    JsonNode thread = Json.parse(first.get(1).substring(first.get(1).indexOf(' ', 5) + 1));
    assertEquals(marker + "\n## Plan\n| a | b |\n", thread.at("/comments/0/content").asString());
    assertEquals(1, thread.at("/comments/0/commentType").asInt());
    assertEquals(1, thread.at("/status").asInt());

    List<String> later =
        curlCalls(post, "{\"value\": [" + other + ", " + ours + "], \"count\": 2}");
    assertEquals(2, later.size(), later.toString());
    assertTrue(
        later
            .get(1)
            .startsWith(
                "PATCH https://dev.azure.com/contoso/Security/_apis/git/repositories/repo-id/pullRequests/17/"
                    + "threads/42/comments/1?api-version=7.1 "),
        later.get(1));
    JsonNode comment = Json.parse(later.get(1).substring(later.get(1).indexOf(' ', 6) + 1));
    assertEquals(marker + "\n## Plan\n| a | b |\n", comment.at("/content").asString());
  }

  /**
   * Runs the post step with a stand-in curl that answers GET with {@code threads}; returns "METHOD
   * URL [BODY]" per call.
   */
  private List<String> curlCalls(String script, String threads)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory(tmp, "post");
    Path bin = Files.createDirectories(work.resolve(".bin"));
    TestSupport.write(work, ".threads.json", threads);
    Path curl =
        TestSupport.write(
            bin,
            "curl",
            """
        #!/usr/bin/env bash
        method=GET; data=; url=
        while [ $# -gt 0 ]; do
          case "$1" in
            -X) method="$2"; shift ;;
            --data) data="$(cat "${2#@}")"; shift ;;
            -H) case "$2" in Authorization:*) [ "$2" = "Authorization: Bearer test-token" ] || exit 9 ;; esac; shift ;;
            -*) ;;
            *) url="$1" ;;
          esac
          shift
        done
        printf '%s %s %s\\n' "$method" "$url" "$(printf '%s' "$data" | jq -c .)" | sed 's/ $//' >> "$CURL_LOG"
        if [ "$method" = GET ]; then cat "$THREADS"; else echo '{}'; fi
        """);
    Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
    TestSupport.write(work, "plan.md", "## Plan\n| a | b |\n");
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                "--noprofile",
                "--norc",
                TestSupport.write(work, ".step.sh", script).toString())
            .directory(work.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("PATH", bin + ":" + env.get("PATH"));
    env.put("CURL_LOG", work.resolve(".curl.log").toString());
    env.put("THREADS", work.resolve(".threads.json").toString());
    env.put("SYSTEM_ACCESSTOKEN", "test-token");
    env.put("SYSTEM_COLLECTIONURI", "https://dev.azure.com/contoso/");
    env.put("SYSTEM_TEAMPROJECT", "Security");
    env.put("BUILD_REPOSITORY_ID", "repo-id");
    env.put("SYSTEM_PULLREQUEST_PULLREQUESTID", "17");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return Files.readAllLines(work.resolve(".curl.log"));
  }
}
