package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's direction (docs/architecture.md): a package may use only packages of a lower
 * layer, never one of its own layer or above, so the families know nothing of each other and
 * nothing below the pipeline knows the pipeline. Read from the source: every import and fully
 * qualified name.
 */
class ArchitectureTest {
  private static final String ROOT = "org.aisecuritybaseline";

  /** Package to layer; "" is the root package (Version). */
  static final Map<String, Integer> LAYERS =
      Map.ofEntries(
          Map.entry("", 0),
          Map.entry("diag", 0),
          Map.entry("json", 0),
          Map.entry("load", 1),
          Map.entry("model", 1),
          Map.entry("validate", 2),
          Map.entry("render", 2),
          Map.entry("tenant", 2),
          Map.entry("family", 3),
          Map.entry("rules", 3),
          Map.entry("entra", 4),
          Map.entry("purview", 4),
          Map.entry("defender", 4),
          Map.entry("secops", 4),
          Map.entry("pipeline", 5),
          Map.entry("plan", 5),
          Map.entry("access", 5),
          Map.entry("checks", 5),
          Map.entry("write", 5),
          Map.entry("init", 6),
          Map.entry("importer", 6),
          Map.entry("cli", 7));

  private static final Pattern USE =
      Pattern.compile("\\b" + Pattern.quote(ROOT) + "\\.([a-z]+)\\.[A-Z]");

  @Test
  void everyPackageHasALayer() throws IOException {
    Set<String> packages = new TreeSet<>();
    for (Path f : sources()) {
      packages.add(packageOf(f));
    }
    assertEquals(
        new TreeSet<>(LAYERS.keySet()),
        packages,
        "a new package needs its place in LAYERS and docs/architecture.md");
  }

  @Test
  void dependenciesPointDownOnly() throws IOException {
    List<String> against = new ArrayList<>();
    for (Path f : sources()) {
      String from = packageOf(f);
      String text = Files.readString(f).replaceFirst("(?m)^package .*;", "");
      Matcher m = USE.matcher(text);
      Set<String> seen = new TreeSet<>();
      while (m.find()) {
        String to = m.group(1);
        if (!to.equals(from)
            && LAYERS.containsKey(to)
            && LAYERS.get(to) >= LAYERS.get(from)
            && seen.add(to)) {
          against.add(
              main().relativize(f)
                  + ": "
                  + (from.isEmpty() ? "(root)" : from)
                  + " (layer "
                  + LAYERS.get(from)
                  + ") uses "
                  + to
                  + " (layer "
                  + LAYERS.get(to)
                  + ")");
        }
      }
    }
    assertTrue(
        against.isEmpty(),
        "edges against the pipeline's direction:\n" + String.join("\n", against));
  }

  @Test
  void theCheckCanFail() {
    Matcher m = USE.matcher("import org.aisecuritybaseline.pipeline.Generator;");
    assertTrue(m.find());
    assertEquals("pipeline", m.group(1));
    assertTrue(
        LAYERS.get("pipeline") >= LAYERS.get("entra"),
        "entra using the pipeline would be reported");
  }

  private static Path main() {
    return TestSupport.root().resolve("src/main/java/org/aisecuritybaseline");
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> walk = Files.walk(main())) {
      return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static String packageOf(Path file) {
    Path rel = main().relativize(file.getParent());
    return rel.toString().replace('/', '.');
  }
}
