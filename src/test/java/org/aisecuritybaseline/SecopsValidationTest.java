package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors in the secops section, each with its file, line and column; no section, no output. */
class SecopsValidationTest {
  static final String BASE = ValidationErrorsTest.BASE;

  /** The 1-based line of the first line appended to BASE. */
  static final int FIRST = (int) BASE.lines().count() + 1;

  static final String CREATE =
      """
      secops:
        workspace:
          create:
            subscription: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
            resourceGroup: rg-sec
            name: law-sec
            location: westeurope
      """;

  static final String EXISTING =
      "/subscriptions/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/resourceGroups/rg-sec/providers/"
          + "Microsoft.OperationalInsights/workspaces/law-sec";

  @TempDir Path tmp;

  private TestSupport.Run expectError(String yaml, int line, int col, String code) {
    return TestSupport.expectError(tmp, yaml, line, col, code);
  }

  @Test
  void aCreatedWorkspaceIsValidAndConnectsWhatApplies() throws Exception {
    Path file = TestSupport.write(tmp, "estate.yaml", BASE + CREATE);
    Path out = tmp.resolve("out");
    TestSupport.Run run = TestSupport.cli("generate", file.toString(), "--out", out.toString());
    assertEquals(0, run.code(), run.err());
    assertContains(run.out(), "Sentinel with 3 data connectors");
    String readme = Files.readString(out.resolve("README.md"));
    assertContains(
        readme,
        "| defenderForCloud | Microsoft Defender for Cloud | no Azure subscription is declared");
    assertContains(
        Files.readString(out.resolve("secops/sentinel.json")), "\"retentionInDays\": 90");
  }

  @Test
  void noSectionNoFilesAndNothingSaid() {
    Path file = TestSupport.write(tmp, "estate.yaml", BASE);
    TestSupport.Run run =
        TestSupport.cli("generate", file.toString(), "--out", tmp.resolve("out").toString());
    assertEquals(0, run.code(), run.err());
    assertFalse(Files.exists(tmp.resolve("out/secops")));
    assertFalse(run.out().contains("Sentinel"), run.out());
  }

  @Test
  void defenderForCloudWithoutSubscriptions() {
    var run =
        expectError(
            BASE + CREATE + "  sentinel:\n    connectors: [entraId, defenderForCloud]\n",
            FIRST + 8,
            27,
            "E314");
    assertContains(run.err(), "there are none; declare them there or remove defenderForCloud");
  }

  @Test
  void anExistingWorkspaceNeedsARegionForTheEntraIdSettings() {
    var run =
        expectError(
            BASE + "secops:\n  workspace:\n    resourceId: " + EXISTING + "\n",
            FIRST + 2,
            5,
            "E314");
    assertContains(run.err(), "set secops.deploymentLocation");
  }

  @Test
  void anExistingWorkspaceWithARegionOrWithoutEntraIdIsValid() {
    for (String extra :
        new String[] {
          "  deploymentLocation: westeurope\n", "  sentinel: {connectors: [defenderXdr]}\n"
        }) {
      Path file =
          TestSupport.write(
              tmp,
              "estate.yaml",
              BASE + "secops:\n  workspace:\n    resourceId: " + EXISTING + "\n" + extra);
      TestSupport.Run run = TestSupport.cli("validate", file.toString());
      assertEquals(0, run.code(), run.err());
    }
  }

  @Test
  void aMalformedResourceId() {
    var run =
        expectError(
            BASE
                + "secops:\n  workspace:\n    resourceId: "
                + EXISTING.replace("Microsoft.OperationalInsights", "Microsoft.Insights")
                + "\n  deploymentLocation: westeurope\n",
            FIRST + 2,
            17,
            "E204");
    assertContains(run.err(), "Resource ID of an existing workspace");
  }

  @Test
  void retentionOutOfRange() {
    expectError(BASE + CREATE + "      retentionDays: 7\n", FIRST + 7, 22, "E205");
    expectError(BASE + CREATE + "      retentionDays: 731\n", FIRST + 7, 22, "E205");
  }

  @Test
  void aWorkspaceNameAzureRefuses() {
    expectError(BASE + CREATE.replace("name: law-sec", "name: -law"), FIRST + 5, 13, "E204");
  }

  @Test
  void anUnknownConnector() {
    expectError(
        BASE + CREATE + "  sentinel:\n    connectors: [defenderXDR]\n", FIRST + 8, 18, "E204");
  }

  @Test
  void theNilSubscription() {
    var run =
        expectError(
            BASE
                + CREATE.replace(
                    "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "00000000-0000-0000-0000-000000000000"),
            FIRST + 3,
            21,
            "E305");
    assertContains(run.err(), "the nil GUID is not a subscription ID");
  }

  @Test
  void presetsAloneAreASectionAndGenerateTheirFilesWithoutSentinel() throws Exception {
    String yaml =
        BASE
            + "secops:\n  office365Presets:\n    standard: {allRecipients: true}\n"
            + "    strict: {users: [CEO@contoso.com], exceptUsers: [pa@contoso.com]}\n";
    Path file = TestSupport.write(tmp, "estate.yaml", yaml);
    Path out = tmp.resolve("out");
    TestSupport.Run run = TestSupport.cli("generate", file.toString(), "--out", out.toString());
    assertEquals(0, run.code(), run.err());
    assertContains(run.out(), "Defender for Office 365 presets (Strict, Standard)");
    assertFalse(Files.exists(out.resolve("secops/sentinel.json")), "no workspace, no Sentinel");
    String strict = Files.readString(out.resolve("secops/office365-presets/strict.json"));
    assertContains(strict, "\"ceo@contoso.com\"");
    assertContains(strict, "\"ExceptIfSentTo\": [\n    \"pa@contoso.com\"");
    String readme = Files.readString(out.resolve("README.md"));
    assertContains(readme, "| Strict | users ceo@contoso.com | users pa@contoso.com | on |");
    assertContains(readme, "deploy-office365-presets.ps1 -WhatIf");
  }

  @Test
  void aPresetWithEveryoneAndNamedUsersIsRefusedAtItsLine() {
    var run =
        expectError(
            BASE
                + "secops:\n  office365Presets:\n    standard:\n      allRecipients: true\n"
                + "      users: [a@contoso.com]\n",
            FIRST + 4,
            14,
            "E309");
    assertContains(run.err(), "allRecipients");
  }

  @Test
  void sentinelSettingsWithoutAWorkspaceAreRefused() {
    var run =
        expectError(
            BASE
                + "secops:\n  office365Presets:\n    standard: {allRecipients: true}\n"
                + "  sentinel:\n    connectors: [defenderXdr]\n",
            FIRST + 4,
            5,
            "E314");
    assertContains(run.err(), "needs a workspace");
  }
}
