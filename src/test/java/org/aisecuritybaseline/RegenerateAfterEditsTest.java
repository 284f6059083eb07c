package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.write.OutputWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerating into an output that someone changed on disk gives exactly what a new directory gets,
 * however it was changed, and when it writes, shares no file with anything: the files it carries
 * over by hard link (write/Kept) are only those that are still exactly as generated and linked
 * nowhere else. Each round makes a few changes at random, from a fixed seed, of the kinds a person,
 * an editor or a backup tool makes, to any file but the manifest.
 */
class RegenerateAfterEditsTest {
  @TempDir Path tmp;

  private interface Change {
    void apply(Path out, Path file, Random random) throws IOException;
  }

  private static final Map<String, Change> CHANGES = new TreeMap<>();

  static {
    CHANGES.put(
        "one byte flipped",
        (out, file, random) -> {
          byte[] b = Files.readAllBytes(file);
          if (b.length > 0) {
            b[random.nextInt(b.length)] ^= 1;
            Files.write(file, b);
          }
        });
    CHANGES.put(
        "cut short",
        (out, file, random) -> {
          byte[] b = Files.readAllBytes(file);
          Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
        });
    CHANGES.put(
        "a line added",
        (out, file, random) ->
            Files.write(
                file,
                "\n".getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND));
    CHANGES.put("deleted", (out, file, random) -> Files.delete(file));
    CHANGES.put(
        "its time changed",
        (out, file, random) -> Files.setLastModifiedTime(file, FileTime.fromMillis(123_456_000L)));
    CHANGES.put(
        "made executable, or not",
        (out, file, random) ->
            Files.setPosixFilePermissions(
                file,
                PosixFilePermissions.fromString(random.nextBoolean() ? "rwxrwxrwx" : "rw-------")));
    CHANGES.put(
        "backed up by a hard link outside",
        (out, file, random) ->
            Files.createLink(
                Files.createDirectories(out.resolveSibling("backup"))
                    .resolve(random.nextInt(1_000_000) + "-" + file.getFileName()),
                file));
    CHANGES.put(
        "replaced by a hard link to another output file",
        (out, file, random) -> {
          List<Path> all = files(out);
          Path other = all.get(random.nextInt(all.size()));
          if (!other.equals(file)) {
            Files.delete(file);
            Files.createLink(file, other);
          }
        });
    CHANGES.put(
        "replaced by a symbolic link to an equal copy",
        (out, file, random) -> {
          Path copy = out.resolveSibling("copies").resolve(random.nextInt(1_000_000) + ".copy");
          Files.createDirectories(copy.getParent());
          Files.copy(file, copy);
          Files.delete(file);
          Files.createSymbolicLink(file, copy);
        });
    CHANGES.put(
        "replaced by a folder",
        (out, file, random) -> {
          Files.delete(file);
          Files.createDirectories(file.resolve("inside"));
        });
    CHANGES.put(
        "moved to another name",
        (out, file, random) ->
            Files.move(file, file.resolveSibling("moved-" + file.getFileName())));
  }

  private static List<Path> files(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    }
  }

  @Test
  void regeneratingGivesWhatANewDirectoryGetsHoweverTheOutputWasChanged() throws Exception {
    Path estate = TestSupport.root().resolve("examples/small-p1/estate.yaml");
    List<Artifact> artifacts =
        Generator.generate(TestSupport.validateFile("examples/small-p1/estate.yaml"));
    Path out = tmp.resolve("out");
    Path fresh = tmp.resolve("fresh");
    OutputWriter.write(fresh, artifacts, List.of(estate));
    OutputWriter.write(out, artifacts, List.of(estate));
    Map<Path, byte[]> expected = new TreeMap<>();
    for (Path p : files(fresh)) {
      expected.put(fresh.relativize(p), Files.readAllBytes(p));
    }
    List<String> names = new ArrayList<>(CHANGES.keySet());
    Random random = new Random(16);
    int carried = 0; // files that a run which wrote carried over by a link
    for (int round = 0; round < 40; round++) {
      List<String> made = new ArrayList<>();
      for (int c = 1 + random.nextInt(4); c > 0; c--) {
        // Not the manifest: without it the directory is no longer known as an output, and the run
        // refuses to replace it (OutputWriterTest).
        // A shell script one time in three: its permissions are part of what is generated.
        boolean script = random.nextInt(3) == 0;
        List<Path> now =
            files(out).stream()
                .filter(p -> !p.equals(out.resolve(Artifact.MANIFEST)))
                .filter(p -> !script || p.toString().endsWith(".sh"))
                .toList();
        Path file = now.get(random.nextInt(now.size()));
        String change = names.get(random.nextInt(names.size()));
        CHANGES.get(change).apply(out, file, random);
        made.add(change + ": " + out.relativize(file));
      }
      if (random.nextInt(4) > 0) { // mostly a run that writes, so that files are carried over
        Files.writeString(out.resolve("notes-" + round + ".txt"), "mine");
        made.add("a file added");
      }
      Map<Path, byte[]> outside = new TreeMap<>();
      for (Path p : files(tmp)) {
        if (!p.startsWith(out) && !p.startsWith(fresh)) {
          outside.put(p, Files.readAllBytes(p));
        }
      }
      Map<Path, Object> inodes = new TreeMap<>();
      for (Path p : files(out)) {
        inodes.put(out.relativize(p), Files.getAttribute(p, "unix:ino"));
      }
      OutputWriter.Result result = OutputWriter.write(out, artifacts, List.of(estate));
      String what = "round " + round + " " + made;
      assertEquals(
          List.copyOf(expected.keySet()), files(out).stream().map(out::relativize).toList(), what);
      try (var walk = Files.walk(out)) {
        assertEquals(
            List.of(),
            walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                .filter(p -> !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                .toList(),
            what + ": only files and folders");
      }
      for (var e : expected.entrySet()) {
        Path p = out.resolve(e.getKey());
        assertArrayEquals(e.getValue(), Files.readAllBytes(p), what + ": " + e.getKey());
        if (result.written()) { // else it was up to date: a backup's link to it is the backup's
          assertEquals(
              1, Files.getAttribute(p, "unix:nlink"), what + ": " + e.getKey() + " is shared");
        }
        if (result.written() && Files.getAttribute(p, "unix:ino").equals(inodes.get(e.getKey()))) {
          carried++;
        }
        if (e.getKey().toString().endsWith(".sh")) {
          assertEquals(
              "rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), what);
        }
      }
      for (var e : outside.entrySet()) {
        assertArrayEquals(
            e.getValue(), Files.readAllBytes(e.getKey()), what + ": " + e.getKey() + " outside");
      }
      assertTrue(
          RobustnessTest.list(tmp).stream()
              .allMatch(p -> !p.getFileName().toString().contains(".baseline-")),
          what + ": nothing left beside the output");
    }
    assertTrue(carried > 100, "the runs carried unchanged files over: " + carried);
  }
}
