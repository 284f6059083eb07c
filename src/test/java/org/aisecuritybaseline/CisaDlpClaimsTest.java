package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.purview.CisaDlpStatus;
import org.aisecuritybaseline.purview.PlannedDlpPolicy;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11, item 2: DLP002's CISA claims hold for what is generated, and the README says which do
 * not yet.
 */
class CisaDlpClaimsTest {
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp;

  static final String E5 =
      TestSupport.MINIMAL_ESTATE.replace("licences: [entraIdP1]", "licences: [microsoft365E5]");

  static String estate(String data) {
    return E5 + "data:\n" + data;
  }

  static List<String> sitKeys(EstateValidator.Validated v) {
    PlannedDlpPolicy p =
        v.dlp().policies().stream().filter(x -> x.id().equals("DLP002")).findFirst().orElseThrow();
    return p.rules().get(0).sensitiveInfoTypes().stream().map(JsonNode::asString).toList();
  }

  static Map<String, CisaDlpStatus.Item> status(EstateValidator.Validated v) {
    return CisaDlpStatus.evaluate(v.estate().data(), v.dlp()).stream()
        .collect(Collectors.toMap(CisaDlpStatus.Item::id, i -> i));
  }

  @Test
  void listingOwnTypesKeepsTheCisaMinimum() {
    EstateValidator.Validated v =
        TestSupport.validate("e.yaml", estate("  sensitiveInfoTypes: [euDebitCardNumber]\n"));
    assertEquals(
        List.of(
            "euDebitCardNumber",
            "creditCardNumber",
            "usIndividualTaxpayerIdentificationNumber",
            "usSocialSecurityNumber"),
        sitKeys(v));
    assertEquals(
        CisaDlpStatus.State.NOT_YET,
        status(v).get("MS.SECURITYSUITE.3.1v1").state(),
        "simulation is not yet");
  }

  @Test
  void onlyAnExplicitWaiverDropsTheMinimumAndTheClaim() {
    EstateValidator.Validated v =
        TestSupport.validate(
            "e.yaml",
            estate(
                "  sensitiveInfoTypes: [euDebitCardNumber]\n"
                    + "  cisaMinimumWaiver: {reason: EU-only tenant}\n"));
    assertEquals(List.of("euDebitCardNumber"), sitKeys(v));
    CisaDlpStatus.Item item = status(v).get("MS.SECURITYSUITE.3.1v1");
    assertEquals(CisaDlpStatus.State.WAIVED, item.state());
    assertContains(item.why(), "EU-only tenant");
    assertTrue(
        v.dlp().limitations().stream()
            .anyMatch(l -> l.reason().contains("CISA minimum") && l.reason().contains("EU-only")));
  }

  @Test
  void enforcedWithoutOverrideSatisfiesThreePointOneToThreePointFour() {
    EstateValidator.Validated v =
        TestSupport.validate(
            "e.yaml",
            estate(
                "  devicesOnboarded: true\n  policies:\n"
                    + "    DLP002: {stage: enabled, allowOverride: false}\n"));
    Map<String, CisaDlpStatus.Item> s = status(v);
    for (String id :
        List.of(
            "MS.SECURITYSUITE.3.1v1",
            "MS.SECURITYSUITE.3.2v1",
            "MS.SECURITYSUITE.3.3v1",
            "MS.SECURITYSUITE.3.4v1")) {
      assertEquals(CisaDlpStatus.State.SATISFIED, s.get(id).state(), id + ": " + s.get(id).why());
    }
    assertEquals(CisaDlpStatus.State.MANUAL, s.get("MS.SECURITYSUITE.3.5v1").state());
    PlannedDlpPolicy p =
        v.dlp().policies().stream().filter(x -> x.id().equals("DLP002")).findFirst().orElseThrow();
    assertTrue(p.rules().stream().noneMatch(r -> Boolean.TRUE.equals(r.actions().allowOverride())));
  }

  @Test
  void overrideAndSimulationAreShownAsNotYetWithTheReason() {
    EstateValidator.Validated v =
        TestSupport.validate("e.yaml", estate("  devicesOnboarded: true\n"));
    Map<String, String> files =
        Generator.generate(v).stream().collect(Collectors.toMap(Artifact::path, Artifact::text));
    String readme = files.get("README.md");
    String row =
        readme
            .lines()
            .filter(l -> l.startsWith("| MS.SECURITYSUITE.3.3v1 |"))
            .findFirst()
            .orElseThrow();
    assertContains(row, "| not yet |");
    assertContains(row, "override");
    assertContains(row, "simulation");
    assertContains(
        readme,
        "| MS.SECURITYSUITE.3.5v1 | block restricted apps and unwanted Bluetooth apps | manual step |");
    assertFalse(
        readme
            .lines()
            .anyMatch(
                l -> l.startsWith("| MS.SECURITYSUITE.3.1v1 |") && l.contains("| satisfied |")));
  }

  @Test
  void allowOverrideBelongsToDlp002Only() {
    String yaml =
        estate(
            "  labels:\n    - {key: hs, name: HS, id: 3f2504e0-4f89-41d3-9a0c-0305e82c3301, highlySensitive: true}\n"
                + "  policies:\n    DLP001: {allowOverride: false}\n");
    TestSupport.expectError(tmp, yaml, 15, 14, "E309");
  }
}
