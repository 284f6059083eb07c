package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Sensitivity labels as data: an estate with a label taxonomy and no GUIDs gets labels, label
 * policies and DLP policies that refer to them, in a safe order, each definition in the cmdlets'
 * documented parameters; and the estate's mistakes are reported where they are.
 */
class LabelsTest {
  private static final JsonNode PARAMETERS =
      Json.parseResource("/data/dlp-cmdlet-parameters.json").get("cmdlets");

  @TempDir Path tmp;

  private static Map<String, String> files(List<Artifact> artifacts) {
    Map<String, String> out = new HashMap<>();
    artifacts.forEach(a -> out.put(a.path(), a.text()));
    return out;
  }

  private static Set<String> parameters(String cmdlet) {
    Set<String> out = new HashSet<>();
    JsonNode list = PARAMETERS.path(cmdlet).path("parameters");
    assertTrue(list.isArray() && !list.isEmpty(), "no documented parameters for " + cmdlet);
    list.forEach(p -> out.add(p.asString()));
    return out;
  }

  @Test
  void aTaxonomyWithoutGuidsDeploysLabelsThenPoliciesThenDlp() {
    Map<String, String> out =
        files(TestSupport.generate(TestSupport.root().resolve("examples/small-p1/estate.yaml")));
    JsonNode deployment = Json.parse(out.get("purview/deployment.json"));
    List<String> order = new ArrayList<>();
    deployment.get("labels").forEach(l -> order.add(l.get("name").asString()));
    assertEquals(13, order.size(), "twelve labels of the preset and the estate's own");
    Set<String> setLabel = parameters("Set-Label");
    Set<String> newLabel = parameters("New-Label");
    for (JsonNode entry : deployment.get("labels")) {
      JsonNode label = Json.parse(out.get("purview/" + entry.get("file").asString())).get("label");
      assertEquals(entry.get("name").asString(), label.get("Name").asString());
      label
          .propertyNames()
          .forEach(
              p ->
                  assertTrue(
                      p.equals("Name") ? newLabel.contains(p) : setLabel.contains(p),
                      p + " is not a documented parameter of Set-Label"));
      if (label.has("ParentId")) {
        int parent = order.indexOf(label.get("ParentId").asString());
        assertTrue(
            parent >= 0 && parent < order.indexOf(label.get("Name").asString()),
            label.get("Name") + " comes after its parent");
      }
      assertContains(label.get("Comment").asString(), "[managed by ai-security-baseline]");
      assertFalse(label.toString().matches(".*[0-9a-f]{8}-[0-9a-f]{4}-.*"), "no GUID: " + label);
    }
    Set<String> newLabelPolicy = parameters("New-LabelPolicy");
    for (JsonNode entry : deployment.get("labelPolicies")) {
      JsonNode policy =
          Json.parse(out.get("purview/" + entry.get("file").asString())).get("policy");
      policy
          .propertyNames()
          .forEach(
              p ->
                  assertTrue(
                      newLabelPolicy.contains(p),
                      p + " is not a documented parameter of New-LabelPolicy"));
      policy.get("Labels").forEach(l -> assertTrue(order.contains(l.asString()), l + " deployed"));
    }
    // The board policy publishes the board label with its parent.
    JsonNode board = Json.parse(out.get("purview/labels/policies/board.json")).get("policy");
    assertEquals(
        "[\"Highly Confidential\",\"Highly Confidential - Board only\"]",
        Json.compact(board.get("Labels")));
    // DLP rules name managed labels by token, each one a label deployed before them.
    String dlp = out.get("purview/dlp/DLP100-custom.json");
    Matcher m = Pattern.compile("\\{label:([A-Za-z0-9 ._()-]+)\\}").matcher(dlp);
    int tokens = 0;
    while (m.find()) {
      tokens++;
      assertTrue(order.contains(m.group(1)), m.group(1) + " is a label the script deploys");
    }
    assertEquals(3, tokens);
  }

  @Test
  void thePresetFollowsMicrosoftsDefaultLabels() {
    Map<String, String> out =
        files(TestSupport.generate(TestSupport.root().resolve("examples/small-p1/estate.yaml")));
    JsonNode trusted =
        Json.parse(out.get("purview/labels/confidential-trusted-people.json")).get("label");
    assertEquals("UserDefined", trusted.get("EncryptionProtectionType").asString());
    assertTrue(trusted.get("EncryptionEncryptOnly").asBoolean());
    assertTrue(trusted.get("EncryptionPromptUser").asBoolean());
    JsonNode allEmployees =
        Json.parse(out.get("purview/labels/highly-confidential-all-employees.json")).get("label");
    assertEquals(
        "fabrikam.onmicrosoft.com:VIEW,VIEWRIGHTSDATA,DOCEDIT,EDIT,PRINT,EXTRACT,REPLY,REPLYALL,FORWARD,OBJMODEL",
        allEmployees.get("EncryptionRightsDefinitions").asString());
    assertEquals("Highly Confidential", allEmployees.get("ParentId").asString());
    assertEquals("File, Email", allEmployees.get("ContentType").asString());
    JsonNode hc = Json.parse(out.get("purview/labels/highly-confidential.json")).get("label");
    assertEquals("HIGHLY CONFIDENTIAL", hc.get("ApplyWaterMarkingText").asString());
  }

  private static final String E5 = DlpValidationTest.BASE;

  private TestSupport.Run invalid(String data, String marker, String code) {
    String yaml = E5 + "data:\n" + data;
    int at = yaml.indexOf(marker);
    assertTrue(at >= 0, marker);
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      if (yaml.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return TestSupport.expectError(tmp, yaml, line, at - lineStart + 1, code);
  }

  @Test
  void aLabelTheToolCreatesNeedsATooltip() {
    var run = invalid("  labels:\n    - key: secret\n      name: Secret\n", "key: secret", "E313");
    assertContains(run.err(), "needs a 'tooltip'");
  }

  @Test
  void anExistingLabelIsNotChanged() {
    var run =
        invalid(
            "  labels:\n    - key: old\n      name: Old\n      id: 9c5f1a3e-2b4d-4e6f-8a0b-1c2d3e4f5a60\n"
                + "      marking: {footer: {text: Old}}\n",
            "{footer",
            "E313");
    assertContains(run.err(), "remove marking");
  }

  @Test
  void oneLevelOfSublabels() {
    var run =
        invalid(
            "  labelPreset: microsoftDefault\n  labels:\n    - key: deep\n      name: Deep\n"
                + "      tooltip: Too deep.\n      parent: general-anyone\n",
            "general-anyone\n",
            "E313");
    assertContains(run.err(), "one level of sublabels");
  }

  @Test
  void presetKeysAreTaken() {
    var run =
        invalid(
            "  labelPreset: microsoftDefault\n  labels:\n    - key: public\n      name: Mine\n"
                + "      tooltip: Mine.\n",
            "public\n      name: Mine",
            "E303");
    assertContains(run.err(), "also a label of the preset microsoftDefault");
  }

  @Test
  void namesInTheTenantAreUnique() {
    var run =
        invalid(
            "  labels:\n    - key: a\n      name: Same\n      tooltip: A.\n"
                + "    - key: b\n      name: same\n      tooltip: B.\n",
            "same\n",
            "E303");
    assertContains(run.err(), "would both be named");
  }

  @Test
  void everyoneOrNamedUsers() {
    var run =
        invalid(
            "  labels:\n    - key: a\n      name: A\n      tooltip: A.\n  labelPolicies:\n"
                + "    - key: p\n      name: P\n      labels: [a]\n"
                + "      publishTo: {everyone: true, users: [x@contoso.com]}\n",
            "true, users",
            "E313");
    assertContains(run.err(), "cannot also name users or groups");
  }

  @Test
  void groupsArePublishedToByMail() {
    var run =
        invalid(
            "  labels:\n    - key: a\n      name: A\n      tooltip: A.\n  labelPolicies:\n"
                + "    - key: p\n      name: P\n      labels: [a]\n      publishTo: {groups: [nomail]}\n",
            "nomail]}",
            "E301");
    assertContains(run.err(), "has no 'mail'");
  }

  @Test
  void encryptionIsFixedOrUserDefined() {
    var run =
        invalid(
            "  labels:\n    - key: a\n      name: A\n      tooltip: A.\n      encryption:\n"
                + "        rights: [{to: contoso.com, rights: [VIEW]}]\n"
                + "        userDefined: {promptUser: true}\n",
            "{promptUser",
            "E313");
    assertContains(run.err(), "not both");
  }

  @Test
  void oversharedSitesAreSharePointSites() {
    TestSupport.expectError(
        tmp,
        E5
            + "data:\n  copilotReadiness:\n    oversharedSites:\n"
            + "      - {url: 'https://contoso-my.sharepoint.com/personal/a', reason: Shared with everyone.}\n",
        E5.split("\n", -1).length + 3,
        15,
        "E204");
  }

  @Test
  void theReadmeGivesTheRestrictedContentDiscoveryCommands() {
    Map<String, String> out =
        files(
            TestSupport.generate(TestSupport.root().resolve("examples/enterprise-p2/estate.yaml")));
    String readme = out.get("README.md");
    assertContains(readme, "Connect-SPOService -Url https://contoso-admin.sharepoint.com");
    assertContains(
        readme,
        "Set-SPOSite -Identity 'https://contoso.sharepoint.com/sites/HR-Archive'"
            + " -RestrictContentOrgWideSearch $true");
    assertContains(readme, "| DSPM for AI - Protect sensitive data from Copilot processing |");
    assertContains(readme, "covered by DLP001");
    JsonNode deployment = Json.parse(out.get("purview/deployment.json"));
    assertTrue(deployment.get("readiness").get("unifiedAuditLogIngestion").asBoolean());
    assertEquals(
        "DSPM for AI - Block sensitive info from AI sites",
        deployment.get("verify").get(0).get("names").get(0).asString());
  }

  /**
   * New-FeatureConfiguration.md (office-docs-powershell at 93336da2), Example 1, -ScenarioConfig.
   */
  private static final String EXAMPLE_1_SCENARIO =
      "{\"Activities\":[\"UploadText\",\"DownloadText\"],\"EnforcementPlanes\":[\"CopilotExperiences\",\"Browser\"],\"SensitiveTypeIds\":[\"All\"],\"IsIngestionEnabled\":true}";

  /** The same example's -Locations. */
  private static final String EXAMPLE_1_LOCATIONS =
      "[{\"Workload\":\"Applications\",\"Location\":\"52655\",\"LocationSource\":\"SaaS\",\"LocationType\":\"Individual\",\"Inclusions\":[{\"Type\":\"Tenant\",\"Identity\":\"All\",\"DisplayName\":\"All\",\"Name\":\"All\"}]},{\"Workload\":\"Applications\",\"Location\":\"49baeafd-1a6b-4c58-be55-75ae6d1dff6a\",\"LocationSource\":\"PurviewConfig\",\"LocationType\":\"Group\",\"Inclusions\":[{\"Type\":\"Tenant\",\"Identity\":\"All\",\"DisplayName\":\"All\",\"Name\":\"All\"}]}]";

  @Test
  void theCopilotCollectionPolicyIsTheDocumentedExample() {
    for (boolean capture : List.of(true, false)) {
      Path estate =
          TestSupport.write(
              tmp,
              "collect-" + capture + ".yaml",
              E5
                  + "data:\n  dspmForAi:\n    collectCopilotInteractions: {captureContent: "
                  + capture
                  + "}\n");
      Map<String, String> out = files(TestSupport.generate(estate));
      JsonNode deployment = Json.parse(out.get("purview/deployment.json"));
      JsonNode entry = deployment.get("featureConfigurations").get(0);
      assertEquals("AISB - Collect Copilot interactions", entry.get("name").asString());
      assertTrue(
          deployment.get("readiness").get("unifiedAuditLogIngestion").asBoolean(),
          "the audit log is checked for the collection policy");
      JsonNode f =
          Json.parse(out.get("purview/" + entry.get("file").asString()))
              .get("featureConfiguration");
      Set<String> documented = parameters("New-FeatureConfiguration");
      f.propertyNames()
          .forEach(
              p ->
                  assertTrue(
                      documented.contains(p),
                      p + " is not a documented parameter of New-FeatureConfiguration"));
      assertEquals(entry.get("name").asString(), f.get("Name").asString());
      assertEquals("KnowYourData", f.get("FeatureScenario").asString());
      assertEquals("Enable", f.get("Mode").asString());
      assertContains(f.get("Comment").asString(), "[managed by ai-security-baseline]");
      JsonNode expected = Json.parse(EXAMPLE_1_SCENARIO);
      ((tools.jackson.databind.node.ObjectNode) expected).put("IsIngestionEnabled", capture);
      assertEquals(expected, Json.parse(f.get("ScenarioConfig").asString()));
      assertEquals(Json.parse(EXAMPLE_1_LOCATIONS), Json.parse(f.get("Locations").asString()));
      assertContains(
          out.get("README.md"),
          capture ? "prompts and responses captured" : "activity only, no prompt or response text");
    }
  }

  @Test
  void theCollectionPolicyNeedsTheAuditLog() {
    var run =
        invalid(
            "  copilotReadiness:\n    auditLog: false\n  dspmForAi:\n"
                + "    collectCopilotInteractions: {captureContent: true}\n",
            "false",
            "E313");
    assertContains(run.err(), "remove 'auditLog: false'");
  }
}
