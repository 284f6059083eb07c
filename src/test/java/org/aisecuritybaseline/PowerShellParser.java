package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aisecuritybaseline.json.Json;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

/**
 * Runs the PowerShell parse tool of {@code .ci/ps-parse/} (tree-sitter's PowerShell grammar, WASM
 * build, through web-tree-sitter) on script files. There is no PowerShell on the build machines, so
 * this is how the tests know that every generated script at least parses.
 *
 * <p>The tool's packages are pinned in {@code .ci/ps-parse/package-lock.json}; when {@code
 * node_modules} is missing or holds other versions, the first use installs them with {@code npm ci
 * --ignore-scripts} (from the npm registry only; no install script runs, no native code is built).
 * {@code .ci/run} does the same before the build. Without node, the tests that use the tool are
 * skipped on a developer machine and fail in CI.
 */
final class PowerShellParser {
  static final Path TOOL = TestSupport.root().resolve(".ci/ps-parse");

  private PowerShellParser() {}

  /**
   * What the tool printed and its exit code: 0 clean, 1 syntax errors, 2 usage or internal error.
   */
  record Result(int code, String output) {
    /** The "FILE:LINE:COL: error: ..." lines. */
    List<String> errors() {
      return output.lines().filter(l -> l.contains(": error: ")).toList();
    }
  }

  /**
   * A function or filter definition as the grammar delimits it: its file, line, name as written and
   * whole text.
   */
  record Function(Path file, int line, String name, String text) {}

  static Result parse(List<Path> files) {
    ensureInstalled();
    List<String> command = new ArrayList<>(List.of("node", TOOL.resolve("parse.cjs").toString()));
    files.forEach(f -> command.add(f.toString()));
    return run(command, TOOL, 120);
  }

  /**
   * Every function and filter definition in {@code files}, nested ones included; fails when a file
   * does not parse.
   */
  static List<Function> functions(List<Path> files) {
    ensureInstalled();
    List<String> command =
        new ArrayList<>(List.of("node", TOOL.resolve("parse.cjs").toString(), "--functions"));
    files.forEach(f -> command.add(f.toString()));
    Result result = run(command, TOOL, 120);
    if (result.code() != 0) {
      fail(
          "the PowerShell parser reported errors (exit "
              + result.code()
              + "):\n"
              + result.output());
    }
    List<Function> functions = new ArrayList<>();
    for (String line : result.output().lines().filter(l -> l.startsWith("function ")).toList()) {
      JsonNode f = Json.parse(line.substring("function ".length()));
      functions.add(
          new Function(
              Path.of(f.get("file").asString()),
              f.get("line").asInt(),
              f.get("name").asString(),
              f.get("text").asString()));
    }
    return functions;
  }

  private static synchronized void ensureInstalled() {
    Assumptions.assumeTrue(
        nodeAvailable() || System.getenv("CI") != null,
        "node is not installed (CI has it); the PowerShell parse tests need it");
    if (installed()) {
      return;
    }
    Result npm =
        run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), TOOL, 600);
    if (npm.code() != 0 || !installed()) {
      fail(
          "could not install the PowerShell parser ("
              + TOOL
              + ": npm ci --ignore-scripts, exit "
              + npm.code()
              + "). It needs the npm registry; run `bash .ci/run` or that command by hand.\n"
              + npm.output());
    }
  }

  private static boolean nodeAvailable() {
    try {
      return new ProcessBuilder("node", "--version").redirectErrorStream(true).start().waitFor()
          == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Every dependency of package.json is in node_modules at exactly the pinned version. */
  private static boolean installed() {
    JsonNode dependencies =
        Json.parse(TestSupport.read(TOOL.resolve("package.json"))).get("dependencies");
    for (Map.Entry<String, JsonNode> d : dependencies.properties()) {
      Path manifest = TOOL.resolve("node_modules").resolve(d.getKey()).resolve("package.json");
      if (!Files.isRegularFile(manifest)
          || !Json.parse(TestSupport.read(manifest))
              .path("version")
              .asString()
              .equals(d.getValue().asString())) {
        return false;
      }
    }
    return true;
  }

  private static Result run(List<String> command, Path dir, int timeoutSeconds) {
    try {
      // stdout and stderr stay apart: a warning on stderr must not land inside a line of stdout.
      Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
      p.getOutputStream().close();
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      Thread drain =
          new Thread(
              () -> {
                try {
                  p.getErrorStream().transferTo(err);
                } catch (IOException e) {
                  // the process ended; what it wrote is enough
                }
              });
      drain.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
      }
      drain.join();
      String stderr = err.toString(StandardCharsets.UTF_8);
      return new Result(
          p.exitValue(),
          new String(out, StandardCharsets.UTF_8) + (stderr.isEmpty() ? "" : "\n" + stderr));
    } catch (IOException e) {
      return fail("could not run " + String.join(" ", command) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted: " + String.join(" ", command));
    }
  }
}
