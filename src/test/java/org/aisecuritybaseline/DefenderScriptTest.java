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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.aisecuritybaseline.json.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The generated bash scripts run against stub az, aws and gcloud commands placed first on PATH; the
 * stubs record every call, and the tests assert the exact calls, in order, including the retry on a
 * simulated 409 conflict. Every generated script also passes shellcheck.
 */
class DefenderScriptTest {
  @TempDir static Path tmp;
  static Path out;
  static Path stubs;

  static final String SUBSCRIPTION_A = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
  static final String SUBSCRIPTION_B = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";
  static final String SUBSCRIPTION_C = "3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f";

  @BeforeAll
  static void generateAndWriteStubs() throws IOException {
    out = TestSupport.generateEnterprise(tmp.resolve("out"));
    stubs = Files.createDirectories(tmp.resolve("stubs"));
    String record = TestSupport.STUB_RECORD;
    stub(
        "az",
        record
            + "case \" $* \" in *\" deployment \"*)\n"
            + "  if [ -n \"${STUB_AZ_FAIL:-}\" ]; then\n"
            + "    echo \"${STUB_AZ_FAIL_MESSAGE:-ERROR: (AuthorizationFailed) The client does not have authorization.}\" >&2; exit 1; fi\n"
            + "  if [ -n \"${STUB_AZ_CONFLICT_ONCE:-}\" ] && [ ! -e \"$STUB_AZ_CONFLICT_ONCE\" ]; then\n"
            + "    : > \"$STUB_AZ_CONFLICT_ONCE\"\n"
            + "    echo \"${STUB_AZ_CONFLICT_MESSAGE:-ERROR: (Conflict) Another update operation is in progress.}\" >&2; exit 1; fi;;\n"
            + "esac\nexit 0\n");
    stub(
        "aws",
        record
            + "case \"$1 $2\" in\n"
            + "  'sts get-caller-identity') echo \"$STUB_AWS_ACCOUNT\";;\n"
            + "  'iam get-open-id-connect-provider') echo \"$STUB_AWS_AUDIENCES\";;\n"
            + "  'iam get-role') if [ \"$4\" = \"${STUB_AWS_MISSING_ROLE:-}\" ]; then echo 'An error occurred (NoSuchEntity)' >&2; exit 254; fi\n"
            + "                 case \"$6\" in *AssumeRolePolicyDocument*) printf '%b\\n' \"${STUB_AWS_EXTERNAL_IDS:-None}\";;\n"
            + "                   *) echo \"arn:aws:iam::$STUB_AWS_ACCOUNT:role/$4\";; esac;;\n"
            + "esac\nexit 0\n");
    stub(
        "gcloud",
        record
            + "case \" $* \" in *\" describe \"*) [ -n \"${STUB_GCLOUD_EXISTS:-}\" ] || exit 1;; esac\nexit 0\n");
  }

  private static void stub(String name, String body) throws IOException {
    Path p = stubs.resolve(name);
    Files.writeString(p, "#!/usr/bin/env bash\n" + body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  record Result(int code, String output, List<String> calls) {}

  private static Result run(Path script, Map<String, String> env, String... args) throws Exception {
    Path log = Files.createTempFile(tmp, "calls", ".log");
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PATH", stubs + ":" + System.getenv("PATH"));
    pb.environment().put("STUB_LOG", log.toString());
    pb.environment().put("DEFENDER_RETRY_BASE_SECONDS", "0");
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script timed out");
    return new Result(p.exitValue(), output, Files.readAllLines(log));
  }

  private static List<String> enableCalls(String subscription, boolean whatIf) {
    Path dir = out.resolve("defender/azure");
    List<String> calls = new ArrayList<>();
    if (!whatIf) {
      calls.add(
          "az provider register --namespace Microsoft.Security --subscription "
              + subscription
              + " --wait");
    }
    calls.add(
        "az deployment sub "
            + (whatIf ? "what-if" : "create")
            + " --subscription "
            + subscription
            + " --location westeurope --name ai-security-baseline-defender-westeurope --template-file "
            + dir.resolve(subscription + ".json")
            + (whatIf ? "" : " --only-show-errors"));
    return calls;
  }

  @Test
  void enableDefenderDeploysEverySubscriptionInOrder() throws Exception {
    Result r = run(out.resolve("defender/azure/enable-defender.sh"), Map.of());
    assertEquals(0, r.code(), r.output());
    List<String> expected = new ArrayList<>();
    for (String s : List.of(SUBSCRIPTION_A, SUBSCRIPTION_B, SUBSCRIPTION_C)) {
      expected.addAll(enableCalls(s, false));
    }
    assertEquals(expected, r.calls());
  }

  @Test
  void whatIfPassesThroughToArmWhatIf() throws Exception {
    Result r =
        run(
            out.resolve("defender/azure/enable-defender.sh"),
            Map.of(),
            "--what-if",
            "--subscription",
            SUBSCRIPTION_B);
    assertEquals(0, r.code(), r.output());
    assertEquals(enableCalls(SUBSCRIPTION_B, true), r.calls());
  }

  @Test
  void aConflictIsRetried() throws Exception {
    Result r =
        run(
            out.resolve("defender/azure/enable-defender.sh"),
            Map.of(
                "STUB_AZ_CONFLICT_ONCE", tmp.resolve("conflict-" + System.nanoTime()).toString()),
            "--subscription",
            SUBSCRIPTION_A);
    assertEquals(0, r.code(), r.output());
    List<String> expected = new ArrayList<>(enableCalls(SUBSCRIPTION_A, false));
    expected.add(expected.get(1)); // the create again, after the 409
    assertEquals(expected, r.calls());
  }

  @Test
  void thePricingApisOwnConflictCodeIsRetried() throws Exception {
    // The pricings API's code for a concurrent update, without "Conflict" or 409 in the text.
    String message =
        "ERROR: {\"code\": \"DeploymentFailed\", \"details\": [{\"code\": \"ConcurrentOperationInProgress\","
            + " \"message\": \"Another batch pricing operation is currently in progress for this subscription.\"}]}";
    Result r =
        run(
            out.resolve("defender/azure/enable-defender.sh"),
            Map.of(
                "STUB_AZ_CONFLICT_ONCE",
                tmp.resolve("concurrent-" + System.nanoTime()).toString(),
                "STUB_AZ_CONFLICT_MESSAGE",
                message),
            "--subscription",
            SUBSCRIPTION_A);
    assertEquals(0, r.code(), r.output());
    List<String> expected = new ArrayList<>(enableCalls(SUBSCRIPTION_A, false));
    expected.add(expected.get(1));
    assertEquals(expected, r.calls());
  }

  @Test
  void aConflictThatWaitingCannotFixIsNotRetried() throws Exception {
    for (String code : List.of("ResourceLocked", "EnforcementPolicyViolation")) {
      String message =
          "ERROR: (Conflict) {\"code\": \"Conflict\", \"details\": [{\"code\": \"" + code + "\"}]}";
      Result r =
          run(
              out.resolve("defender/azure/enable-defender.sh"),
              Map.of("STUB_AZ_FAIL", "1", "STUB_AZ_FAIL_MESSAGE", message),
              "--subscription",
              SUBSCRIPTION_A);
      assertEquals(1, r.code(), r.output());
      assertEquals(enableCalls(SUBSCRIPTION_A, false), r.calls(), code + " is final: one attempt");
      assertContains(r.output(), code);
    }
  }

  @Test
  void thePowerShellScriptRetriesAndStopsOnTheSameCodes() throws Exception {
    String sh = Files.readString(out.resolve("defender/azure/enable-defender.sh"));
    String ps = Files.readString(out.resolve("defender/azure/enable-defender.ps1"));
    assertContains(
        sh,
        "readonly RETRY_PATTERN='(^|[^[:alnum:]])(Conflict|ConcurrentOperationInProgress|AnotherOperationInProgress|409)"
            + "([^[:alnum:]]|$)'");
    assertContains(
        ps,
        "$RetryPattern = '(^|[^0-9A-Za-z])(Conflict|ConcurrentOperationInProgress|AnotherOperationInProgress|409)"
            + "([^0-9A-Za-z]|$)'");
    assertContains(
        sh,
        "readonly PERMANENT_PATTERN='(^|[^[:alnum:]])(EnforcementPolicyViolation|ResourceLocked)([^[:alnum:]]|$)'");
    assertContains(
        ps,
        "$PermanentPattern = '(^|[^0-9A-Za-z])(EnforcementPolicyViolation|ResourceLocked)([^0-9A-Za-z]|$)'");
    assertContains(
        ps, "Name = 'ai-security-baseline-defender-westeurope'; Location = 'westeurope'");
  }

  @Test
  void otherFailuresStopTheScript() throws Exception {
    Result r = run(out.resolve("defender/azure/enable-defender.sh"), Map.of("STUB_AZ_FAIL", "1"));
    assertEquals(1, r.code(), r.output());
    assertEquals(enableCalls(SUBSCRIPTION_A, false), r.calls());
    assertContains(r.output(), "AuthorizationFailed");
  }

  @Test
  void unknownSubscriptionIsAUsageError() throws Exception {
    Result r =
        run(
            out.resolve("defender/azure/enable-defender.sh"),
            Map.of(),
            "--subscription",
            "00000000-1111-2222-3333-444444444444");
    assertEquals(64, r.code(), r.output());
    assertEquals(List.of(), r.calls());
  }

  @Test
  void connectorsAreDeployedIntoTheHostResourceGroup() throws Exception {
    for (String cloud : List.of("aws", "gcp")) {
      Result r = run(out.resolve("defender/" + cloud + "/deploy-connectors.sh"), Map.of());
      assertEquals(0, r.code(), r.output());
      Path dir = out.resolve("defender/" + cloud);
      List<String> expected =
          new ArrayList<>(
              List.of(
                  "az group create --subscription "
                      + SUBSCRIPTION_A
                      + " --name rg-mdc-multicloud --location westeurope --only-show-errors"));
      List<String[]> connectors =
          cloud.equals("aws")
              ? List.of(
                  new String[] {"aws-111122223333", "111122223333"},
                  new String[] {"aws-777788889999", "777788889999"})
              : List.of(
                  new String[] {"gcp-contoso-vertex-forecast", "contoso-vertex-forecast"},
                  new String[] {"gcp-contoso-gke-platform", "contoso-gke-platform"});
      for (String[] c : connectors) {
        expected.add(
            "az deployment group create --subscription "
                + SUBSCRIPTION_A
                + " --resource-group rg-mdc-multicloud --name "
                + c[0]
                + " --template-file "
                + dir.resolve(c[1] + "/connector.json")
                + " --only-show-errors");
      }
      assertEquals(expected, r.calls(), cloud);
    }
  }

  /**
   * The connectors name no final codes (PERMANENT_PATTERN is empty): a conflict is retried, other
   * failures are not.
   */
  @Test
  void aConnectorConflictIsRetriedAndOtherFailuresAreNot() throws Exception {
    Path script = out.resolve("defender/aws/deploy-connectors.sh");
    Result ok =
        run(
            script,
            Map.of(
                "STUB_AZ_CONFLICT_ONCE",
                tmp.resolve("connector-conflict-" + System.nanoTime()).toString()));
    assertEquals(0, ok.code(), ok.output());
    assertEquals(4, ok.calls().size(), ok.calls().toString());
    assertEquals(ok.calls().get(1), ok.calls().get(2), "the first connector again, after the 409");
    assertContains(ok.output(), "another operation is in progress (attempt 1 of 5 failed)");

    Result failed = run(script, Map.of("STUB_AZ_FAIL", "1"));
    assertEquals(1, failed.code(), failed.output());
    assertEquals(ok.calls().subList(0, 2), failed.calls(), "one attempt");
    assertContains(failed.output(), "AuthorizationFailed");
  }

  @Test
  void gcpSetupCreatesExactlyWhatTheConnectorNames() throws Exception {
    Result r = run(out.resolve("defender/gcp/contoso-gke-platform/setup-gcp.sh"), Map.of());
    assertEquals(0, r.code(), r.output());
    String p = "contoso-gke-platform";
    String pool = "8e2f4c6a1b3d4f5ea7c90d2e4f6a8b0c";
    String issuer = "https://sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/";
    String principalSet =
        "principalSet://iam.googleapis.com/projects/517203948816/locations/global/workloadIdentityPools/"
            + pool
            + "/*";
    List<String> expected = new ArrayList<>();
    expected.add(
        "gcloud services enable cloudresourcemanager.googleapis.com compute.googleapis.com container.googleapis.com"
            + " iam.googleapis.com iamcredentials.googleapis.com logging.googleapis.com pubsub.googleapis.com sts.googleapis.com --project "
            + p);
    expected.add(
        "gcloud iam workload-identity-pools describe "
            + pool
            + " --project "
            + p
            + " --location global");
    expected.add(
        "gcloud iam workload-identity-pools create "
            + pool
            + " --project "
            + p
            + " --location global"
            + " --display-name Microsoft Defender for Cloud");
    for (String[] provider :
        List.of(
            new String[] {"containers", "api://6610e979-c931-41ec-adc7-b9920c9d52f1"},
            new String[] {"containers-streams", "api://2041288c-b303-4ca0-9076-9612db3beeb2"},
            new String[] {"cspm", "api://6e81e733-9e7f-474a-85f0-385c097f7f52"})) {
      expected.add(
          "gcloud iam workload-identity-pools providers describe "
              + provider[0]
              + " --project "
              + p
              + " --location global --workload-identity-pool "
              + pool);
      expected.add(
          "gcloud iam workload-identity-pools providers create-oidc "
              + provider[0]
              + " --project "
              + p
              + " --location global --workload-identity-pool "
              + pool
              + " --issuer-uri "
              + issuer
              + " --allowed-audiences "
              + provider[1]
              + " --attribute-mapping google.subject=assertion.sub");
    }
    // The custom roles Microsoft publishes for Defender for Containers on GCP
    // (containers-permissions.md).
    for (String[] role :
        List.of(
            new String[] {
              "MDCGkeClusterWriteRole",
              "MDC GKE Cluster Write Role",
              "MDC GKE Cluster Write Custom Role",
              "container.clusters.update"
            },
            new String[] {
              "MicrosoftDefenderContainersDataCollectionRole",
              "Microsoft Defender Containers Data Collection Custom Role",
              "Microsoft Defender Containers Data Collection Custom Role",
              "pubsub.subscriptions.consume,pubsub.subscriptions.get"
            },
            new String[] {
              "MicrosoftDefenderContainersRole",
              "Microsoft Defender Containers Custom Role",
              "Microsoft Defender Containers Custom Role",
              "iam.serviceAccounts.get,iam.workloadIdentityPoolProviders.get,logging.sinks.create,logging.sinks.delete,logging.sinks.get,"
                  + "logging.sinks.list,logging.sinks.update,resourcemanager.projects.getIamPolicy"
            })) {
      expected.add("gcloud iam roles describe " + role[0] + " --project " + p);
      expected.add(
          "gcloud iam roles create "
              + role[0]
              + " --project "
              + p
              + " --title "
              + role[1]
              + " --description "
              + role[2]
              + " --permissions "
              + role[3]);
    }
    String custom = "projects/" + p + "/roles/";
    Map<String, List<String>> roles = new java.util.LinkedHashMap<>();
    roles.put(
        "mdc-containers-artifact-assess|Microsoft Defender Containers Artifact Assessment",
        List.of("roles/artifactregistry.reader", "roles/storage.objectViewer"));
    roles.put(
        "mdc-containers-k8s-operator|Microsoft Defender Containers Kubernetes Operator",
        List.of("roles/container.viewer", custom + "MDCGkeClusterWriteRole"));
    roles.put(
        "microsoft-defender-containers|Microsoft Defender Containers",
        List.of(
            "roles/container.admin",
            "roles/pubsub.admin",
            custom + "MicrosoftDefenderContainersRole"));
    roles.put(
        "ms-defender-containers-stream|Microsoft Defender Containers Stream",
        List.of(custom + "MicrosoftDefenderContainersDataCollectionRole"));
    roles.put("microsoft-defender-cspm|Microsoft Defender CSPM", List.of("roles/viewer"));
    roles.forEach(
        (sa, saRoles) -> {
          String name = sa.split("\\|")[0];
          String email = name + "@" + p + ".iam.gserviceaccount.com";
          expected.add("gcloud iam service-accounts describe " + email + " --project " + p);
          expected.add(
              "gcloud iam service-accounts create "
                  + name
                  + " --project "
                  + p
                  + " --display-name "
                  + sa.split("\\|")[1]);
          saRoles.forEach(
              role ->
                  expected.add(
                      "gcloud projects add-iam-policy-binding "
                          + p
                          + " --member serviceAccount:"
                          + email
                          + " --role "
                          + role
                          + " --condition None"));
          expected.add(
              "gcloud iam service-accounts add-iam-policy-binding "
                  + email
                  + " --project "
                  + p
                  + " --role roles/iam.workloadIdentityUser --member "
                  + principalSet);
        });
    // Cloud Logging publishes the audit logs to Defender's Pub/Sub topic (Microsoft's onboarding
    // sample).
    expected.add(
        "gcloud projects add-iam-policy-binding "
            + p
            + " --member serviceAccount:cloud-logs@system.gserviceaccount.com"
            + " --role roles/pubsub.publisher --condition None");
    assertEquals(expected, r.calls());

    // The connector names the same providers and service accounts.
    JsonNode connector =
        Json.parse(Files.readString(out.resolve("defender/gcp/" + p + "/connector.json")));
    for (JsonNode id : connector.findParents("workloadIdentityProviderId")) {
      assertTrue(
          r.calls().stream()
              .anyMatch(
                  c ->
                      c.contains(
                          "create-oidc " + id.get("workloadIdentityProviderId").asString() + " ")));
      assertTrue(
          r.calls().stream()
              .anyMatch(
                  c ->
                      c.contains(
                          "service-accounts create "
                              + id.get("serviceAccountEmailAddress").asString().split("@")[0]
                              + " ")));
    }
  }

  /**
   * Issue 11, item 1: a connector with agentless scanning gets Microsoft's scanning role, granted
   * to Microsoft's scanner.
   */
  @Test
  void gcpAgentlessScanningGetsMicrosoftsRoleAndGrant() throws Exception {
    for (String p : List.of("contoso-vertex-forecast", "contoso-gke-platform")) {
      JsonNode connector =
          Json.parse(Files.readString(out.resolve("defender/gcp/" + p + "/connector.json")));
      boolean scanning =
          connector.findParents("vmScanners").stream()
              .anyMatch(o -> o.at("/vmScanners/enabled").asBoolean());
      Result r = run(out.resolve("defender/gcp/" + p + "/setup-gcp.sh"), Map.of());
      assertEquals(0, r.code(), r.output());
      String create =
          "gcloud iam roles create MDCAgentlessScanningRole --project "
              + p
              + " --title MDC Agentless Scanning Role"
              + " --description Permissions for agentless disk scanning --permissions compute.disks.createSnapshot,compute.instances.get";
      String grant =
          "gcloud projects add-iam-policy-binding "
              + p
              + " --member serviceAccount:mdc-agentless-scanning@guardians-prod-diskscanning.iam.gserviceaccount.com"
              + " --role projects/"
              + p
              + "/roles/MDCAgentlessScanningRole --condition None";
      assertEquals(
          scanning, r.calls().contains(create), p + ": the role exactly when the connector scans");
      assertEquals(
          scanning, r.calls().contains(grant), p + ": the grant exactly when the connector scans");
      if (scanning) {
        assertTrue(
            r.calls().indexOf(create) < r.calls().indexOf(grant),
            "the role exists before it is granted");
      }
      // Every custom role a binding uses is created by the same run, before the binding.
      for (int i = 0; i < r.calls().size(); i++) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("--role projects/" + p + "/roles/([A-Za-z]+) ")
                .matcher(r.calls().get(i));
        if (m.find()) {
          String role = m.group(1);
          assertTrue(
              r.calls().subList(0, i).stream()
                  .anyMatch(c -> c.startsWith("gcloud iam roles create " + role + " ")),
              role);
        }
      }
    }
    JsonNode vertex =
        Json.parse(
            Files.readString(out.resolve("defender/gcp/contoso-vertex-forecast/connector.json")));
    assertTrue(
        vertex.findParents("vmScanners").stream()
            .anyMatch(o -> o.at("/vmScanners/enabled").asBoolean()),
        "the example scans");
  }

  @Test
  void gcpSetupIsIdempotentAndNeverAuthoritative() throws Exception {
    Result r =
        run(
            out.resolve("defender/gcp/contoso-vertex-forecast/setup-gcp.sh"),
            Map.of("STUB_GCLOUD_EXISTS", "1"));
    assertEquals(0, r.code(), r.output());
    assertFalse(
        r.calls().stream().anyMatch(c -> c.contains(" create ") || c.contains("create-oidc")),
        "nothing is created twice");
    assertFalse(
        r.calls().stream()
            .anyMatch(
                c -> c.contains("set-iam-policy") || c.contains("remove") || c.contains("delete")));
    assertTrue(
        r.calls()
            .contains(
                "gcloud iam roles update MDCAgentlessScanningRole --project contoso-vertex-forecast"
                    + " --add-permissions compute.disks.createSnapshot,compute.instances.get"),
        "an existing role only gains permissions");
    assertTrue(
        r.calls().stream()
            .anyMatch(
                c ->
                    c.contains(
                        "--role roles/iam.serviceAccountTokenCreator --member"
                            + " serviceAccount:microsoft-defender-for-servers@contoso-vertex-forecast.iam.gserviceaccount.com")));
    Result dry =
        run(
            out.resolve("defender/gcp/contoso-vertex-forecast/setup-gcp.sh"),
            Map.of(),
            "--dry-run");
    assertEquals(0, dry.code(), dry.output());
    assertEquals(List.of(), dry.calls(), "a dry run calls nothing");
    assertContains(dry.output(), "gcloud iam workload-identity-pools create");
  }

  @Test
  void awsCheckAcceptsAMatchingAccountAndReportsMismatches() throws Exception {
    JsonNode expected =
        Json.parse(Files.readString(out.resolve("defender/aws/777788889999/expected-stack.json")));
    String audiences = String.join("\t", Json.strings(expected.at("/oidcProvider/audiences")));
    // The trust policy's second statement has no external ID: text output says None for it.
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "STUB_AWS_ACCOUNT",
                "777788889999",
                "STUB_AWS_AUDIENCES",
                audiences,
                "STUB_AWS_EXTERNAL_IDS",
                "contoso-mdc-containers-7f3a\\tNone"));
    Path script = out.resolve("defender/aws/check-aws.sh");
    Result ok = run(script, env, "777788889999");
    assertEquals(0, ok.code(), ok.output());
    List<String> calls =
        new ArrayList<>(
            List.of(
                "aws sts get-caller-identity --query Account --output text",
                "aws iam get-open-id-connect-provider --open-id-connect-provider-arn "
                    + expected.at("/oidcProvider/arn").asString()
                    + " --query ClientIDList --output text"));
    expected
        .get("roles")
        .forEach(
            role ->
                calls.add(
                    "aws iam get-role --role-name "
                        + role.get("name").asString()
                        + " --query Role.Arn --output text"));
    calls.add(
        "aws iam get-role --role-name DefenderForCloud-DataCollection --query"
            + " Role.AssumeRolePolicyDocument.Statement[].Condition.*.\"sts:ExternalId\"[] --output text");
    assertEquals(calls, ok.calls());
    assertContains(
        ok.output(),
        "OK        role DefenderForCloud-DataCollection trusts external ID contoso-mdc-containers-7f3a");

    env.put("STUB_AWS_EXTERNAL_IDS", "None\\nportal-generated-id");
    Result otherId = run(script, env, "777788889999");
    assertEquals(1, otherId.code(), otherId.output());
    assertContains(
        otherId.output(),
        "MISMATCH  role DefenderForCloud-DataCollection trusts external ID portal-generated-id, but the"
            + " connector uses contoso-mdc-containers-7f3a (containersExternalId in the estate)");
    env.put("STUB_AWS_EXTERNAL_IDS", "contoso-mdc-containers-7f3a");

    env.put("STUB_AWS_MISSING_ROLE", "DefenderForCloud-DataCollection");
    Result missing = run(script, env, "777788889999");
    assertEquals(1, missing.code(), missing.output());
    assertContains(missing.output(), "DefenderForCloud-DataCollection");

    env.put("STUB_AWS_ACCOUNT", "123456789012");
    Result wrongAccount = run(script, env, "777788889999");
    assertEquals(1, wrongAccount.code());
    assertContains(wrongAccount.output(), "another account");
  }

  @Test
  void everyGeneratedScriptPassesShellcheck() throws Exception {
    boolean available =
        new ProcessBuilder("sh", "-c", "command -v shellcheck").start().waitFor() == 0;
    Assumptions.assumeTrue(
        available || System.getenv("CI") != null, "shellcheck is not installed (CI installs it)");
    List<Path> scripts;
    try (Stream<Path> walk = Files.walk(out)) {
      scripts = walk.filter(f -> f.toString().endsWith(".sh")).sorted().toList();
    }
    assertTrue(scripts.size() >= 5, "scripts: " + scripts);
    for (Path s : scripts) {
      Process p =
          new ProcessBuilder("shellcheck", "-s", "bash", s.toString())
              .redirectErrorStream(true)
              .start();
      String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), s + "\n" + report);
      Process syntax =
          new ProcessBuilder("bash", "-n", s.toString()).redirectErrorStream(true).start();
      assertEquals(0, syntax.waitFor(), s + " bash -n");
    }
  }
}
