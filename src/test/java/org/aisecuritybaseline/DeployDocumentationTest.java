package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 16: the deploy documentation says what the scripts do and need, for every file
 * generated.
 */
class DeployDocumentationTest {
  /** A Microsoft Graph permission name: Resource.Read(Write|Basic).Scope. */
  private static final Pattern PERMISSION =
      Pattern.compile(
          "\\b[A-Z][A-Za-z]+\\.(?:Read|ReadWrite|ReadBasic)\\.[A-Z][A-Za-z]+(?:\\.[A-Z][A-Za-z]+)*\\b");

  static Map<String, String> files(Path estate) {
    return TestSupport.generate(estate).stream()
        .collect(Collectors.toMap(Artifact::path, Artifact::text));
  }

  @Test
  void theFirstDeploymentChecksTheServicePrincipalsItNeeds() {
    Map<String, String> files =
        files(TestSupport.root().resolve("examples/enterprise-p2/estate.yaml"));
    String deployAll = files.get("deploy-all.ps1");
    assertContains(deployAll, "Check 7 (service principals)");
    assertContains(deployAll, "/servicePrincipals(appId='");
    assertContains(deployAll, "New-MgServicePrincipal -AppId");
    assertContains(files.get("README.md"), "7. The first-party apps the policies target");
    // The apps it checks come from the deployment file, which lists both Copilot apps of this
    // estate.
    assertEquals(2, Json.parse(files.get("entra/deployment.json")).get("servicePrincipals").size());
  }

  @Test
  void theOutputReadmeListsEveryGraphPermissionTheScriptsUse() {
    for (Path example : TestSupport.examples()) {
      Map<String, String> files = files(example);
      Set<String> used = new TreeSet<>();
      files.entrySet().stream()
          .filter(e -> e.getKey().endsWith(".ps1"))
          .forEach(
              e -> PERMISSION.matcher(e.getValue()).results().forEach(r -> used.add(r.group())));
      assertFalse(used.isEmpty());
      String readme = files.get("README.md");
      for (String permission : used) {
        assertTrue(
            readme.contains("| `" + permission + "` |"),
            example + ": README lists " + permission + " (used: " + used + ")");
      }
    }
  }

  @Test
  void anEstateThatEnforcesIsToldWhichScriptsToRun() {
    String enterprise =
        files(TestSupport.root().resolve("examples/enterprise-p2/estate.yaml")).get("README.md");
    assertContains(enterprise, "**This estate already enforces policies**");
    String small =
        TestSupport.read(TestSupport.root().resolve("examples/small-p1/estate.yaml"))
            .replace("policies:\n  CA004:\n    stage: pilot\n", "");
    String reportOnly =
        org.aisecuritybaseline.pipeline.Generator.generate(TestSupport.validate("e.yaml", small))
            .stream()
            .filter(a -> a.path().equals("README.md"))
            .findFirst()
            .orElseThrow()
            .text();
    assertFalse(
        reportOnly.contains("already enforces"),
        "a first deployment is not told to skip deploy-all.ps1");
  }

  /**
   * Every file the examples generate has its line in the README's output tree, and every line a
   * file.
   */
  @Test
  void theReadmeTreeListsEveryGeneratedFile() {
    String readme = TestSupport.read(TestSupport.root().resolve("README.md"));
    String block = readme.substring(readme.indexOf("## What is generated"));
    block =
        block.substring(
            block.indexOf("```text\n") + 8, block.indexOf("```\n", block.indexOf("```text\n") + 8));
    Set<String> tree =
        block
            .lines()
            .filter(l -> l.startsWith("  "))
            .map(l -> l.trim().split("\\s+")[0])
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> generated = new TreeSet<>();
    for (Path example : TestSupport.examples()) {
      files(example).keySet().forEach(p -> generated.add(shape(p)));
    }
    assertEquals(generated, tree);
  }

  static String shape(String path) {
    return path.replaceFirst(
            "^entra/conditional-access/[A-Z]+\\d+-[a-z0-9-]+\\.json$",
            "entra/conditional-access/<id>-<slug>.json")
        .replaceFirst(
            "^entra/named-locations/NL-[a-z0-9-]+\\.json$", "entra/named-locations/NL-<key>.json")
        .replaceFirst("^purview/dlp/[A-Z]+\\d+-[a-z0-9-]+\\.json$", "purview/dlp/<id>-<slug>.json")
        .replaceFirst(
            "^purview/labels/policies/[a-z0-9-]+\\.json$", "purview/labels/policies/<key>.json")
        .replaceFirst("^purview/labels/[a-z0-9-]+\\.json$", "purview/labels/<key>.json")
        .replaceFirst(
            "^defender/azure/[0-9a-f-]{36}\\.json$", "defender/azure/<subscription-id>.json")
        .replaceFirst("^defender/aws/\\d{12}/", "defender/aws/<account-id>/")
        .replaceFirst("^defender/gcp/[a-z][a-z0-9-]+/", "defender/gcp/<project-id>/")
        .replaceFirst(
            "^secops/office365-presets/(standard|strict)\\.json$",
            "secops/office365-presets/<preset>.json");
  }

  @Test
  void shapesAreNotTooGreedy() {
    assertEquals("defender/gcp/deploy-connectors.sh", shape("defender/gcp/deploy-connectors.sh"));
    assertEquals(
        List.of("entra/conditional-access/<id>-<slug>.json"),
        List.of(shape("entra/conditional-access/CA100-custom.json")));
  }
}
