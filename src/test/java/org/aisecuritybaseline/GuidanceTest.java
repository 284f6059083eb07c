package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.validate.Schemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Issue 15, "current guidance": the newer forms of baseline policies Microsoft now recommends. */
class GuidanceTest {
  private static final Path ENTERPRISE = TestSupport.root().resolve("examples/enterprise-p2");

  /** The enterprise example with {@code extra} inserted as the first entries under policies. */
  static String enterprise(String extra) {
    String yaml = TestSupport.read(ENTERPRISE.resolve("estate.yaml"));
    return yaml.replaceFirst("(?m)^policies:\n", "policies:\n" + extra);
  }

  static JsonNode policy(List<Artifact> artifacts, String id) {
    return artifacts.stream()
        .filter(a -> a.path().startsWith("entra/conditional-access/" + id + "-"))
        .filter(a -> a.path().endsWith(".json"))
        .map(a -> Json.parse(a.text()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + id + " generated"));
  }

  static List<Artifact> generate(String yaml) {
    return org.aisecuritybaseline.pipeline.Generator.generate(
        TestSupport.validate("estate.yaml", yaml));
  }

  @Test
  void ca011KeepsPasswordChangeByDefault() {
    JsonNode p = policy(TestSupport.generate(ENTERPRISE.resolve("estate.yaml")), "CA011");
    assertEquals(
        List.of("mfa", "passwordChange"), Json.strings(p.at("/grantControls/builtInControls")));
    JsonNode strength = p.at("/grantControls/authenticationStrength");
    assertTrue(strength.isMissingNode() || strength.isNull(), strength.toString());
  }

  @Test
  void ca011RiskRemediationForm() {
    JsonNode p = policy(generate(enterprise("  CA011:\n    form: riskRemediation\n")), "CA011");
    assertEquals("AND", p.at("/grantControls/operator").asString());
    assertEquals(List.of("riskRemediation"), Json.strings(p.at("/grantControls/builtInControls")));
    assertEquals(
        "00000000-0000-0000-0000-000000000002",
        p.at("/grantControls/authenticationStrength/id").asString());
    assertEquals(
        "everyTime", p.at("/sessionControls/signInFrequency/frequencyInterval").asString());
    assertEquals(List.of("high"), Json.strings(p.at("/conditions/userRiskLevels")));
    assertTrue(p.get("displayName").asString().contains("risk remediation"), p.toString());
    assertEquals(List.of(), Schemas.graph().check(p));
  }

  @Test
  void formOnlyOnCa011(@TempDir Path dir) {
    String yaml = enterprise("  CA010:\n    form: riskRemediation\n");
    int line = yaml.lines().toList().indexOf("    form: riskRemediation") + 1;
    TestSupport.expectError(dir, yaml, line, 5, "E309");
  }

  @Test
  void ca016BlocksAllResourcesAtElevatedInsiderRisk() {
    List<Artifact> out = TestSupport.generate(ENTERPRISE.resolve("estate.yaml"));
    JsonNode p = policy(out, "CA016");
    assertEquals(
        List.of("All"), Json.strings(p.at("/conditions/applications/includeApplications")));
    assertEquals("elevated", p.at("/conditions/insiderRiskLevels").asString());
    assertEquals(List.of("block"), Json.strings(p.at("/grantControls/builtInControls")));
    assertEquals(List.of(), Schemas.graph().check(p));
    // CA042 keeps its meaning: the generative-AI apps only.
    JsonNode ai = policy(out, "CA042");
    assertTrue(
        !Json.strings(ai.at("/conditions/applications/includeApplications")).contains("All"),
        ai.toString());
  }

  @Test
  void ca017RequiresMfaStrengthToRegisterDevicesAndTheReadmeNamesTheTenantSetting() {
    List<Artifact> out = TestSupport.generate(ENTERPRISE.resolve("estate.yaml"));
    JsonNode p = policy(out, "CA017");
    assertEquals(
        List.of("urn:user:registerdevice"),
        Json.strings(p.at("/conditions/applications/includeUserActions")));
    assertEquals(List.of(), Json.strings(p.at("/grantControls/builtInControls")));
    assertEquals(
        "00000000-0000-0000-0000-000000000002",
        p.at("/grantControls/authenticationStrength/id").asString());
    assertEquals(List.of(), Schemas.graph().check(p));
    String readme =
        out.stream().filter(a -> a.path().equals("README.md")).findFirst().orElseThrow().text();
    TestSupport.assertContains(readme, "**Tenant setting for CA017**");
    TestSupport.assertContains(
        readme,
        "\"Require Multifactor Authentication to register or join devices\n> with Microsoft Entra\" to **No**");
  }

  @Test
  void ca025RequiresACompliantOrHybridDeviceForAdminsFromTheEnterpriseTierWithIntune() {
    JsonNode p = policy(TestSupport.generate(ENTERPRISE.resolve("estate.yaml")), "CA025");
    assertEquals("OR", p.at("/grantControls/operator").asString());
    assertEquals(
        List.of("compliantDevice", "domainJoinedDevice"),
        Json.strings(p.at("/grantControls/builtInControls")));
    assertTrue(p.at("/conditions/users/includeRoles").size() >= 14, p.toString());
    assertEquals(
        List.of("All"), Json.strings(p.at("/conditions/applications/includeApplications")));
    assertEquals(List.of(), Schemas.graph().check(p));
    // small-p1 is starting point without Intune: not generated there.
    assertTrue(
        TestSupport.generate(TestSupport.root().resolve("examples/small-p1/estate.yaml")).stream()
            .noneMatch(a -> a.path().startsWith("entra/conditional-access/CA025-")));
  }

  @Test
  void ca043RequiresTermsOfUseForGenerativeAiOnlyWhenTheEstateGivesAnAgreement(@TempDir Path dir) {
    assertTrue(
        TestSupport.generate(ENTERPRISE.resolve("estate.yaml")).stream()
            .noneMatch(a -> a.path().startsWith("entra/conditional-access/CA043-")));
    String id = "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
    JsonNode p = policy(generate(enterprise("  CA043:\n    termsOfUse: " + id + "\n")), "CA043");
    assertEquals(List.of(id), Json.strings(p.at("/grantControls/termsOfUse")));
    assertEquals(List.of(), Json.strings(p.at("/grantControls/builtInControls")));
    assertTrue(
        !Json.strings(p.at("/conditions/applications/includeApplications")).contains("All"),
        p.toString());
    assertEquals(List.of(), Schemas.graph().check(p));
    String yaml = enterprise("  CA040:\n    termsOfUse: " + id + "\n");
    int line = yaml.lines().toList().indexOf("    termsOfUse: " + id) + 1;
    TestSupport.expectError(dir, yaml, line, 5, "E309");
  }

  @Test
  void ca031RequiresTokenProtectionForTheSpecializedGroupOnlyInTheSpecializedTier() {
    String specialized =
        TestSupport.read(ENTERPRISE.resolve("estate.yaml"))
            .replace("  tier: enterprise\n", "  tier: specialized\n");
    JsonNode p = policy(generate(specialized), "CA031");
    assertEquals(
        List.of("7b8c9d0e-1f2a-4b3c-8d4e-6f7a8b9c0d1e"),
        Json.strings(p.at("/conditions/users/includeGroups")));
    assertEquals(
        List.of(
            "00000002-0000-0ff1-ce00-000000000000",
            "00000003-0000-0ff1-ce00-000000000000",
            "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe"),
        Json.strings(p.at("/conditions/applications/includeApplications")));
    assertEquals(List.of("windows"), Json.strings(p.at("/conditions/platforms/includePlatforms")));
    assertEquals(
        List.of("mobileAppsAndDesktopClients"), Json.strings(p.at("/conditions/clientAppTypes")));
    assertTrue(p.at("/sessionControls/secureSignInSession/isEnabled").asBoolean(false));
    assertTrue(p.get("grantControls").isNull(), p.toString());
    assertEquals(List.of(), Schemas.graph().check(p));
    // Not in the enterprise tier.
    assertTrue(
        TestSupport.generate(ENTERPRISE.resolve("estate.yaml")).stream()
            .noneMatch(a -> a.path().startsWith("entra/conditional-access/CA031-")));
  }
}
