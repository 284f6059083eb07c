package org.aisecuritybaseline.defender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.family.Arm;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Estate text in ARM templates follows Microsoft's escaping rule ("Syntax and expressions in ARM
 * templates", Escape characters): a literal that starts with '[' and ends with ']' is written with
 * one more '[' ({@code [a]} -> {@code [[a]}); any other literal is written unchanged ({@code [a},
 * {@code a]}, {@code [soc]@example.com}). Every assertion is on the generated template JSON, read
 * back the way ARM reads it ({@link #armReads}).
 *
 * <p>Estate strings that reach an ARM template, and how each is covered here:
 *
 * <ul>
 *   <li>securityContact.emails (joined with ';' into one value): all three cases, end to end;
 *   <li>exclusionTags keys and values (serialised into the ExclusionTags JSON-array string): all
 *       three cases, end to end;
 *   <li>extension property values (additionalExtensionProperties): all three cases at the renderer,
 *       because the estate validation admits no free-form string there (every documented property
 *       is typed: a number, a boolean or the ExclusionTags list above); the renderer case keeps a
 *       future string property safe;
 *   <li>everything else is an identifier the estate schema pattern-checks or enumerates, so it
 *       cannot hold a bracket: plan, sub-plan, extension and property names, AWS account IDs,
 *       regions, StackSet name, excluded account IDs, containersExternalId, rdsRoleArn, GCP project
 *       IDs and numbers, organisation IDs, excluded project numbers; tier, roles, severities and
 *       offerings are enums ({@link #theRestIsPatternChecked} proves the patterns refuse brackets);
 *   <li>subscription, AWS account and GCP project names never reach a template (README only), which
 *       {@link #namesNeverReachATemplate} checks.
 * </ul>
 *
 * {@link #nothingIsReadAsAnExpressionByAccident} checks the result structurally: in every template
 * the only values ARM evaluates are the generator's own expressions.
 */
class ArmEscapingTest {
  private static final Pattern OWN_EXPRESSIONS =
      Pattern.compile(
          "\\[resourceGroup\\(\\)\\.location\\]|\\[subscriptionResourceId\\('Microsoft\\.Security/pricings', '[A-Za-z0-9]+'\\)\\]");

  /**
   * What ARM makes of a string value in a template (Microsoft's ARM expression parser: a string is
   * an expression when it starts with '[' and ends with ']'; when its second character is '[' too
   * it is the literal without its first character). Expressions come back as null.
   */
  static String armReads(String written) {
    boolean expressionShaped =
        written.length() >= 2 && written.startsWith("[") && written.endsWith("]");
    if (!expressionShaped) {
      return written;
    }
    return written.charAt(1) == '[' ? written.substring(1) : null;
  }

  @Test
  void literalFollowsMicrosoftsRule() {
    assertEquals("[[a]", Arm.literal("[a]"));
    assertEquals("[a", Arm.literal("[a"));
    assertEquals("a]", Arm.literal("a]"));
    assertEquals("[soc]@example.com", Arm.literal("[soc]@example.com"));
    assertEquals("[[]", Arm.literal("[]"));
    assertEquals("[", Arm.literal("["));
    assertEquals("", Arm.literal(""));
    assertEquals(
        "[[[a]",
        Arm.literal("[[a]"),
        "a literal that already starts with [[ still needs its own escape");
    for (String s :
        List.of("[a]", "[a", "a]", "[soc]@example.com", "[]", "[", "", "[[a]", "[[a", "plain")) {
      assertEquals(s, armReads(Arm.literal(s)), "ARM must read back what the estate said: " + s);
    }
  }

  // --- securityContact.emails, end to end ---

  @Test
  void anEmailShapedLikeAnExpressionIsEscaped() {
    assertEquals("[[a@example.com]", writtenEmails("[a@example.com]"));
  }

  @Test
  void emailsThatAreAlreadyLiteralsStayUnchanged() {
    assertEquals("[a@example.com", writtenEmails("[a@example.com"));
    assertEquals("a@example.com]", writtenEmails("a@example.com]"));
    assertEquals("[soc]@example.com", writtenEmails("[soc]@example.com"));
  }

  @Test
  void theJoinedEmailListIsEscapedAsOneValue() {
    // Neither address is expression-shaped alone; joined they are, and ARM reads the joined value.
    String written = writtenEmails("[a@example.com", "b@example.com]");
    assertEquals("[[a@example.com;b@example.com]", written);
    assertEquals("[a@example.com;b@example.com]", armReads(written));
  }

  private static String writtenEmails(String... emails) {
    List<String> quoted = new ArrayList<>();
    for (String e : emails) {
      quoted.add(q(e));
    }
    JsonNode template =
        subscriptionTemplate(
            estate("securityContact: {emails: [" + String.join(", ", quoted) + "]}", ""));
    JsonNode contact = resource(template, "Microsoft.Security/securityContacts");
    return contact.at("/properties/emails").asString();
  }

  // --- exclusionTags, end to end ---

  @Test
  void exclusionTagsKeepTheirTextAndTheListIsEscaped() {
    String plans =
        """
            plans:
              VirtualMachines:
                extensions:
                  AgentlessVmScanning:
                    enabled: true
                    exclusionTags:
                      - {key: %s, value: %s}
                      - {key: %s, value: %s}
        """
            .formatted(q("[a]"), q("[a"), q("a]"), q("[soc]@example.com"));
    JsonNode template = subscriptionTemplate(estate("", plans));
    String written =
        extension(template, "VirtualMachines", "AgentlessVmScanning")
            .at("/additionalExtensionProperties/ExclusionTags")
            .asString();
    assertTrue(written.startsWith("[[{"), written);
    JsonNode tags = Json.parse(armReads(written));
    assertEquals(
        Json.parse(
            "[{\"Key\":\"[a]\",\"Value\":\"[a\"},{\"Key\":\"a]\",\"Value\":\"[soc]@example.com\"}]"),
        tags);
  }

  // --- extension property values, at the renderer ---

  @Test
  void extensionPropertyStringsAreEscapedByTheWriter() {
    Map<String, JsonNode> props = new LinkedHashMap<>();
    props.put("A", Json.NODES.stringNode("[a]"));
    props.put("B", Json.NODES.stringNode("[a"));
    props.put("C", Json.NODES.stringNode("a]"));
    props.put("D", Json.NODES.stringNode("[soc]@example.com"));
    props.put("E", Json.parse("{\"nested\":[\"[a]\",\"[a\"]}"));
    props.put("F", Json.NODES.numberNode(10000));
    var state =
        new PlannedSubscription(
            "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
            "x",
            false,
            List.of(
                new PlannedSubscription.PlanState(
                    "StorageAccounts",
                    "Standard",
                    "DefenderForStorageV2",
                    List.of(
                        new PlannedSubscription.ExtensionState(
                            "OnUploadMalwareScanning", true, props, "test")))));
    JsonNode written =
        Json.parse(
            new String(
                Arm.writeBytes(DefenderRenderer.subscriptionTemplate(state, null)),
                java.nio.charset.StandardCharsets.UTF_8));
    JsonNode aep =
        extension(written, "StorageAccounts", "OnUploadMalwareScanning")
            .get("additionalExtensionProperties");
    assertEquals("[[a]", aep.get("A").asString());
    assertEquals("[a", aep.get("B").asString());
    assertEquals("a]", aep.get("C").asString());
    assertEquals("[soc]@example.com", aep.get("D").asString());
    assertEquals(Json.parse("{\"nested\":[\"[[a]\",\"[a\"]}"), aep.get("E"));
    assertEquals(10000, aep.get("F").asInt());
    assertTrue(aep.get("F").isNumber());
  }

  // --- the generator's own expressions ---

  @Test
  void theGeneratorsExpressionsAreWrittenAsExpressions() {
    List<Artifact> files = Generator.generate(TestSupport.validate("e.yaml", estate("", "")));
    JsonNode sub =
        Json.parse(text(files, "defender/azure/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.json"));
    boolean sawDependsOn = false;
    for (JsonNode r : sub.get("resources")) {
      for (JsonNode d : r.path("dependsOn")) {
        sawDependsOn = true;
        assertTrue(d.asString().startsWith("[subscriptionResourceId("), d.asString());
        assertNull(armReads(d.asString()), "ARM evaluates " + d.asString());
      }
    }
    assertTrue(sawDependsOn);
    JsonNode aws = Json.parse(text(files, "defender/aws/123456789012/connector.json"));
    assertEquals("[resourceGroup().location]", aws.at("/resources/0/location").asString());
    assertThrows(IllegalArgumentException.class, () -> Arm.expression("not one"));
    assertThrows(IllegalArgumentException.class, () -> Arm.expression("[[escaped]"));
  }

  // --- everything else ---

  @Test
  void namesNeverReachATemplate() {
    List<Artifact> files = Generator.generate(TestSupport.validate("e.yaml", estate("", "")));
    int templates = 0;
    for (Artifact a : armTemplates(files)) {
      templates++;
      assertFalse(
          a.text().contains("name-marker"),
          a.path() + " must not carry a subscription, account or project name");
    }
    assertEquals(3, templates);
  }

  @Test
  void theRestIsPatternChecked() {
    JsonNode schema =
        Json.parse(TestSupport.read(TestSupport.root().resolve("schemas/estate.schema.json")));
    String azure = "/properties/threat/properties/azure/properties";
    String plan = "/additionalProperties/properties";
    String aws = "/properties/threat/properties/aws/properties/accounts/items/properties";
    String gcp = "/properties/threat/properties/gcp/properties/projects/items/properties";
    List<String> patterned = new ArrayList<>();
    for (String plans :
        List.of(azure + "/plans", azure + "/subscriptions/items/properties/plans")) {
      patterned.add(plans + "/propertyNames"); // plan names
      patterned.add(plans + plan + "/subPlan");
      patterned.add(plans + plan + "/extensions/propertyNames");
      patterned.add(
          plans + plan + "/extensions/additionalProperties/properties/properties/propertyNames");
    }
    patterned.addAll(
        List.of(
            aws + "/id",
            aws + "/organization/properties/stacksetName",
            aws + "/organization/properties/excludedAccountIds/items",
            aws + "/regions/items",
            aws + "/containersExternalId",
            aws + "/rdsRoleArn",
            gcp + "/projectId",
            gcp + "/projectNumber",
            gcp + "/organization/properties/organizationId",
            gcp + "/organization/properties/excludedProjectNumbers/items"));
    for (String pointer : patterned) {
      JsonNode p = schema.at(pointer + "/pattern");
      assertTrue(p.isString(), "no pattern at " + pointer);
      Pattern pattern = Pattern.compile(p.asString());
      for (String value : List.of("[a]", "[a", "a]")) {
        assertFalse(pattern.matcher(value).find(), pointer + " admits " + value);
      }
    }
    for (String pointer :
        List.of(
            azure + "/plans" + plan + "/tier",
            azure + "/securityContact/properties/notifyRoles/items",
            azure + "/securityContact/properties/minimalSeverity",
            azure + "/securityContact/properties/minimalAttackPathRiskLevel",
            aws + "/offerings/items",
            gcp + "/offerings/items")) {
      assertTrue(schema.at(pointer + "/enum").isArray(), "no enum at " + pointer);
    }
  }

  @Test
  void nothingIsReadAsAnExpressionByAccident() {
    List<List<Artifact>> outputs = new ArrayList<>();
    for (Path example : TestSupport.examples()) {
      outputs.add(TestSupport.generate(example));
    }
    String plans =
        """
            plans:
              VirtualMachines:
                extensions:
                  AgentlessVmScanning:
                    enabled: true
                    exclusionTags: [{key: %s, value: %s}]
        """
            .formatted(q("[a]"), q("[b]"));
    outputs.add(
        Generator.generate(
            TestSupport.validate(
                "e.yaml",
                estate("securityContact: {emails: [" + q("[a@example.com]") + "]}", plans))));
    int templates = 0;
    for (List<Artifact> files : outputs) {
      for (Artifact a : armTemplates(files)) {
        templates++;
        walk(Json.parse(a.text()), a.path());
      }
    }
    assertTrue(templates >= 10, "templates checked: " + templates);
  }

  private static void walk(JsonNode node, String where) {
    if (node.isString()) {
      String s = node.asString();
      if (armReads(s) == null) {
        assertTrue(OWN_EXPRESSIONS.matcher(s).matches(), where + ": ARM would evaluate " + s);
      }
    }
    for (var e : node.properties()) {
      assertFalse(
          e.getKey().startsWith("[") && e.getKey().endsWith("]"),
          where + ": property name " + e.getKey());
      walk(e.getValue(), where);
    }
    if (node.isArray()) {
      node.forEach(item -> walk(item, where));
    }
  }

  // --- helpers ---

  /** A YAML double-quoted scalar (a JSON string is one). */
  static String q(String s) {
    return Json.write(Json.NODES.stringNode(s)).strip();
  }

  /**
   * An estate with one Azure subscription, one AWS account and one GCP project; names carry a
   * marker.
   */
  static String estate(String azureExtra, String plans) {
    return TestSupport.MINIMAL_ESTATE
        + """
        threat:
          azure:
            deploymentLocation: westeurope
            %s
        %s
            subscriptions:
              - {id: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d, name: "[name-marker]"}
          connectorHost: {subscription: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d, resourceGroup: rg-mdc, location: westeurope}
          aws:
            accounts:
              - {id: "123456789012", name: "[name-marker]"}
          gcp:
            projects:
              - {projectId: contoso-ai, projectNumber: "843025268399", name: "[name-marker]"}
        """
            .formatted(azureExtra, plans.stripTrailing());
  }

  private static JsonNode subscriptionTemplate(String yaml) {
    List<Artifact> files = Generator.generate(TestSupport.validate("e.yaml", yaml));
    return Json.parse(text(files, "defender/azure/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.json"));
  }

  private static List<Artifact> armTemplates(List<Artifact> files) {
    return files.stream()
        .filter(
            a ->
                (a.path().startsWith("defender/azure/") && a.path().endsWith(".json"))
                    || a.path().endsWith("/connector.json"))
        .toList();
  }

  private static String text(List<Artifact> files, String path) {
    return files.stream()
        .filter(a -> a.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + path))
        .text();
  }

  private static JsonNode resource(JsonNode template, String type) {
    for (JsonNode r : template.get("resources")) {
      if (r.get("type").asString().equals(type)) {
        return r;
      }
    }
    throw new AssertionError("no " + type);
  }

  private static JsonNode extension(JsonNode template, String plan, String name) {
    for (JsonNode r : template.get("resources")) {
      if (r.get("name").asString().equals(plan)) {
        for (JsonNode x : r.at("/properties/extensions")) {
          if (x.get("name").asString().equals(name)) {
            return x;
          }
        }
      }
    }
    throw new AssertionError("no " + plan + "/" + name);
  }
}
