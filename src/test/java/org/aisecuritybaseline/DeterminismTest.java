package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs of the command, into different directories, give identical bytes. */
class DeterminismTest {
  @TempDir Path tmp;

  @Test
  void twoRunsWriteIdenticalBytes() throws IOException {
    for (Path estate : TestSupport.examples()) {
      Path a = tmp.resolve(estate.getParent().getFileName() + "-a");
      Path b = tmp.resolve("elsewhere").resolve(estate.getParent().getFileName() + "-b");
      assertEquals(0, TestSupport.cli("generate", estate.toString(), "--out", a.toString()).code());
      assertEquals(0, TestSupport.cli("generate", estate.toString(), "--out", b.toString()).code());
      List<Path> filesA = files(a);
      assertEquals(
          filesA.stream().map(a::relativize).toList(),
          files(b).stream().map(b::relativize).toList());
      for (Path f : filesA) {
        assertArrayEquals(
            Files.readAllBytes(f), Files.readAllBytes(b.resolve(a.relativize(f))), f.toString());
      }
    }
  }

  @Test
  void reorderingTheYamlDoesNotChangePolicyBodies() {
    String yaml = TestSupport.read(TestSupport.root().resolve("examples/small-p1/estate.yaml"));
    String reordered =
        yaml.replace(
            "    - id: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\n      name: bg-admin-01@fabrikam.onmicrosoft.com\n"
                + "    - id: 1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e\n      name: bg-admin-02@fabrikam.onmicrosoft.com\n",
            "    - id: 1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e\n      name: bg-admin-02@fabrikam.onmicrosoft.com\n"
                + "    - id: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\n      name: bg-admin-01@fabrikam.onmicrosoft.com\n");
    assertEquals(false, yaml.equals(reordered), "test fixture must actually reorder");
    var first =
        org.aisecuritybaseline.pipeline.Generator.generate(TestSupport.validate("a.yaml", yaml));
    var second =
        org.aisecuritybaseline.pipeline.Generator.generate(
            TestSupport.validate("b.yaml", reordered));
    for (int i = 0; i < first.size(); i++) {
      if (first.get(i).path().startsWith("entra/conditional-access/")) {
        assertEquals(first.get(i).text(), second.get(i).text(), first.get(i).path());
      }
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
