package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.plan.Plan;
import org.aisecuritybaseline.plan.PlanBuilder;
import org.aisecuritybaseline.plan.PlanJson;
import org.aisecuritybaseline.plan.PlanMarkdown;
import org.aisecuritybaseline.plan.Snapshot;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An estate at the platform limits (195 Conditional Access policies, 190 named locations, 100 DLP
 * policies, 1,000 Azure subscriptions, 300 AWS accounts and 300 GCP projects), planned against
 * nothing and against an older output: hundreds of highlights, and the Markdown plan still fits in
 * a pull-request comment.
 */
public class PlanAtLimitsTest {
  static final int CUSTOM_POLICIES = 173;
  static final int LOCATIONS = 190;
  static final int DLP_POLICIES = 98;
  static final int SUBSCRIPTIONS = 1000;
  static final int AWS_ACCOUNTS = 300;
  static final int GCP_PROJECTS = 300;

  @TempDir Path tmp;

  /**
   * The older estate: everything report-only or in simulation, narrow trusted ranges, no exclusions
   * in the custom policies, two break-glass accounts. The newer one enforces everything, widens
   * every trusted location, excludes a group from each custom policy (with a long display name),
   * drops a break-glass account and downgrades a Defender plan in every subscription. (Public:
   * json/BinderTest binds both.)
   */
  public static String estate(boolean newer) {
    String longText = " and a long explanation that a reviewer must read".repeat(4);
    StringBuilder y = new StringBuilder();
    y.append(
        """
        apiVersion: ai-security-baseline/v1
        kind: Estate
        tenant:
          id: 8e2f4c6a-1b3d-4f5e-a7c9-0d2e4f6a8b0c
          primaryDomain: contoso.com
          licences: [microsoft365E5]
          services:
            intune: true
            purviewInsiderRisk: true
            microsoft365Copilot: true
            securityCopilot: true
        breakGlass:
          accounts:
            - id: 3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a
              name: emergency-01@contoso.onmicrosoft.com
        """);
    if (!newer) {
      y.append(
          "    - id: 4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b\n      name: emergency-02@contoso.onmicrosoft.com\n");
    }
    y.append(
        "groups:\n  - key: pilot\n    id: 6a7b8c9d-0e1f-4a2b-9c3d-5e6f7a8b9c0d\n    name: SG-CA-Pilot\n    purpose: pilot\n");
    for (int i = 0; i < CUSTOM_POLICIES; i++) {
      y.append("  - key: team-")
          .append(i)
          .append("\n    id: ")
          .append(guid(0x1000 + i))
          .append("\n    name: SG-Team-")
          .append(i)
          .append(longText)
          .append("\n    purpose: other\n");
    }
    y.append("namedLocations:\n");
    for (int i = 0; i < LOCATIONS; i++) {
      y.append("  - key: site-")
          .append(i)
          .append("\n    name: Site ")
          .append(i)
          .append(longText)
          .append("\n    trusted: true\n    ipRanges: [")
          .append(newer ? "10." + (i % 16 * 16) + ".0.0/12, " : "")
          .append("192.0.")
          .append(i)
          .append(".0/24]\n");
    }
    y.append("baseline:\n  tier: enterprise\n  defaultStage: ")
        .append(newer ? "enabled" : "report-only")
        .append("\n");
    y.append("customPolicies:\n");
    for (int i = 0; i < CUSTOM_POLICIES; i++) {
      y.append("  - id: CA")
          .append(100 + i)
          .append("\n    name: Custom policy ")
          .append(i)
          .append("\n    summary: Blocks sign-ins to everything from site ")
          .append(i)
          .append(".\n    stage: ")
          .append(newer ? "enabled" : "report-only")
          .append("\n    policy:\n      conditions:\n        users:\n")
          .append("          includeUsers: [All]\n");
      if (newer) {
        y.append("          excludeGroups: [\"group:team-").append(i).append("\"]\n");
      }
      y.append(
              "        applications:\n          includeApplications: [All]\n        clientAppTypes: [all]\n")
          .append("        locations:\n          includeLocations: [\"namedLocation:site-")
          .append(i % LOCATIONS)
          .append("\"]\n")
          .append("      grantControls:\n        operator: OR\n        builtInControls: [block]\n");
    }
    y.append("data:\n  sensitiveInfoTypes: [creditCardNumber]\n  customPolicies:\n");
    for (int i = 0; i < DLP_POLICIES; i++) {
      y.append("    - id: DLP")
          .append(100 + i)
          .append("\n      name: Custom DLP ")
          .append(i)
          .append("\n      summary: Policy ")
          .append(i)
          .append(".\n      stage: ")
          .append(newer ? "enabled" : "simulation")
          .append("\n      locations: [exchange]\n      rules:\n        - name: Cards\n")
          .append(
              "          sensitiveInfoTypes: [creditCardNumber]\n          actions:\n            blockAccess: true\n");
    }
    y.append("threat:\n  azure:\n    subscriptions:\n");
    for (int i = 0; i < SUBSCRIPTIONS; i++) {
      y.append("      - id: ")
          .append(guid(0x20000 + i))
          .append("\n        name: Subscription ")
          .append(i)
          .append("\n");
      if (newer) {
        y.append("        plans:\n          KeyVaults: {tier: Free}\n");
      }
    }
    y.append("  connectorHost:\n    subscription: ")
        .append(guid(0x20000))
        .append("\n    resourceGroup: rg-mdc\n    location: westeurope\n");
    y.append("  aws:\n    accounts:\n");
    for (int i = 0; i < AWS_ACCOUNTS; i++) {
      y.append("      - id: \"")
          .append(String.format("%012d", 100_000_000_000L + i))
          .append("\"\n        offerings: [cspm, servers]\n");
    }
    y.append("  gcp:\n    projects:\n");
    for (int i = 0; i < GCP_PROJECTS; i++) {
      y.append("      - projectId: project-")
          .append(i)
          .append("\n        projectNumber: \"")
          .append(500_000_000 + i)
          .append("\"\n        offerings: [cspm]\n");
    }
    return y.toString();
  }

  private static String guid(int n) {
    return String.format("%08x-1b3d-4f5e-a7c9-%012x", n, n);
  }

  @Test
  void theMarkdownPlanFitsAtThePlatformLimits() {
    String older = estate(false);
    String newer = estate(true);
    assertTrue(
        newer.length() < 1 << 20,
        "the estate stays under the 1 MiB input limit: " + newer.length());
    Snapshot before =
        Snapshot.of("older", Generator.generate(TestSupport.validate("older.yaml", older)));
    var validated = TestSupport.validate("newer.yaml", newer);
    assertEquals(
        195,
        validated.expansion().policies().size(),
        "the tenant limit of Conditional Access policies");
    Snapshot after = Snapshot.of("newer", Generator.generate(validated));

    Plan plan = PlanBuilder.build(validated.infos(), before, after);
    JsonNode json = Json.parse(PlanJson.render(plan));
    assertEquals(List.of(), SchemaCheck.fromResource("/schemas/plan.schema.json").check(json));
    assertTrue(
        plan.highlights().size() >= 300, "hundreds of highlights: " + plan.highlights().size());
    String markdown = PlanMarkdown.render(plan);
    assertTrue(markdown.length() <= PlanMarkdown.LIMIT, "length " + markdown.length());
    assertContains(markdown, "### Highlights");
    assertContains(markdown, "| Kind | High | Medium |");
    assertContains(markdown, "more highlights");

    // A first plan of the same estate, through the command line.
    Path estate = TestSupport.write(tmp, "estate.yaml", newer);
    TestSupport.Run run =
        TestSupport.cli("plan", estate.toString(), "--against-empty", "--format", "markdown");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().length() <= PlanMarkdown.LIMIT, "length " + run.out().length());
    assertContains(run.out(), "| Kind | High | Medium |");
  }
}
