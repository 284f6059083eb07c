package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.aisecuritybaseline.entra.GraphApi;
import org.aisecuritybaseline.entra.GraphValueForms;
import org.aisecuritybaseline.entra.PlannedPolicy;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.tenant.Canonical;
import org.aisecuritybaseline.tenant.ObjectKind;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.aisecuritybaseline.validate.Schemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15: Conditional Access for AI agents (Microsoft Entra Agent ID) and the Graph beta channel
 * it needs. One test per pattern of Microsoft's agent guidance, the beta channel for custom
 * policies, and the data the deploy script reads.
 */
class AgentPoliciesTest {
  private static final Path ENTERPRISE = TestSupport.root().resolve("examples/enterprise-p2");
  private static final Path SMALL = TestSupport.root().resolve("examples/small-p1");

  private static final String APPROVED_AGENT = "7c8d9e0f-1a2b-4c3d-8e4f-6a7b8c9d0e1f";
  private static final String BLUEPRINT = "8d9e0f1a-2b3c-4d4e-9f5a-7b8c9d0e1f2a";
  private static final String HR_WORKER = "9e0f1a2b-3c4d-4e5f-8a6b-8c9d0e1f2a3b";
  private static final String FINANCE_WORKER = "0f1a2b3c-4d5e-4f6a-9b7c-9d0e1f2a3b4c";
  private static final String NETWORK_WORKER = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
  private static final String COMPLIANT_NETWORK = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";
  private static final Set<String> BREAK_GLASS_USERS =
      Set.of("3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a", "4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b");
  private static final String BREAK_GLASS_GROUP = "5f6a7b8c-9d0e-4f1a-8b2c-4d5e6f7a8b9c";

  private static String enterprise() {
    return TestSupport.read(ENTERPRISE.resolve("estate.yaml"));
  }

  /** The enterprise example with its agents section replaced by {@code agents}. */
  private static String withAgents(String agents) {
    String yaml = enterprise();
    int start = yaml.indexOf("\nagents:\n") + 1;
    int end = yaml.indexOf("\ndata:\n");
    return yaml.substring(0, start) + agents + yaml.substring(end + 1);
  }

  /** Every agent pattern: the enterprise example plus an agent user on a compliant network. */
  private static String allPatterns() {
    return enterprise()
        .replace(
            "        name: Finance reconciliation digital worker\n",
            "        name: Finance reconciliation digital worker\n"
                + "      - key: network-worker\n"
                + "        id: "
                + NETWORK_WORKER
                + "\n        require: compliantNetwork\n"
                + "    compliantNetworkLocationId: "
                + COMPLIANT_NETWORK
                + "\n");
  }

  private static List<Artifact> generate(String yaml) {
    return org.aisecuritybaseline.pipeline.Generator.generate(
        TestSupport.validate("estate.yaml", yaml));
  }

  private static JsonNode policy(List<Artifact> out, String id) {
    return GuidanceTest.policy(out, id);
  }

  private static JsonNode deployment(List<Artifact> out) {
    return Json.parse(
        out.stream()
            .filter(a -> a.path().equals("entra/deployment.json"))
            .findFirst()
            .orElseThrow()
            .text());
  }

  // ---- the beta channel: schemas ---------------------------------------------------------------

  @Test
  void agentBodiesValidateAgainstBetaAndV1RejectsOnlyTheirBetaMembers() {
    List<Artifact> out = generate(allPatterns());
    Map<String, String> versions = TestSupport.apiVersions(out);
    int beta = 0;
    for (Artifact a : out) {
      if (!a.path().startsWith("entra/conditional-access/")) {
        continue;
      }
      JsonNode body = Json.parse(a.text());
      if (versions.get(a.path()).equals("v1.0")) {
        assertEquals(List.of(), Schemas.graph().check(body), a.path());
        assertEquals(List.of(), GraphApi.betaFeatures(body), a.path());
        continue;
      }
      beta++;
      assertEquals(List.of(), Schemas.graphBeta().check(body), a.path());
      // v1.0 refuses the members only beta has, and nothing else ...
      Set<String> betaMembers = new TreeSet<>(Canonical.of(ObjectKind.POLICY, body).betaFields());
      Set<String> refused = new TreeSet<>();
      for (SchemaCheck.Violation v : Schemas.graph().check(body)) {
        assertTrue(betaMembers.contains(v.pointer()), a.path() + " " + v);
        refused.add(v.pointer());
      }
      assertEquals(betaMembers, refused, a.path());
      // ... and the value forms refuse the keywords only beta has, and nothing else.
      List<String> keywords = new ArrayList<>();
      GraphValueForms.betaKeywords(body).forEach(k -> keywords.add(k.keyword()));
      List<String> refusedKeywords = new ArrayList<>();
      GraphValueForms.check(body, "", false)
          .forEach(f -> refusedKeywords.add(body.at(f.pointer()).asString()));
      assertEquals(keywords, refusedKeywords, a.path());
      assertEquals(List.of(), GraphValueForms.check(body, "", true), a.path());
      assertFalse(betaMembers.isEmpty() && keywords.isEmpty(), a.path() + " needs nothing of beta");
    }
    assertEquals(5, beta, "CA050-CA053 and the custom CA101 go through beta");
  }

  /** The one data field decides: a baseline policy is beta exactly when its body needs beta. */
  @Test
  void aBaselinePolicyIsBetaExactlyWhenItsTemplateSaysSoAndItsBodyNeedsIt() {
    for (String yaml :
        List.of(allPatterns(), enterprise(), TestSupport.read(SMALL.resolve("estate.yaml")))) {
      for (PlannedPolicy p : TestSupport.validate("estate.yaml", yaml).expansion().policies()) {
        if (!p.custom()) {
          List<String> needs = GraphApi.betaFeatures(p.body());
          assertEquals(p.beta(), !needs.isEmpty(), p.id() + " " + needs);
          assertEquals(p.beta() ? needs : List.of(), p.betaFeatures(), p.id());
        }
      }
    }
  }

  // ---- the agent patterns --------------------------------------------------------------------

  @Test
  void highRiskAgentIdentitiesAreBlocked() {
    JsonNode p = policy(generate(enterprise()), "CA050");
    assertEquals(
        List.of("All"),
        Json.strings(p.at("/conditions/clientApplications/includeAgentIdServicePrincipals")));
    assertEquals("high", p.at("/conditions/agentIdRiskLevels").asString());
    assertEquals(
        List.of("All"), Json.strings(p.at("/conditions/applications/includeApplications")));
    assertEquals(List.of("block"), Json.strings(p.at("/grantControls/builtInControls")));
    // No person is in its scope, so break-glass accounts can never be blocked by it.
    assertTrue(p.at("/conditions/users").isMissingNode(), p.toString());
    assertEquals("enabledForReportingButNotEnforced", p.get("state").asString());
  }

  @Test
  void unapprovedAgentIdentitiesAreBlockedAndApprovedOnesExcluded() {
    JsonNode p = policy(generate(enterprise()), "CA051");
    JsonNode client = p.at("/conditions/clientApplications");
    assertEquals(List.of("All"), Json.strings(client.get("includeAgentIdServicePrincipals")));
    assertEquals(
        List.of(APPROVED_AGENT, BLUEPRINT),
        Json.strings(client.get("excludeAgentIdServicePrincipals")));
    assertEquals("exclude", client.at("/agentIdServicePrincipalFilter/mode").asString());
    assertEquals(
        "CustomSecurityAttribute.AgentAttributes_AgentApprovalStatus -contains \"IT_Approved\"",
        client.at("/agentIdServicePrincipalFilter/rule").asString());
    assertEquals(List.of("block"), Json.strings(p.at("/grantControls/builtInControls")));
    assertTrue(p.at("/conditions/users").isMissingNode());
    assertTrue(p.at("/conditions/agentIdRiskLevels").isMissingNode(), "every risk level");

    String twoValues =
        enterprise().replace("values: [IT_Approved]", "values: [IT_Approved, HR_Approved]");
    assertEquals(
        "CustomSecurityAttribute.AgentAttributes_AgentApprovalStatus -contains \"IT_Approved\""
            + " -or CustomSecurityAttribute.AgentAttributes_AgentApprovalStatus -contains"
            + " \"HR_Approved\"",
        policy(generate(twoValues), "CA051")
            .at("/conditions/clientApplications/agentIdServicePrincipalFilter/rule")
            .asString());
  }

  @Test
  void withNothingApprovedTheAllowListPoliciesAreLeftOutNotBlockingEveryAgent() {
    var v =
        TestSupport.validate("estate.yaml", withAgents("agents:\n  identities: {}\n  users: {}\n"));
    List<String> ids = v.expansion().policies().stream().map(PlannedPolicy::id).toList();
    assertTrue(ids.containsAll(List.of("CA050", "CA052")), ids.toString());
    assertFalse(ids.contains("CA051") || ids.contains("CA053"), ids.toString());
    String leftOut = v.expansion().leftOut().toString();
    assertContains(leftOut, "the estate approves no agent identity");
    assertContains(leftOut, "the estate approves no agent user");
  }

  @Test
  void riskyAgentUsersAreBlockedAndBreakGlassStaysExcluded() {
    JsonNode p = policy(generate(enterprise()), "CA052");
    assertEquals(List.of("AllAgentIdUsers"), Json.strings(p.at("/conditions/users/includeUsers")));
    assertEquals("medium,high", p.at("/conditions/agentIdRiskLevels").asString());
    assertEquals(List.of("block"), Json.strings(p.at("/grantControls/builtInControls")));
    assertEquals(
        BREAK_GLASS_USERS, Set.copyOf(Json.strings(p.at("/conditions/users/excludeUsers"))));
    assertEquals(List.of(BREAK_GLASS_GROUP), Json.strings(p.at("/conditions/users/excludeGroups")));
  }

  @Test
  void unapprovedAgentUsersAreBlockedAndApprovedOnesAndBreakGlassExcluded() {
    JsonNode p = policy(generate(enterprise()), "CA053");
    assertEquals(List.of("AllAgentIdUsers"), Json.strings(p.at("/conditions/users/includeUsers")));
    Set<String> excluded = Set.copyOf(Json.strings(p.at("/conditions/users/excludeUsers")));
    Set<String> expected = new TreeSet<>(BREAK_GLASS_USERS);
    expected.add(HR_WORKER);
    expected.add(FINANCE_WORKER);
    assertEquals(expected, new TreeSet<>(excluded));
    assertEquals(List.of("block"), Json.strings(p.at("/grantControls/builtInControls")));
    assertTrue(p.at("/conditions/agentIdRiskLevels").isMissingNode(), "every risk level");
  }

  @Test
  void onlyTheAgentUsersMarkedForACompliantDeviceNeedOne() {
    List<Artifact> out = generate(allPatterns());
    JsonNode p = policy(out, "CA054");
    assertEquals(List.of(HR_WORKER), Json.strings(p.at("/conditions/users/includeUsers")));
    assertEquals(List.of("compliantDevice"), Json.strings(p.at("/grantControls/builtInControls")));
    assertEquals("v1.0", TestSupport.apiVersions(out).get(file(out, "CA054")));
    // Without Intune the compliant-device policy cannot be met: left out.
    var noIntune =
        TestSupport.validate("estate.yaml", enterprise().replace("intune: true", "intune: false"));
    assertContains(noIntune.expansion().leftOut().toString(), "CA054");
  }

  @Test
  void theCompliantNetworkPolicyExcludesOnlyTheCompliantNetwork(@TempDir Path dir) {
    List<Artifact> out = generate(allPatterns());
    JsonNode p = policy(out, "CA055");
    assertEquals(List.of(NETWORK_WORKER), Json.strings(p.at("/conditions/users/includeUsers")));
    assertEquals(List.of("All"), Json.strings(p.at("/conditions/locations/includeLocations")));
    assertEquals(
        List.of(COMPLIANT_NETWORK), Json.strings(p.at("/conditions/locations/excludeLocations")));
    assertEquals(List.of("block"), Json.strings(p.at("/grantControls/builtInControls")));
    // Without the location an agent user on a compliant network would be blocked everywhere.
    String noLocation =
        allPatterns().replace("    compliantNetworkLocationId: " + COMPLIANT_NETWORK + "\n", "");
    int line = noLocation.lines().toList().indexOf("        require: compliantNetwork") + 1;
    TestSupport.expectError(dir, noLocation, line, 9, "E309");
  }

  @Test
  void theAgentsResourcesJoinTheGenerativeAiApps(@TempDir Path dir) {
    JsonNode p = policy(generate(enterprise()), "CA040");
    assertTrue(
        Json.strings(p.at("/conditions/applications/includeApplications"))
            .contains("6b7c8d9e-0f1a-4b2c-9d3e-5f6a7b8c9d0e"),
        p.toString());
    String unknown = enterprise().replace("resources: [contracts-mcp]", "resources: [nope]");
    int line = unknown.lines().toList().indexOf("  resources: [nope]") + 1;
    TestSupport.expectError(dir, unknown, line, 15, "E301");
  }

  @Test
  void withoutAnAgentsSectionThereIsNoAgentPolicyAndNoNoticeAboutThem() {
    var v = TestSupport.validate("estate.yaml", TestSupport.read(SMALL.resolve("estate.yaml")));
    for (PlannedPolicy p : v.expansion().policies()) {
      assertFalse(p.id().startsWith("CA05"), p.id());
      assertFalse(p.beta(), p.id());
    }
    assertFalse(v.expansion().leftOut().toString().contains("CA05"));
  }

  @Test
  void theReadmeSaysWhichPoliciesDependOnBetaAndWhy() {
    String readme =
        generate(enterprise()).stream()
            .filter(a -> a.path().equals("README.md"))
            .findFirst()
            .orElseThrow()
            .text();
    String section =
        readme.substring(
            readme.indexOf("## Deployed through Microsoft Graph beta"),
            readme.indexOf("## AI agents"));
    for (String id : List.of("CA050", "CA051", "CA052", "CA053", "CA101")) {
      assertContains(section, "| " + id + " |");
    }
    assertFalse(section.contains("| CA054 |"), section);
    assertContains(section, "`conditions.agentIdRiskLevels`");
    assertContains(section, "`AllAgentIdUsers` in `conditions.users.includeUsers`");
    assertContains(readme, "through\n   `https://graph.microsoft.com/beta`");
  }

  @Test
  void thePlanSaysWhichNewPolicyGoesThroughBetaAndWhy(@TempDir Path dir) {
    String before = withAgents("");
    Path beforeFile = TestSupport.write(dir, "before/estate.yaml", before);
    Path out = dir.resolve("out");
    assertEquals(
        0, TestSupport.cli("generate", beforeFile.toString(), "--out", out.toString()).code());
    Path afterFile = TestSupport.write(dir, "after/estate.yaml", enterprise());
    TestSupport.Run run =
        TestSupport.cli(
            "plan", afterFile.toString(), "--against", out.toString(), "--format", "json");
    assertEquals(0, run.code(), run.err());
    JsonNode plan = Json.parse(run.out());
    Map<String, String> facts = new java.util.TreeMap<>();
    for (JsonNode f : plan.get("files")) {
      StringBuilder b = new StringBuilder();
      f.path("facts")
          .forEach(
              x ->
                  b.append(x.get("label").asString())
                      .append(": ")
                      .append(x.get("value").asString())
                      .append('\n'));
      facts.put(f.get("path").asString(), b.toString());
    }
    assertContains(
        facts.get(file(generate(enterprise()), "CA050")),
        "Graph API: beta (only beta has conditions.agentIdRiskLevels,"
            + " conditions.clientApplications.includeAgentIdServicePrincipals)");
    assertFalse(
        facts.get(file(generate(enterprise()), "CA054")).contains("Graph API"),
        "a v1.0 policy says nothing about its version");
  }

  @Test
  void explainSaysWhatAnAgentPolicyCoversAndWhyItIsBeta() {
    TestSupport.Run run =
        TestSupport.cli(
            "explain", "CA051", "--estate", ENTERPRISE.resolve("estate.yaml").toString());
    assertEquals(0, run.code(), run.err());
    assertContains(run.out(), "Microsoft Graph: beta.");
    assertContains(
        run.out(), "https://learn.microsoft.com/entra/identity/conditional-access/agent-id");
    assertContains(
        run.out(), "agent identities: include All; exclude " + APPROVED_AGENT + ", " + BLUEPRINT);
    assertContains(run.out(), "apps covered: every resource, for agents");
    TestSupport.Run none =
        TestSupport.cli("explain", "CA052", "--estate", SMALL.resolve("estate.yaml").toString());
    assertContains(none.out(), "only the estate's agents section brings it in");
  }

  // ---- the agent patterns, evaluated: approved agents and break-glass are never blocked --------

  /** What the sign-in gets once every policy is enforced (report-only ones included). */
  private static org.aisecuritybaseline.access.Decision whatIf(
      String yaml, String who, String agentRisk) {
    var v = TestSupport.validate("estate.yaml", yaml);
    var d = new org.aisecuritybaseline.access.Directory(v.estate(), v.expansion().policies());
    var s =
        new org.aisecuritybaseline.access.SignIn(
            d.who(who).orElseThrow(() -> new AssertionError("no --user " + who)),
            d.app("all").orElseThrow(),
            null,
            null,
            null,
            null,
            null,
            null,
            agentRisk);
    return new org.aisecuritybaseline.access.Evaluator(d).evaluate(s).withReportOnly();
  }

  @Test
  void approvedAgentsAreNeverBlockedUnlessHighRisk() {
    String noAttribute =
        enterprise()
            .replace(
                "    approvalAttribute:\n      attributeSet: AgentAttributes\n"
                    + "      attribute: AgentApprovalStatus\n      values: [IT_Approved]\n",
                "");
    for (String who : List.of("agent:invoice-agent", "agent:contoso-copilot-studio")) {
      for (String risk : List.of("none", "low", "medium")) {
        var d = whatIf(noAttribute, who, risk);
        assertEquals("allow", d.result(), who + " at " + risk + ": " + d);
        assertEquals(List.of(), d.conditional(), who);
      }
      // A compromise signal outweighs approval (CA050).
      var high = whatIf(noAttribute, who, "high");
      assertEquals("block", high.result(), who);
      assertEquals(List.of("CA050"), high.policies());
    }
    // An agent nobody approved is blocked (CA051); with an approval attribute, unless its
    // attribute carries an approved value, which the engine does not evaluate.
    var unapproved = whatIf(noAttribute, "agent", "none");
    assertEquals("block", unapproved.result());
    assertEquals(List.of("CA051"), unapproved.policies());
    var withAttribute = whatIf(enterprise(), "agent", "none");
    assertEquals("allow", withAttribute.result());
    assertContains(withAttribute.conditional().toString(), "CA051 (block) when the agent's custom");
  }

  @Test
  void approvedAgentUsersAreNeverBlockedAndOthersAre() {
    for (String who :
        List.of("agent-user:hr-digital-worker", "agent-user:finance-digital-worker")) {
      var d = whatIf(enterprise(), who, "low");
      assertFalse(d.result().equals("block"), who + ": " + d);
    }
    assertEquals(
        List.of("compliant device"),
        whatIf(enterprise(), "agent-user:hr-digital-worker", "none").controls());
    assertEquals("block", whatIf(enterprise(), "agent-user", "none").result());
    assertEquals(
        List.of("CA052"),
        whatIf(enterprise(), "agent-user:finance-digital-worker", "medium").policies());
  }

  @Test
  void peopleAndBreakGlassAreNotInTheAgentPolicies() {
    var v = TestSupport.validate("estate.yaml", allPatterns());
    var d = new org.aisecuritybaseline.access.Directory(v.estate(), v.expansion().policies());
    for (String who : List.of("break-glass", "member", "admin")) {
      var o =
          new org.aisecuritybaseline.access.Evaluator(d)
              .evaluate(
                  org.aisecuritybaseline.access.SignIn.of(
                      d.who(who).orElseThrow(), d.app("all").orElseThrow()));
      for (var r : o.policies()) {
        if (r.id().compareTo("CA050") >= 0 && r.id().compareTo("CA055") <= 0) {
          assertEquals(
              org.aisecuritybaseline.access.PolicyResult.Verdict.DOES_NOT_APPLY,
              r.verdict(),
              who + " " + r.id() + " " + r.why());
        }
      }
    }
  }

  // ---- custom policies through beta ----------------------------------------------------------

  private static final String CUSTOM =
      "  - id: CA102\n"
          + "    name: Block risky agents\n"
          + "%s"
          + "    policy:\n"
          + "      conditions:\n"
          + "        clientApplications:\n"
          + "          includeAgentIdServicePrincipals: [All]\n"
          + "        applications:\n"
          + "          includeApplications: [All]\n"
          + "        agentIdRiskLevels: medium\n"
          + "      grantControls:\n"
          + "        operator: OR\n"
          + "        builtInControls: [block]\n";

  private static String withCustom(String custom) {
    return enterprise().replace("\nagents:\n", "\n" + custom + "agents:\n");
  }

  @Test
  void aBetaMemberInAV1CustomPolicyIsRefusedWithTheWayOut(@TempDir Path dir) {
    String yaml = withCustom(CUSTOM.formatted(""));
    int line = yaml.lines().toList().indexOf("        agentIdRiskLevels: medium") + 1;
    TestSupport.Run run = TestSupport.expectError(dir, yaml, line, 9, "E307");
    assertContains(run.err(), "'conditions.agentIdRiskLevels' exists only in Microsoft Graph beta");
    assertContains(run.err(), "set graphApi: beta on this custom policy");
  }

  @Test
  void aCustomPolicyWithGraphApiBetaIsValidatedAgainstBetaAndDeployedThroughIt() {
    List<Artifact> out = generate(withCustom(CUSTOM.formatted("    graphApi: beta\n")));
    JsonNode p = policy(out, "CA102");
    assertEquals(List.of(), Schemas.graphBeta().check(p));
    assertEquals("beta", TestSupport.apiVersions(out).get(file(out, "CA102")));
  }

  @Test
  void aCustomPolicyWithGraphApiBetaIsCheckedAgainstBeta(@TempDir Path dir) {
    String yaml =
        withCustom(CUSTOM.formatted("    graphApi: beta\n").replace("medium\n", "severe\n"));
    int line = yaml.lines().toList().indexOf("        agentIdRiskLevels: severe") + 1;
    TestSupport.Run run = TestSupport.expectError(dir, yaml, line, 28, "E307");
    assertContains(run.err(), "not a valid Graph beta conditionalAccessPolicy");
  }

  @Test
  void aBetaKeywordInAV1CustomPolicyIsRefusedWithTheWayOut(@TempDir Path dir) {
    String yaml = enterprise().replace("    graphApi: beta\n", "");
    int line =
        yaml.lines().toList().indexOf("          includeApplications: [AllAgentIdResources]") + 1;
    TestSupport.Run run = TestSupport.expectError(dir, yaml, line, 33, "E312");
    assertContains(run.err(), "'AllAgentIdResources' is a keyword only Microsoft Graph beta takes");
  }

  @Test
  void betaForAPolicyThatNeedsNothingOfBetaIsAWarning(@TempDir Path dir) {
    String yaml =
        enterprise()
            .replace(
                "    stage: report-only\n    policy:\n      conditions:\n        users:\n"
                    + "          includeUsers: [All]\n          excludeGroups:",
                "    stage: report-only\n    graphApi: beta\n    policy:\n      conditions:\n"
                    + "        users:\n          includeUsers: [All]\n          excludeGroups:");
    Path file = TestSupport.write(dir, "estate.yaml", yaml);
    TestSupport.Run run = TestSupport.cli("validate", file.toString());
    assertEquals(0, run.code(), run.err());
    assertContains(run.err(), "warning[W405]");
    assertContains(run.err(), "remove graphApi: beta");
  }

  // ---- what the deploy script reads ----------------------------------------------------------

  @Test
  void deploymentJsonNamesEachPolicysGraphVersion() {
    List<Artifact> out = generate(allPatterns());
    Set<String> beta = new TreeSet<>();
    for (JsonNode p : deployment(out).get("policies")) {
      String version = p.get("apiVersion").asString();
      assertTrue(List.of("v1.0", "beta").contains(version), p.toString());
      JsonNode body = Json.parse(artifact(out, "entra/" + p.get("file").asString()));
      assertEquals(
          version.equals("beta"), !GraphApi.betaFeatures(body).isEmpty(), p.get("id") + "");
      if (version.equals("beta")) {
        beta.add(p.get("id").asString());
      }
    }
    assertEquals(Set.of("CA050", "CA051", "CA052", "CA053", "CA101"), beta);
    for (JsonNode p :
        deployment(generate(TestSupport.read(SMALL.resolve("estate.yaml")))).get("policies")) {
      assertEquals("v1.0", p.get("apiVersion").asString(), p.toString());
    }
  }

  @Test
  void theDeployScriptSendsEachPolicyThroughItsGraphVersion() {
    String script = artifact(generate(enterprise()), "entra/deploy-conditional-access.ps1");
    String code = DeployScriptsTest.code(script);
    assertContains(
        code,
        "$GraphBases = @{ 'v1.0' = $GraphBase; 'beta' = 'https://graph.microsoft.com/beta' }");
    assertContains(code, "$apiVersion = Get-MemberValue -Object $entry -Name 'apiVersion'");
    assertContains(
        code,
        "if (-not (($apiVersion -is [string]) -and (@('v1.0', 'beta') -ccontains $apiVersion))) {");
    assertContains(code, "$problems.Add($context + ': apiVersion must be \"v1.0\" or \"beta\".')");
    assertContains(code, "GraphBase      = $GraphBases[[string]$apiVersion]");
    // Listed, read by ID, created and updated through the policy's own version ...
    assertContains(
        code,
        "$existingPoliciesByVersion[$policy.ApiVersion] = @(Get-GraphCollection -Uri ($policy.GraphBase"
            + " + '/identity/conditionalAccess/policies'))");
    assertContains(
        code,
        "Get-AdoptionTarget -Uri ($policy.GraphBase + '/identity/conditionalAccess/policies/'");
    assertContains(
        code, "$policiesUri = $policy.GraphBase + '/identity/conditionalAccess/policies'");
    assertContains(
        code, "Invoke-CaWrite -Method 'POST' -Uri $policiesUri -Body $bodyText -Target $target");
    assertContains(
        code,
        "Invoke-CaWrite -Method 'PATCH' -Uri ($policiesUri + '/' + $existingId) -Body $bodyText"
            + " -Target $target");
    // ... and never through the v1.0 base directly.
    assertFalse(code.contains("$GraphBase + '/identity/conditionalAccess/policies"), code);
  }

  private static String file(List<Artifact> out, String id) {
    return out.stream()
        .map(Artifact::path)
        .filter(p -> p.startsWith("entra/conditional-access/" + id + "-"))
        .findFirst()
        .orElseThrow();
  }

  private static String artifact(List<Artifact> out, String path) {
    return out.stream()
        .filter(a -> a.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + path))
        .text();
  }
}
