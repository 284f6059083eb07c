package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./baseline launcher's own logic, with stand-ins for java and mvn on a PATH that holds nothing
 * else: it finds its checkout through symbolic links and from any directory, says what the first
 * build does, and lets no terminal escape code through from Maven.
 */
class LauncherTest {
  private static final List<String> TOOLS =
      List.of("bash", "dirname", "readlink", "find", "sed", "mkdir", "cat");

  @TempDir Path tmp;
  private Path tool;
  private Path path;
  private Path log;

  @BeforeEach
  void checkout() throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
    tool = Files.createDirectories(tmp.resolve("checkouts/ai-security-baseline"));
    Files.copy(TestSupport.root().resolve("baseline"), tool.resolve("baseline"));
    executable(tool.resolve("baseline"));
    for (String source :
        List.of("pom.xml", "src/main/java/A.java", "templates/t.ftl", "schemas/s.json")) {
      TestSupport.write(tool, source, "x\n");
      Files.setLastModifiedTime(
          tool.resolve(source), FileTime.from(Instant.now().minusSeconds(3600)));
    }
    TestSupport.write(tool, "target/baseline.jar", "jar\n");
    // The PATH: the tools the launcher uses (links to the real ones) and stand-ins for java and
    // mvn.
    path = Files.createDirectories(tmp.resolve("path"));
    for (String t : TOOLS) {
      Path real =
          Files.isExecutable(Path.of("/usr/bin", t)) ? Path.of("/usr/bin", t) : Path.of("/bin", t);
      Assumptions.assumeTrue(Files.isExecutable(real), "needs " + t);
      Files.createSymbolicLink(path.resolve(t), real);
    }
    log = tmp.resolve("log");
    stub("java", "for a; do printf '%s\\n' \"$a\"; done > \"$STUB_LOG.java\"\n");
    stub(
        "mvn",
        "printf '%s %s\\n' \"$PWD\" \"$*\" >> \"$STUB_LOG.mvn\"\n"
            + "printf '\\033[0m\\033[1;31m[INFO] building\\033[0m\\n'\n"
            + "printf '\\033[0m\\033[0m' >&2\n"
            + "mkdir -p target && printf 'jar\\n' > target/baseline.jar\n");
  }

  private void stub(String name, String body) throws IOException {
    Path p = TestSupport.write(path.resolve("stubs"), name, "#!/usr/bin/env bash\n" + body);
    executable(p);
  }

  private static void executable(Path p) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  record Run(int code, String err, List<String> javaArgs) {}

  /** Runs {@code command} with bash in {@code cwd}, PATH holding only the tools and the stubs. */
  private Run run(Path cwd, String command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(path.resolve("bash").toString(), "-c", command);
    pb.directory(cwd.toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", path.resolve("stubs") + ":" + path);
    env.put("STUB_LOG", log.toString());
    env.put("HOME", tmp.toString());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    Path java = Path.of(log + ".java");
    List<String> args = Files.exists(java) ? Files.readAllLines(java) : List.of();
    Files.deleteIfExists(java);
    return new Run(p.exitValue(), err, args);
  }

  private void assertRanTheJar(Run run, String... args) throws IOException {
    assertEquals(0, run.code(), run.err());
    int jar = run.javaArgs().indexOf("-jar");
    assertTrue(jar >= 0, "java was run with -jar: " + run.javaArgs() + "\n" + run.err());
    assertEquals(
        tool.toRealPath().resolve("target/baseline.jar").toString(), run.javaArgs().get(jar + 1));
    assertEquals(List.of(args), run.javaArgs().subList(jar + 2, run.javaArgs().size()));
  }

  @Test
  void runsFromAnyDirectoryAndThroughSymbolicLinksOnPath() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("projects/contoso"));
    // Called by path from another directory.
    assertRanTheJar(
        run(elsewhere, tool.resolve("baseline") + " generate estate.yaml --out out"),
        "generate",
        "estate.yaml",
        "--out",
        "out");
    // A relative link on PATH, such as ~/.local/bin/baseline ->
    // ../../checkouts/ai-security-baseline/baseline.
    Path bin = Files.createDirectories(tmp.resolve("home/.local/bin"));
    Files.createSymbolicLink(bin.resolve("baseline"), bin.relativize(tool.resolve("baseline")));
    assertRanTheJar(
        run(elsewhere, "PATH=\"" + bin + ":$PATH\" baseline validate 'a b.yaml'"),
        "validate",
        "a b.yaml");
    // A link to that link, and a linked directory on the way.
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.createSymbolicLink(other.resolve("bl"), bin.resolve("baseline"));
    Files.createSymbolicLink(tmp.resolve("linked-home"), tmp.resolve("home"));
    assertRanTheJar(run(elsewhere, other.resolve("bl") + " schema"), "schema");
    assertRanTheJar(
        run(elsewhere, tmp.resolve("linked-home/.local/bin/baseline") + " --version"), "--version");
    assertFalse(Files.exists(Path.of(log + ".mvn")), "a fresh jar is not rebuilt");
  }

  @Test
  void theFirstBuildSaysWhatItDoesAndPrintsNoEscapeCodes() throws Exception {
    Files.delete(tool.resolve("target/baseline.jar"));
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("baseline"), tool.resolve("baseline"));
    Run first = run(tmp, tool.resolve("baseline") + " --version");
    assertRanTheJar(first, "--version");
    assertContains(
        first.err(),
        "baseline: first run: building target/baseline.jar with Maven. Maven downloads the dependencies");
    assertContains(first.err(), "(a few minutes, depending on the network)");
    assertContains(first.err(), "[INFO] building");
    assertFalse(
        first.err().contains("\u001b"),
        "no escape codes: " + first.err().replace("\u001b", "<ESC>"));
    List<String> builds = Files.readAllLines(Path.of(log + ".mvn"));
    assertEquals(1, builds.size());
    assertEquals(
        tool.toRealPath() + " -q -B -Dstyle.color=never -DskipTests package",
        builds.get(0),
        "built in the checkout, in batch mode");

    TestSupport.write(tool, "src/main/java/B.java", "changed\n");
    Files.setLastModifiedTime(
        tool.resolve("src/main/java/B.java"), FileTime.from(Instant.now().plusSeconds(60)));
    Run again = run(tmp, bin.resolve("baseline") + " --version");
    assertRanTheJar(again, "--version");
    assertContains(again.err(), "baseline: sources changed: rebuilding target/baseline.jar");
    assertFalse(again.err().contains("\u001b"), again.err());
  }

  @Test
  void withoutMavenItSaysWhatTheBuildNeeds() throws Exception {
    Files.delete(tool.resolve("target/baseline.jar"));
    Files.delete(path.resolve("stubs/mvn"));
    Run run = run(tmp, tool.resolve("baseline") + " --version");
    assertEquals(1, run.code());
    assertContains(run.err(), "needs Maven 3.8.6 or later and Java 17; mvn is not on PATH");
  }
}
