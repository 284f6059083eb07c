package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisecuritybaseline.cli.Main;
import org.aisecuritybaseline.init.InitWriter;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.write.OutputWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * init writes an estate that validates and generates, for every tier, from options or from answers.
 */
class InitTest {
  static final String TENANT = "6f1c2a4e-3b7d-4e8f-9a0b-1c2d3e4f5a6b";
  static final String BG1 = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  static final String BG2 = "1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e";
  static final String GROUP = "2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f";
  static final String SUBSCRIPTION = "7d9e1f3a-5b6c-4d8e-9f0a-2b3c4d5e6f70";

  @TempDir Path tmp;

  private static TestSupport.Run cli(String input, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            args,
            new BufferedReader(new StringReader(input)),
            new PrintWriter(out),
            new PrintWriter(err));
    return new TestSupport.Run(code, out.toString(), err.toString());
  }

  /** The estate validates, generates, and a plan against the fresh output has no changes. */
  private static void assertUsable(Path dir) {
    Path estate = dir.resolve("estate.yaml");
    assertEquals(
        "# yaml-language-server: $schema=estate.schema.json",
        TestSupport.read(estate).lines().findFirst().orElseThrow());
    TestSupport.Run validate = TestSupport.cli("validate", estate.toString());
    assertEquals(0, validate.code(), validate.err());
    TestSupport.Run generate =
        TestSupport.cli("generate", estate.toString(), "--out", dir.resolve("out").toString());
    assertEquals(0, generate.code(), generate.err());
    TestSupport.Run plan =
        TestSupport.cli(
            "plan",
            estate.toString(),
            "--against",
            dir.resolve("out").toString(),
            "--detailed-exitcode");
    assertEquals(0, plan.code(), plan.out());
    assertTrue(
        Files.exists(dir.resolve(".gitignore"))
            && Files.exists(dir.resolve("estate.schema.json"))
            && Files.exists(dir.resolve("ci/github-actions.yml"))
            && Files.exists(dir.resolve("ci/azure-pipelines.yml")));
    assertHeaderPromise(TestSupport.read(estate), TestSupport.generate(estate));
  }

  /**
   * Issue 10: a licence with Copilot DLP, Copilot in use and a highly sensitive label give DLP001;
   * the header promises it and the generative-AI Conditional Access policy, and generate writes
   * both.
   */
  @Test
  void copilotDlpLicenceAndAHighlySensitiveLabelGenerateDlp001AndTheAiPoliciesTheHeaderPromises() {
    Path dir = tmp.resolve("copilot");
    String label = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d";
    TestSupport.Run run =
        cli(
            "",
            "init",
            dir.toString(),
            "--yes",
            "--tenant-id",
            TENANT,
            "--break-glass",
            BG1 + "," + BG2,
            "--licence",
            "microsoft365E5",
            "--copilot",
            "--highly-sensitive-label",
            "Highly Confidential=" + label,
            "--label",
            "General, internal=6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e");
    assertEquals(0, run.code(), run.err());
    String estate = TestSupport.read(dir.resolve("estate.yaml"));
    assertContains(estate, "#   DLP (simulation): DLP001, DLP002\n");
    assertContains(estate, "#   for generative AI among them: CA040, DLP001\n");
    assertContains(estate, "      name: \"General, internal\"\n");
    TestSupport.Run generate =
        TestSupport.cli(
            "generate",
            dir.resolve("estate.yaml").toString(),
            "--out",
            dir.resolve("out").toString());
    assertEquals(0, generate.code(), generate.err());
    assertTrue(
        Files.exists(
            dir.resolve("out/purview/dlp/DLP001-copilot-exclude-highly-sensitive-labels.json")));
    assertTrue(
        Files.exists(
            dir.resolve(
                "out/entra/conditional-access/CA040-generative-ai-require-phishing-resistant-mfa.json")));
    assertContains(
        TestSupport.read(
            dir.resolve("out/purview/dlp/DLP001-copilot-exclude-highly-sensitive-labels.json")),
        label);
    assertUsable(dir);
  }

  /**
   * Business Premium: DLP for Exchange, SharePoint and OneDrive (the data section by default), no
   * risk policies, no Copilot DLP.
   */
  @Test
  void businessPremiumGivesConditionalAccessAndDlpButNotWhatNeedsE5() {
    Path dir = tmp.resolve("business-premium");
    TestSupport.Run run =
        cli(
            "",
            "init",
            dir.toString(),
            "--yes",
            "--tenant-id",
            TENANT,
            "--break-glass",
            BG1 + "," + BG2,
            "--licence",
            "microsoft365BusinessPremium",
            "--copilot");
    assertEquals(0, run.code(), run.err());
    String estate = TestSupport.read(dir.resolve("estate.yaml"));
    assertContains(estate, "#   DLP (simulation): DLP002\n");
    assertContains(estate, "#   for generative AI among them: CA040\n");
    assertContains(
        estate,
        "generate prints why): CA010, CA011, CA012, CA016, CA041, CA042,\n#   CA043, DLP001\n");
    assertUsable(dir);
  }

  /**
   * Without labels, the estate shows how to start from Microsoft's default label set; uncommented,
   * that block is a valid estate that creates and publishes the labels.
   */
  @Test
  void theCommentedLabelPresetIsAWorkingEstate() {
    Path dir = tmp.resolve("preset");
    TestSupport.Run run =
        cli(
            "",
            "init",
            dir.toString(),
            "--yes",
            "--tenant-id",
            TENANT,
            "--break-glass",
            BG1 + "," + BG2,
            "--licence",
            "microsoft365E5");
    assertEquals(0, run.code(), run.err());
    Path estate = dir.resolve("estate.yaml");
    String text = TestSupport.read(estate);
    int from = text.indexOf("  # labelPreset: microsoftDefault\n");
    assertTrue(from > 0, text);
    int to =
        text.indexOf("publishTo: {everyone: true}\n", from)
            + "publishTo: {everyone: true}\n".length();
    String block = text.substring(from, to);
    String uncommented = block.replace("\n  # ", "\n  ").replaceFirst("^  # ", "  ");
    TestSupport.write(dir, "estate.yaml", text.replace(block, uncommented));
    List<Artifact> files = TestSupport.generate(estate);
    assertTrue(
        files.stream().anyMatch(a -> a.path().equals("purview/labels/policies/everyone.json")),
        "the label policy is generated");
    assertEquals(
        12,
        files.stream().filter(a -> a.path().matches("purview/labels/[a-z-]+\\.json")).count(),
        "every label of the preset");
  }

  /**
   * Sensitivity labels as options: checked as the estate checks them, and only with the data
   * section.
   */
  @Test
  void labelOptionsTheEstateWouldRefuseAreUsageErrors() {
    String g = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d";
    List<List<String>> cases =
        List.of(
            List.of(
                "--label 'Confidential': 'Confidential' is not name=label-GUID",
                "--label",
                "Confidential"),
            List.of(
                "--highly-sensitive-label 'Secret=00000000-0000-0000-0000-000000000000': the nil GUID",
                "--highly-sensitive-label",
                "Secret=00000000-0000-0000-0000-000000000000"),
            List.of(
                "repeats the name or GUID of a label given before",
                "--highly-sensitive-label",
                "Secret=" + g,
                "--label",
                "Other=" + g),
            List.of("the label name has a control or format character", "--label", "a\u202Eb=" + g),
            List.of(
                "sensitivity labels belong to the data section",
                "--no-purview",
                "--label",
                "General=" + g));
    for (List<String> c : cases) {
      Path dir = tmp.resolve("refused-label");
      List<String> args =
          new ArrayList<>(
              List.of(
                  "init", dir.toString(), "--yes", "--tenant-id", TENANT, "--break-glass", BG1));
      args.addAll(c.subList(1, c.size()));
      assertRefused(cli("", args.toArray(String[]::new)), 64, c.get(0), dir);
    }
  }

  /**
   * Values that match the estate's patterns but read as YAML null, true or a number are written so
   * they stay strings.
   */
  @Test
  void regionsAndResourceGroupsThatLookLikeYamlKeywordsStayStrings() {
    for (List<String> c :
        List.of(List.of("null", "123"), List.of("true", "false"), List.of("false", "0x1f"))) {
      Path dir = tmp.resolve("yaml-" + c.get(0));
      TestSupport.Run run =
          cli(
              "",
              "init",
              dir.toString(),
              "--yes",
              "--tenant-id",
              TENANT,
              "--break-glass",
              BG1,
              "--subscription",
              SUBSCRIPTION,
              "--aws-account",
              "123456789012",
              "--region",
              c.get(0),
              "--connector-resource-group",
              c.get(1));
      assertEquals(0, run.code(), run.err());
      assertUsable(dir);
    }
  }

  /**
   * The estate's header lists exactly the Conditional Access and DLP policies that generating it
   * writes, names the generative-AI ones among them, and the Defender subscriptions it covers.
   */
  static void assertHeaderPromise(String estate, List<Artifact> files) {
    StringBuilder header = new StringBuilder();
    for (String line : estate.lines().takeWhile(l -> l.startsWith("#")).toList()) {
      header.append(
          line.startsWith("#     ") ? " " + line.substring(6) : "\n" + line.substring(1).strip());
    }
    List<String> ca = ids(files, "entra/conditional-access/(CA\\d+)-");
    List<String> dlp = ids(files, "purview/dlp/(DLP\\d+)-");
    assertEquals(ca, promised(header, "Conditional Access (report-only)"), header::toString);
    assertEquals(dlp, promised(header, "DLP (simulation)"), header::toString);
    List<String> ai = promised(header, "for generative AI among them");
    assertTrue(
        ca.containsAll(ai.stream().filter(i -> i.startsWith("CA")).toList())
            && dlp.containsAll(ai.stream().filter(i -> i.startsWith("DLP")).toList()),
        "AI policies are among those written: " + ai);
    long subscriptions =
        files.stream().filter(f -> f.path().matches("defender/azure/[0-9a-f-]{36}\\.json")).count();
    Matcher m =
        Pattern.compile("Defender for Cloud: (nothing|plans for (\\d+) Azure subscriptions?)")
            .matcher(header);
    assertTrue(m.find(), header::toString);
    assertEquals(
        subscriptions, m.group(2) == null ? 0 : Long.parseLong(m.group(2)), header::toString);
  }

  private static List<String> ids(List<Artifact> files, String regex) {
    Pattern p = Pattern.compile(regex);
    return files.stream()
        .map(f -> p.matcher(f.path()))
        .filter(Matcher::lookingAt)
        .map(x -> x.group(1))
        .collect(java.util.stream.Collectors.toCollection(TreeSet::new))
        .stream()
        .toList();
  }

  private static List<String> promised(CharSequence header, String label) {
    Matcher m = Pattern.compile("\\n" + Pattern.quote(label) + ": ([^\\n]*)").matcher(header);
    assertTrue(m.find(), () -> "the header has no line '" + label + "': " + header);
    String list = m.group(1).strip();
    return list.equals("none")
        ? List.of()
        : new TreeSet<>(List.of(list.split(",\\s*"))).stream().toList();
  }

  @Test
  void everyTierNonInteractively() {
    for (String tier : List.of("starting-point", "enterprise", "specialized")) {
      Path dir = tmp.resolve(tier);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "init",
                  dir.toString(),
                  "--yes",
                  "--tier",
                  tier,
                  "--tenant-id",
                  TENANT,
                  "--primary-domain",
                  "contoso.onmicrosoft.com",
                  "--licence",
                  "microsoft365E5",
                  "--break-glass",
                  BG1 + "," + BG2,
                  "--purview",
                  "--copilot",
                  "--subscription",
                  SUBSCRIPTION,
                  "--ai-subscription",
                  SUBSCRIPTION,
                  "--aws-account",
                  "123456789012",
                  "--gcp-project",
                  "contoso-ai:843025268399"));
      if (tier.equals("specialized")) {
        args.addAll(List.of("--specialized-group", GROUP));
      }
      TestSupport.Run run = cli("", args.toArray(String[]::new));
      assertEquals(0, run.code(), run.err());
      String estate = TestSupport.read(dir.resolve("estate.yaml"));
      assertContains(estate, "tier: " + tier);
      assertContains(estate, "# Preset: " + tier + ".");
      if (tier.equals("starting-point")) {
        assertContains(estate, "Containers: {tier: Free}");
      }
      assertContains(estate, "highVolumeThreshold: " + (tier.equals("specialized") ? 5 : 10));
      assertUsable(dir);
    }
  }

  @Test
  void onlyATenantIdAndTwoBreakGlassAccounts() {
    Path dir = tmp.resolve("minimal");
    TestSupport.Run run =
        cli(
            "",
            "init",
            dir.toString(),
            "--tenant-id",
            TENANT,
            "--break-glass",
            BG1,
            "--break-glass",
            BG2,
            "--yes");
    assertEquals(0, run.code(), run.err());
    assertUsable(dir);
  }

  @Test
  void interactiveAnswersWithOneInvalidAnswerAskedAgain() {
    Path dir = tmp.resolve("interactive");
    String answers =
        String.join(
                "\n",
                "not-a-tenant-id",
                TENANT, // tenant ID: invalid, then valid
                "", // primary domain: skipped
                "microsoft365E5", // licences
                BG1 + ", " + BG2, // break-glass accounts
                "", // break-glass groups
                "enterprise", // tier
                "", // admin group
                GROUP, // pilot group
                "", // specialized group
                "y",
                "y",
                "n",
                "y", // Intune, Microsoft 365 Copilot, Security Copilot, Purview
                "", // sensitivity labels: none
                SUBSCRIPTION,
                SUBSCRIPTION, // subscriptions, AI subscriptions
                "",
                "", // AWS accounts, GCP projects
                "")
            + "\n"; // region: default
    TestSupport.Run run = cli(answers, "init", dir.toString());
    assertEquals(0, run.code(), run.err() + run.out());
    assertContains(run.out(), "'not-a-tenant-id' is not a GUID");
    assertContains(run.out(), "please try again");
    String estate = TestSupport.read(dir.resolve("estate.yaml"));
    assertContains(estate, "tier: enterprise");
    assertContains(estate, "purpose: pilot");
    assertContains(estate, "hostsAiWorkloads: true");
    assertUsable(dir);
  }

  @Test
  void neverOverwritesWithoutForce() throws Exception {
    Path dir = tmp.resolve("existing");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("estate.yaml"), "# mine\n");
    TestSupport.Run refused =
        cli("", "init", dir.toString(), "--tenant-id", TENANT, "--break-glass", BG1, "--yes");
    assertEquals(1, refused.code());
    assertContains(refused.err(), "exist and were left as they are");
    assertEquals("# mine\n", Files.readString(dir.resolve("estate.yaml")));
    assertTrue(!Files.exists(dir.resolve(".gitignore")), "nothing is written when anything exists");
    TestSupport.Run forced =
        cli(
            "",
            "init",
            dir.toString(),
            "--tenant-id",
            TENANT,
            "--break-glass",
            BG1,
            "--yes",
            "--force");
    assertEquals(0, forced.code(), forced.err());
    assertUsable(dir);
  }

  /**
   * Asserts that init refused with exit {@code code}: the message, no stack trace, nothing written.
   */
  private static void assertRefused(TestSupport.Run run, int code, String message, Path dir) {
    assertEquals(code, run.code(), run.err());
    assertContains(run.err(), message);
    assertFalse(run.err().contains("\tat "), run.err());
    assertFalse(Files.exists(dir, LinkOption.NOFOLLOW_LINKS), "nothing may be written: " + dir);
  }

  /**
   * Each value the estate itself would refuse is refused as an option: exit 64, named, before
   * anything is written.
   */
  @Test
  void optionsTheEstateWouldRefuseAreUsageErrors() {
    String nil = "00000000-0000-0000-0000-000000000000";
    List<List<String>> cases =
        List.of(
            List.of(
                "--tenant-id '" + nil + "': the nil GUID is a placeholder",
                "--tenant-id",
                nil,
                "--break-glass",
                BG1),
            List.of("--break-glass '" + nil + "': the nil GUID", "--break-glass", nil),
            List.of(
                "is given twice; list each account once",
                "--break-glass",
                BG1 + "," + BG1.toUpperCase(Locale.ROOT)),
            List.of(
                "--break-glass 'admin@contoso.com': 'admin@contoso.com' is not an object ID",
                "--break-glass",
                "admin@contoso.com"),
            List.of(
                "--break-glass-group '" + nil + "': the nil GUID",
                "--break-glass",
                BG1,
                "--break-glass-group",
                nil),
            List.of(
                "--break-glass-group '" + GROUP + "': '" + GROUP + "' is given twice",
                "--break-glass",
                BG1,
                "--break-glass-group",
                GROUP,
                "--break-glass-group",
                GROUP),
            List.of(
                "--admin-group '" + nil + "': the nil GUID",
                "--break-glass",
                BG1,
                "--admin-group",
                nil),
            List.of(
                "--pilot-group '"
                    + GROUP
                    + "': '"
                    + GROUP
                    + "' is already given for another purpose",
                "--break-glass",
                BG1,
                "--admin-group",
                GROUP,
                "--pilot-group",
                GROUP),
            List.of(
                "--specialized-group",
                "--break-glass",
                BG1,
                "--pilot-group",
                GROUP,
                "--tier",
                "specialized",
                "--specialized-group",
                GROUP.toUpperCase(Locale.ROOT)),
            List.of(
                "--licence 'entraIdP1': 'entraIdP1' is given twice",
                "--break-glass",
                BG1,
                "--licence",
                "entraIdP1,entraIdP1"),
            List.of("did you mean 'entraIdP1'?", "--break-glass", BG1, "--licence", "entraIDP1"),
            List.of(
                "--subscription '" + nil + "': the nil GUID",
                "--break-glass",
                BG1,
                "--subscription",
                nil),
            List.of(
                "--subscription '" + SUBSCRIPTION + "': '" + SUBSCRIPTION + "' is given twice",
                "--break-glass",
                BG1,
                "--subscription",
                SUBSCRIPTION + "," + SUBSCRIPTION),
            List.of(
                "--aws-account '123456789012': '123456789012' is given twice",
                "--break-glass",
                BG1,
                "--subscription",
                SUBSCRIPTION,
                "--aws-account",
                "123456789012,123456789012"),
            List.of(
                "repeats the ID or number of a project given before",
                "--break-glass",
                BG1,
                "--subscription",
                SUBSCRIPTION,
                "--gcp-project",
                "contoso-ai:843025268399,contoso-ai:843025268400"),
            List.of(
                "--gcp-project 'contoso-ab:843025268399': 'contoso-ab:843025268399' repeats",
                "--break-glass",
                BG1,
                "--subscription",
                SUBSCRIPTION,
                "--gcp-project",
                "contoso-ai:843025268399,contoso-ab:843025268399"));
    for (List<String> c : cases) {
      Path dir = tmp.resolve("refused");
      List<String> args = new ArrayList<>(List.of("init", dir.toString(), "--yes"));
      if (!c.contains("--tenant-id")) {
        args.addAll(List.of("--tenant-id", TENANT));
      }
      args.addAll(c.subList(1, c.size()));
      assertRefused(cli("", args.toArray(String[]::new)), 64, c.get(0), dir);
    }
  }

  @Test
  void interviewAsksAgainForWhatTheEstateWouldRefuse() {
    Path dir = tmp.resolve("interview");
    String answers =
        String.join(
                "\n",
                "00000000-0000-0000-0000-000000000000",
                TENANT, // tenant ID: the nil GUID, then valid
                "",
                "", // primary domain, licences
                BG1 + ", " + BG1,
                BG1 + ", " + BG2, // break-glass accounts: one twice, then two
                "",
                "", // break-glass groups, tier
                GROUP,
                GROUP,
                "",
                "", // admin group; pilot group: the same, then none; specialized group
                "n",
                "n",
                "n",
                "n", // Intune, Microsoft 365 Copilot, Security Copilot, Purview
                "",
                "",
                "",
                "")
            + "\n"; // subscriptions, AI subscriptions, AWS accounts, GCP projects
    TestSupport.Run run = cli(answers, "init", dir.toString());
    assertEquals(0, run.code(), run.err() + run.out());
    assertContains(
        run.out(),
        "the nil GUID is a placeholder, not a real ID; copy the Tenant ID from Entra ID > Overview > Properties in the"
            + " Microsoft Entra admin center (entra.microsoft.com); please try again");
    assertContains(
        run.out(), "'" + BG1 + "' is given twice; list each account once; please try again");
    assertContains(
        run.out(),
        "'"
            + GROUP
            + "' is already given for another purpose; give each purpose a group of its own; please try again");
    assertUsable(dir);
  }

  /**
   * A link where init writes is refused, with or without --force: nothing outside changes, nothing
   * inside is written.
   */
  @Test
  void neverWritesThroughASymbolicLink() throws Exception {
    Path outside = TestSupport.write(tmp, "outside/precious.txt", "precious\n");
    for (String name :
        List.of(
            "estate.yaml",
            ".gitignore",
            "estate.schema.json",
            "ci",
            "ci/github-actions.yml",
            "ci/README.md")) {
      for (boolean force : List.of(false, true)) {
        Path dir = tmp.resolve("linked-" + name.replace('/', '-') + "-" + force);
        Path link = dir.resolve(name);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, name.equals("ci") ? outside.getParent() : outside);
        List<String> args =
            new ArrayList<>(
                List.of(
                    "init", dir.toString(), "--tenant-id", TENANT, "--break-glass", BG1, "--yes"));
        if (force) {
          args.add("--force");
        }
        TestSupport.Run run = cli("", args.toArray(String[]::new));
        assertEquals(1, run.code(), run.err());
        assertContains(
            run.err(),
            "baseline: cannot initialise "
                + dir
                + ": "
                + link
                + " is a symbolic link; baseline never writes through a link");
        assertFalse(run.err().contains("\tat "), run.err());
        assertEquals("precious\n", Files.readString(outside));
        assertEquals(
            List.of(outside),
            TestSupport.files(outside.getParent()),
            "nothing is written through the link");
        assertEquals(
            name.startsWith("ci/") ? List.of(dir.resolve("ci"), link) : List.of(link),
            TestSupport.files(dir),
            "nothing else is written");
      }
    }
    Path dangling = tmp.resolve("dangling");
    Files.createDirectories(dangling);
    Files.createSymbolicLink(
        dangling.resolve("estate.schema.json"), tmp.resolve("outside/new.json"));
    TestSupport.Run run =
        cli(
            "",
            "init",
            dangling.toString(),
            "--tenant-id",
            TENANT,
            "--break-glass",
            BG1,
            "--yes",
            "--force");
    assertEquals(1, run.code(), run.err());
    assertContains(run.err(), "estate.schema.json is a symbolic link");
    assertEquals(List.of(outside), TestSupport.files(outside.getParent()));
  }

  /**
   * DIR itself is taken as named: a link to a directory is followed, as {@code cd link && baseline
   * init} would.
   */
  @Test
  void followsALinkNamedAsTheDirectory() throws Exception {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    TestSupport.Run run =
        cli("", "init", link.toString(), "--tenant-id", TENANT, "--break-glass", BG1, "--yes");
    assertEquals(0, run.code(), run.err());
    assertUsable(real);
  }

  @Test
  void forceReplacesRegularFilesOnly() throws Exception {
    Path dir = tmp.resolve("not-a-file");
    Files.createDirectories(dir.resolve("estate.yaml"));
    TestSupport.Run run =
        cli(
            "",
            "init",
            dir.toString(),
            "--tenant-id",
            TENANT,
            "--break-glass",
            BG1,
            "--yes",
            "--force");
    assertEquals(1, run.code(), run.err());
    assertContains(
        run.err(),
        dir.resolve("estate.yaml") + " is not a regular file; --force replaces regular files only");
    assertEquals(List.of(dir.resolve("estate.yaml")), TestSupport.files(dir));
  }

  /**
   * A file, a path under a file, the root, and places even root cannot write: exit 1 with the
   * reason, before any question.
   */
  @Test
  void refusesWhatIsNotAWritableDirectory() throws Exception {
    Path file = TestSupport.write(tmp, "afile", "mine\n");
    assertRefused(
        cli("", "init", file.toString()),
        1,
        "baseline: cannot initialise " + file + ": it is a regular file",
        file.resolve("x"));
    assertRefused(
        cli(
            "",
            "init",
            file.resolve("sub").toString(),
            "--tenant-id",
            TENANT,
            "--break-glass",
            BG1,
            "--yes"),
        1,
        ": " + file + " is a regular file",
        file.resolve("sub"));
    assertEquals("mine\n", Files.readString(file));
    // An invalid tenant ID too: before the fix this run stopped there (exit 64) instead of writing
    // to /.
    assertRefused(
        cli("", "init", "/", "--tenant-id", "nope", "--yes"),
        1,
        "cannot initialise /: it is the root of the file system",
        Path.of("/estate.yaml"));
    Assumptions.assumeTrue(
        Files.isDirectory(Path.of("/proc/self")) && Files.isDirectory(Path.of("/sys/kernel")),
        "Linux only");
    for (String target : List.of("/proc/x", "/proc", "/sys/x", "/sys")) {
      assertRefused(
          cli("", "init", target, "--tenant-id", TENANT, "--break-glass", BG1, "--yes"),
          1,
          "baseline: cannot initialise " + target + ": ",
          Path.of(target, "estate.yaml"));
    }
  }

  /**
   * A run that fails half-way removes what it wrote: its temporary files, its new files and the
   * directories it created.
   */
  @Test
  void aFailedWriteLeavesNothingBehind() {
    Path dir = tmp.resolve("new/project");
    byte[] x = "x\n".getBytes(StandardCharsets.UTF_8);
    // "a/b" is renamed into place before "a", which cannot then replace the directory a: the run
    // fails after two files.
    Map<String, byte[]> files = new LinkedHashMap<>(Map.of("x", x));
    files.put("a/b", x);
    files.put("a", x);
    OutputWriter.RefusedException e =
        assertThrows(
            OutputWriter.RefusedException.class, () -> InitWriter.write(dir, files, false));
    assertContains(e.getMessage(), dir.resolve("a").toString());
    assertEquals(
        List.of(),
        TestSupport.files(tmp),
        "nothing is left, not even the directories the run created");
  }

  @Test
  void invalidOptionsAreUsageErrors() {
    TestSupport.Run run =
        cli(
            "",
            "init",
            tmp.resolve("x").toString(),
            "--tenant-id",
            "nope",
            "--break-glass",
            BG1,
            "--yes");
    assertEquals(64, run.code());
    assertContains(run.err(), "--tenant-id 'nope': 'nope' is not a GUID");
    TestSupport.Run missing =
        cli("", "init", tmp.resolve("y").toString(), "--tenant-id", TENANT, "--yes");
    assertEquals(64, missing.code());
    assertContains(missing.err(), "missing --break-glass");
    TestSupport.Run noAnswer = cli("", "init", tmp.resolve("z").toString());
    assertEquals(64, noAnswer.code());
    assertContains(noAnswer.err(), "no answer for: Tenant ID");
  }

  @Test
  void standardInputIsBoundedLikeEveryInput() throws Exception {
    // A 2 MiB answer with no line break: asked again with a reason, then refused at the 1 MiB
    // bound.
    TestSupport.Run flood = cli("x".repeat(2 << 20), "init", tmp.resolve("f").toString());
    assertEquals(64, flood.code(), flood.err());
    assertContains(flood.err(), "standard input is longer than 1048576 characters");
    assertFalse(Files.exists(tmp.resolve("f/estate.yaml")));

    // One over-long line is refused with a reason and the question is asked again.
    TestSupport.Run longLine = cli("y".repeat(5000) + "\n", "init", tmp.resolve("g").toString());
    assertContains(longLine.out(), "the answer is longer than 4096 characters; please try again.");
    assertFalse(longLine.out().contains("y".repeat(100)), "the refused answer is not echoed");
  }
}
