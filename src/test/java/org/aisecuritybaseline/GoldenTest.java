package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The generated output of every example, compared byte for byte with the reviewed copy under
 * src/test/golden/&lt;example&gt;/. After an intended change: mvn verify -Dgolden.update=true, then
 * review the diff like code.
 */
class GoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @Test
  void thereAreAtLeastTwoExamples() {
    assertFalse(TestSupport.examples().size() < 2, "examples/ should hold at least two estates");
  }

  @TestFactory
  Stream<DynamicTest> examplesMatchTheirGoldenFiles() {
    return TestSupport.examples().stream()
        .map(
            estate ->
                DynamicTest.dynamicTest(
                    estate.getParent().getFileName().toString(), () -> check(estate)));
  }

  private static void check(Path estate) throws IOException {
    Path golden =
        TestSupport.root().resolve("src/test/golden").resolve(estate.getParent().getFileName());
    List<Artifact> files = TestSupport.generate(estate);
    if (UPDATE) {
      if (Files.exists(golden)) {
        try (Stream<Path> walk = Files.walk(golden)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      for (Artifact a : files) {
        Path target = golden.resolve(a.path());
        Files.createDirectories(target.getParent());
        Files.write(target, a.bytes());
      }
      return;
    }
    Map<String, String> expected = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(golden)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        expected.put(golden.relativize(p).toString().replace('\\', '/'), Files.readString(p));
      }
    }
    Map<String, String> actual = new TreeMap<>();
    files.forEach(a -> actual.put(a.path(), a.text()));
    assertEquals(
        expected.keySet(),
        actual.keySet(),
        "generated file list differs from "
            + golden
            + " (run with -Dgolden.update=true after reviewing)");
    for (String path : expected.keySet()) {
      assertEquals(expected.get(path), actual.get(path), path + " differs from its golden copy");
    }
  }
}
