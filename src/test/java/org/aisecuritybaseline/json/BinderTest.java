package org.aisecuritybaseline.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.model.DataProtection;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.ThreatProtection;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The tool's own binder against Jackson's general data binder, which it replaced on the start-up
 * path: the same records from the same trees. (TestSupport.validate makes the same comparison for
 * every estate the other tests validate.)
 */
class BinderTest {
  private static Estate jackson(JsonNode node) {
    return Json.mapper().treeToValue(node, Estate.class);
  }

  @Test
  void everyExampleAndFixtureBindsAsJacksonBindsIt() throws Exception {
    List<Path> estates = new ArrayList<>(TestSupport.examples());
    try (Stream<Path> s = Files.walk(TestSupport.root().resolve("src/test/resources"))) {
      s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(estates::add);
    }
    assertTrue(estates.size() >= 4, estates.toString());
    for (Path p : estates) {
      JsonNode root = TestSupport.validate(p.toString(), TestSupport.read(p)).document().root();
      assertEquals(jackson(root), Json.bind(root, Estate.class), p.toString());
    }
  }

  @Test
  void theEstateAtThePlatformLimitsBindsAsJacksonBindsIt() {
    for (boolean newer : new boolean[] {false, true}) {
      JsonNode root =
          TestSupport.validate("limits.yaml", org.aisecuritybaseline.PlanAtLimitsTest.estate(newer))
              .document()
              .root();
      Estate ours = Json.bind(root, Estate.class);
      assertEquals(jackson(root), ours);
      assertTrue(ours.threat().azure().subscriptions().size() >= 1000);
    }
  }

  @Test
  void enumsBindByTheirFileNamesAndUnknownMembersAreIgnored() {
    JsonNode node =
        Json.parse(
            """
            {"key": "ops", "id": "11111111-1111-1111-1111-111111111111", "name": "Ops",
             "purpose": "serviceAccounts", "reason": "runs the pipelines", "colour": "blue"}
            """);
    Estate.Group g = Json.bind(node, Estate.Group.class);
    assertEquals(Estate.Group.Purpose.SERVICE_ACCOUNTS, g.purpose());
    assertEquals(Json.mapper().treeToValue(node, Estate.Group.class), g);
    assertNull(g.mail());
  }

  /**
   * The binder reads an enum's names from {@link Keyed}, Jackson from the constants'
   * {@code @JsonProperty}: every enum of the model with one has the other, with the same names.
   */
  @Test
  void eachEnumNamedInTheFilesIsKeyedAsItsAnnotationsSay() throws Exception {
    List<Class<?>> enums = new ArrayList<>();
    Path model = TestSupport.root().resolve("src/main/java/org/aisecuritybaseline/model");
    try (Stream<Path> s = Files.list(model)) {
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString().replace(".java", "");
        Class<?> top = Class.forName("org.aisecuritybaseline.model." + name);
        enums.add(top);
        enums.addAll(List.of(top.getDeclaredClasses()));
        for (Class<?> inner : top.getDeclaredClasses()) {
          enums.addAll(List.of(inner.getDeclaredClasses()));
        }
      }
    }
    int annotated = 0;
    for (Class<?> type : enums) {
      if (!type.isEnum()) {
        continue;
      }
      for (Object constant : type.getEnumConstants()) {
        var property =
            type.getField(((Enum<?>) constant).name())
                .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        if (property == null) {
          assertFalse(constant instanceof Keyed, type + "." + constant + " has no @JsonProperty");
          continue;
        }
        annotated++;
        assertTrue(constant instanceof Keyed, type + " is not Keyed");
        assertEquals(property.value(), ((Keyed) constant).key(), type + "." + constant);
      }
    }
    assertTrue(annotated >= 16, "annotated constants: " + annotated);
  }

  @Test
  void missingOrNullValuesKeepTheRecordsDefaults() {
    JsonNode node = Json.parse("{\"intune\": null}");
    Estate.Services s = Json.bind(node, Estate.Services.class);
    assertFalse(s.intune());
    assertEquals(Json.mapper().treeToValue(node, Estate.Services.class), s);
    Estate empty = Json.bind(Json.parse("{}"), Estate.class);
    assertEquals(jackson(Json.parse("{}")), empty);
    assertTrue(empty.groups().isEmpty());
  }

  @Test
  void anExplicitNullStaysAJsonNullWhereAnyJsonValueIsAllowed() {
    JsonNode node =
        Json.parse("{\"enabled\": true, \"properties\": {\"a\": null, \"b\": {\"c\": 1}}}");
    var ours = Json.bind(node, ThreatProtection.ExtensionSettings.class);
    var theirs = Json.mapper().treeToValue(node, ThreatProtection.ExtensionSettings.class);
    assertEquals(theirs, ours);
    assertTrue(ours.properties().get("a").isNull());
  }

  @Test
  void aGenericTypeBindsAMapOfRecords() throws Exception {
    JsonNode node = Json.parse("{\"b\": {\"id\": \"2\"}, \"a\": {\"id\": \"1\", \"name\": \"A\"}}");
    java.lang.reflect.Type type = BinderTest.class.getDeclaredField("principals").getGenericType();
    @SuppressWarnings("unchecked")
    Map<String, Estate.Principal> map = (Map<String, Estate.Principal>) Json.bind(node, type);
    assertEquals(List.of("b", "a"), List.copyOf(map.keySet()));
    assertEquals(new Estate.Principal("1", "A"), map.get("a"));
  }

  @SuppressWarnings("unused")
  private Map<String, Estate.Principal> principals;

  @Test
  void aValueOfTheWrongShapeIsRefusedWithItsPointer() {
    Json.BindException e =
        assertThrows(
            Json.BindException.class,
            () -> Json.bind(Json.parse("{\"groups\": [{\"key\": [1]}]}"), Estate.class));
    assertEquals("/groups/0/key", e.pointer());
    assertEquals("/groups/0/key: expected a string, found a list", e.getMessage());

    e =
        assertThrows(
            Json.BindException.class,
            () -> Json.bind(Json.parse("{\"purpose\": \"owners\"}"), Estate.Group.class));
    assertEquals(
        "/purpose: 'owners' is not one of admins, pilot, specialized, serviceAccounts, other",
        e.getMessage());

    e =
        assertThrows(
            Json.BindException.class,
            () ->
                Json.bind(
                    Json.parse("{\"tenant\": {\"unmanagedPolicyCount\": 1.5}}"), Estate.class));
    assertEquals("/tenant/unmanagedPolicyCount", e.pointer());

    e =
        assertThrows(
            Json.BindException.class,
            () -> Json.bind(Json.parse("{\"sensitiveInfoTypes\": {}}"), DataProtection.class));
    assertEquals("/sensitiveInfoTypes: expected a list, found a mapping", e.getMessage());
  }
}
