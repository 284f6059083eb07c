package org.aisecuritybaseline.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;

/**
 * Preloading loads what exists (a step that failed would only end it silently, so the steps run
 * here on the test's thread, where a failure shows), and a command run after it generates the same
 * bytes.
 */
class PreloadTest {
  @Test
  void everyStepRunsForEveryScope() {
    for (Preload.Scope scope : Preload.Scope.values()) {
      Preload.runAll(scope);
    }
    assertTrue(
        Preload.templates(org.aisecuritybaseline.entra.Catalogue.builtIn())
            .containsAll(
                List.of(
                    "docs/README.md.ftl",
                    "docs/readme/entra.md.ftl",
                    "scripts/deploy-all.ps1.ftl")));
  }

  @Test
  void aCommandAfterPreloadingGeneratesTheGoldenOutput() throws Exception {
    Preload.start(Preload.Scope.GENERATE);
    Preload.finish();
    Path example = TestSupport.root().resolve("examples/enterprise-p2/estate.yaml");
    Path golden = TestSupport.root().resolve("src/test/golden/enterprise-p2");
    List<Artifact> files = TestSupport.generate(example);
    assertEquals(
        TestSupport.files(golden).stream().filter(Files::isRegularFile).count(), files.size());
    for (Artifact a : files) {
      assertArrayEquals(Files.readAllBytes(golden.resolve(a.path())), a.bytes(), a.path());
    }
  }

  @Test
  void finishingWithoutStartingDoesNothing() {
    Preload.finish();
    Preload.finish();
  }
}
