package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * enable-sentinel.sh runs against a stub az placed first on PATH that records every call; the tests
 * assert the exact calls in order, for a deployment, a what-if (with and without the resource
 * group) and a retried conflict. The script passes bash -n and shellcheck.
 */
class SecopsScriptTest {
  @TempDir static Path tmp;
  static Path out;
  static Path stubs;

  static final String SUBSCRIPTION = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
  static final String GROUP = "rg-security-operations";

  @BeforeAll
  static void generateAndWriteStub() throws IOException {
    out = TestSupport.generateEnterprise(tmp.resolve("out"));
    stubs = Files.createDirectories(tmp.resolve("stubs"));
    String body =
        "#!/usr/bin/env bash\n"
            + TestSupport.STUB_RECORD
            + "case \" $* \" in\n"
            + "  *\" group exists \"*) echo \"${STUB_AZ_GROUP_EXISTS:-false}\";;\n"
            + "  *\" deployment \"*)\n"
            + "    if [ -n \"${STUB_AZ_CONFLICT_ONCE:-}\" ] && [ ! -e \"$STUB_AZ_CONFLICT_ONCE\" ]; then\n"
            + "      : > \"$STUB_AZ_CONFLICT_ONCE\"\n"
            + "      echo 'ERROR: (Conflict) Another update operation is in progress.' >&2; exit 1; fi;;\n"
            + "esac\nexit 0\n";
    Path p = stubs.resolve("az");
    Files.writeString(p, body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  record Result(int code, String output, List<String> calls) {}

  private static Result run(Map<String, String> env, String... args) throws Exception {
    Path log = Files.createTempFile(tmp, "calls", ".log");
    List<String> command =
        new ArrayList<>(List.of("bash", out.resolve("secops/enable-sentinel.sh").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PATH", stubs + ":" + System.getenv("PATH"));
    pb.environment().put("STUB_LOG", log.toString());
    pb.environment().put("DEFENDER_RETRY_BASE_SECONDS", "0");
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), "script timed out");
    return new Result(p.exitValue(), output, Files.readAllLines(log));
  }

  private static String groupDeployment(boolean whatIf) {
    return "az deployment group "
        + (whatIf ? "what-if" : "create")
        + " --subscription "
        + SUBSCRIPTION
        + " --resource-group "
        + GROUP
        + " --name ai-security-baseline-sentinel --template-file "
        + out.resolve("secops/sentinel.json")
        + (whatIf ? "" : " --only-show-errors");
  }

  private static String tenantDeployment(boolean whatIf) {
    return "az deployment tenant "
        + (whatIf ? "what-if" : "create")
        + " --location westeurope --name aisb-entra-diagnostics-westeurope --template-file "
        + out.resolve("secops/entra-diagnostics.json")
        + (whatIf ? "" : " --only-show-errors");
  }

  private static List<String> deployCalls() {
    return List.of(
        "az group create --subscription "
            + SUBSCRIPTION
            + " --name "
            + GROUP
            + " --location westeurope --only-show-errors",
        "az provider register --namespace Microsoft.OperationalInsights --subscription "
            + SUBSCRIPTION
            + " --wait",
        "az provider register --namespace Microsoft.SecurityInsights --subscription "
            + SUBSCRIPTION
            + " --wait",
        // Microsoft requires the provider in every subscription whose Defender for Cloud alerts
        // are connected, not only in the workspace's.
        "az provider register --namespace Microsoft.SecurityInsights --subscription"
            + " 2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e --wait",
        "az provider register --namespace Microsoft.SecurityInsights --subscription"
            + " 3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f --wait",
        groupDeployment(false),
        tenantDeployment(false));
  }

  @Test
  void deploysTheGroupThenTheTenantTemplate() throws Exception {
    Result r = run(Map.of());
    assertEquals(0, r.code(), r.output());
    assertEquals(deployCalls(), r.calls());
    assertContains(r.output(), "Now the manual steps in README.md");
  }

  @Test
  void whatIfPreviewsBothDeploymentsWhenTheGroupExists() throws Exception {
    Result r = run(Map.of("STUB_AZ_GROUP_EXISTS", "true"), "--what-if");
    assertEquals(0, r.code(), r.output());
    assertEquals(
        List.of(
            "az group exists --subscription " + SUBSCRIPTION + " --name " + GROUP,
            groupDeployment(true),
            tenantDeployment(true)),
        r.calls());
    assertContains(r.output(), "nothing was changed");
  }

  @Test
  void whatIfWithoutTheGroupSaysWhatWouldBeCreatedAndChangesNothing() throws Exception {
    Result r = run(Map.of(), "--what-if");
    assertEquals(0, r.code(), r.output());
    assertEquals(
        List.of(
            "az group exists --subscription " + SUBSCRIPTION + " --name " + GROUP,
            tenantDeployment(true)),
        r.calls());
    assertContains(r.output(), "it would be created in westeurope");
  }

  @Test
  void aConflictIsRetried() throws Exception {
    Result r =
        run(
            Map.of(
                "STUB_AZ_CONFLICT_ONCE", tmp.resolve("conflict-" + System.nanoTime()).toString()));
    assertEquals(0, r.code(), r.output());
    List<String> expected = new ArrayList<>(deployCalls());
    expected.add(6, groupDeployment(false)); // the group deployment again, after the 409
    assertEquals(expected, r.calls());
  }

  @Test
  void anExistingWorkspaceIsOnboardedInPlace() throws Exception {
    Path estate =
        TestSupport.write(
            tmp,
            "existing/estate.yaml",
            TestSupport.MINIMAL_ESTATE
                + "secops:\n  workspace:\n    resourceId: /subscriptions/"
                + SUBSCRIPTION
                + "/resourceGroups/rg-soc(prod)/providers/Microsoft.OperationalInsights/workspaces/law-soc\n"
                + "  deploymentLocation: northeurope\n");
    Path existing = tmp.resolve("existing-out");
    TestSupport.Run gen =
        TestSupport.cli("generate", estate.toString(), "--out", existing.toString());
    assertEquals(0, gen.code(), gen.err());
    Path log = Files.createTempFile(tmp, "calls", ".log");
    ProcessBuilder pb =
        new ProcessBuilder("bash", existing.resolve("secops/enable-sentinel.sh").toString())
            .redirectErrorStream(true);
    pb.environment().put("PATH", stubs + ":" + System.getenv("PATH"));
    pb.environment().put("STUB_LOG", log.toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
    assertEquals(
        List.of(
            "az provider register --namespace Microsoft.OperationalInsights --subscription "
                + SUBSCRIPTION
                + " --wait",
            "az provider register --namespace Microsoft.SecurityInsights --subscription "
                + SUBSCRIPTION
                + " --wait",
            "az deployment group create --subscription "
                + SUBSCRIPTION
                + " --resource-group rg-soc(prod) --name ai-security-baseline-sentinel --template-file "
                + existing.resolve("secops/sentinel.json")
                + " --only-show-errors",
            "az deployment tenant create --location northeurope --name"
                + " aisb-entra-diagnostics-northeurope --template-file "
                + existing.resolve("secops/entra-diagnostics.json")
                + " --only-show-errors"),
        Files.readAllLines(log));
    String template = Files.readString(existing.resolve("secops/sentinel.json"));
    assertEquals(false, template.contains("Microsoft.OperationalInsights/workspaces\","), template);
  }

  @Test
  void anUnknownArgumentIsAUsageError() throws Exception {
    Result r = run(Map.of(), "--subscription", SUBSCRIPTION);
    assertEquals(64, r.code(), r.output());
    assertEquals(List.of(), r.calls());
  }

  @Test
  void theScriptPassesBashAndShellcheck() throws Exception {
    Path script = out.resolve("secops/enable-sentinel.sh");
    Process syntax =
        new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    assertEquals(0, syntax.waitFor(), "bash -n");
    boolean available =
        new ProcessBuilder("sh", "-c", "command -v shellcheck").start().waitFor() == 0;
    Assumptions.assumeTrue(
        available || System.getenv("CI") != null, "shellcheck is not installed (CI installs it)");
    Process p =
        new ProcessBuilder("shellcheck", "-s", "bash", script.toString())
            .redirectErrorStream(true)
            .start();
    String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), report);
  }
}
