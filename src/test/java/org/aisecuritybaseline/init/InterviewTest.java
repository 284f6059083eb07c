package org.aisecuritybaseline.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The interview as a function, without picocli: options in a {@link Interview.Given}, typed answers
 * from a string. A typed answer that fails its check is asked again with the reason; an option that
 * fails is refused with its option's name.
 */
class InterviewTest {
  static final String TENANT = "6f1c2a4e-3b7d-4e8f-9a0b-1c2d3e4f5a6b";
  static final String ACCOUNT = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

  /** Nothing given on the command line but the tenant, the break-glass account and --yes. */
  static Interview.Given given(String tenantId, List<String> breakGlass, boolean yes) {
    return new Interview.Given(
        tenantId,
        null,
        null,
        breakGlass,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        yes);
  }

  @Test
  void aTypedBadTenantIdIsAskedAgainWithTheReason() throws Exception {
    StringWriter screen = new StringWriter();
    // Tenant (bad, then good), primary domain, licences, break-glass account; then standard input
    // ends and every other question takes its default.
    Prompter p =
        new Prompter(
            new BufferedReader(new StringReader("bad\n" + TENANT + "\n\n\n" + ACCOUNT + "\n")),
            new PrintWriter(screen));

    InitProject.Answers a = Interview.answers(given(null, null, false), p);

    assertEquals(TENANT, a.tenantId());
    assertEquals(List.of(ACCOUNT), a.breakGlassUsers());
    assertEquals("starting-point", a.tier());
    String text = screen.toString();
    assertTrue(
        text.contains("'bad' is not a GUID") && text.contains("; please try again."),
        "the reason is shown and the question asked again:\n" + text);
    assertEquals(
        2, text.split("Tenant ID \\(directory ID\\): ", -1).length - 1, "asked twice:\n" + text);
  }

  @Test
  void anOptionThatFailsItsCheckIsRefusedWithItsName() {
    Interview.Refused e =
        assertThrows(
            Interview.Refused.class,
            () -> Interview.answers(given("bad", List.of(ACCOUNT), true), noInput()));

    assertEquals("--tenant-id", e.option());
    assertTrue(e.getMessage().startsWith("--tenant-id 'bad': 'bad' is not a GUID"), e.getMessage());
  }

  @Test
  void aRepeatedListItemIsRefusedAsItsOption() {
    Interview.Refused e =
        assertThrows(
            Interview.Refused.class,
            () -> Interview.answers(given(TENANT, List.of(ACCOUNT, ACCOUNT), true), noInput()));

    assertEquals("--break-glass", e.option());
    assertTrue(e.getMessage().contains("is given twice"), e.getMessage());
  }

  @Test
  void withYesARequiredAnswerMissingIsRefused() {
    Interview.Refused e =
        assertThrows(
            Interview.Refused.class, () -> Interview.answers(given(TENANT, null, true), noInput()));

    assertEquals("--break-glass", e.option());
    assertEquals("missing --break-glass (required with --yes)", e.getMessage());
  }

  @Test
  void withYesNothingIsAsked() throws Exception {
    StringWriter screen = new StringWriter();
    Prompter p = new Prompter(new BufferedReader(new StringReader("")), new PrintWriter(screen));

    InitProject.Answers a = Interview.answers(given(TENANT, List.of(ACCOUNT), true), p);

    assertEquals(TENANT, a.tenantId());
    assertEquals(List.of("entraIdP1"), a.licences());
    assertEquals("", screen.toString());
  }

  private static Prompter noInput() {
    return new Prompter(
        new BufferedReader(new StringReader("")), new PrintWriter(new StringWriter()));
  }
}
