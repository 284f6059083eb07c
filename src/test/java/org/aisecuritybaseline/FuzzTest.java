package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.diag.SourceFile;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.load.YamlLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A seeded fuzz run (issue 9): mutated estates, a hostile value in every string field of both
 * examples, and parallel and killed runs in real processes. For every run: exit 0 or 1 (64 for
 * usage), no stack trace, bounded output, nothing changed outside the output directory, and the
 * previous output either intact (after a failure) or replaced by a complete one. The seed is
 * printed on failure; set -Dfuzz.seed=N to replay, -Dfuzz.runs=N for a longer run.
 */
class FuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", 20261202L);
  private static final int RUNS = Integer.getInteger("fuzz.runs", 500);
  private static final int MAX_CONSOLE = 1 << 20;

  static final List<String> HOSTILE =
      List.of(
          "",
          " ",
          "[",
          "]",
          "[x]",
          "[soc]@example.com",
          "{",
          "}",
          "*x",
          "&x",
          "!!int x",
          "~",
          "null",
          "true",
          "0x",
          "-1",
          "1e400",
          "9.3e18",
          "\u202e\u2066evil\u2069",
          "\u200b",
          "\ud83d\ude00",
          "\u0000",
          "\u001b]0;x\u0007\u001b[2J",
          "\"'`$(id)${x};&|<>#",
          "line\nbreak",
          "\r",
          "@'\n'@",
          "x".repeat(5000),
          "00000000-0000-0000-0000-000000000000",
          "6f1c2a4e-3b7d-4e8f-9a0b-1c2d3e4f5a6b",
          "All",
          "None",
          "../../etc/passwd",
          "C:\\Windows",
          "</details>",
          "# heading",
          "| a | b |",
          "%s%n",
          "[=x]",
          "${x}",
          "<#--",
          "\\",
          "'",
          "\"");

  @TempDir Path tmp;

  private final List<String> failures = new ArrayList<>();

  @Test
  void mutatedEstatesAndHostileValues() throws Exception {
    Random random = new Random(SEED);
    Path prev = tmp.resolve("out");
    Path estate = tmp.resolve("estate.yaml");
    List<String> examples = TestSupport.examples().stream().map(TestSupport::read).toList();
    assertEquals(
        0,
        TestSupport.cli(
                "generate", TestSupport.examples().get(0).toString(), "--out", prev.toString())
            .code());

    for (int i = 0; i < RUNS; i++) {
      String base = examples.get(random.nextInt(examples.size()));
      String mutated = mutate(base, random);
      check("mutation " + i, estate, mutated, prev, random.nextBoolean() ? "generate" : "plan");
    }
    // A hostile value in every string field of every example, written as JSON (which is YAML).
    int field = 0;
    for (String example : examples) {
      JsonNode tree = load(example);
      List<String> pointers = new ArrayList<>();
      strings(tree, "", pointers);
      for (String pointer : pointers) {
        JsonNode copy = tree.deepCopy();
        set(copy, pointer, HOSTILE.get(field++ % HOSTILE.size()));
        check("hostile " + pointer, estate, Json.write(copy), prev, "generate");
      }
    }
    if (!failures.isEmpty()) {
      fail(
          "seed "
              + SEED
              + ": "
              + failures.size()
              + " failing runs:\n"
              + String.join("\n\n", failures.subList(0, Math.min(10, failures.size()))));
    }
  }

  /** One run and every invariant; failures are collected so that one run shows them all. */
  private void check(String label, Path estate, String yaml, Path out, String command)
      throws IOException {
    Files.writeString(estate, yaml, StandardCharsets.UTF_8);
    Map<String, String> outside = digests(tmp, out);
    Map<String, String> before = digests(out, null);
    TestSupport.Run run =
        command.equals("generate")
            ? TestSupport.cli("generate", estate.toString(), "--out", out.toString())
            : TestSupport.cli(
                "plan", estate.toString(), "--against", out.toString(), "--format", "markdown");
    List<String> problems = new ArrayList<>();
    if (run.code() != 0 && run.code() != 1) {
      problems.add("exit " + run.code());
    }
    if (run.err().contains("\tat ") || run.err().contains("internal error")) {
      problems.add("stack trace or internal error");
    }
    if (run.out().length() + run.err().length() > MAX_CONSOLE) {
      problems.add(
          "console output of " + (run.out().length() + run.err().length()) + " characters");
    }
    if (!digests(tmp, out).equals(outside)) {
      problems.add("a file outside the output directory changed");
    }
    Map<String, String> after = digests(out, null);
    if (run.code() != 0 || !command.equals("generate")) {
      if (!after.equals(before)) {
        problems.add(
            "the previous output changed although the run "
                + (run.code() != 0 ? "failed" : "only planned"));
      }
    } else if (!complete(out, after)) {
      problems.add("the new output is not what its manifest lists");
    }
    if (!problems.isEmpty()) {
      String keep = System.getProperty("fuzz.keep");
      if (keep != null) {
        Files.writeString(
            Path.of(keep).resolve("failure-" + failures.size() + ".yaml"),
            yaml,
            StandardCharsets.UTF_8);
      }
      failures.add(
          label
              + " ("
              + command
              + "): "
              + problems
              + "\n"
              + abbreviate(run.err())
              + "\n--- estate ---\n"
              + abbreviate(yaml));
    }
  }

  /** Every file the manifest lists, with its digest, and nothing else. */
  private static boolean complete(Path out, Map<String, String> files) {
    JsonNode manifest = Json.parse(TestSupport.read(out.resolve("manifest.json")));
    Map<String, String> listed = new TreeMap<>();
    manifest
        .get("files")
        .forEach(f -> listed.put(f.get("path").asString(), f.get("sha256").asString()));
    Map<String, String> actual = new TreeMap<>(files);
    actual.remove("manifest.json");
    return listed.equals(actual);
  }

  // --- Hostile paths, in random combinations
  // ---------------------------------------------------------

  @Test
  void hostilePathsForEveryCommand() throws Exception {
    Random random = new Random(SEED);
    Path work = Files.createDirectories(tmp.resolve("work"));
    Path estate = Files.copy(TestSupport.examples().get(0), work.resolve("estate.yaml"));
    Path out = work.resolve("out");
    assertEquals(0, TestSupport.cli("generate", estate.toString(), "--out", out.toString()).code());
    Files.copy(
        estate, out.resolve("copy.yaml")); // an input inside the output, through a link below
    Files.createSymbolicLink(work.resolve("link.yaml"), out.resolve("copy.yaml"));
    Files.createSymbolicLink(work.resolve("linked-out"), out);
    Files.createSymbolicLink(work.resolve("here"), Path.of("").toAbsolutePath());
    Files.writeString(work.resolve("file.txt"), "mine");
    Files.createDirectories(work.resolve("foreign")).resolve("notes.txt").toFile().createNewFile();
    List<String> estates =
        List.of(
            estate.toString(),
            work.resolve("link.yaml").toString(),
            "/dev/zero",
            work.resolve("missing.yaml").toString(),
            work.toString(),
            "/proc/self/status",
            out.resolve("copy.yaml").toString());
    List<String> dirs =
        List.of(
            out.toString(),
            ".",
            "..",
            "/",
            "/proc/x",
            "/sys/x",
            work.resolve("file.txt/sub").toString(),
            work.resolve("linked-out").toString(),
            work.resolve("here").toString(),
            work.resolve("linked-out/../out").toString(),
            work.resolve("foreign").toString(),
            work.resolve("x".repeat(256)).toString(),
            work.resolve("new\u001b[2J").toString(),
            work.resolve("-dash").toString(),
            "");
    List<String> refs = List.of("HEAD", "-x", "HEAD:secret", "no-such-ref", "HEAD\u0007", "");
    for (int i = 0; i < 60; i++) {
      String e = estates.get(random.nextInt(estates.size()));
      String d = dirs.get(random.nextInt(dirs.size()));
      String[] args =
          switch (random.nextInt(5)) {
            case 0 -> new String[] {"generate", e, "--out", d};
            case 1 -> new String[] {"generate", e, "--out", d, "--check"};
            case 2 -> new String[] {"plan", e, "--against", d, "--detailed-exitcode"};
            case 3 ->
                new String[] {
                  "plan", e, "--against", d, "--against-git", refs.get(random.nextInt(refs.size()))
                };
            default ->
                new String[] {
                  "init",
                  d,
                  "--tenant-id",
                  "6f1c2a4e-3b7d-4e8f-9a0b-1c2d3e4f5a6b",
                  "--break-glass",
                  "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d,1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e",
                  "--yes"
                };
          };
      Map<String, String> outside = digests(work, out);
      Map<String, String> previous = digests(out, null);
      Map<String, String> project = digests(Path.of("").toAbsolutePath().resolve("src"), null);
      TestSupport.Run run = TestSupport.cli(args);
      String label = String.join(" ", args);
      List<Integer> allowed =
          args[0].equals("plan") && args[args.length - 1].equals("--detailed-exitcode")
              ? List.of(0, 1, 2, 64)
              : List.of(0, 1, 64);
      List<String> problems = new ArrayList<>();
      if (!allowed.contains(run.code())) {
        problems.add("exit " + run.code());
      }
      if (run.err().contains("\tat ") || run.err().contains("internal error")) {
        problems.add("stack trace or internal error");
      }
      if (run.out().length() + run.err().length() > MAX_CONSOLE) {
        problems.add("console output too long");
      }
      // The directory a successful generate wrote: out, or another one (such as a new one).
      Path written =
          run.code() == 0 && args[0].equals("generate") && args.length == 4
              ? Path.of(d).toAbsolutePath().normalize()
              : null;
      if (!out.equals(written) && !digests(out, null).equals(previous)) {
        problems.add("the output changed although this run did not write it");
      }
      if (written != null && !complete(written, digests(written, null))) {
        problems.add("the output is not what its manifest lists");
      }
      if (!digests(Path.of("").toAbsolutePath().resolve("src"), null).equals(project)) {
        problems.add("the project's own files changed");
      }
      Map<String, String> now = digests(work, out);
      if (!args[0].equals("init")
          && !now.equals(outside)
          && !(run.code() == 0 && args[0].equals("generate"))) {
        problems.add("a file outside the output directory changed");
      }
      if (!problems.isEmpty()) {
        failures.add(
            label.replace("\u001b", "ESC") + ": " + problems + "\n" + abbreviate(run.err()));
      }
    }
    if (!failures.isEmpty()) {
      fail(
          "seed "
              + SEED
              + ": "
              + failures.size()
              + " failing runs:\n"
              + String.join("\n\n", failures));
    }
  }

  // --- Real processes: parallel and killed runs
  // ---------------------------------------------------

  @Test
  void parallelAndKilledProcessesNeverLeaveAHalfWrittenOutput() throws Exception {
    Random random = new Random(SEED);
    Path estate = TestSupport.examples().get(0);
    Path out = tmp.resolve("out");
    List<Process> parallel = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      parallel.add(java("generate", estate.toString(), "--out", out.toString()));
    }
    int won = 0;
    for (Process p : parallel) {
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() == 0) {
        won++;
      } else {
        assertEquals(1, p.exitValue(), err);
        assertTrue(err.contains("another baseline run is writing"), err);
      }
    }
    assertTrue(won >= 1);
    assertTrue(complete(out, digests(out, null)));

    for (int i = 0; i < 4; i++) {
      Process p = java("generate", estate.toString(), "--out", out.toString());
      Thread.sleep(100 + random.nextInt(700));
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
      Map<String, String> seen = digests(out, null);
      if (!seen.isEmpty()) {
        assertTrue(complete(out, seen), "after a kill the output is whole, old or new");
      }
      Process next = java("generate", estate.toString(), "--out", out.toString());
      assertTrue(next.waitFor(60, TimeUnit.SECONDS));
      assertEquals(
          0,
          next.exitValue(),
          new String(next.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      assertTrue(complete(out, digests(out, null)));
      assertEquals(
          List.of(out), RobustnessTest.list(tmp), "the next run cleaned what the killed one left");
    }
  }

  private Process java(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "org.aisecuritybaseline.cli.Main"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .directory(new File(System.getProperty("user.dir")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  // --- Mutations
  // -----------------------------------------------------------------------------------

  static String mutate(String yaml, Random random) {
    List<String> lines = new ArrayList<>(yaml.lines().toList());
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && !lines.isEmpty(); e++) {
      int at = random.nextInt(lines.size());
      String line = lines.get(at);
      switch (random.nextInt(9)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, line);
        case 2 -> lines.set(at, line.substring(0, random.nextInt(line.length() + 1)));
        case 3 -> lines.set(at, " ".repeat(random.nextInt(4)) + line);
        case 4 -> {
          int colon = line.indexOf(": ");
          String value = yamlString(HOSTILE.get(random.nextInt(HOSTILE.size())), random);
          lines.set(at, colon < 0 ? line + " " + value : line.substring(0, colon + 2) + value);
        }
        case 5 -> {
          int other = random.nextInt(lines.size());
          lines.set(at, lines.get(other));
          lines.set(other, line);
        }
        case 6 -> {
          StringBuilder b = new StringBuilder(line);
          int pos = random.nextInt(b.length() + 1);
          b.insert(pos, "{}[],:&*!|>'\"%@`#-?\t\\".charAt(random.nextInt(21)));
          lines.set(at, b.toString());
        }
        case 7 -> lines.set(at, line.replaceAll("[0-9]", String.valueOf(random.nextInt(10))));
        default ->
            lines.add(
                at,
                line.replaceFirst(
                    "\\S.*",
                    java.util.regex.Matcher.quoteReplacement(
                        "- " + yamlString(HOSTILE.get(random.nextInt(HOSTILE.size())), random))));
      }
    }
    return String.join("\n", lines) + "\n";
  }

  /** A hostile value as YAML: plain (which may not parse, on purpose) or double-quoted. */
  private static String yamlString(String value, Random random) {
    return random.nextBoolean()
        ? value.replace("\n", " ")
        : Json.write(Json.NODES.stringNode(value)).strip();
  }

  static JsonNode load(String yaml) {
    return YamlLoader.load(new SourceFile("x", yaml), new Diagnostics()).orElseThrow().root();
  }

  static void strings(JsonNode node, String pointer, List<String> into) {
    if (node.isString()) {
      into.add(pointer);
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        strings(
            e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), into);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        strings(node.get(i), pointer + "/" + i, into);
      }
    }
  }

  static void set(JsonNode root, String pointer, String value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode o) {
      o.put(last, value);
    } else {
      ((ArrayNode) parent).set(Integer.parseInt(last), Json.NODES.stringNode(value));
    }
  }

  /** Relative path to SHA-256 of every regular file below {@code dir}, leaving {@code skip} out. */
  static Map<String, String> digests(Path dir, Path skip) throws IOException {
    Map<String, String> result = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return result;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        if (skip != null && p.startsWith(skip)) {
          continue;
        }
        result.put(dir.relativize(p).toString(), sha256(Files.readAllBytes(p)));
      }
    }
    if (skip != null) {
      try (Stream<Path> entries = Files.list(dir)) {
        Set<String> names =
            new java.util.TreeSet<>(entries.map(p -> p.getFileName().toString()).toList());
        result.put("(entries)", String.join(",", names));
      }
    }
    return result;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 1500 ? s.substring(0, 1500) + "..." : s;
  }
}
