package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: one copy of every script helper. A function that several scripts need is defined once,
 * in a fragment under {@code templates/scripts/shared/}, and included ({@code [#include
 * "/scripts/shared/..."]}) by every template that uses it; the generated scripts stay standalone,
 * each carrying the helpers it needs.
 *
 * <ul>
 *   <li>In the generated scripts of every example, found by a real grammar (tree-sitter's
 *       PowerShell grammar through {@link PowerShellParser}; bash itself), a function that more
 *       than one script defines has one body, whitespace aside, and no script defines a function
 *       twice.
 *   <li>The templates define every function name once (the bash entry points aside), so no copy is
 *       left to drift, and every shared fragment is included by two templates or more.
 *   <li>No block of code stands twice in the templates, whatever the functions that hold it are
 *       called.
 * </ul>
 */
class ScriptHelpersTest {
  static final Path TEMPLATES = TestSupport.root().resolve("templates/scripts");
  static final Path SHARED = TEMPLATES.resolve("shared");

  /**
   * The bash functions that each script defines for itself under the same name, by convention: its
   * usage text, its argument parsing and its main. They are the script's own command line, not
   * helpers.
   */
  static final Set<String> BASH_ENTRY_POINTS = Set.of("main", "parse_args", "usage");

  /**
   * A PowerShell function or filter definition: name, scope prefix and all; PowerShell ignores the
   * case.
   */
  static final Pattern POWERSHELL_DEFINITION =
      Pattern.compile(
          "(?im)^[ \\t]*(?:function|filter)[ \\t]+(?:(?:global|script|local|private):)?([A-Za-z0-9_-]+)");

  /** A bash function definition, with or without the function keyword. */
  static final Pattern BASH_DEFINITION =
      Pattern.compile("(?m)^[ \\t]*(?:function[ \\t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \\t]*\\(\\)");

  /**
   * One definition of a function: the script (or template) that holds it, its line, its name and
   * its text.
   */
  record Definition(String script, int line, String name, String text) {}

  @Test
  void everyPowerShellFunctionHasOneBodyInTheGeneratedScripts(@TempDir Path dir) {
    Map<String, String> labels = new HashMap<>();
    generated(".ps1")
        .forEach(
            (label, text) -> labels.put(TestSupport.write(dir, label, text).toString(), label));
    // deploy-all, Conditional Access, DLP and Defender for Cloud scripts of both examples.
    assertTrue(labels.size() >= 8, "scripts: " + labels.values());
    List<Definition> definitions =
        PowerShellParser.functions(labels.keySet().stream().sorted().map(Path::of).toList())
            .stream()
            .map(
                f ->
                    new Definition(
                        labels.get(f.file().toString()),
                        f.line(),
                        powerShellName(f.name()),
                        f.text()))
            .toList();

    // The shared helpers are found where they are included: not a vacuous pass.
    assertEquals(
        labels.size(),
        scriptsDefining(definitions, "get-membervalue"),
        "Get-MemberValue is in every script");
    assertTrue(
        scriptsDefining(definitions, "test-islist") >= 6,
        "Test-IsList in deploy-all, CA and DLP of both examples");
    assertTrue(
        scriptsDefining(definitions, "get-graphcollection") >= 4,
        "Get-GraphCollection in deploy-all and CA");
    assertEquals(List.of(), problems(definitions, Set.of()), "generated PowerShell scripts");
  }

  @Test
  void everyBashFunctionHasOneBodyInTheGeneratedScripts(@TempDir Path dir) {
    List<Definition> definitions = new ArrayList<>();
    Map<String, String> scripts = generated(".sh");
    // enable-defender, deploy-connectors (AWS and GCP), check-aws and setup-gcp (one per project).
    assertTrue(scripts.size() >= 5, "scripts: " + scripts.keySet());
    scripts.forEach(
        (label, text) -> {
          Map<String, String> parsed = bashFunctions(dir, label, text);
          List<Definition> written = definitionsInText(label, text, BASH_DEFINITION, false);
          assertEquals(
              parsed.keySet(),
              written.stream().map(Definition::name).collect(Collectors.toCollection(TreeSet::new)),
              label + ": the functions bash defines are the ones found in the text");
          for (Definition d : written) {
            definitions.add(new Definition(d.script(), d.line(), d.name(), parsed.get(d.name())));
          }
        });

    assertEquals(
        scripts.size(), scriptsDefining(definitions, "die"), "die is in every bash script");
    assertTrue(
        scriptsDefining(definitions, "run_with_retry") >= 3,
        "run_with_retry in enable-defender and deploy-connectors");
    assertEquals(List.of(), problems(definitions, BASH_ENTRY_POINTS), "generated bash scripts");
  }

  @Test
  void theTemplatesDefineEveryFunctionOnce() throws IOException {
    List<Path> templates = templates();
    List<Definition> powerShell = new ArrayList<>();
    List<Definition> bash = new ArrayList<>();
    for (Path template : templates) {
      String name = TEMPLATES.relativize(template).toString().replace('\\', '/');
      String text = TestSupport.read(template);
      if (name.endsWith(".ps1.ftl")) {
        powerShell.addAll(definitionsInText(name, text, POWERSHELL_DEFINITION, true));
      } else if (name.endsWith(".sh.ftl")) {
        bash.addAll(definitionsInText(name, text, BASH_DEFINITION, false));
      }
    }
    List<String> problems = new ArrayList<>();
    problems.addAll(copies("PowerShell", powerShell, Set.of()));
    problems.addAll(copies("bash", bash, BASH_ENTRY_POINTS));
    // The entry points: once in every bash script template, never in a shared fragment.
    for (Path template : templates) {
      String name = TEMPLATES.relativize(template).toString().replace('\\', '/');
      if (!name.endsWith(".sh.ftl")) {
        continue;
      }
      for (String entryPoint : new TreeSet<>(BASH_ENTRY_POINTS)) {
        long count =
            bash.stream()
                .filter(d -> d.script().equals(name) && d.name().equals(entryPoint))
                .count();
        long expected = name.startsWith("shared/") ? 0 : 1;
        if (count != expected) {
          problems.add(
              name + " defines " + entryPoint + " " + count + " time(s), expected " + expected);
        }
      }
    }
    assertEquals(List.of(), problems, "function definitions in " + TEMPLATES);
    // The helpers that several scripts use are the shared ones.
    for (String helper :
        List.of(
            "get-membervalue",
            "test-islist",
            "test-isjsonobject",
            "test-guid",
            "get-errortext",
            "get-httpstatuscode",
            "get-graphcollection",
            "resolve-entryfile",
            "add-count")) {
      assertEquals(
          List.of(true),
          powerShell.stream()
              .filter(d -> d.name().equals(helper))
              .map(d -> d.script().startsWith("shared/"))
              .toList(),
          helper);
    }
    for (String helper :
        List.of(
            "die", "usage_error", "cleanup", "run_once", "run_with_retry", "check_retry_base")) {
      assertEquals(
          List.of(true),
          bash.stream()
              .filter(d -> d.name().equals(helper))
              .map(d -> d.script().startsWith("shared/"))
              .toList(),
          helper);
    }
  }

  @Test
  void everySharedFragmentIsIncludedByTwoTemplatesOrMore() throws IOException {
    List<Path> fragments = templates().stream().filter(p -> p.startsWith(SHARED)).toList();
    assertTrue(fragments.size() >= 7, "fragments: " + fragments);
    List<String> scripts =
        templates().stream().filter(p -> !p.startsWith(SHARED)).map(TestSupport::read).toList();
    for (Path fragment : fragments) {
      String include = "[#include \"/scripts/shared/" + fragment.getFileName() + "\"]";
      long users = scripts.stream().filter(text -> text.contains(include)).count();
      assertTrue(
          users >= 2,
          fragment.getFileName()
              + " is included by "
              + users
              + " template(s); a helper of one"
              + " script belongs in that script");
      String text = TestSupport.read(fragment);
      Pattern definition =
          fragment.toString().endsWith(".ps1.ftl") ? POWERSHELL_DEFINITION : BASH_DEFINITION;
      assertTrue(definition.matcher(text).find(), fragment.getFileName() + " defines functions");
    }
  }

  /**
   * No block of code stands twice in the templates, inside functions of other names included: a run
   * of {@link #COPY_LINES} significant lines in two places is a copy that the name checks above do
   * not see (two scripts that each read deployment.json, or retry a deployment, in functions of
   * their own).
   */
  @Test
  void theTemplatesRepeatNoBlockOfCode() throws IOException {
    Map<String, String> texts = new TreeMap<>();
    for (Path template : templates()) {
      texts.put(
          TEMPLATES.relativize(template).toString().replace('\\', '/'), TestSupport.read(template));
    }
    assertEquals(List.of(), repeatedBlocks(texts, COPY_LINES), "blocks of code in " + TEMPLATES);
  }

  /**
   * The check can fail: a block copied into another function is reported once, wherever its
   * comments, blank lines and help text differ, in another template or the same one; a shorter run
   * and prose are not.
   */
  @Test
  void aCopiedBlockIsReported() {
    String block =
        IntStream.rangeClosed(1, COPY_LINES)
            .mapToObj(
                i -> "    $value" + i + " = Get-MemberValue -Object $doc -Name 'm" + i + "'\n")
            .collect(Collectors.joining());
    String shorter = block.substring(block.indexOf('\n') + 1);
    String help =
        "<#\n.SYNOPSIS\nReads one file.\n.NOTES\nGenerated by ai-security-baseline.\n#>\n";
    Map<String, String> texts = new TreeMap<>();
    texts.put("a.ps1.ftl", help + "function Read-A {\n" + block + "}\n");
    texts.put(
        "b.ps1.ftl",
        help
            + "function Read-B {\n    # the same, commented\n"
            + block.replace("'m4'\n", "'m4'\n\n    # more\n[#-- a FreeMarker\n  comment --]\n")
            + "}\n");
    texts.put(
        "c.sh.ftl",
        "[#--\n  Helpers.\n--]\nread_c() {\n"
            + shorter
            + "}\n"
            + "cat <<EOF\n"
            + shorter
            + "EOF\n");
    assertEquals(
        List.of(
            "b.ps1.ftl:9 repeats a.ps1.ftl:8 ("
                + COPY_LINES
                + " significant lines or more): define them once in a function of"
                + " templates/scripts/shared/ and include it"),
        repeatedBlocks(texts, COPY_LINES));
    // In one template too.
    assertEquals(
        List.of(
            "d.ps1.ftl:14 repeats d.ps1.ftl:2 ("
                + COPY_LINES
                + " significant lines or more): define them once in a function of"
                + " templates/scripts/shared/ and include it"),
        repeatedBlocks(
            Map.of("d.ps1.ftl", "function D {\n" + block + "}\nfunction E {\n" + block + "}\n"),
            COPY_LINES));
  }

  /**
   * The check can fail: a copy that drifted and a function defined twice in one script are both
   * reported.
   */
  @Test
  void aDriftedCopyAndADoubleDefinitionAreReported(@TempDir Path dir) {
    Path a =
        TestSupport.write(
            dir,
            "a.ps1",
            """
        function Test-IsList {
            param($Value)
            return ($Value -is [System.Collections.IList])
        }
        function Test-Guid {
          param($Value)
          return ($Value -match $GuidPattern)
        }
        """);
    Path b =
        TestSupport.write(
            dir,
            "b.ps1",
            """
        function test-islist {
            param($Value)
            return ($Value -is [System.Collections.IEnumerable])
        }
        function Test-Guid {
                param($Value)

            return   ($Value -match $GuidPattern)
        }
        filter Get-Item2 { $_ }
        $block = { function script:Get-Item2 { 2 } }
        """);
    List<Definition> definitions =
        PowerShellParser.functions(List.of(a, b)).stream()
            .map(
                f ->
                    new Definition(
                        f.file().getFileName().toString(),
                        f.line(),
                        powerShellName(f.name()),
                        f.text()))
            .toList();
    assertEquals(
        List.of(
            "b.ps1 defines get-item2 2 times (lines 10, 11)",
            "get-item2 has 2 different bodies: b.ps1:10 | b.ps1:11",
            "test-islist has 2 different bodies: a.ps1:1 | b.ps1:1"),
        problems(definitions, Set.of()));
  }

  /**
   * usage_error (shared) prints the synopsis of the script it is in: the first line of its --help.
   */
  @Test
  void aUsageErrorPrintsTheSynopsisOfItsScript(@TempDir Path dir) throws Exception {
    Map<String, String> seen = new TreeMap<>();
    for (Map.Entry<String, String> s : generated(".sh").entrySet()) {
      String name = Path.of(s.getKey()).getFileName().toString();
      if (seen.containsKey(name)) {
        continue;
      }
      Path script = TestSupport.write(dir, s.getKey(), s.getValue());
      Bash help = bash(dir, List.of(script.toString(), "--help"));
      assertEquals(0, help.code(), help.stderr());
      String synopsis = help.stdout().lines().findFirst().orElseThrow();
      assertTrue(synopsis.startsWith("Usage: " + name), synopsis);
      Bash wrong = bash(dir, List.of(script.toString(), "--no-such-option"));
      assertEquals(64, wrong.code(), wrong.stderr());
      List<String> lines = wrong.stderr().lines().toList();
      assertEquals(2, lines.size(), wrong.stderr());
      assertTrue(lines.get(0).startsWith(name + ": unknown "), lines.get(0));
      assertEquals(synopsis, lines.get(1), name);
      seen.put(name, synopsis);
    }
    assertEquals(
        Set.of(
            "check-aws.sh",
            "deploy-connectors.sh",
            "enable-defender.sh",
            "enable-sentinel.sh",
            "export-tenant.sh",
            "setup-gcp.sh"),
        seen.keySet());
    assertEquals(
        "Usage: check-aws.sh ACCOUNT_ID   (one of: 111122223333 777788889999)",
        seen.get("check-aws.sh"));
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The generated scripts of every example whose path ends with {@code suffix}: "example/path" ->
   * text.
   */
  static Map<String, String> generated(String suffix) {
    Map<String, String> scripts = new TreeMap<>();
    for (Path estate : TestSupport.examples()) {
      String example = estate.getParent().getFileName().toString();
      for (Artifact a : TestSupport.generate(estate)) {
        if (a.path().endsWith(suffix)) {
          scripts.put(example + "/" + a.path(), a.text());
        }
      }
    }
    return scripts;
  }

  static List<Path> templates() throws IOException {
    try (Stream<Path> walk = Files.walk(TEMPLATES)) {
      return walk.filter(p -> p.toString().endsWith(".ftl")).sorted().toList();
    }
  }

  /** PowerShell function names ignore case and may carry a scope (global:, script:, ...). */
  static String powerShellName(String name) {
    return name.replaceFirst("(?i)^(global|script|local|private):", "").toLowerCase(Locale.ROOT);
  }

  /**
   * The definitions that {@code pattern} finds in a text, with their lines (names lower-cased for
   * PowerShell).
   */
  static List<Definition> definitionsInText(
      String script, String text, Pattern pattern, boolean powerShell) {
    List<Definition> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
      String name = powerShell ? powerShellName(m.group(1)) : m.group(1);
      found.add(new Definition(script, line, name, m.group()));
    }
    return found;
  }

  static long scriptsDefining(List<Definition> definitions, String name) {
    return definitions.stream()
        .filter(d -> d.name().equals(name))
        .map(Definition::script)
        .distinct()
        .count();
  }

  static String normalise(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /**
   * What is wrong with these definitions: a function defined more than once in one script, or a
   * name (other than the exempt ones) with more than one body, whitespace aside, across scripts.
   */
  static List<String> problems(List<Definition> definitions, Set<String> exempt) {
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, List<Definition>>> byScript =
        definitions.stream()
            .collect(
                Collectors.groupingBy(
                    Definition::script,
                    TreeMap::new,
                    Collectors.groupingBy(Definition::name, TreeMap::new, Collectors.toList())));
    byScript.forEach(
        (script, byName) ->
            byName.forEach(
                (name, list) -> {
                  if (list.size() > 1) {
                    problems.add(
                        script
                            + " defines "
                            + name
                            + " "
                            + list.size()
                            + " times (lines "
                            + list.stream()
                                .map(d -> String.valueOf(d.line()))
                                .collect(Collectors.joining(", "))
                            + ")");
                  }
                }));
    Map<String, Map<String, List<Definition>>> byBody =
        definitions.stream()
            .filter(d -> !exempt.contains(d.name()))
            .collect(
                Collectors.groupingBy(
                    Definition::name,
                    TreeMap::new,
                    Collectors.groupingBy(
                        d -> normalise(d.text()), LinkedHashMap::new, Collectors.toList())));
    byBody.forEach(
        (name, bodies) -> {
          if (bodies.size() > 1) {
            problems.add(
                name
                    + " has "
                    + bodies.size()
                    + " different bodies: "
                    + bodies.values().stream()
                        .map(
                            list ->
                                list.stream()
                                    .map(d -> d.script() + ":" + d.line())
                                    .collect(Collectors.joining(", ")))
                        .collect(Collectors.joining(" | ")));
          }
        });
    return problems;
  }

  /**
   * Copies of a function in the templates: every name (but the exempt ones) is defined in one
   * place.
   */
  static List<String> copies(String language, List<Definition> definitions, Set<String> exempt) {
    List<String> problems = new ArrayList<>();
    definitions.stream()
        .filter(d -> !exempt.contains(d.name()))
        .collect(Collectors.groupingBy(Definition::name, TreeMap::new, Collectors.toList()))
        .forEach(
            (name, list) -> {
              if (list.size() > 1) {
                problems.add(
                    language
                        + " function "
                        + name
                        + " is defined "
                        + list.size()
                        + " times: "
                        + list.stream()
                            .map(d -> d.script() + ":" + d.line())
                            .collect(Collectors.joining(", "))
                        + " (define it once, in templates/scripts/shared/, and include it)");
              }
            });
    return problems;
  }

  /**
   * How many significant lines in a row make a copy: fewer would report the usual openings that
   * scripts share (a param block, the script's name and folder), more would miss a copied check.
   */
  static final int COPY_LINES = 10;

  /** A line of a template that counts, and where it is. */
  record Line(String template, int number, String text) {}

  /**
   * The lines of a template that are code: not blank or punctuation only, not a comment (# in both
   * languages), not a FreeMarker directive or comment, not help text (PowerShell's <# #> block, a
   * bash here-document's body). Stripped of their indentation.
   */
  static List<Line> codeLines(String template, String text) {
    List<Line> lines = new ArrayList<>();
    String[] all = text.split("\n", -1);
    String hereDocument = null;
    boolean help = false;
    boolean freeMarkerComment = false;
    Pattern hereDocumentStart = Pattern.compile("<<-?'?([A-Za-z_]+)'?$");
    for (int i = 0; i < all.length; i++) {
      String line = all[i].strip();
      if (hereDocument != null) {
        if (line.equals(hereDocument)) {
          hereDocument = null;
        }
        continue;
      }
      if (help) {
        help = !line.endsWith("#>");
        continue;
      }
      if (freeMarkerComment) {
        freeMarkerComment = !line.contains("--]");
        continue;
      }
      if (line.startsWith("<#")) {
        help = !line.endsWith("#>");
        continue;
      }
      if (line.startsWith("[#--")) {
        freeMarkerComment = !line.contains("--]");
        continue;
      }
      if (line.startsWith("#") || line.startsWith("[#") || line.startsWith("[/#")) {
        continue;
      }
      if (line.chars().noneMatch(Character::isLetterOrDigit)) {
        continue;
      }
      Matcher start = hereDocumentStart.matcher(line);
      if (start.find()) {
        hereDocument = start.group(1);
      }
      lines.add(new Line(template, i + 1, line));
    }
    return lines;
  }

  /**
   * Where {@code length} code lines in a row stand again, in another template or further on in the
   * same one: one report for each copied block, "later place repeats earlier place".
   */
  static List<String> repeatedBlocks(Map<String, String> texts, int length) {
    List<List<Line>> templates =
        new TreeMap<>(texts)
            .entrySet().stream().map(e -> codeLines(e.getKey(), e.getValue())).toList();
    Map<String, int[]> first = new HashMap<>();
    // The windows found again, as "template index offset": the windows of one copied block follow
    // each other at the same offset from their first place, and are reported once.
    Set<String> found = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (int t = 0; t < templates.size(); t++) {
      List<Line> lines = templates.get(t);
      for (int i = 0; i + length <= lines.size(); i++) {
        String key =
            lines.subList(i, i + length).stream().map(Line::text).collect(Collectors.joining("\n"));
        int[] earlier = first.putIfAbsent(key, new int[] {t, i});
        if (earlier == null || (earlier[0] == t && i - earlier[1] < length)) {
          continue;
        }
        String offset = earlier[0] + ":" + (i - earlier[1]);
        found.add(t + " " + i + " " + offset);
        if (!found.contains(t + " " + (i - 1) + " " + offset)) {
          Line copy = lines.get(i);
          Line original = templates.get(earlier[0]).get(earlier[1]);
          problems.add(
              copy.template()
                  + ":"
                  + copy.number()
                  + " repeats "
                  + original.template()
                  + ":"
                  + original.number()
                  + " ("
                  + length
                  + " significant lines or more): define them once in a function of"
                  + " templates/scripts/shared/ and include it");
        }
      }
    }
    return problems;
  }

  record Bash(int code, String stdout, String stderr) {}

  /**
   * Runs bash with {@code arguments} and only PATH in its environment (no exported functions come
   * in).
   */
  static Bash bash(Path dir, List<String> arguments) {
    List<String> command = new ArrayList<>(List.of("bash"));
    command.addAll(arguments);
    try {
      Path stdout = Files.createTempFile(dir, "stdout", ".txt");
      Path stderr = Files.createTempFile(dir, "stderr", ".txt");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      pb.environment().clear();
      pb.environment().put("PATH", System.getenv("PATH"));
      Process p = pb.start();
      p.getOutputStream().close();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bash timed out: " + command);
      return new Bash(
          p.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * The functions of a generated bash script as bash itself reads them: the script without its last
   * line ({@code main "$@"}) is sourced, which defines the functions and runs nothing else, and
   * {@code declare -f} prints each in bash's own layout (whitespace and comments normalised). Name
   * -> definition.
   */
  static Map<String, String> bashFunctions(Path dir, String label, String text) {
    String call = "main \"$@\"\n";
    assertTrue(text.endsWith(call), label + " ends with " + call);
    Path file =
        TestSupport.write(
            dir, label + ".functions", text.substring(0, text.length() - call.length()));
    Bash run =
        bash(
            dir,
            List.of(
                "-c",
                "source \"$1\" && for f in $(compgen -A function); do printf '@@ %s\\n' \"$f\"; declare -f \"$f\"; done",
                "bash",
                file.toString()));
    assertEquals(0, run.code(), label + ": " + run.stderr());
    assertEquals("", run.stderr(), label);
    Map<String, String> functions = new TreeMap<>();
    String name = null;
    StringBuilder body = new StringBuilder();
    for (String line : run.stdout().split("\n", -1)) {
      if (line.startsWith("@@ ")) {
        if (name != null) {
          functions.put(name, body.toString());
        }
        name = line.substring(3);
        body.setLength(0);
      } else {
        body.append(line).append('\n');
      }
    }
    if (name != null) {
      functions.put(name, body.toString());
    }
    return functions;
  }
}
