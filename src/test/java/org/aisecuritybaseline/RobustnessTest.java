package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.write.OutputWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9: the tool as an attacker and a careless user meet it. Nothing the user wrote is lost, no
 * ordinary mistake ends in exit 70, work and output stay bounded.
 */
class RobustnessTest {
  static final Path SMALL = TestSupport.root().resolve("examples/small-p1/estate.yaml");

  @TempDir Path tmp;

  // --- Data loss -------------------------------------------------------------------------------

  @Test
  void anEstateReachedThroughALinkIsNeverInsideTheOutput() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    Path mine = Files.copy(SMALL, out.resolve("mine.yaml"));
    Path link = Files.createSymbolicLink(tmp.resolve("link.yaml"), out.resolve("mine.yaml"));
    TestSupport.Run run = TestSupport.cli("generate", link.toString(), "--out", out.toString());
    assertEquals(1, run.code(), run.err());
    assertContains(run.err(), "contains the input");
    assertEquals(TestSupport.read(SMALL), Files.readString(mine));

    // The output named through a linked directory and '..': the same directory, the same refusal.
    Path alias = Files.createSymbolicLink(tmp.resolve("alias"), out);
    run =
        TestSupport.cli(
            "generate", mine.toString(), "--out", alias.resolve("..").resolve("out").toString());
    assertEquals(1, run.code(), run.err());
    assertTrue(Files.exists(mine));
  }

  @Test
  void aLinkInsideTheOutputToAnEstateOutsideIsKeptToo() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    Path link = Files.createSymbolicLink(out.resolve("estate.yaml"), SMALL);
    TestSupport.Run run = TestSupport.cli("generate", link.toString(), "--out", out.toString());
    assertEquals(1, run.code(), run.err());
    assertTrue(Files.isSymbolicLink(link));
  }

  @Test
  void theCurrentDirectoryAndItsAncestorsAreNeverReplaced() throws IOException {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path out : List.of(Path.of("."), cwd, cwd.getParent(), Path.of(".."), Path.of("src/.."))) {
      TestSupport.Run run = TestSupport.cli("generate", SMALL.toString(), "--out", out.toString());
      assertEquals(1, run.code(), out + ": " + run.err());
      assertContains(run.err(), "is the current directory or contains it");
    }
    Path link = Files.createSymbolicLink(tmp.resolve("here"), cwd);
    TestSupport.Run run = TestSupport.cli("generate", SMALL.toString(), "--out", link.toString());
    assertEquals(1, run.code());
    assertContains(run.err(), "symbolic link");
    run =
        TestSupport.cli(
            "generate", SMALL.toString(), "--out", link.resolve("src").resolve("..").toString());
    assertEquals(1, run.code(), run.err());
    assertContains(run.err(), "is the current directory or contains it");
    assertTrue(Files.isRegularFile(cwd.resolve("pom.xml")));
  }

  // --- Exit 70 on user input -------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "!!int abc",
        "!!float abc",
        "!!int 0x",
        "!!int 1.5",
        "!<tag:yaml.org,2002:int> zz",
        "!!bool yes",
        "!!null x",
        "!custom value",
        "1e2147483648",
        "1e2147483647",
        "12e2147483647",
        "0.1e2147483648",
        "1e400",
        "9.3e18",
        "-9.3e18",
        "123456789012345678901",
        "0x7fffffffffffffffff",
        "\"\\ud800\"",
        "\"a\\udc00b\""
      })
  void badScalarsArePositionedErrors(String value) {
    String yaml =
        TestSupport.read(SMALL)
            .replace(
                "  primaryDomain: fabrikam.onmicrosoft.com\n",
                "  primaryDomain: fabrikam.onmicrosoft.com\n  unmanagedPolicyCount: "
                    + value
                    + "\n");
    int line =
        (int)
                yaml.substring(0, yaml.indexOf("unmanagedPolicyCount"))
                    .chars()
                    .filter(c -> c == '\n')
                    .count()
            + 1;
    TestSupport.Run run =
        TestSupport.expectError(tmp, yaml, line, 25, value.startsWith("\"") ? "E101" : "E106");
    assertFalse(run.err().contains("internal error"), run.err());
  }

  /** The small example with {@code line} put after its tenant's primary domain, and its number. */
  private static Map.Entry<String, Integer> withLine(String line) {
    String yaml =
        TestSupport.read(SMALL)
            .replace(
                "  primaryDomain: fabrikam.onmicrosoft.com\n",
                "  primaryDomain: fabrikam.onmicrosoft.com\n" + line + "\n");
    int number = (int) yaml.substring(0, yaml.indexOf(line)).chars().filter(c -> c == '\n').count();
    return Map.entry(yaml, number + 1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"\u0000", "\u0001", "\u001b", "\u007f", "\u0080", "\u009f", "\ufffe", "\uffff"})
  void aCharacterYamlDoesNotAllowIsAnErrorWhereItStands(String c) {
    // After a two-byte character and a character outside the basic plane: columns count
    // characters (code points), as everywhere else.
    Map.Entry<String, Integer> yaml = withLine("  description: \"é\ud83d\udd12" + c + "\"");
    TestSupport.Run run = TestSupport.expectError(tmp, yaml.getKey(), yaml.getValue(), 19, "E101");
    assertContains(
        run.err(),
        String.format(
            java.util.Locale.ROOT, "the character U+%04X is not allowed", (int) c.charAt(0)));
    // Lines broken by CR LF or a lone CR are counted as the quoted lines are.
    for (String lineBreak : List.of("\r\n", "\r")) {
      TestSupport.expectError(
          tmp, yaml.getKey().replace("\n", lineBreak), yaml.getValue(), 19, "E101");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "!!python/object:os.system [x] | unknown tag !!python/object:os.system on a list",
        "!custom {a: b} | unknown tag !custom on a mapping",
        "!!seq {a: b} | the tag !!seq does not fit a mapping",
        "!!map [a] | the tag !!map does not fit a list",
        "!!str [a] | the tag !!str does not fit a list"
      })
  void aTagOnAListOrAMappingIsAnErrorUnlessItIsItsOwn(String value, String message) {
    Map.Entry<String, Integer> yaml = withLine("  extra: " + value);
    TestSupport.Run run = TestSupport.expectError(tmp, yaml.getKey(), yaml.getValue(), 10, "E106");
    assertContains(run.err(), "/tenant/extra: " + message);
  }

  @Test
  void theOwnTagOfAListOrAMappingChangesNothing() throws IOException {
    String yaml =
        TestSupport.read(SMALL)
            .replace("tenant:\n", "tenant: !!map\n")
            .replace("breakGlass:\n", "breakGlass: !\n");
    assertTrue(yaml.contains("tenant: !!map\n") && yaml.contains("breakGlass: !\n"));
    TestSupport.Run run =
        TestSupport.cli("validate", TestSupport.write(tmp, "estate.yaml", yaml).toString());
    assertEquals(0, run.code(), run.err());
  }

  @Test
  void aTaggedKeyIsAnError() {
    Map.Entry<String, Integer> yaml = withLine("  !!int 5: x");
    TestSupport.Run run = TestSupport.expectError(tmp, yaml.getKey(), yaml.getValue(), 3, "E106");
    assertContains(run.err(), "the key '5' has the tag !!int: keys are strings");
  }

  @Test
  void aCharacterOutsideTheBasicPlaneAtTheParserBufferBoundaryIsRead() {
    // Found by FuzzTest: the YAML parser's 1024-character buffer ended between the two halves of a
    // pair.
    String base = TestSupport.read(SMALL).replace("  description: ", "  description: \"");
    int at = base.indexOf("  description: \"") + "  description: \"".length();
    String yaml =
        base.substring(0, at)
            + "x".repeat(1024 - at)
            + "\ud83d\ude00\"\n"
            + base.substring(base.indexOf('\n', at) + 1);
    assertEquals('\ud83d', yaml.charAt(1024));
    Path file = TestSupport.write(tmp, "estate.yaml", yaml);
    TestSupport.Run run = TestSupport.cli("validate", file.toString());
    assertEquals(0, run.code(), run.err());
  }

  @Test
  void overflowingNumbersInIntegerFieldsArePositioned() {
    String big =
        TestSupport.read(SMALL)
            .replace(
                "  primaryDomain: fabrikam.onmicrosoft.com\n",
                "  primaryDomain: fabrikam.onmicrosoft.com\n  unmanagedPolicyCount: 9007199254740991\n");
    TestSupport.Run run = TestSupport.expectError(tmp, big, 13, 25, "E205");
    assertContains(run.err(), "195");
  }

  @Test
  void outputPathsThatCannotBeUsedAreClearErrors() throws IOException {
    Path file = TestSupport.write(tmp, "file.txt", "mine");
    String longName = "a".repeat(256);
    for (String out :
        List.of(
            file.resolve("sub").toString(),
            file.resolve("a/b").toString(),
            "/proc/baseline-out",
            "/sys/baseline-out",
            "/",
            tmp.resolve(longName).toString(),
            tmp.resolve("a".repeat(250)).resolve(longName).toString())) {
      TestSupport.Run run = TestSupport.cli("generate", SMALL.toString(), "--out", out);
      assertEquals(1, run.code(), out + ": " + run.err());
      assertTrue(run.err().startsWith("baseline: "), run.err());
      assertFalse(run.err().contains("internal error") || run.err().contains("\tat "), run.err());
    }
    assertEquals("mine", Files.readString(file));
    // A name just within the limit works: the staging and lock names are shortened, not the output.
    Path longest = tmp.resolve("b".repeat(255));
    TestSupport.Run ok = TestSupport.cli("generate", SMALL.toString(), "--out", longest.toString());
    assertEquals(0, ok.code(), ok.err());
    assertEquals(List.of(longest, file), list(tmp));
  }

  @Test
  void planAgainstPathsThatCannotBeReadAreClearErrors() throws IOException {
    Path file = TestSupport.write(tmp, "file.txt", "mine");
    List<List<String>> cases =
        List.of(
            List.of("--against", file.toString()),
            List.of("--against", "/proc"),
            List.of("--against", "/", "--against-git", "HEAD"),
            List.of("--against", tmp.resolve("missing/deeper").toString(), "--against-git", "HEAD"),
            List.of("--against", file.toString(), "--against-git", "HEAD"),
            List.of("--against", tmp.resolve("out").toString(), "--against-git", "--output=/tmp/x"),
            List.of("--against", tmp.resolve("out").toString(), "--against-git", "HEAD:secret"),
            List.of(
                "--against",
                tmp.resolve("out").toString(),
                "--against-git",
                "HEAD\u001b]0;x\u0007"));
    for (List<String> c : cases) {
      List<String> args = new ArrayList<>(List.of("plan", SMALL.toString()));
      args.addAll(c);
      TestSupport.Run run = TestSupport.cli(args.toArray(String[]::new));
      assertEquals(1, run.code(), c + ": " + run.err());
      assertTrue(run.err().startsWith("baseline: "), run.err());
      assertFalse(
          run.err().contains("\u001b"), "no escape sequence reaches the terminal: " + run.err());
    }
    // A missing directory is an error (a mistyped path must not show every file as new); a first
    // plan
    // says so with --against-empty.
    TestSupport.Run missing =
        TestSupport.cli(
            "plan",
            SMALL.toString(),
            "--against",
            tmp.resolve("none").toString(),
            "--detailed-exitcode");
    assertEquals(1, missing.code(), missing.out());
    assertContains(missing.err(), "--against-empty");
    TestSupport.Run first =
        TestSupport.cli("plan", SMALL.toString(), "--against-empty", "--detailed-exitcode");
    assertEquals(2, first.code(), first.err());
  }

  @Test
  void planAndCheckRefuseADirectoryThatIsNotAnOutput() throws IOException {
    Path foreign = TestSupport.write(tmp, "project/notes.txt", "mine").getParent();
    TestSupport.Run plan =
        TestSupport.cli("plan", SMALL.toString(), "--against", foreign.toString());
    assertEquals(1, plan.code(), plan.out());
    assertContains(plan.err(), "is not an output directory");
    TestSupport.Run check =
        TestSupport.cli("generate", SMALL.toString(), "--out", foreign.toString(), "--check");
    assertEquals(1, check.code());
    assertContains(check.err(), "is not an output directory");
  }

  @Test
  void initRefusesAnOutputDirectory() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    List<Path> before = walk(out);
    TestSupport.Run run =
        TestSupport.cli(
            "init",
            out.toString(),
            "--tenant-id",
            "6f1c2a4e-3b7d-4e8f-9a0b-1c2d3e4f5a6b",
            "--break-glass",
            "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d,1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e",
            "--yes");
    assertEquals(1, run.code(), run.err());
    assertContains(run.err(), "is an output directory");
    assertEquals(before, walk(out));
  }

  // --- A previous output that cannot be deleted ------------------------------------------------

  @Test
  void anUndeletablePreviousOutputIsRefusedBeforeTheSwap() throws Exception {
    Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    Files.writeString(out.resolve("README.md"), "edited by hand"); // so that it must be replaced
    List<Path> before = walk(out);
    OutputWriter.Disposal stuck =
        new OutputWriter.Disposal() {
          @Override
          public String blocker(Path tree) {
            return tree.resolve("entra") + " is not writable";
          }

          @Override
          public void delete(Path tree) {
            throw new AssertionError("nothing may be deleted");
          }
        };
    OutputWriter.RefusedException e =
        assertThrows(
            OutputWriter.RefusedException.class,
            () -> OutputWriter.write(out, TestSupport.generate(SMALL), List.of(SMALL), stuck));
    assertContains(e.getMessage(), "nothing was changed");
    assertEquals(before, walk(out));
    assertEquals(List.of(out), list(tmp), "no staging directory is left");
  }

  @Test
  void aPreviousOutputThatFailsToDeleteAfterTheSwapIsASuccessWithANotice() throws Exception {
    Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    OutputWriter.Disposal failing =
        new OutputWriter.Disposal() {
          @Override
          public String blocker(Path tree) {
            return null;
          }

          @Override
          public void delete(Path tree) throws IOException {
            throw new java.nio.file.AccessDeniedException(tree.resolve("x").toString());
          }
        };
    Files.writeString(out.resolve("README.md"), "edited by hand"); // so that it must be replaced
    List<Artifact> files = TestSupport.generate(SMALL);
    OutputWriter.Result result = OutputWriter.write(out, files, List.of(SMALL), failing);
    assertTrue(result.written());
    assertEquals(1, result.notes().size(), result.notes().toString());
    assertContains(result.notes().get(0), "the new output is in place");
    assertEquals(files.size(), walk(out).stream().filter(Files::isRegularFile).count());
    // The next run removes what was left.
    TestSupport.Run next = TestSupport.cli("generate", SMALL.toString(), "--out", out.toString());
    assertEquals(0, next.code(), next.err());
    assertContains(next.err(), "left by an interrupted run");
    assertEquals(List.of(out), list(tmp));
  }

  // --- Bounded work ------------------------------------------------------------------------------

  @Test
  void thousandsOfProblemsArePrintedCapped() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 40_000; i++) {
      many.append("  x").append(i).append(": 1\n");
    }
    String yaml = TestSupport.read(SMALL).replace("tenant:\n", "tenant:\n" + many);
    Path file = TestSupport.write(tmp, "estate.yaml", yaml);
    TestSupport.Run run = TestSupport.cli("validate", file.toString());
    assertEquals(1, run.code());
    assertContains(run.err(), "39950 more problems not shown");
    assertContains(run.err(), "40000 errors");
    assertTrue(run.err().length() < 64 * 1024, "capped output: " + run.err().length());
  }

  @Test
  void aLongLineIsQuotedAroundTheColumnOnly() {
    String yaml =
        TestSupport.read(SMALL)
            .replace(
                "  licences: [microsoft365E3]\n",
                "  licences: [" + "microsoft365E3, ".repeat(5000) + "nope]\n");
    Path file = TestSupport.write(tmp, "estate.yaml", yaml);
    TestSupport.Run run = TestSupport.cli("validate", file.toString());
    assertEquals(1, run.code());
    assertTrue(run.err().length() < 4096, run.err());
    List<String> lines = run.err().lines().toList();
    int at =
        lines.indexOf(
            lines.stream()
                .filter(l -> l.contains(" | ") && l.contains("nope"))
                .findFirst()
                .orElseThrow());
    assertEquals(lines.get(at).indexOf("nope"), lines.get(at + 1).indexOf('^'), run.err());
  }

  @Test
  void devicesAndHugeFilesGetTheSizeError() throws IOException {
    TestSupport.Run zero = TestSupport.cli("validate", "/dev/zero");
    assertEquals(1, zero.code(), zero.err());
    assertContains(zero.err(), "error[E102]");
    Path huge = tmp.resolve("huge.yaml");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(100L << 20);
    }
    TestSupport.Run big = TestSupport.cli("validate", huge.toString());
    assertEquals(1, big.code());
    assertContains(big.err(), "error[E102]");

    Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    Files.move(huge, out.resolve("entra/huge.json"));
    TestSupport.Run plan = TestSupport.cli("plan", SMALL.toString(), "--against", out.toString());
    assertEquals(1, plan.code(), plan.err());
    assertContains(plan.err(), "is larger than 32 MiB");
  }

  @Test
  void aFifoIsReadWithTheSameBound() throws Exception {
    Path fifo = tmp.resolve("estate.fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Thread writer =
        new Thread(
            () -> {
              try (var o = Files.newOutputStream(fifo)) {
                byte[] chunk = new byte[1 << 16];
                java.util.Arrays.fill(chunk, (byte) 'a');
                for (int i = 0; i < 64; i++) {
                  o.write(chunk);
                }
              } catch (IOException e) {
                // the reader stops after the limit and closes the pipe
              }
            });
    writer.start();
    TestSupport.Run run = TestSupport.cli("validate", fifo.toString());
    writer.join(10_000);
    assertEquals(1, run.code(), run.err());
    assertContains(run.err(), "error[E102]");
  }

  // --- Concurrency and interruption ------------------------------------------------------------

  @Test
  void parallelRunsToOneOutputEitherWinOrSayAnotherRunIsWriting() throws Exception {
    Path out = tmp.resolve("out");
    List<Artifact> expected = TestSupport.generate(SMALL);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<TestSupport.Run>> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        runs.add(
            pool.submit(
                () -> TestSupport.cli("generate", SMALL.toString(), "--out", out.toString())));
      }
      int won = 0;
      for (Future<TestSupport.Run> f : runs) {
        TestSupport.Run run = f.get();
        if (run.code() == 0) {
          won++;
        } else {
          assertEquals(1, run.code(), run.err());
          assertContains(run.err(), "another baseline run is writing");
        }
      }
      assertTrue(won >= 1);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(expected.size(), walk(out).stream().filter(Files::isRegularFile).count());
    assertEquals(List.of(out), list(tmp), "no staging or old directory is left");
    assertEquals(0, Files.size(tmp.resolve(".out.baseline-lock")), "the lock file stays, empty");
  }

  @Test
  void leftoversOfAKilledRunAreCleanedOrRestored() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    // Killed while staging: a partial new directory and a stale lock file.
    TestSupport.write(tmp.resolve(".out.baseline-new-0123abcd"), "README.md", "partial");
    TestSupport.write(tmp, ".out.baseline-lock", "stale");
    TestSupport.Run run = TestSupport.cli("generate", SMALL.toString(), "--out", out.toString());
    assertEquals(0, run.code(), run.err());
    assertContains(run.err(), "removed .out.baseline-new-0123abcd, left by an interrupted run");
    assertEquals(List.of(out), list(tmp));

    // Killed between the two renames: the output is missing and the previous one is aside.
    Files.move(out, tmp.resolve(".out.baseline-old-89abcdef"));
    TestSupport.Run plan = TestSupport.cli("generate", SMALL.toString(), "--out", out.toString());
    assertEquals(0, plan.code(), plan.err());
    assertContains(plan.err(), "restored the previous output");
    assertEquals(List.of(out), list(tmp));

    // Something of the user's that merely looks similar is not touched.
    Path similar = TestSupport.write(tmp.resolve(".out.baseline-new-notours"), "keep.txt", "mine");
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    assertEquals("mine", Files.readString(similar));
  }

  @Test
  void aLockFileThatIsALinkIsNotFollowed() throws IOException {
    Path target = TestSupport.write(tmp, "precious.txt", "mine");
    Files.createSymbolicLink(tmp.resolve(".out.baseline-lock"), target);
    TestSupport.Run run =
        TestSupport.cli("generate", SMALL.toString(), "--out", tmp.resolve("out").toString());
    assertEquals(1, run.code(), run.err());
    assertContains(run.err(), "lock file");
    assertEquals("mine", Files.readString(target));
  }

  // --- Output hygiene ----------------------------------------------------------------------------

  @Test
  void fileNamesFromTheComparedTreeCannotSteerATerminalOrMarkdown() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", SMALL.toString(), "--out", out.toString()).code());
    TestSupport.write(out, "entra/evil\u001b]0;owned\u0007\u001b[2J.json", "{}\n");
    TestSupport.write(out, "x</code></summary></details>\n# Approved\u202e.md", "x\n");
    TestSupport.Run text = TestSupport.cli("plan", SMALL.toString(), "--against", out.toString());
    assertEquals(0, text.code(), text.err());
    assertFalse(
        text.out().contains("\u001b")
            || text.out().contains("\u0007")
            || text.out().contains("\u202e"),
        text.out());
    assertFalse(text.out().lines().anyMatch(l -> l.startsWith("# Approved")), text.out());

    TestSupport.Run md =
        TestSupport.cli(
            "plan", SMALL.toString(), "--against", out.toString(), "--format", "markdown");
    assertEquals(0, md.code(), md.err());
    assertFalse(md.out().contains("</details>\n#"), md.out());
    assertFalse(md.out().lines().anyMatch(l -> l.startsWith("# Approved")), md.out());
    assertFalse(md.out().contains("\u001b") || md.out().contains("\u202e"), md.out());
    // Inside a fenced diff the name is text; outside, each block is closed once, by its own line.
    assertEquals(
        count(md.out(), "<details>"), md.out().lines().filter(l -> l.equals("</details>")).count());
    assertEquals(count(md.out(), "<details>"), count(md.out(), "\n</details>"));
  }

  @Test
  void formatCharactersAreNeutralisedInMarkdownAndConsoleButKeptInJson() throws IOException {
    String bidi = "Safe\u202eevil\u2066x\u2069\u200b";
    String yaml =
        TestSupport.read(SMALL)
            .replace("    name: Fabrikam office\n", "    name: \"" + bidi + "\"\n")
            .replace(
                "  CA004:\n    stage: pilot\n",
                "  CA004:\n    stage: pilot\n  CA009:\n    skip: {reason: \"" + bidi + "\"}\n");
    Path file = TestSupport.write(tmp, "estate.yaml", yaml);
    Path out = tmp.resolve("out");
    TestSupport.Run run = TestSupport.cli("generate", file.toString(), "--out", out.toString());
    assertEquals(0, run.code(), run.err());
    for (String console : List.of(run.out(), run.err())) {
      assertFalse(
          console.codePoints().anyMatch(cp -> Character.getType(cp) == Character.FORMAT), console);
    }
    String readme = Files.readString(out.resolve("README.md"));
    assertFalse(
        readme.codePoints().anyMatch(cp -> Character.getType(cp) == Character.FORMAT),
        "README neutralised");
    assertContains(readme, "Safe\\u202eevil");
    String location = Files.readString(out.resolve("entra/named-locations/NL-office.json"));
    assertEquals(
        "NL-office - " + bidi,
        org.aisecuritybaseline.json.Json.parse(location).get("displayName").asString(),
        "JSON keeps the exact string");
  }

  @Test
  void diagnosticsNeutraliseFormatCharactersInTheQuotedLine() {
    String yaml =
        TestSupport.read(SMALL)
            .replace(
                "  primaryDomain: fabrikam.onmicrosoft.com\n",
                "  primaryDomain: fabrikam.onmicrosoft.com\n  bogus\u202e: \"\u001b[31mred\"\n");
    Path file = TestSupport.write(tmp, "estate\u001b[2J.yaml", yaml);
    TestSupport.Run run = TestSupport.cli("validate", file.toString());
    assertEquals(1, run.code());
    assertFalse(run.err().contains("\u001b") || run.err().contains("\u202e"), run.err());
  }

  static long count(String s, String needle) {
    return s.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
  }

  /**
   * The entries of {@code dir}, without the lock files that stay next to an output (see
   * OutputLock).
   */
  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> walk = Files.list(dir)) {
      return walk.filter(p -> !p.getFileName().toString().endsWith(".baseline-lock"))
          .sorted()
          .toList();
    }
  }

  static List<Path> walk(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.sorted().toList();
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
