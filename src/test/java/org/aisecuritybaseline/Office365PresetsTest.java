package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Secops;
import org.aisecuritybaseline.model.Secops.PresetAssignment;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.secops.Office365Presets;
import org.aisecuritybaseline.secops.Office365Presets.Preset;
import org.aisecuritybaseline.secops.Office365PresetsCheck;
import org.aisecuritybaseline.secops.Office365PresetsRenderer;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 18: the preset security policy rules. The definitions use only documented parameters
 * (data/secops/exo-cmdlet-parameters.json, from office-docs-powershell), with the documented names
 * and priorities; the estate's assignments are checked, each finding at its JSON pointer.
 */
class Office365PresetsTest {
  static final JsonNode PARAMETERS = Json.parseResource("/data/secops/exo-cmdlet-parameters.json");
  static final String AT = "/secops/office365Presets";
  static final String TENANT = "11111111-2222-3333-4444-555555555555";

  static Set<String> documented(String cmdlet) {
    JsonNode list = PARAMETERS.at("/cmdlets/" + cmdlet + "/parameters");
    assertTrue(list.isArray(), "the data file lists the parameters of " + cmdlet);
    return new TreeSet<>(Json.strings(list));
  }

  static PresetAssignment all() {
    return new PresetAssignment(
        true, null, null, null, List.of("svc-journal@contoso.com"), null, null, null);
  }

  static PresetAssignment sensitive() {
    return new PresetAssignment(
        null, List.of("CEO@contoso.com", "cfo@contoso.com"), null, null, null, null, null, null);
  }

  static Map<String, String> render(Secops.Office365Presets input) {
    Map<String, String> files = new TreeMap<>();
    for (Artifact a : Office365PresetsRenderer.render(TENANT.toUpperCase(), input)) {
      files.put(a.path(), a.text());
    }
    return files;
  }

  @Test
  void theDataFileNamesItsSourceAndCommitForEveryCmdlet() {
    assertTrue(
        PARAMETERS.get("source").asString().contains("MicrosoftDocs/office-docs-powershell"));
    for (var e : PARAMETERS.get("cmdlets").properties()) {
      assertTrue(
          e.getValue().get("commit").asString().matches("[0-9a-f]{40}"), e.getKey() + " commit");
      assertTrue(e.getValue().get("parameters").size() > 0, e.getKey());
    }
    // What the design rests on: Set- has no -Enabled (State changes only through Enable-/Disable-).
    assertTrue(documented("New-EOPProtectionPolicyRule").contains("Enabled"));
    assertTrue(!documented("Set-EOPProtectionPolicyRule").contains("Enabled"));
    assertTrue(!documented("Set-ATPProtectionPolicyRule").contains("Enabled"));
  }

  @Test
  void definitionKeysAreDocumentedParametersOfBothSetCmdletsPlusState() {
    Map<String, String> files = render(new Secops.Office365Presets(all(), sensitive(), null));
    Set<String> settable = documented("Set-EOPProtectionPolicyRule");
    settable.retainAll(documented("Set-ATPProtectionPolicyRule"));
    for (Preset preset : Preset.values()) {
      JsonNode d = Json.parse(files.get("secops/office365-presets/" + preset.key() + ".json"));
      Set<String> keys = new TreeSet<>(d.propertyNames());
      assertTrue(keys.remove(Office365PresetsRenderer.STATE), "State");
      assertTrue(settable.containsAll(keys), preset + ": " + keys + " not all in " + settable);
      // Every recipient parameter is written, so a deployment also clears what was added by hand.
      assertEquals(
          Set.of(
              "Identity",
              "Priority",
              "SentTo",
              "SentToMemberOf",
              "RecipientDomainIs",
              "ExceptIfSentTo",
              "ExceptIfSentToMemberOf",
              "ExceptIfRecipientDomainIs"),
          keys);
      // The recipient keys are New- parameters too (the rule can be created with them).
      Set<String> recipients = new TreeSet<>(keys);
      recipients.removeAll(Set.of("Identity"));
      assertTrue(documented("New-EOPProtectionPolicyRule").containsAll(recipients));
      assertTrue(documented("New-ATPProtectionPolicyRule").containsAll(recipients));
    }
  }

  @Test
  void namesAndPrioritiesAreTheDocumentedDefaultsStrictBeforeStandard() {
    Map<String, String> files = render(new Secops.Office365Presets(all(), sensitive(), null));
    JsonNode standard = Json.parse(files.get("secops/office365-presets/standard.json"));
    JsonNode strict = Json.parse(files.get("secops/office365-presets/strict.json"));
    assertEquals("Standard Preset Security Policy", standard.get("Identity").asString());
    assertEquals("Strict Preset Security Policy", strict.get("Identity").asString());
    // -Priority: Strict 0, Standard 1 ("You must use the default value for the rule").
    assertEquals(1, standard.get("Priority").asInt());
    assertEquals(0, strict.get("Priority").asInt());
    assertEquals("Enabled", standard.get("State").asString());
    // All recipients: no condition at all (ScubaGear's AllRecipient); the exception stays.
    assertEquals(0, standard.get("SentTo").size());
    assertEquals(0, standard.get("SentToMemberOf").size());
    assertEquals(0, standard.get("RecipientDomainIs").size());
    assertEquals("svc-journal@contoso.com", standard.get("ExceptIfSentTo").get(0).asString());
    assertEquals(List.of("ceo@contoso.com", "cfo@contoso.com"), Json.strings(strict.get("SentTo")));

    JsonNode deployment = Json.parse(files.get("secops/office365-presets/deployment.json"));
    assertEquals(1, deployment.get("formatVersion").asInt());
    assertEquals(TENANT, deployment.get("tenantId").asString());
    assertTrue(deployment.get("defenderForOffice365").asBoolean());
    List<String> order = new ArrayList<>();
    deployment.get("presets").forEach(p -> order.add(p.get("preset").asString()));
    assertEquals(List.of("Strict", "Standard"), order);
    deployment
        .get("presets")
        .forEach(
            p ->
                assertEquals(
                    p.get("preset").asString() + " Preset Security Policy",
                    p.get("ruleName").asString()));
    assertTrue(files.containsKey("secops/office365-presets/deploy-office365-presets.ps1"));
  }

  @Test
  void onlyTheAssignedPresetsAreWrittenAndDisabledIsKept() {
    PresetAssignment off = new PresetAssignment(true, null, null, null, null, null, null, false);
    Map<String, String> files = render(new Secops.Office365Presets(off, null, false));
    assertEquals(
        Set.of(
            "secops/office365-presets/standard.json",
            "secops/office365-presets/deployment.json",
            "secops/office365-presets/deploy-office365-presets.ps1"),
        files.keySet());
    assertEquals(
        "Disabled",
        Json.parse(files.get("secops/office365-presets/standard.json")).get("State").asString());
    JsonNode deployment = Json.parse(files.get("secops/office365-presets/deployment.json"));
    assertTrue(!deployment.get("defenderForOffice365").asBoolean());
    assertEquals(1, deployment.get("presets").size());
  }

  @Test
  void renderingIsDeterministic() {
    Secops.Office365Presets input = new Secops.Office365Presets(all(), sensitive(), null);
    assertEquals(render(input), render(input));
    String text = render(input).get("secops/office365-presets/strict.json");
    assertTrue(text.endsWith("}\n") && !text.contains("\r"), text);
  }

  @Test
  void validInputHasNoFindings() {
    assertEquals(
        List.of(),
        Office365PresetsCheck.check(new Secops.Office365Presets(all(), sensitive(), null), AT));
    PresetAssignment byDomain =
        new PresetAssignment(
            null,
            null,
            null,
            List.of("contoso.com", "xn--bcher-kva.example"),
            null,
            List.of("no-protection@contoso.com"),
            List.of("lab.contoso.com"),
            null);
    assertEquals(
        List.of(),
        Office365PresetsCheck.check(new Secops.Office365Presets(byDomain, null, null), AT));
  }

  record Expected(Code code, String pointer) {}

  static List<Expected> found(Secops.Office365Presets input) {
    return Office365PresetsCheck.check(input, AT).stream()
        .map((Finding f) -> new Expected(f.code(), f.pointer()))
        .toList();
  }

  @Test
  void invalidInputsGiveFindingsAtTheirPointers() {
    // Neither preset.
    assertEquals(
        List.of(new Expected(Code.E309, AT)), found(new Secops.Office365Presets(null, null, null)));
    // Nobody assigned.
    assertEquals(
        List.of(new Expected(Code.E309, AT + "/standard")),
        found(
            new Secops.Office365Presets(
                new PresetAssignment(false, null, null, null, null, null, null, null),
                null,
                null)));
    // All recipients and a condition.
    assertEquals(
        List.of(new Expected(Code.E309, AT + "/strict/users")),
        found(
            new Secops.Office365Presets(
                null,
                new PresetAssignment(
                    true, List.of("a@contoso.com"), null, null, null, null, null, null),
                null)));
    // Two condition types (ANDed by Microsoft).
    assertEquals(
        List.of(new Expected(Code.E309, AT + "/strict/groups")),
        found(
            new Secops.Office365Presets(
                null,
                new PresetAssignment(
                    null,
                    List.of("a@contoso.com"),
                    List.of("execs@contoso.com"),
                    null,
                    null,
                    null,
                    null,
                    null),
                null)));
    // Malformed values, a duplicate (case-insensitive), included and excepted at once.
    assertEquals(
        List.of(
            new Expected(Code.E312, AT + "/strict/users/0"),
            new Expected(Code.E312, AT + "/strict/users/1"),
            new Expected(Code.E303, AT + "/strict/users/3"),
            new Expected(Code.E312, AT + "/strict/exceptDomains/0"),
            new Expected(Code.E309, AT + "/strict/exceptUsers/0")),
        found(
            new Secops.Office365Presets(
                null,
                new PresetAssignment(
                    null,
                    List.of(
                        "Chief Executive",
                        "ceo@contoso.com'; Remove-Mailbox x; '",
                        "ok@contoso.com",
                        "OK@Contoso.com"),
                    null,
                    null,
                    List.of("ok@contoso.com"),
                    null,
                    List.of("contoso .com\n"),
                    null),
                null)));
  }

  @Test
  void hostileValuesAreRefusedNotWritten() {
    for (String hostile :
        List.of(
            "a@b.c\n",
            "\"quoted\"@contoso.com",
            "$(Invoke-Evil)@contoso.com",
            "a@contoso.com;b@contoso.com",
            "用户@contoso.com",
            "a@-contoso.com",
            "@contoso.com",
            "a@contoso")) {
      List<Finding> findings =
          Office365PresetsCheck.check(
              new Secops.Office365Presets(
                  null,
                  new PresetAssignment(null, List.of(hostile), null, null, null, null, null, null),
                  null),
              AT);
      assertEquals(1, findings.size(), hostile + ": " + findings);
      assertEquals(Code.E312, findings.get(0).code(), hostile);
    }
  }

  @Test
  void thePresetsAreTheDocumentedOnes() {
    assertEquals("Strict Preset Security Policy", Preset.STRICT.ruleName());
    assertEquals("Standard", Preset.STANDARD.recommendedPolicyType());
    assertTrue(Preset.STRICT.priority() < Preset.STANDARD.priority(), "Strict is applied first");
    assertEquals(
        Office365Presets.Preset.values()[0],
        Preset.STRICT,
        "listed in priority order: Strict first");
  }

  /** The section's schema as estate.schema.json has it, with the estate schema's $defs. */
  static SchemaCheck fragment() {
    JsonNode estate =
        Json.parse(TestSupport.read(TestSupport.root().resolve("schemas/estate.schema.json")));
    ObjectNode schema = Json.NODES.objectNode();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("type", "object");
    schema.put("additionalProperties", false);
    schema
        .putObject("properties")
        .set("office365Presets", estate.at("/properties/secops/properties/office365Presets"));
    schema.set("$defs", estate.get("$defs"));
    return new SchemaCheck(schema, "urn:aisb:office365-presets");
  }

  @Test
  void theSchemaFragmentAcceptsTheUsualFormAndItBindsToTheInputRecord() {
    JsonNode section =
        Json.parse(
            """
            {"office365Presets": {
              "standard": {"allRecipients": true, "exceptUsers": ["svc-journal@contoso.com"]},
              "strict": {"users": ["ceo@contoso.com"], "enabled": true},
              "defenderForOffice365": true}}
            """);
    assertEquals(List.of(), fragment().check(section));
    Secops.Office365Presets input =
        Json.bind(section.get("office365Presets"), Secops.Office365Presets.class);
    assertEquals(List.of("ceo@contoso.com"), input.strict().users());
    assertTrue(input.standard().allRecipients());
    assertEquals(List.of(), Office365PresetsCheck.check(input, AT));
  }

  @Test
  void theSchemaFragmentRefusesWrongShapes() {
    for (String bad :
        List.of(
            "{\"office365Presets\": {}}",
            "{\"office365Presets\": {\"standard\": {}}}",
            "{\"office365Presets\": {\"standard\": {\"users\": \"ceo@contoso.com\"}}}",
            "{\"office365Presets\": {\"standard\": {\"allRecipients\": true, \"sentTo\": []}}}",
            "{\"office365Presets\": {\"basic\": {\"allRecipients\": true}}}",
            "{\"office365Presets\": {\"strict\": {\"domains\": [\"contoso.com; x\"]}}}")) {
      assertTrue(!fragment().check(Json.parse(bad)).isEmpty(), bad);
    }
  }
}
