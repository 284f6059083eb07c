package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.aisecuritybaseline.json.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ./baseline launcher's start-up cache with the packaged jar and the real JVM (run by failsafe
 * after the package phase): whether the cache is absent, present, stale, damaged or cannot be
 * written, the run exits as without it, with the same JSON on stdout and nothing on stderr. The
 * launcher runs from a copy of the checkout that holds only the script, the jar and its libraries,
 * so it never rebuilds, and the test can change the jar's time without touching the real one.
 *
 * <p>The launcher keeps one of two kinds of cache, by the JDK it runs: an AppCDS archive on JDK 17
 * to 24, the JDK's ahead-of-time cache from JDK 25, each created in its own way. So the tests run
 * with the JDK that runs them, and again with a JDK of the other kind when one is found: in {@code
 * BASELINE_TEST_JDKS} (JDK homes, separated by ':') or under /usr/lib/jvm, where Debian and Ubuntu
 * install them. Without one, {@link #bothKindsOfCacheAreTested} is skipped and says which kind went
 * untested. With the same JDKs, the output of every example with a golden copy is compared with it.
 */
class LauncherIT {
  @TempDir Path tmp;
  private Path checkout;
  private Path cache;
  private Path estate;

  /** A JDK the launcher runs: its home and its feature version, read from its release file. */
  record Jdk(Path home, int feature) {
    /** The JDK's ahead-of-time cache (JDK 25 and later), else an AppCDS archive. */
    boolean aot() {
      return feature >= 25;
    }

    String extension() {
      return aot() ? ".aot" : ".jsa";
    }

    /**
     * The JDK at {@code home}, when it has a java and a release file naming version 17 or later.
     */
    static Optional<Jdk> at(Path home) {
      try {
        Path real = home.toRealPath();
        if (!Files.isExecutable(real.resolve("bin/java"))
            || !Files.isRegularFile(real.resolve("release"))) {
          return Optional.empty();
        }
        for (String line : Files.readAllLines(real.resolve("release"), StandardCharsets.UTF_8)) {
          if (line.startsWith("JAVA_VERSION=")) {
            String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
            Matcher m = Pattern.compile("(\\d+).*").matcher(version);
            if (m.matches() && Integer.parseInt(m.group(1)) >= 17) {
              return Optional.of(new Jdk(real, Integer.parseInt(m.group(1))));
            }
          }
        }
      } catch (IOException | NumberFormatException e) {
        // Not a JDK the launcher can run.
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "JDK " + feature + " (" + home + ")";
    }
  }

  /** The JDK that runs the tests. */
  static Jdk running() {
    return Jdk.at(Path.of(System.getProperty("java.home")))
        .orElseThrow(() -> new IllegalStateException("no release file in java.home"));
  }

  /** The first JDK found whose cache is of the other kind than the running JDK's. */
  static Optional<Jdk> otherKind() {
    List<Path> candidates = new ArrayList<>();
    String listed = System.getenv("BASELINE_TEST_JDKS");
    if (listed != null) {
      for (String home : listed.split(":")) {
        if (!home.isBlank()) {
          candidates.add(Path.of(home));
        }
      }
    }
    Path debian = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> homes = Files.list(debian)) {
        homes.sorted().forEach(candidates::add);
      } catch (IOException e) {
        // None found there.
      }
    }
    boolean aot = running().aot();
    return candidates.stream()
        .map(Jdk::at)
        .flatMap(Optional::stream)
        .filter(j -> j.aot() != aot)
        .findFirst();
  }

  /** The JDKs each test runs the launcher with. */
  static Stream<Jdk> jdks() {
    return Stream.concat(Stream.of(running()), otherKind().stream());
  }

  @BeforeEach
  void copyOfTheCheckout() throws IOException {
    Path root = TestSupport.root();
    Path jar = root.resolve("target/baseline.jar");
    Assumptions.assumeTrue(Files.isRegularFile(jar), "needs the packaged jar (mvn package)");
    checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.createDirectories(checkout.resolve("target"));
    Files.copy(root.resolve("baseline"), checkout.resolve("baseline"));
    Files.copy(jar, checkout.resolve("target/baseline.jar"));
    Files.setLastModifiedTime(
        checkout.resolve("target/baseline.jar"), Files.getLastModifiedTime(jar));
    Path lib = Files.createDirectories(checkout.resolve("target/lib"));
    try (Stream<Path> jars = Files.list(root.resolve("target/lib"))) {
      for (Path j : jars.toList()) {
        Files.copy(j, lib.resolve(j.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    cache = tmp.resolve("cache");
    estate = root.resolve("examples/small-p1/estate.yaml");
  }

  record Run(int code, String out, String err) {}

  private Jdk jdk;

  private Run run(Map<String, String> vars, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        Stream.concat(Stream.of("bash", checkout.resolve("baseline").toString()), Stream.of(args))
            .toList();
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("BASELINE_") || k.equals("XDG_CACHE_HOME"));
    env.put("HOME", tmp.resolve("home").toString());
    env.put("BASELINE_CACHE_DIR", cache.toString());
    env.put("JAVA_HOME", jdk.home().toString());
    env.putAll(vars);
    pb.redirectOutput(tmp.resolve("stdout").toFile());
    pb.redirectError(tmp.resolve("stderr").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher ends");
    return new Run(
        p.exitValue(),
        Files.readString(tmp.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(tmp.resolve("stderr"), StandardCharsets.UTF_8));
  }

  private Run check(Map<String, String> vars) throws IOException, InterruptedException {
    return run(vars, "check", estate.toString(), "--format", "json");
  }

  /** The run exits 0 with the JSON of a run without the cache and nothing on stderr. */
  private static void assertSameAs(Run expected, Run actual) {
    assertEquals(0, actual.code(), actual.err());
    assertEquals("", actual.err(), "nothing on stderr");
    assertEquals(Json.parse(expected.out()), Json.parse(actual.out()));
    assertEquals(expected.out(), actual.out());
  }

  private List<Path> archives() throws IOException {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files
          .filter(f -> f.toString().endsWith(".jsa") || f.toString().endsWith(".aot"))
          .peek(
              f ->
                  assertTrue(
                      f.toString().endsWith(jdk.extension()), "the kind of cache for " + jdk))
          .sorted()
          .toList();
    }
  }

  @Test
  void bothKindsOfCacheAreTested() {
    Assumptions.assumeTrue(
        otherKind().isPresent(),
        () ->
            "only the "
                + running().extension()
                + " cache was tested: no JDK "
                + (running().aot() ? "17 to 24" : "25 or later")
                + " under /usr/lib/jvm or in BASELINE_TEST_JDKS");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void absentPresentStaleAndCorruptCachesGiveTheSameOutput(Jdk jdk) throws Exception {
    this.jdk = jdk;
    Run plain = check(Map.of("BASELINE_CACHE", "off"));
    assertEquals(0, plain.code(), plain.err());
    assertEquals("", plain.err());
    Json.parse(plain.out());
    assertEquals(List.of(), archives(), "BASELINE_CACHE=off writes no cache");

    // Absent: the first run creates the archive.
    assertSameAs(plain, check(Map.of()));
    List<Path> created = archives();
    assertEquals(1, created.size(), "one archive: " + created);
    Path archive = created.get(0);
    assertTrue(archive.getFileName().toString().startsWith("check-"), archive.toString());
    FileTime time = Files.getLastModifiedTime(archive);

    // Present: the second run uses it and leaves it as it is.
    assertSameAs(plain, check(Map.of()));
    assertEquals(List.of(archive), archives());
    assertEquals(time, Files.getLastModifiedTime(archive), "not created again");

    // Damaged in place, size and time unchanged: the JVM checks the archive and does without it.
    archive.toFile().setWritable(true);
    byte[] bytes = Files.readAllBytes(archive);
    for (int i = bytes.length / 3; i < bytes.length / 3 + 4096; i++) {
      bytes[i] = (byte) (bytes[i] ^ 0x5a);
    }
    Files.write(archive, bytes);
    Files.setLastModifiedTime(archive, time);
    assertSameAs(plain, check(Map.of()));

    // Corrupt: garbage in place of the archive; the run does without it and the next one
    // recreates it.
    Files.write(archive, "garbage, not an archive".repeat(1000).getBytes(StandardCharsets.UTF_8));
    long garbage = Files.size(archive);
    assertSameAs(plain, check(Map.of()));
    assertSameAs(plain, check(Map.of()));
    assertEquals(List.of(archive), archives());
    assertNotEquals(garbage, Files.size(archive), "recreated");

    // Stale: the jar changed (its time here); a new archive replaces the old one.
    Path jar = checkout.resolve("target/baseline.jar");
    Files.setLastModifiedTime(
        jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 3_600_000));
    assertSameAs(plain, check(Map.of()));
    List<Path> renewed = archives();
    assertEquals(1, renewed.size(), renewed.toString());
    assertNotEquals(archive, renewed.get(0), "a new name for the changed jar");
    assertFalse(Files.exists(archive), "the old archive is removed");
    assertSameAs(plain, check(Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void anUnwritableCacheRunsWithoutIt(Jdk jdk) throws Exception {
    this.jdk = jdk;
    Run plain = run(Map.of("BASELINE_CACHE", "off"), "--version");
    assertEquals(0, plain.code(), plain.err());
    // The cache directory's path is a regular file (chmod does not stop root).
    Files.writeString(tmp.resolve("file"), "x");
    cache = tmp.resolve("file/cache");
    assertSameAsText(plain, run(Map.of(), "--version"));
    cache = tmp.resolve("file");
    assertSameAsText(plain, run(Map.of(), "--version"));
    // No BASELINE_CACHE_DIR, and HOME a regular file.
    assertSameAsText(
        plain,
        run(Map.of("BASELINE_CACHE_DIR", "", "HOME", tmp.resolve("file").toString()), "--version"));
  }

  /**
   * picocli is built for Java 17 into the jar (the pom's compile-picocli), so that the start-up
   * cache stores its classes: the Java 5 class files of its published jar are never archived.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void theCacheHoldsTheCommandLineParser(Jdk jdk) throws Exception {
    this.jdk = jdk;
    try (java.util.jar.JarFile jar =
        new java.util.jar.JarFile(checkout.resolve("target/baseline.jar").toFile())) {
      byte[] header = jar.getInputStream(jar.getEntry("picocli/CommandLine.class")).readNBytes(8);
      assertTrue(((header[6] & 0xff) << 8 | (header[7] & 0xff)) >= 61, "class file for Java 17");
      // Apache-2.0, section 4: who receives picocli's classes receives its licence.
      for (String notice : List.of("LICENSE", "NOTICE")) {
        assertTrue(
            jar.getEntry("META-INF/licenses/picocli/" + notice) != null, "picocli's " + notice);
      }
      assertTrue(
          new String(
                  jar.getInputStream(jar.getEntry("META-INF/licenses/picocli/LICENSE"))
                      .readAllBytes(),
                  java.nio.charset.StandardCharsets.UTF_8)
              .contains("Apache License"),
          "the Apache License's text");
    }
    try (Stream<Path> libs = Files.list(checkout.resolve("target/lib"))) {
      assertEquals(
          List.of(),
          libs.filter(j -> j.getFileName().toString().startsWith("picocli")).toList(),
          "the published jar is not shipped");
    }
    Path log = tmp.resolve("classes.log");
    Map<String, String> logging = Map.of("BASELINE_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
    assertEquals(0, run(logging, "--version").code()); // creates the cache
    Files.deleteIfExists(log);
    Run cached = run(logging, "--version");
    assertEquals(0, cached.code(), cached.err());
    assertEquals(1, archives().size(), "the cache was created and used");
    List<String> lines = Files.readAllLines(log);
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.contains(" picocli.CommandLine source: shared objects file")),
        "picocli.CommandLine from the cache: "
            + lines.stream().filter(l -> l.contains("picocli.CommandLine ")).toList());
  }

  /**
   * What the tool generates does not depend on the JDK that runs it: with each JDK, the packaged
   * jar's output of every example with a golden copy is that copy, byte for byte (GoldenTest
   * compares it in process, on the JDK that runs the tests).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void everyJdkGeneratesTheGoldenOutput(Jdk jdk) throws Exception {
    this.jdk = jdk;
    Path goldens = TestSupport.root().resolve("src/test/golden");
    List<Path> examples;
    try (Stream<Path> dirs = Files.list(goldens)) {
      examples = dirs.sorted().toList();
    }
    assertFalse(examples.isEmpty(), "golden copies under " + goldens);
    for (Path golden : examples) {
      String name = golden.getFileName().toString();
      Path estate = TestSupport.root().resolve("examples").resolve(name).resolve("estate.yaml");
      Path out = tmp.resolve("out-" + name);
      Run run =
          run(
              Map.of("BASELINE_CACHE", "off"),
              "generate",
              estate.toString(),
              "--out",
              out.toString());
      assertEquals(0, run.code(), run.err());
      Map<String, byte[]> expected = files(golden);
      Map<String, byte[]> actual = files(out);
      assertEquals(expected.keySet(), actual.keySet(), name + " with " + jdk + ": the files");
      for (String path : expected.keySet()) {
        assertEquals(
            new String(expected.get(path), StandardCharsets.UTF_8),
            new String(actual.get(path), StandardCharsets.UTF_8),
            name + "/" + path + " with " + jdk);
        assertTrue(
            java.util.Arrays.equals(expected.get(path), actual.get(path)),
            name + "/" + path + " with " + jdk + ": byte for byte");
      }
    }
  }

  /** Each regular file under {@code dir} by its path relative to it, with its bytes. */
  private static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> files = new java.util.TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    }
    return files;
  }

  private static void assertSameAsText(Run expected, Run actual) {
    assertEquals(0, actual.code(), actual.err());
    assertEquals("", actual.err(), "nothing on stderr");
    assertEquals(expected.out(), actual.out());
  }
}
