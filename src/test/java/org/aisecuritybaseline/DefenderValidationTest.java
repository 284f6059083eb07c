package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors in the threat section, each with its file, line and column. */
class DefenderValidationTest {
  static final String BASE =
      ValidationErrorsTest.BASE
          + """
      threat:
        azure:
          deploymentLocation: westeurope
          subscriptions:
            - id: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
      """;

  @TempDir Path tmp;

  private TestSupport.Run expectError(String yaml, int line, int col, String code) {
    return TestSupport.expectError(tmp, yaml, line, col, code);
  }

  static String plans(String yaml) {
    return BASE + "        plans:\n" + yaml;
  }

  @Test
  void theBaseIsValid() {
    Path file = TestSupport.write(tmp, "estate.yaml", BASE);
    assertEquals(0, TestSupport.cli("validate", file.toString()).code());
  }

  @Test
  void badSubscriptionId() {
    var run =
        expectError(
            BASE.replace("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "1a2b3c4d-5e6f"), 15, 13, "E204");
    assertContains(run.err(), "is not valid: A GUID");
  }

  @Test
  void badAwsAccountId() {
    String yaml =
        BASE
            + "  connectorHost: {subscription: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d, resourceGroup: rg-mdc, location: westeurope}\n"
            + "  aws:\n    accounts:\n      - id: \"12345678901\"\n";
    var run = expectError(yaml, 19, 13, "E204");
    assertContains(run.err(), "12-digit AWS account ID");
  }

  @Test
  void badGcpProjectNumber() {
    String yaml =
        BASE
            + "  connectorHost: {subscription: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d, resourceGroup: rg-mdc, location: westeurope}\n"
            + "  gcp:\n    projects:\n      - {projectId: contoso-ai, projectNumber: \"84302-5268\"}\n";
    var run = expectError(yaml, 19, 48, "E204");
    assertContains(run.err(), "Project number (digits)");
  }

  @Test
  void unknownPlan() {
    var run = expectError(plans("          VirtualMachine: {tier: Standard}\n"), 17, 11, "E311");
    assertContains(
        run.err(), "unknown Defender plan 'VirtualMachine'; did you mean VirtualMachines?");
  }

  @Test
  void unknownSubPlan() {
    var run =
        expectError(
            plans("          StorageAccounts: {subPlan: DefenderForStorageV3}\n"), 17, 38, "E311");
    assertContains(
        run.err(),
        "unknown sub-plan 'DefenderForStorageV3' for StorageAccounts; documented: DefenderForStorageV2");
  }

  @Test
  void undocumentedSubPlan() {
    var run = expectError(plans("          Api: {subPlan: P3}\n"), 17, 26, "E311");
    assertContains(run.err(), "sub-plan P3 of Api is not documented by Microsoft");
  }

  @Test
  void unknownExtension() {
    var run =
        expectError(
            plans(
                "          AI:\n            extensions:\n              AIPromptEvidense: {enabled: true}\n"),
            19,
            15,
            "E311");
    assertContains(
        run.err(),
        "unknown extension 'AIPromptEvidense' for plan AI; did you mean AIPromptEvidence?");
  }

  @Test
  void undocumentedExtension() {
    var run =
        expectError(
            plans(
                "          AI:\n            extensions:\n              AIModelScanner: {enabled: true}\n"),
            19,
            15,
            "E311");
    assertContains(run.err(), "extension AIModelScanner of AI is not documented by Microsoft");
  }

  @Test
  void extensionPropertyOnTheWrongPlan() {
    var run =
        expectError(
            plans(
                "          VirtualMachines:\n            extensions:\n              AgentlessVmScanning:\n"
                    + "                enabled: true\n                properties: {CapGBPerMonthPerStorageAccount: 10}\n"),
            21,
            30,
            "E311");
    assertContains(
        run.err(),
        "'CapGBPerMonthPerStorageAccount' is not a documented property of VirtualMachines/AgentlessVmScanning;"
            + " it is a property of StorageAccounts/OnUploadMalwareScanning");
  }

  @Test
  void extensionOfAnotherPlan() {
    var run =
        expectError(
            plans(
                "          KeyVaults:\n            extensions:\n              OnUploadMalwareScanning: {enabled: true}\n"),
            19,
            15,
            "E311");
    assertContains(run.err(), "it is an extension of StorageAccounts");
  }

  @Test
  void propertiesOnADisabledExtension() {
    var run =
        expectError(
            plans(
                "          StorageAccounts:\n            extensions:\n              OnUploadMalwareScanning:\n"
                    + "                enabled: false\n                properties: {CapGBPerMonthPerStorageAccount: 10}\n"),
            21,
            17,
            "E311");
    assertContains(
        run.err(), "a disabled extension takes no properties (the service answers HTTP 500)");
  }

  @Test
  void p2ExtensionOnAP1Subscription() {
    var run =
        expectError(
            plans(
                "          VirtualMachines:\n            subPlan: P1\n            extensions:\n"
                    + "              FileIntegrityMonitoring: {enabled: true}\n"),
            20,
            15,
            "E311");
    assertContains(run.err(), "FileIntegrityMonitoring of VirtualMachines needs sub-plan P2");
  }

  @Test
  void deprecatedPlan() {
    var run = expectError(plans("          Dns: {tier: Standard}\n"), 17, 11, "E311");
    assertContains(run.err(), "Dns is deprecated; use VirtualMachines");
  }

  @Test
  void connectorsNeedAHost() {
    var run =
        expectError(BASE + "  aws:\n    accounts:\n      - id: \"123456789012\"\n", 12, 3, "E301");
    assertContains(run.err(), "AWS accounts and GCP projects need 'connectorHost'");
  }

  @Test
  void awsContainersNeedTheExternalId() {
    String yaml =
        BASE
            + "  connectorHost: {subscription: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d, resourceGroup: rg-mdc, location: westeurope}\n"
            + "  aws:\n    accounts:\n      - id: \"123456789012\"\n        offerings: [cspm, containers]\n";
    var run = expectError(yaml, 20, 20, "E301");
    assertContains(run.err(), "the containers offering needs 'containersExternalId'");
  }

  @Test
  void duplicateSubscriptions() {
    var run =
        expectError(BASE + "      - id: 1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D\n", 16, 13, "E303");
    assertContains(run.err(), "duplicate subscription");
  }
}
