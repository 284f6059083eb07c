package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.aisecuritybaseline.cli.Main;
import org.aisecuritybaseline.model.DataProtection;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The init interview through the same entry point as main, answered by a terminal that reads each
 * question as it is printed: every question checks its answer with the estate's rules and asks
 * again with the reason, no answer ends the interview with an internal error (exit 70), and every
 * estate it writes validates and generates.
 */
class InitInterviewTest {
  static final String TENANT = "6f1c2a4e-3b7d-4e8f-9a0b-1c2d3e4f5a6b";
  static final String NIL = "00000000-0000-0000-0000-000000000000";
  static final List<String> GUIDS =
      List.of(
          "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
          "1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e",
          "2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f",
          "7d9e1f3a-5b6c-4d8e-9f0a-2b3c4d5e6f70",
          "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");

  @TempDir Path tmp;

  /** What a question asks for, recognised by the start of its prompt. */
  enum Kind {
    TENANT("Tenant ID (directory ID)", true),
    DOMAIN("Primary domain (optional)", false),
    LICENCES("Licences, comma-separated", false),
    BREAK_GLASS("Break-glass account object IDs", true),
    BREAK_GLASS_GROUPS("Break-glass group object IDs (optional)", false),
    TIER("Tier (", false),
    ADMINS("Group of administrator accounts (optional)", false),
    PILOT("Group of pilot users (optional)", false),
    SPECIALIZED_OPTIONAL("Group of users with highly sensitive data or roles (optional)", false),
    SPECIALIZED("Group of users with highly sensitive data or roles", true),
    YES_NO("", false),
    LABEL("Sensitivity label as name=GUID", false),
    SUBSCRIPTIONS("Azure subscription IDs for Defender for Cloud (optional)", false),
    AI_SUBSCRIPTIONS("Which of them host AI workloads (optional)", false),
    AWS("AWS account IDs to onboard (optional)", false),
    GCP("GCP projects as project-id:project-number (optional)", false),
    CONNECTOR_SUBSCRIPTION("Azure subscription that holds the AWS and GCP connectors", true),
    REGION("Azure region for deployments", false),
    RESOURCE_GROUP("Resource group for the connectors", false);

    final String prefix;
    final boolean required;

    Kind(String prefix, boolean required) {
      this.prefix = prefix;
      this.required = required;
    }

    static Kind of(String prompt) {
      if (prompt.endsWith("(y/n) [y]: ") || prompt.endsWith("(y/n) [n]: ")) {
        return YES_NO;
      }
      for (Kind k : values()) {
        if (k != YES_NO && prompt.startsWith(k.prefix)) {
          return k;
        }
      }
      return fail("a question this test does not know; give it a kind and edge cases: " + prompt);
    }
  }

  /** One answer and whether the estate's rules must refuse it (null: the test does not know). */
  record Answer(String text, Boolean invalid) {
    static Answer bad(String text) {
      return new Answer(text, true);
    }

    static Answer good(String text) {
      return new Answer(text, false);
    }

    static Answer any(String text) {
      return new Answer(text, null);
    }
  }

  /**
   * A terminal: when init reads, it looks at the question init printed last and answers it. After
   * an answer the rules must refuse, it asserts that init printed the reason and asked the same
   * question again.
   */
  static final class Terminal extends Reader {
    final StringWriter screen = new StringWriter();
    private final Function<String, Answer> answerer;
    private final Map<String, Integer> asked = new LinkedHashMap<>();
    private String pending = "";
    private int pos;
    private int seen;
    private boolean ended;
    private String lastPrompt;
    private Answer last;
    final List<String> acceptedLabels = new ArrayList<>();

    Terminal(Function<String, Answer> answerer) {
      this.answerer = answerer;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (pos == pending.length()) {
        if (ended) {
          return -1;
        }
        String all = screen.toString();
        String fresh = all.substring(seen);
        seen = all.length();
        // Answers are not echoed, so a question follows the last one on its line: it is what init
        // printed since the answer.
        String prompt = fresh.substring(fresh.lastIndexOf('\n') + 1);
        assertTrue(prompt.endsWith(": "), () -> "init reads without a question: " + all);
        if (last != null && Boolean.TRUE.equals(last.invalid())) {
          assertTrue(
              fresh.startsWith("  ")
                  && fresh.contains("; please try again.\n")
                  && prompt.equals(lastPrompt),
              () ->
                  "'"
                      + last.text()
                      + "' for '"
                      + lastPrompt
                      + "' must be refused with a reason and asked again; the screen then showed: "
                      + fresh);
        }
        if (last != null && lastPrompt.startsWith(Kind.LABEL.prefix) && prompt.startsWith("Is '")) {
          acceptedLabels.add(last.text());
        }
        if (asked.merge(prompt, 1, Integer::sum) > 40) {
          fail("asked 40 times: " + prompt);
        }
        Answer a = answerer.apply(prompt);
        lastPrompt = prompt;
        last = a;
        if (a == null) {
          ended = true;
          return -1;
        }
        pending = a.text() + "\n";
        pos = 0;
      }
      int n = Math.min(len, pending.length() - pos);
      pending.getChars(pos, pos + n, buf, off);
      pos += n;
      return n;
    }

    @Override
    public void close() {}
  }

  record Run(int code, String out, String err, Terminal terminal) {}

  private static Run interview(Path dir, Function<String, Answer> answerer) {
    Terminal terminal = new Terminal(answerer);
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {"init", dir.toString()},
            new BufferedReader(terminal),
            new PrintWriter(terminal.screen),
            new PrintWriter(err));
    return new Run(code, terminal.screen.toString(), err.toString(), terminal);
  }

  /** Answers each question with its scripted answers in turn, then with a valid one. */
  private static Function<String, Answer> script(
      Map<Kind, Deque<Answer>> script, Map<Kind, String> valid) {
    return prompt -> {
      Kind k = Kind.of(prompt);
      Deque<Answer> q = script.get(k);
      if (q != null && !q.isEmpty()) {
        return q.poll();
      }
      return Answer.good(valid.getOrDefault(k, k == Kind.YES_NO ? "y" : ""));
    };
  }

  @SafeVarargs
  private static Deque<Answer> answers(Answer... a) {
    return new ArrayDeque<>(List.of(a));
  }

  /**
   * Every question gets its edge cases, each refused with its reason, then a valid answer; the
   * estate validates.
   */
  @Test
  void everyQuestionRefusesWhatTheEstateWouldRefuseAndAsksAgain() {
    String g0 = GUIDS.get(0);
    String g1 = GUIDS.get(1);
    String g2 = GUIDS.get(2);
    String sub = GUIDS.get(3);
    String label = GUIDS.get(4);
    Map<Kind, Deque<Answer>> s = new LinkedHashMap<>();
    s.put(
        Kind.TENANT,
        answers(
            Answer.bad(""),
            Answer.bad("   "),
            Answer.bad("not-a-guid"),
            Answer.bad(NIL),
            Answer.bad("y".repeat(5000)),
            Answer.bad("\u0007" + TENANT),
            Answer.bad("{" + TENANT + "}"),
            Answer.good(TENANT.toUpperCase(java.util.Locale.ROOT))));
    s.put(
        Kind.DOMAIN,
        answers(
            Answer.bad("not a domain"),
            Answer.bad("contoso"),
            Answer.good("contoso.onmicrosoft.com")));
    s.put(
        Kind.LICENCES,
        answers(
            Answer.bad("entraidp1"),
            Answer.bad("microsoft365E3, microsoft365E3"),
            Answer.bad("microsoft365E5, bogus"),
            Answer.good("microsoft365E5")));
    s.put(
        Kind.BREAK_GLASS,
        answers(
            Answer.bad("admin@contoso.com"),
            Answer.bad(g0 + ", not-a-guid"),
            Answer.bad(g0 + "," + g0.toUpperCase()),
            Answer.bad(NIL),
            Answer.bad(",,,"),
            Answer.good(g0 + ", " + g1)));
    s.put(
        Kind.BREAK_GLASS_GROUPS,
        answers(Answer.bad(NIL), Answer.bad("group@contoso.com"), Answer.good(g2)));
    s.put(
        Kind.TIER,
        answers(Answer.bad("Enterprise"), Answer.bad("gold"), Answer.good("specialized")));
    // One group for two purposes: the admins group may not be the break-glass group, the pilot
    // group not the admins group.
    s.put(Kind.ADMINS, answers(Answer.bad(g2), Answer.good(GUIDS.get(3))));
    s.put(
        Kind.PILOT,
        answers(Answer.bad(GUIDS.get(3).toUpperCase()), Answer.bad(g2), Answer.good("")));
    s.put(Kind.SPECIALIZED, answers(Answer.bad(""), Answer.bad(GUIDS.get(3)), Answer.good(label)));
    s.put(
        Kind.YES_NO,
        answers(
            Answer.bad("maybe"),
            Answer.good("n"),
            Answer.bad("\u0000"),
            Answer.good("YES"),
            Answer.good("n"),
            Answer.good("y"),
            Answer.bad("yess"),
            Answer.good("y"),
            Answer.good("n")));
    s.put(
        Kind.LABEL,
        answers(
            Answer.bad("Confidential"),
            Answer.bad("Secret=not-a-guid"),
            Answer.bad("=" + g0),
            Answer.bad("Secret=" + NIL),
            Answer.bad("a\u202Eb=" + g0),
            Answer.bad("x".repeat(300) + "=" + g0),
            Answer.good("Highly \"Confidential\": #1 & *all*=" + g0),
            Answer.bad("highly \"confidential\": #1 & *all*=" + g1),
            Answer.bad("Other=" + g0.toUpperCase()),
            Answer.good("- General: [x]=" + g1),
            Answer.good("")));
    s.put(
        Kind.SUBSCRIPTIONS,
        answers(Answer.bad(NIL), Answer.bad(sub + "," + sub), Answer.good(sub)));
    s.put(Kind.AI_SUBSCRIPTIONS, answers(Answer.bad(g0), Answer.good(sub)));
    s.put(
        Kind.AWS,
        answers(
            Answer.bad("12345"),
            Answer.bad("123456789012,123456789012"),
            Answer.good("123456789012")));
    s.put(
        Kind.GCP,
        answers(
            Answer.bad("nocolon"),
            Answer.bad("Bad_Project:843025268399"),
            Answer.bad("contoso-ai:abc"),
            Answer.bad("contoso-ai:843025268399,contoso-ab:843025268399"),
            Answer.good("contoso-ai:843025268399")));
    s.put(
        Kind.REGION,
        answers(Answer.bad("West Europe"), Answer.bad("westeurope!"), Answer.good("null")));
    s.put(
        Kind.RESOURCE_GROUP,
        answers(Answer.bad("rg with space"), Answer.bad("r".repeat(91)), Answer.good("123")));
    Path dir = tmp.resolve("all");
    Run run = interview(dir, script(s, Map.of()));
    assertEquals(0, run.code(), run.err() + run.out());
    s.forEach((k, q) -> assertTrue(q.isEmpty(), k + " was not asked for all its answers: " + q));
    for (String reason :
        List.of(
            "an answer is required",
            "'not-a-guid' is not a GUID",
            "the nil GUID is a placeholder, not a real ID",
            "the answer is longer than 4096 characters",
            "'\\u0007" + TENANT + "' is not a GUID",
            "'not a domain' is not a domain",
            "did you mean 'entraIdP1'?",
            "'microsoft365E3' is given twice",
            "found 'bogus'",
            "'admin@contoso.com' is not an object ID (a GUID such as 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0): it looks like a user principal name",
            "'not-a-guid' is not an object ID",
            "is given twice; list each account once",
            "did you mean 'enterprise'?",
            "'" + g2 + "' is already given for another purpose",
            "answer y or n",
            "'Confidential' is not name=label-GUID",
            "'Secret=not-a-guid' is not name=label-GUID",
            "the label name has a control or format character",
            "repeats the name or GUID of a label given before",
            "is given twice; list each subscription once",
            "'" + g0 + "' is not among the subscriptions given",
            "'12345' is not a 12-digit AWS account ID",
            "'nocolon' is not project-id:project-number",
            "repeats the ID or number of a project",
            "'West Europe' is not a region name",
            "'rg with space' is not a resource group name")) {
      assertContains(run.out(), reason);
    }
    // Where to find each ID is said before its question.
    assertContains(
        run.out(),
        "Copy the Tenant ID from Entra ID > Overview > Properties in the Microsoft Entra admin center");
    assertContains(
        run.out(), "Copy the Object ID from Entra ID > Users > All users > the account > Overview");
    assertContains(
        run.out(), "Copy the Object ID from Entra ID > Groups > All groups > the group > Overview");
    assertContains(run.out(), "Get-Label | Format-List Name,Guid");
    assertContains(run.out(), "microsoft365BusinessPremium: Microsoft 365 Business Premium");
    EstateValidator.Validated v = assertUsable(dir);
    assertEquals(
        List.of("Highly \"Confidential\": #1 & *all*", "- General: [x]"),
        v.estate().data().labels().stream().map(DataProtection.Label::name).toList());
    assertEquals("null", v.estate().threat().azure().deploymentLocation());
    assertEquals("123", v.estate().threat().connectorHost().resourceGroup());
  }

  /**
   * AWS or GCP without an Azure subscription: the interview asks for the subscription that holds
   * the connectors.
   */
  @Test
  void connectorsWithoutASubscriptionAskForOneInsteadOfFailingAtTheEnd() {
    Map<Kind, Deque<Answer>> s = new LinkedHashMap<>();
    s.put(Kind.TENANT, answers(Answer.good(TENANT)));
    s.put(Kind.BREAK_GLASS, answers(Answer.good(GUIDS.get(0))));
    s.put(
        Kind.YES_NO,
        answers(Answer.good("n"), Answer.good("n"), Answer.good("n"), Answer.good("n")));
    s.put(Kind.AWS, answers(Answer.good("123456789012")));
    s.put(
        Kind.CONNECTOR_SUBSCRIPTION,
        answers(Answer.bad(""), Answer.bad(NIL), Answer.good(GUIDS.get(3))));
    Path dir = tmp.resolve("connectors");
    Run run = interview(dir, script(s, Map.of()));
    assertEquals(0, run.code(), run.err() + run.out());
    assertTrue(
        s.get(Kind.CONNECTOR_SUBSCRIPTION).isEmpty(), "the connector subscription is asked for");
    EstateValidator.Validated v = assertUsable(dir);
    assertEquals(GUIDS.get(3), v.estate().threat().connectorHost().subscription());
  }

  /**
   * Seeded random answers, edge cases among them, to every question: never exit 70; what is written
   * validates.
   */
  @Test
  void seededRandomAnswersNeverEndInAnInternalError() {
    int written = 0;
    for (int seed = 1; seed <= 120; seed++) {
      Random r = new Random(seed);
      Path dir = tmp.resolve("seed-" + seed);
      Run run = interview(dir, prompt -> random(r, prompt));
      assertNotEquals(70, run.code(), "seed " + seed + ": " + run.err());
      assertFalse(run.err().contains("internal error"), "seed " + seed + ": " + run.err());
      assertTrue(
          run.code() == 0 || run.code() == 64,
          "seed " + seed + " exit " + run.code() + ": " + run.err());
      if (run.code() == 0) {
        written++;
        EstateValidator.Validated v = assertUsable(dir);
        List<String> names =
            run.terminal().acceptedLabels.stream()
                .map(a -> a.substring(0, a.lastIndexOf('=')).strip())
                .toList();
        assertEquals(
            names,
            v.estate().data().labels().stream().map(DataProtection.Label::name).toList(),
            "seed " + seed);
      } else {
        assertFalse(
            Files.exists(dir.resolve("estate.yaml")),
            "seed " + seed + ": nothing is written when the interview ends early");
      }
    }
    assertTrue(written > 60, "most seeded interviews finish: " + written);
  }

  private static final List<String> JUNK =
      List.of(
          "",
          " ",
          "\t",
          "   \t ",
          "\u0000",
          "\u0007\u0008",
          "\u001b[31mred",
          "\u202Eevil",
          "x".repeat(4096),
          "y".repeat(4097),
          "\uD800",
          "é",
          "😀",
          "null",
          "true",
          "~",
          "- item",
          "a: b",
          "#comment",
          "'quoted'",
          "\"quoted\"",
          "$(rm -rf /)",
          "`id`",
          "; ls",
          "a,b,,c",
          ",",
          "=",
          ":",
          "admin@contoso.com",
          NIL,
          NIL.toUpperCase(),
          "not-a-guid",
          "y",
          "n",
          "entraIdP1",
          "Enterprise",
          "123456789012",
          "contoso-ai:843025268399",
          "westeurope",
          "rg-x");

  private static final List<String> NAMES =
      List.of(
          "Highly Confidential",
          "Secret \"Project X\"",
          "a=b",
          "Vertraulich – Ü",
          "🔒 Locked",
          "- dash",
          "key: value",
          "#hash",
          "& anchor",
          "* alias",
          "!tag",
          "%percent",
          "@at",
          "`tick`",
          "[x]",
          "{y}",
          "'single'",
          "null",
          "123",
          "true",
          "a".repeat(256),
          "   padded   ");

  /**
   * A random answer to {@code prompt}: junk, edge cases, valid answers of other questions, or a
   * valid answer.
   */
  private static Answer random(Random r, String prompt) {
    if (r.nextInt(200) == 0) {
      return null; // standard input ends here
    }
    Kind k = Kind.of(prompt);
    int roll = r.nextInt(10);
    if (roll < 3) {
      return Answer.any(JUNK.get(r.nextInt(JUNK.size())));
    }
    String g = GUIDS.get(r.nextInt(GUIDS.size()));
    return Answer.any(
        switch (k) {
          case TENANT,
              SPECIALIZED,
              SPECIALIZED_OPTIONAL,
              ADMINS,
              PILOT,
              CONNECTOR_SUBSCRIPTION,
              BREAK_GLASS_GROUPS,
              AI_SUBSCRIPTIONS ->
              roll < 5 ? "" : roll < 6 ? g.toUpperCase() : roll < 8 ? g : freshGuid(r);
          case BREAK_GLASS, SUBSCRIPTIONS ->
              roll < 5
                  ? g + ", " + freshGuid(r)
                  : roll < 7 ? g : roll < 8 ? g + "," + g : freshGuid(r);
          case DOMAIN -> roll < 6 ? "" : roll < 8 ? "contoso.onmicrosoft.com" : "CONTOSO.COM";
          case LICENCES ->
              roll < 5
                  ? ""
                  : String.join(
                      ", ",
                      List.of(
                              "microsoft365BusinessPremium",
                              "microsoft365E5",
                              "entraSuite",
                              "microsoft365E5Compliance",
                              "entraIdP2")
                          .subList(0, 1 + r.nextInt(3)));
          case TIER -> List.of("", "starting-point", "enterprise", "specialized").get(r.nextInt(4));
          case YES_NO -> List.of("y", "n", "Y", "no", "").get(r.nextInt(5));
          case LABEL ->
              roll < 5
                  ? ""
                  : NAMES.get(r.nextInt(NAMES.size()))
                      + (roll < 7 ? "=" : " = ")
                      + (roll < 9 ? freshGuid(r) : g);
          case AWS -> roll < 7 ? "" : "1234567890" + (10 + r.nextInt(90));
          case GCP -> roll < 7 ? "" : "contoso-p" + r.nextInt(9) + ":84302526839" + r.nextInt(10);
          case REGION ->
              roll < 6
                  ? ""
                  : List.of("northeurope", "null", "true", "westeurope2").get(r.nextInt(4));
          case RESOURCE_GROUP ->
              roll < 6 ? "" : List.of("rg-a", "123", "false", "my.rg_1").get(r.nextInt(4));
        });
  }

  private static String freshGuid(Random r) {
    return String.format(
        "%08x-%04x-4%03x-8%03x-%012x",
        r.nextInt() & 0x7fffffff | 1,
        r.nextInt(0x10000),
        r.nextInt(0x1000),
        r.nextInt(0x1000),
        r.nextLong() & 0xffffffffffffL);
  }

  /**
   * The estate validates and generates, and its header lists exactly the policies generate writes.
   */
  static EstateValidator.Validated assertUsable(Path dir) {
    Path estate = dir.resolve("estate.yaml");
    EstateValidator.Validated v = TestSupport.validate(estate.toString(), TestSupport.read(estate));
    List<Artifact> files = Generator.generate(v);
    InitTest.assertHeaderPromise(TestSupport.read(estate), files);
    return v;
  }
}
