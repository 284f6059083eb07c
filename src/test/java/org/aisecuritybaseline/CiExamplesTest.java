package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.diag.SourceFile;
import org.aisecuritybaseline.load.YamlLoader;
import org.junit.jupiter.api.Test;

/** The CI examples are valid YAML and call baseline with commands and options that exist. */
class CiExamplesTest {
  @Test
  void bothPipelinesValidateCheckAndPlan() {
    for (String name : List.of("github-actions.yml", "azure-pipelines.yml")) {
      String text = TestSupport.read(TestSupport.root().resolve("examples/ci/" + name));
      Diagnostics d = new Diagnostics();
      assertTrue(YamlLoader.load(new SourceFile(name, text), d).isPresent() && !d.hasErrors(), name + " is valid YAML: " + d.all());
      assertContains(text, "baseline validate estate.yaml");
      assertContains(text, "baseline generate estate.yaml --out out --check");
      assertContains(text, "baseline plan estate.yaml --against out --against-git");
      assertContains(text, "--format markdown --detailed-exitcode");
    }
  }

  @Test
  void theOptionsTheyUseExist() {
    TestSupport.Run plan = TestSupport.cli("plan", "--help");
    assertEquals(0, plan.code());
    for (String option : List.of("--against", "--against-git", "--format", "--detailed-exitcode")) {
      assertContains(plan.out(), option);
    }
    TestSupport.Run generate = TestSupport.cli("generate", "--help");
    assertContains(generate.out(), "--check");
  }
}
