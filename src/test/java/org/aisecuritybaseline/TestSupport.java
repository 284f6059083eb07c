package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.aisecuritybaseline.cli.Main;
import org.aisecuritybaseline.diag.DiagnosticFormatter;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.diag.SourceFile;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.render.Artifact;

/** Shared helpers: the project root, running the CLI as main does, generating in memory. */
public final class TestSupport {
  /**
   * The smallest valid estate: a tenant and two break-glass accounts; tests append sections to it.
   */
  public static final String MINIMAL_ESTATE =
      """
      apiVersion: ai-security-baseline/v1
      kind: Estate
      tenant:
        id: 6f1c2a4e-3b7d-4e8f-9a0b-1c2d3e4f5a6b
        primaryDomain: example.onmicrosoft.com
        licences: [entraIdP1]
      breakGlass:
        accounts:
          - id: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
          - id: 1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e
      """;

  private TestSupport() {}

  public static Path root() {
    String p = System.getProperty("project.root");
    return p == null ? Path.of("").toAbsolutePath() : Path.of(p);
  }

  public static List<Path> examples() {
    try (Stream<Path> dirs = Files.list(root().resolve("examples"))) {
      return dirs.map(d -> d.resolve("estate.yaml")).filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public record Run(int code, String out, String err) {}

  public static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  /** Validates the estate file at {@code path} under the project's root, named by that path. */
  public static EstateValidator.Validated validateFile(String path) {
    return validate(path, read(root().resolve(path)));
  }

  public static EstateValidator.Validated validate(String displayPath, String yaml) {
    Diagnostics d = new Diagnostics();
    var v = EstateValidator.validate(new SourceFile(displayPath, yaml), Catalogue.builtIn(), d);
    if (v.isEmpty()) {
      StringBuilder b = new StringBuilder();
      d.sorted().forEach(x -> b.append(DiagnosticFormatter.format(x)));
      fail("estate did not validate:\n" + b);
    }
    // Every estate the tests validate is also bound by Jackson's general data binder, which the
    // tool's own binder (json/Binder) replaced for start-up time: the two must agree.
    org.junit.jupiter.api.Assertions.assertEquals(
        org.aisecuritybaseline.json.Json.mapper()
            .treeToValue(v.get().document().root(), org.aisecuritybaseline.model.Estate.class),
        v.get().estate(),
        displayPath + ": json/Binder and Jackson bind the estate differently");
    return v.get();
  }

  /**
   * The line a recording stub script starts with: it appends its name and arguments, one call a
   * line, to {@code $STUB_LOG}.
   */
  public static final String STUB_RECORD =
      "{ printf '%s' \"$(basename \"$0\")\"; for a in \"$@\"; do printf ' %s' \"$a\"; done; printf '\\n'; } >> \"$STUB_LOG\"\n";

  /** Runs {@code baseline generate} on the enterprise example into {@code out}, which must work. */
  public static Path generateEnterprise(Path out) {
    Run run =
        cli(
            "generate",
            root().resolve("examples/enterprise-p2/estate.yaml").toString(),
            "--out",
            out.toString());
    org.junit.jupiter.api.Assertions.assertEquals(0, run.code(), run.err());
    return out;
  }

  public static List<Artifact> generate(Path estate) {
    return Generator.generate(validate(estate.toString(), read(estate)));
  }

  /**
   * The Graph version of every policy file among {@code artifacts}, by its path ("entra/..."), as
   * {@code entra/deployment.json} records it: what the deploy script reads.
   */
  public static java.util.Map<String, String> apiVersions(List<Artifact> artifacts) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    for (Artifact a : artifacts) {
      if (a.path().equals("entra/deployment.json")) {
        org.aisecuritybaseline.json.Json.parse(a.text())
            .get("policies")
            .forEach(
                p -> out.put("entra/" + p.get("file").asString(), p.get("apiVersion").asString()));
      }
    }
    return out;
  }

  public static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every file, directory and link under {@code dir} (links not followed), sorted; empty if it does
   * not exist.
   */
  public static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> !p.equals(dir)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path write(Path dir, String name, String text) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs generate on {@code yaml} and asserts: exit 1, a diagnostic {@code file:line:col:
   * error[code]}, no output directory, no stack trace.
   */
  public static Run expectError(Path dir, String yaml, int line, int col, String code) {
    Path file = write(dir, "estate.yaml", yaml);
    Path out = dir.resolve("out");
    Run run = cli("generate", file.toString(), "--out", out.toString());
    org.junit.jupiter.api.Assertions.assertEquals(1, run.code(), run.err());
    assertContains(run.err(), file + ":" + line + ":" + col + ": error[" + code + "]");
    assertContains(run.err(), "nothing was generated");
    org.junit.jupiter.api.Assertions.assertFalse(
        Files.exists(out), "no output may be written for invalid input");
    org.junit.jupiter.api.Assertions.assertFalse(
        run.err().contains("\tat "), "no stack trace: " + run.err());
    return run;
  }

  public static void assertContains(String haystack, String needle) {
    assertTrue(
        haystack.contains(needle), () -> "expected to find\n  " + needle + "\nin\n" + haystack);
  }
}
