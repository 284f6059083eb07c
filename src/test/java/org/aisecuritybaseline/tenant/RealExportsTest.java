package org.aisecuritybaseline.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Diagnostic;
import org.aisecuritybaseline.diag.DiagnosticFormatter;
import org.aisecuritybaseline.diag.Severity;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.aisecuritybaseline.validate.Schemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The readers against exports written outside this project (src/test/resources/real-exports, see
 * its SOURCES.md): every Conditional Access policy a tenant exported is read without error and,
 * canonical and without its beta-only and unknown members, is a valid Graph v1.0 body.
 */
class RealExportsTest {
  static final Path REAL = TestSupport.root().resolve("src/test/resources/real-exports");

  /** Tenant exports, with their number of files (SOURCES.md); alexfilipin-templates are not. */
  static final Map<String, Integer> TENANT_EXPORTS =
      Map.of(
          "joeyv-baseline", 36,
          "philippkohn-zt-export", 52,
          "scubagear-sample-reports", 7,
          "scubagear-createreport-stub", 20,
          "scubagear-runrego-stub", 1);

  @Test
  void everyExportedPolicyIsReadAndIsAValidV1BodyWithoutItsBetaAndUnknownMembers()
      throws IOException {
    SchemaCheck v1 = Schemas.graph();
    Map<String, List<String>> beta = new TreeMap<>();
    Map<String, List<String>> unknown = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    int read = 0;
    for (Map.Entry<String, Integer> source : TENANT_EXPORTS.entrySet()) {
      List<Path> files = files(REAL.resolve("ca").resolve(source.getKey()));
      assertEquals(source.getValue(), files.size(), source.getKey());
      for (Path f : files) {
        String name = source.getKey() + "/" + f.getFileName();
        TenantSnapshot s = SnapshotReader.read(f);
        errors(s).forEach(d -> problems.add(DiagnosticFormatter.format(d)));
        if (s.policies().size() != 1) {
          problems.add(name + ": " + s.policies().size() + " policies");
          continue;
        }
        read++;
        TenantObject p = s.policies().get(0);
        if (!p.betaFields().isEmpty()) {
          beta.put(name, p.betaFields());
        }
        if (!p.unknownFields().isEmpty()) {
          unknown.put(name, p.unknownFields());
        }
        ObjectNode body = p.body().deepCopy();
        p.betaFields().forEach(ptr -> remove(body, ptr));
        p.unknownFields().forEach(ptr -> remove(body, ptr));
        v1.check(body).forEach(v -> problems.add(name + ": " + v));
        if (!source.getKey().equals("philippkohn-zt-export")) { // its script dropped the IDs
          assertNotNull(p.id(), name);
          assertTrue(Canonical.isGuid(p.id()) && p.id().equals(p.id().toLowerCase()), name);
        }
        assertFalse(Json.write(body).contains("@odata.context"), name);
      }
    }
    assertEquals(List.of(), problems);
    assertEquals(116, read);
    assertEquals(
        Map.of(
            "joeyv-baseline/CA104-Admins-IdentityProtection-AllApps-AnyPlatform-ContinuousAccessEvaluation.json",
            List.of("/sessionControls/continuousAccessEvaluation"),
            "joeyv-baseline/CA209-Internals-IdentityProtection-AllApps-AnyPlatform-ContinuousAccessEvaluation.json",
            List.of("/sessionControls/continuousAccessEvaluation"),
            "joeyv-baseline/CA501-Agents-IdentityProtection-AnyApp-AnyPlatform-BLOCK-HighRiskAgent.json",
            List.of(
                "/conditions/agentIdRiskLevels",
                "/conditions/clientApplications/includeAgentIdServicePrincipals"),
            "joeyv-baseline/CA502-Agents-AttackSurfaceReduction-AllAgentIdentities-AllAgentResources-BLOCK.json",
            List.of("/conditions/clientApplications/includeAgentIdServicePrincipals"),
            "joeyv-baseline/CA504-Agents-IdentityProtection-AllAgentUsers-AllResources-BlockRiskyAgents.json",
            List.of("/conditions/agentIdRiskLevels")),
        beta,
        "the beta-only members SOURCES.md lists, where they are not empty");
    assertEquals(
        Map.of(
            "joeyv-baseline/CA503-Agents-BaseProtection-AllAgentUsers-RequireCompliantDevice.json",
            List.of("/conditions/agentContext", "/conditions/agents"),
            "joeyv-baseline/CA504-Agents-IdentityProtection-AllAgentUsers-AllResources-BlockRiskyAgents.json",
            List.of("/conditions/agents"),
            "joeyv-baseline/CA505-Agents-AttackSurfaceReduction-AllAgentUsers-AllResources-RequireCompliantNetWork.json",
            List.of("/conditions/agents")),
        unknown,
        "conditions.agents and agentContext are newer than the beta schema (SOURCES.md)");
  }

  @Test
  void theirEncodingsAreTheOnesSourcesDescribes() throws IOException {
    int utf16 = 0;
    int utf8Bom = 0;
    for (Path f : files(REAL.resolve("ca/joeyv-baseline"))) {
      byte[] b = Files.readAllBytes(f);
      if ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
        utf16++;
      } else if ((b[0] & 0xFF) == 0xEF) {
        utf8Bom++;
        assertTrue(new String(b, java.nio.charset.StandardCharsets.UTF_8).contains("\r\n"));
      }
    }
    assertEquals(34, utf16, "UTF-16LE with a byte-order mark");
    assertEquals(2, utf8Bom, "UTF-8 with a byte-order mark and CRLF");
  }

  @Test
  void theWholeFolderReadsAsOneLooseExport() {
    TenantSnapshot s = SnapshotReader.read(REAL.resolve("ca"));
    assertEquals(List.of(), errors(s));
    assertEquals(126, s.policies().size());
    Set<Code> codes = new TreeSet<>();
    s.diagnostics().forEach(d -> codes.add(d.code()));
    assertEquals(Set.of(Code.W550, Code.W551, Code.W552, Code.W555), codes);
    List<Diagnostic> twice = s.diagnostics().stream().filter(d -> d.code() == Code.W555).toList();
    assertEquals(1, twice.size(), "ScubaGear's two files of policy e430772e");
    assertTrue(twice.get(0).message().contains("e430772e-f1c9-4618-9b68-4f125e80a288"));
  }

  /** Templates are read as they are, with a notice that names their placeholders. */
  @Test
  void templatesAreReadWithANotice() throws IOException {
    List<Path> files = files(REAL.resolve("ca/alexfilipin-templates"));
    assertEquals(10, files.size());
    for (Path f : files) {
      TenantSnapshot s = SnapshotReader.read(f);
      assertEquals(List.of(), errors(s), f.toString());
      assertEquals(1, s.policies().size());
      List<Diagnostic> notices =
          s.diagnostics().stream().filter(d -> d.code() == Code.W552).toList();
      assertEquals(1, notices.size(), f.toString());
      assertEquals(Severity.NOTICE, notices.get(0).severity());
      assertTrue(notices.get(0).message().contains("<RING>"), notices.get(0).message());
      assertEquals(List.of(), s.policies().get(0).unknownFields());
    }
  }

  @Test
  void namedLocationsIncludingTheBetaOnlyCompliantNetworkOne() {
    TenantSnapshot s = SnapshotReader.read(REAL.resolve("named-locations"));
    assertEquals(List.of(), errors(s));
    assertEquals(3, s.namedLocations().size());
    TenantObject compliant =
        s.namedLocations().stream()
            .filter(o -> o.displayName().equals("All Compliant Network locations"))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of("/@odata.type"), compliant.betaFields());
    assertEquals("3d46dbda-8382-466a-856d-eb00cbc6b910", compliant.id());
    assertEquals(
        Json.parse(
            """
            {"@odata.type": "#microsoft.graph.compliantNetworkNamedLocation",
             "compliantNetworkType": "allTenantCompliantNetworks",
             "displayName": "All Compliant Network locations", "isTrusted": true}
            """),
        compliant.body());
    List<Diagnostic> notices = s.diagnostics().stream().filter(d -> d.code() == Code.W550).toList();
    assertEquals(1, notices.size());
    assertEquals("/@odata.type", notices.get(0).pointer());
    assertEquals(3, notices.get(0).location().line(), "the line of @odata.type in the UTF-16 file");
    SchemaCheck country = rootedAt("microsoft.graph.countryNamedLocation");
    for (TenantObject o : s.namedLocations()) {
      if (o != compliant) {
        assertEquals(List.of(), o.betaFields());
        assertEquals(List.of(), country.check(o.body()), o.source());
        assertEquals(List.of(), o.unknownFields());
      }
    }
  }

  @Test
  void dlpPoliciesAndRules() {
    TenantSnapshot s = SnapshotReader.read(REAL.resolve("dlp"));
    assertEquals(List.of(), errors(s));
    assertEquals(13, s.dlpPolicies().size());
    assertEquals(18, s.dlpRules().size());
    for (TenantObject o : s.dlpPolicies()) {
      assertNotNull(o.id(), o.source());
      assertNotNull(o.displayName(), o.source());
      assertFalse(o.body().has("PSComputerName") || o.body().has("RunspaceId"), o.source());
    }
    for (TenantObject r : s.dlpRules()) {
      assertNotNull(r.scope(), "a rule's policy: " + r.source());
      assertFalse(r.body().has("PSShowComputerName"), r.source());
    }
    assertTrue(
        s.dlpPolicies().stream().anyMatch(o -> o.body().path("PolicyRulesMetaData").isString()),
        "JSON in strings stays a string");
    assertTrue(
        s.dlpRules().stream()
            .allMatch(
                r -> !r.body().has("AdvancedRule") || r.body().get("AdvancedRule").isString()));
    assertTrue(
        s.dlpRules().stream().anyMatch(r -> "DevicePolicy_CCOnly".equals(r.scope())),
        "a rule belongs to its ParentPolicyName");
  }

  /** ScubaGear's ProviderSettingsExport holds the policies under its own keys. */
  @Test
  void scubaGearsProviderSettingsExport(@TempDir Path tmp) throws IOException {
    ObjectNode export = Json.NODES.objectNode();
    export.put("baseline_version", "1");
    export.set(
        "conditional_access_policies",
        read(
            REAL.resolve(
                "ca/scubagear-runrego-stub/01-07800eb6-83d2-42e2-9455-e53389b7cca8.json")));
    var policies = export.putArray("dlp_compliance_policies");
    for (Path f : files(REAL.resolve("dlp/scubagear-runrego-stub/policies"))) {
      policies.add(read(f));
    }
    export.set(
        "dlp_compliance_rules",
        read(files(REAL.resolve("dlp/scubagear-runrego-stub/rules")).get(0)));
    Path file = tmp.resolve("ProviderSettingsExport.json");
    Files.writeString(file, Json.write(export));
    TenantSnapshot s = SnapshotReader.read(file);
    assertEquals(List.of(), errors(s));
    assertEquals(1, s.policies().size(), "one object, not an array, as in the RunRego stub");
    assertEquals(2, s.dlpPolicies().size());
    assertEquals(1, s.dlpRules().size());
    assertEquals(
        "ProviderSettingsExport.json#/conditional_access_policies", s.policies().get(0).source());
  }

  @Test
  void defenderRecordingsOfTheAzureCli() {
    TenantSnapshot s = SnapshotReader.read(REAL.resolve("defender/azure-cli-recordings"));
    assertEquals(List.of(), errors(s));
    assertEquals(17, s.pricings().size(), "15 in the list, 2 shown alone");
    assertEquals(1, s.connectors().size());
    for (TenantObject p : s.pricings()) {
      assertEquals("00000000-0000-0000-0000-000000000000", p.scope());
      assertFalse(p.body().path("properties").has("freeTrialRemainingTime"), "read-only");
      assertEquals(p.id(), p.body().get("name").asString());
    }
    TenantObject storage =
        s.pricings().stream()
            .filter(p -> p.id().equals("StorageAccounts"))
            .findFirst()
            .orElseThrow();
    JsonNode extension = storage.body().at("/properties/extensions/0");
    assertEquals("True", extension.get("isEnabled").asString(), "kept as the string ARM uses");
    TenantObject connector = s.connectors().get(0);
    assertTrue(connector.id().endsWith("/securityConnectors/cli000002"));
    assertEquals("00000000-0000-0000-0000-000000000000", connector.scope());
    assertFalse(connector.body().has("systemData") || connector.body().has("type"));
  }

  /** The REST API examples wrap the GET bodies; the test takes them out. */
  @Test
  void defenderRestApiExamples(@TempDir Path tmp) throws IOException {
    for (Path f : files(REAL.resolve("defender/rest-api-specs-examples"))) {
      Files.writeString(
          tmp.resolve(f.getFileName()), Json.write(read(f).at("/responses/200/body")));
    }
    TenantSnapshot s = SnapshotReader.read(tmp);
    assertEquals(List.of(), errors(s));
    assertEquals(13, s.pricings().size());
    assertEquals(6, s.connectors().size(), "5 listed, 1 shown alone");
    Set<String> scopes = new TreeSet<>();
    s.pricings().forEach(p -> scopes.add(p.scope()));
    assertEquals(
        Set.of("20ff7fc3-e762-44dd-bd96-b71116dcdc23", "d34fd44c-ebfa-4a9c-bceb-9eeafe72ac15"),
        scopes,
        "the pricings example mixes two subscriptions; each pricing has its own");
    for (TenantObject c : s.connectors()) {
      assertTrue(c.scope().equals(c.scope().toLowerCase()));
      assertFalse(c.body().has("etag"));
    }
  }

  // ---------------------------------------------------------------- helpers

  static List<Diagnostic> errors(TenantSnapshot s) {
    return s.diagnostics().stream().filter(Diagnostic::isError).toList();
  }

  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static JsonNode read(Path f) throws IOException {
    String text = Files.readString(f);
    return Json.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  static void remove(ObjectNode body, String pointer) {
    int cut = pointer.lastIndexOf('/');
    JsonNode parent = body.at(pointer.substring(0, cut));
    if (parent instanceof ObjectNode o) {
      o.remove(pointer.substring(cut + 1).replace("~1", "/").replace("~0", "~"));
    }
  }

  static SchemaCheck rootedAt(String def) {
    ObjectNode schema = (ObjectNode) Json.parseResource(Schemas.GRAPH).deepCopy();
    schema.put("$ref", "#/$defs/" + def);
    return new SchemaCheck(schema, "https://ai-security-baseline.invalid/test/" + def);
  }
}
