package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.write.OutputWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {
  @TempDir Path tmp;

  private static final Path SMALL = TestSupport.root().resolve("examples/small-p1/estate.yaml");

  @Test
  void refusesANonEmptyDirectoryItDidNotCreate() throws IOException {
    Path out = tmp.resolve("mine");
    Path precious = TestSupport.write(out, "notes.txt", "my notes");
    TestSupport.Run run = TestSupport.cli("generate", SMALL.toString(), "--out", out.toString());
    assertEquals(1, run.code());
    assertContains(run.err(), "is not empty and was not created by baseline");
    assertEquals("my notes", Files.readString(precious));
    assertEquals(List.of(precious), list(out));
    assertEquals(
        List.of(tmp, out, precious),
        RobustnessTest.walk(tmp),
        "nothing is left next to it: no staging directory, and no lock file either");
    // The same for a file where the directory should be.
    Path file = TestSupport.write(tmp, "file.txt", "mine");
    run = TestSupport.cli("generate", SMALL.toString(), "--out", file.toString());
    assertEquals(1, run.code());
    assertContains(run.err(), "exists and is not a directory");
    assertEquals(List.of(tmp, file, out, precious), RobustnessTest.walk(tmp));
  }

  @Test
  void replacesItsOwnOutputAsAWhole() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    Path stale = TestSupport.write(out, "entra/conditional-access/CA999-stale.json", "{}");
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    assertFalse(Files.exists(stale), "files of an earlier run are gone");
    assertTrue(Files.exists(out.resolve("manifest.json")));
    assertEquals(List.of(out), list(tmp), "no staging or backup directory is left behind");
  }

  @Test
  void writesIntoAnEmptyDirectory() throws IOException {
    Path out = Files.createDirectory(tmp.resolve("empty"));
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    assertTrue(Files.exists(out.resolve("README.md")));
  }

  @Test
  void aFailedRunLeavesThePreviousOutputUntouched() throws Exception {
    Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    byte[] before = Files.readAllBytes(out.resolve("manifest.json"));
    List<Path> filesBefore = list(out);
    // "m" as a file and "m/b" below it cannot both be written: the run fails half-way, in one of
    // the parts that the files are written in, while the others go on (on both cores).
    List<Artifact> broken = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      broken.add(Artifact.text(String.format("%c/%03d.json", i < 100 ? 'a' : 'z', i), "{}"));
    }
    broken.add(100, Artifact.text("m", "x"));
    broken.add(101, Artifact.text("m/b", "y"));
    assertThrows(
        OutputWriter.RefusedException.class, () -> OutputWriter.write(out, broken, List.of(SMALL)));
    assertEquals(filesBefore, list(out));
    assertEquals(new String(before), Files.readString(out.resolve("manifest.json")));
    assertEquals(List.of(out), list(tmp), "the staging directory is removed");
  }

  @Test
  void refusesAnOutputDirectoryThatHoldsTheInput() throws IOException {
    Path estate = TestSupport.write(tmp, "estate.yaml", TestSupport.read(SMALL));
    TestSupport.Run run = TestSupport.cli("generate", estate.toString(), "--out", tmp.toString());
    assertEquals(1, run.code());
    assertContains(run.err(), "contains the input");
    assertEquals(TestSupport.read(SMALL), Files.readString(estate));
  }

  @Test
  void refusesAFile() throws IOException {
    Path file = TestSupport.write(tmp, "out", "not a directory");
    TestSupport.Run run = TestSupport.cli("generate", SMALL.toString(), "--out", file.toString());
    assertEquals(1, run.code());
    assertContains(run.err(), "is not a directory");
    assertEquals("not a directory", Files.readString(file));
  }

  @Test
  void leavesAnOutputThatIsAlreadyUpToDateAsItIs() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000L);
    List<Path> files = RobustnessTest.walk(out);
    for (Path p : files) {
      Files.setLastModifiedTime(p, old);
    }
    Object inode = Files.readAttributes(out, "unix:ino").get("ino");
    TestSupport.Run again = TestSupport.cli("generate", SMALL.toString(), "--out", out.toString());
    assertEquals(0, again.code(), again.err());
    assertContains(again.out(), "Nothing to write: " + out + " already holds these");
    assertEquals(files, RobustnessTest.walk(out));
    for (Path p : files) {
      assertEquals(old, Files.getLastModifiedTime(p), p + " was not rewritten");
    }
    assertEquals(inode, Files.readAttributes(out, "unix:ino").get("ino"), "not swapped");
    assertEquals(List.of(out), list(tmp), "no staging directory is left behind");
  }

  /**
   * After an edit of the estate, the files that did not change are carried into the new output by a
   * hard link (the same file, its time kept), the others are new; the result is byte for byte what
   * a new directory gets, and no file of it is still shared with anything.
   */
  @Test
  void carriesTheUnchangedFilesOfThePreviousOutputOver() throws IOException {
    String text = TestSupport.read(SMALL);
    String edited = text.replace("name: Fabrikam office", "name: Fabrikam head office");
    assertTrue(!edited.equals(text), "the example names its office");
    Path estate = TestSupport.write(tmp, "estate.yaml", text);
    Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", estate.toString(), "--out", out.toString()).code());
    java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000L);
    Map<Path, Object> inodes = new java.util.HashMap<>();
    for (Path p : RobustnessTest.walk(out)) {
      if (Files.isRegularFile(p)) {
        Files.setLastModifiedTime(p, old);
        inodes.put(out.relativize(p), Files.getAttribute(p, "unix:ino"));
      }
    }
    Files.writeString(estate, edited);
    TestSupport.Run run = TestSupport.cli("generate", estate.toString(), "--out", out.toString());
    assertEquals(0, run.code(), run.err());
    Path fresh = tmp.resolve("fresh");
    assertEquals(
        0, TestSupport.cli("generate", estate.toString(), "--out", fresh.toString()).code());
    List<Path> kept = new java.util.ArrayList<>();
    List<Path> rewritten = new java.util.ArrayList<>();
    for (Path p : RobustnessTest.walk(fresh)) {
      Path name = fresh.relativize(p);
      Path now = out.resolve(name);
      if (!Files.isRegularFile(p)) {
        continue;
      }
      assertTrue(
          java.util.Arrays.equals(Files.readAllBytes(p), Files.readAllBytes(now)), name + "");
      assertEquals(1, Files.getAttribute(now, "unix:nlink"), name + " is shared with nothing");
      if (Files.getAttribute(now, "unix:ino").equals(inodes.get(name))) {
        assertEquals(old, Files.getLastModifiedTime(now), name + " kept its time");
        kept.add(name);
      } else {
        assertTrue(!old.equals(Files.getLastModifiedTime(now)), name + " is new");
        rewritten.add(name);
      }
    }
    assertEquals(
        List.of(
            Path.of("README.md"),
            Path.of("entra/deployment.json"),
            Path.of("entra/named-locations/NL-office.json"),
            Path.of("manifest.json")),
        rewritten.stream().sorted().toList(),
        "only what the new name changes is written");
    assertTrue(kept.size() > 10, "the rest is carried over: " + kept);
    assertEquals(List.of(estate, fresh, out), list(tmp), "nothing else is left behind");
  }

  /** Each way an output can differ from what the estate generates makes the run replace it. */
  @Test
  void replacesAnOutputThatDiffersInAnyWay() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    List<Path> generated = RobustnessTest.walk(out);
    Map<Path, byte[]> bytes = new java.util.HashMap<>();
    for (Path p : generated) {
      if (Files.isRegularFile(p)) {
        bytes.put(p, Files.readAllBytes(p));
      }
    }
    Path readme = out.resolve("README.md");
    Path script =
        generated.stream()
            .filter(p -> p.toString().endsWith(".sh"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the small example has a shell script"));
    Map<String, Edit> edits = new java.util.LinkedHashMap<>();
    edits.put("a changed byte", () -> Files.writeString(readme, "edited by hand"));
    edits.put(
        "the same size, other bytes",
        () -> {
          byte[] b = Files.readAllBytes(readme);
          b[0] ^= 1;
          Files.write(readme, b);
        });
    edits.put("a missing file", () -> Files.delete(readme));
    edits.put("an extra file", () -> Files.writeString(out.resolve("entra/extra.json"), "{}"));
    edits.put("an extra folder", () -> Files.createDirectory(out.resolve("entra/empty")));
    edits.put(
        "a link instead of a file",
        () -> {
          Files.delete(readme);
          Files.createSymbolicLink(readme, out.resolve("manifest.json"));
        });
    edits.put(
        "a script that is no longer executable",
        () ->
            Files.setPosixFilePermissions(
                script, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--")));
    for (var edit : edits.entrySet()) {
      edit.getValue().run();
      TestSupport.Run run = TestSupport.cli("generate", SMALL.toString(), "--out", out.toString());
      assertEquals(0, run.code(), edit.getKey() + ": " + run.err());
      assertContains(run.out(), "Wrote ");
      assertEquals(generated, RobustnessTest.walk(out), edit.getKey());
      for (var e : bytes.entrySet()) {
        assertTrue(Files.isRegularFile(e.getKey(), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(
            java.util.Arrays.equals(e.getValue(), Files.readAllBytes(e.getKey())), edit.getKey());
      }
      assertEquals(
          "rwxr-xr-x",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(script)),
          edit.getKey());
    }
  }

  private interface Edit {
    void run() throws IOException;
  }

  private static List<Path> list(Path dir) throws IOException {
    return RobustnessTest.list(dir);
  }
}
