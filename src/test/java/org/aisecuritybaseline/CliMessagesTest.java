package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 7: what the command line says in the first hour. Suggestions for mistyped commands
 * and options, an unknown option reported even when a required one is missing, shell completion, a
 * quiet generate, summaries that count all three families, a one-line-per-command help and a
 * validate that speaks of validity.
 */
class CliMessagesTest {
  static final String ENTERPRISE =
      TestSupport.root().resolve("examples/enterprise-p2/estate.yaml").toString();

  @TempDir Path tmp;

  @Test
  void aMistypedCommandGetsASuggestion() {
    TestSupport.Run run = TestSupport.cli("generat", "estate.yaml", "--out", "out");
    assertEquals(64, run.code());
    assertContains(run.err(), "Did you mean: baseline generate?");
    TestSupport.Run validate = TestSupport.cli("valdate", "estate.yaml");
    assertContains(validate.err(), "Did you mean: baseline validate?");
  }

  @Test
  void aMistypedOptionGetsASuggestion() {
    TestSupport.Run run =
        TestSupport.cli("generate", ENTERPRISE, "--out", tmp.resolve("out").toString(), "--chek");
    assertEquals(64, run.code());
    assertContains(run.err(), "Unknown option: '--chek'");
    assertContains(run.err(), "Did you mean: baseline generate --check?");
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void anUnknownOptionIsReportedEvenWhenARequiredOneIsMissing() {
    TestSupport.Run run =
        TestSupport.cli("generate", ENTERPRISE, "--ot", tmp.resolve("out").toString());
    assertEquals(64, run.code());
    assertContains(run.err(), "Unknown option: '--ot'");
    assertContains(run.err(), "Did you mean: baseline generate --out?");
    assertContains(run.err(), "Missing required option: '--out=DIR'");
    assertTrue(
        run.err().indexOf("Unknown option") < run.err().indexOf("Missing required option"),
        "the unknown option, which explains the missing one, comes first: " + run.err());
    TestSupport.Run plan = TestSupport.cli("plan", ENTERPRISE, "--againts", "out");
    assertContains(plan.err(), "Unknown option");
    assertContains(plan.err(), "'--againts'");
    assertContains(plan.err(), "Did you mean: baseline plan --against?");
  }

  @Test
  void completionScriptsForBashAndZsh() {
    TestSupport.Run bash = TestSupport.cli("completion", "bash");
    assertEquals(0, bash.code(), bash.err());
    assertContains(bash.out(), "complete -F _complete_baseline");
    for (String command :
        List.of(
            "generate",
            "validate",
            "plan",
            "whatif",
            "coverage",
            "explain",
            "schema",
            "init",
            "completion")) {
      assertContains(bash.out(), command);
    }
    assertContains(bash.out(), "--detailed-exitcode");
    TestSupport.Run zsh = TestSupport.cli("completion", "zsh");
    assertEquals(0, zsh.code(), zsh.err());
    assertContains(zsh.out(), "bashcompinit");
    assertContains(zsh.out(), "complete -F _complete_baseline");
    assertEquals(64, TestSupport.cli("completion", "fish").code());
    assertEquals(64, TestSupport.cli("completion").code());
  }

  @Test
  void generateQuietPrintsOnlyTheSummaryAndNotices() {
    Path out = tmp.resolve("out");
    TestSupport.Run loud = TestSupport.cli("generate", ENTERPRISE, "--out", out.toString());
    assertEquals(0, loud.code(), loud.err());
    assertContains(loud.out(), "App coverage");
    TestSupport.Run quiet =
        TestSupport.cli("generate", ENTERPRISE, "--out", out.toString(), "--quiet");
    assertEquals(0, quiet.code(), quiet.err());
    assertFalse(quiet.out().contains("App coverage"), quiet.out());
    assertEquals(1, quiet.out().lines().count(), "one summary line: " + quiet.out());
    assertContains(quiet.out(), "Nothing to write: "); // the same estate, into its own output
    assertEquals(loud.err(), quiet.err(), "notices are the same");
    assertEquals(0, TestSupport.cli("generate", ENTERPRISE, "--out", out.toString(), "-q").code());
  }

  @Test
  void summariesCountAllFourFamilies() {
    String counts =
        "28 Conditional Access policies (5 through Graph beta), 3 DLP policies, Defender on 3 Azure"
            + " subscriptions, 2 AWS accounts and 2 GCP projects, Sentinel with 4 data connectors, Defender for Office 365 presets"
            + " (Strict, Standard); 3 left out";
    TestSupport.Run validate = TestSupport.cli("validate", ENTERPRISE);
    assertEquals(0, validate.code(), validate.err());
    assertContains(validate.out(), ENTERPRISE + ": valid (" + counts + ")");
    TestSupport.Run generate =
        TestSupport.cli("generate", ENTERPRISE, "--out", tmp.resolve("out").toString(), "--quiet");
    assertContains(generate.out(), "(" + counts + ")");
    Path minimal = TestSupport.write(tmp, "estate.yaml", TestSupport.MINIMAL_ESTATE);
    TestSupport.Run small = TestSupport.cli("validate", minimal.toString());
    assertContains(small.out(), "0 DLP policies, no Defender for Cloud;");
  }

  @Test
  void topLevelHelpListsEachCommandOnOneLine() {
    TestSupport.Run run = TestSupport.cli("--help");
    assertEquals(0, run.code());
    List<String> lines = run.out().lines().toList();
    int start = lines.indexOf("Commands:");
    assertTrue(start >= 0, run.out());
    List<String> commands = new ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.isBlank()) {
        break;
      }
      assertTrue(
          line.matches("  [a-z]+ +\\S.*"), "one line per command, no continuation: '" + line + "'");
      assertTrue(line.length() <= 80, "fits in 80 columns: '" + line + "'");
      commands.add(line.trim().split(" ")[0]);
    }
    assertEquals(
        List.of(
            "init",
            "import",
            "generate",
            "validate",
            "plan",
            "whatif",
            "coverage",
            "check",
            "explain",
            "schema",
            "completion"),
        commands);
  }

  @Test
  void validateSpeaksOfValidityAndGenerateOfOutput() throws Exception {
    Path file =
        TestSupport.write(
            tmp,
            "estate.yaml",
            TestSupport.MINIMAL_ESTATE.replace("kind: Estate", "kind: Estates"));
    TestSupport.Run validate = TestSupport.cli("validate", file.toString());
    assertEquals(1, validate.code());
    assertContains(validate.err(), file + ": 1 error; the estate is not valid");
    assertFalse(validate.err().contains("generated"), validate.err());
    TestSupport.Run generate =
        TestSupport.cli("generate", file.toString(), "--out", tmp.resolve("out").toString());
    assertContains(generate.err(), file + ": 1 error; nothing was generated");
    TestSupport.Run plan =
        TestSupport.cli("plan", file.toString(), "--against", tmp.resolve("out").toString());
    assertContains(plan.err(), file + ": 1 error; nothing was generated");
    TestSupport.Run explain = TestSupport.cli("explain", "CA001", "--estate", file.toString());
    assertContains(explain.err(), file + ": 1 error; the estate is not valid");
  }

  /** Issue 16: console output stays short at any size; --verbose prints everything. */
  @Test
  void theConsoleListsStopAfterTwentyFiveLinesUnlessVerbose() {
    StringBuilder apps = new StringBuilder("apps:\n");
    for (int i = 0; i < 40; i++) {
      apps.append(
          String.format(
              "  - {key: saas-%02d, name: SaaS %02d, appId: 0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d%02d,"
                  + " kind: saas}%n",
              i, i, i));
    }
    String yaml =
        TestSupport.read(java.nio.file.Path.of(ENTERPRISE))
            .replaceFirst("(?s)\napps:\n.*?\nbaseline:", "\n" + apps + "baseline:")
            .replace("resources: [contracts-mcp]", "resources: []");
    java.nio.file.Path file = TestSupport.write(tmp, "many/estate.yaml", yaml);
    TestSupport.Run run =
        TestSupport.cli("generate", file.toString(), "--out", tmp.resolve("o1").toString());
    assertEquals(0, run.code(), run.err());
    long rows =
        run.out()
            .lines()
            .filter(l -> l.startsWith("  SaaS app") || l.startsWith("  Microsoft 365"))
            .count();
    assertEquals(25, rows, run.out());
    assertContains(run.out(), "  ... and 16 more apps (README.md (App coverage) lists them all;");
    TestSupport.Run verbose =
        TestSupport.cli(
            "generate", file.toString(), "--out", tmp.resolve("o2").toString(), "--verbose");
    assertEquals(0, verbose.code(), verbose.err());
    assertEquals(
        41,
        verbose
            .out()
            .lines()
            .filter(l -> l.startsWith("  SaaS app") || l.startsWith("  Microsoft 365"))
            .count());
    assertFalse(verbose.out().contains("more apps"));
  }

  @Test
  void anAppsPoliciesAreCappedOnTheConsoleUnlessVerbose() {
    // 40 custom policies for all resources: the Microsoft 365 row would list some 50 IDs.
    StringBuilder custom = new StringBuilder("customPolicies:\n");
    for (int i = 0; i < 40; i++) {
      custom.append(
          String.format(
              "  - id: CA%d%n    name: Custom %d%n    summary: Requires MFA (%d).%n"
                  + "    stage: report-only%n    policy:%n      conditions:%n"
                  + "        users: {includeUsers: [All]}%n"
                  + "        applications: {includeApplications: [All]}%n"
                  + "        clientAppTypes: [all]%n"
                  + "      grantControls: {operator: OR, builtInControls: [mfa]}%n",
              200 + i, i, i));
    }
    String yaml =
        TestSupport.read(java.nio.file.Path.of(ENTERPRISE))
            .replaceFirst("(?s)\ncustomPolicies:\n.*?\n(?=[a-z])", "\n" + custom);
    java.nio.file.Path file = TestSupport.write(tmp, "many/estate.yaml", yaml);
    TestSupport.Run run =
        TestSupport.cli("generate", file.toString(), "--out", tmp.resolve("o1").toString());
    assertEquals(0, run.code(), run.err());
    String row =
        run.out().lines().filter(l -> l.startsWith("  Microsoft 365:")).findFirst().orElseThrow();
    assertTrue(row.matches(".* <- (CA\\d+, ){24}CA\\d+ and \\d+ more"), row);
    TestSupport.Run verbose =
        TestSupport.cli(
            "generate", file.toString(), "--out", tmp.resolve("o2").toString(), "--verbose");
    assertEquals(0, verbose.code(), verbose.err());
    String all =
        verbose
            .out()
            .lines()
            .filter(l -> l.startsWith("  Microsoft 365:"))
            .findFirst()
            .orElseThrow();
    assertTrue(all.contains("CA239") && !all.contains(" more"), all);
    assertTrue(all.split(", ").length > 40, all);
  }
}
