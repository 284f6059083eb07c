package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.plan.Plan;
import org.aisecuritybaseline.plan.PlanBuilder;
import org.aisecuritybaseline.plan.PlanJson;
import org.aisecuritybaseline.plan.PlanMarkdown;
import org.aisecuritybaseline.plan.PlanText;
import org.aisecuritybaseline.plan.Snapshot;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A committed output is a file tree anyone can edit. Planning against an edited one must show what
 * differs, whatever the edit put in a file: any JSON value where the tool writes another (a string
 * for a number, 1e400 for an integer, a list for a string), or a file that is no longer JSON. Each
 * round edits the enterprise example's output at random, from a fixed seed, and plans against it.
 */
class HandEditedOutputTest {
  private static final List<String> VALUES =
      List.of(
          "null",
          "true",
          "0",
          "-1",
          "0.5",
          "1e400",
          "-1e400",
          "99999999999999999999999",
          "\"\"",
          "\"x\"",
          "\"\\ud800\"",
          "\"{\\\"Is\"",
          "\"00000000-0000-0000-0000-000000000000\"",
          "[]",
          "[null]",
          "[{}]",
          "[[1]]",
          "{}",
          "{\"a\":1}");

  @Test
  void planningAgainstAnEditedOutputShowsTheEditsWhateverTheyHold() {
    EstateValidator.Validated validated =
        TestSupport.validateFile("examples/enterprise-p2/estate.yaml");
    List<Artifact> generated = Generator.generate(validated);
    Snapshot after = Snapshot.of("generated", generated);
    List<String> json =
        generated.stream()
            .map(Artifact::path)
            .filter(p -> p.endsWith(".json") && !p.equals(Artifact.MANIFEST))
            .toList();
    Random random = new Random(16);
    for (int round = 0; round < 60; round++) {
      Map<String, byte[]> files = new TreeMap<>(after.files());
      int edits = 1 + random.nextInt(round % 3 == 0 ? json.size() : 4);
      for (int e = 0; e < edits; e++) {
        String path = json.get(random.nextInt(json.size()));
        files.put(path, edit(files.get(path), random));
      }
      Snapshot before = new Snapshot("edited", files);
      Plan plan = PlanBuilder.build(validated.infos(), before, after);
      int changed = before.changesTo(after).size();
      assertEquals(changed, plan.files().size(), "round " + round);
      assertTrue(changed > 0 || files.equals(after.files()), "round " + round);
      assertTrue(PlanText.render(plan, false).contains("files differ"), "round " + round);
      Json.parse(PlanJson.render(plan));
      PlanMarkdown.render(plan);
    }
  }

  /** One value of the file replaced by another of any kind, or its text cut short. */
  private static byte[] edit(byte[] bytes, Random random) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (RuntimeException e) {
      root = null; // cut short by an earlier edit
    }
    if (root == null || random.nextInt(10) == 0) {
      return text.substring(0, random.nextInt(text.length() + 1)).getBytes(StandardCharsets.UTF_8);
    }
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode container = containers.get(random.nextInt(containers.size()));
    JsonNode value = Json.parse(VALUES.get(random.nextInt(VALUES.size())));
    if (container instanceof ObjectNode object && !object.isEmpty()) {
      List<String> names = new ArrayList<>(object.propertyNames());
      object.set(names.get(random.nextInt(names.size())), value);
    } else if (container instanceof ArrayNode array && !array.isEmpty()) {
      array.set(random.nextInt(array.size()), value);
    }
    return Json.writeBytes(root);
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainer()) {
      containers.add(node);
      node.values().forEach(child -> collect(child, containers));
    }
  }
}
