package org.aisecuritybaseline.checks;

import org.aisecuritybaseline.rules.Rule;

/**
 * The check as JUnit XML, for CI test reports: one test case per rule; a failing rule is a failure,
 * a suppressed or not evaluable rule is skipped (with why), a rule that passes only once
 * report-only policies are enforced passes with a note in its system-out.
 */
public final class CheckJunit {
  private CheckJunit() {}

  public static String render(CheckReport report) {
    long tests = report.results().size();
    long failures = report.count(Status.FAIL);
    long skipped = report.count(Status.SUPPRESSED) + report.count(Status.NOT_EVALUABLE);
    String suite = "baseline check: " + report.subject();
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuites name=\"baseline check\" tests=\"")
        .append(tests)
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"0\" skipped=\"")
        .append(skipped)
        .append("\">\n");
    b.append("  <testsuite name=\"")
        .append(xml(suite))
        .append("\" tests=\"")
        .append(tests)
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"0\" skipped=\"")
        .append(skipped)
        .append("\">\n");
    for (Result r : report.results()) {
      Rule rule = r.rule();
      b.append("    <testcase classname=\"baseline.check.")
          .append(xml(rule.id()))
          .append("\" name=\"")
          .append(xml(rule.id() + " " + rule.title() + " [" + rule.referenceList() + "]"))
          .append('"');
      switch (r.status()) {
        case PASS -> b.append("/>\n");
        case PASS_WHEN_ENFORCED ->
            b.append(">\n      <system-out>")
                .append(xml(r.message()))
                .append("</system-out>\n    </testcase>\n");
        case FAIL -> {
          StringBuilder text = new StringBuilder();
          for (Result.Finding f : r.findings()) {
            text.append(f.place().display()).append(": ").append(f.message()).append('\n');
          }
          b.append(">\n      <failure type=\"")
              .append(xml(rule.severity()))
              .append("\" message=\"")
              .append(xml(r.message()))
              .append("\">")
              .append(xml(text.toString()))
              .append("</failure>\n    </testcase>\n");
        }
        case SUPPRESSED ->
            b.append(">\n      <skipped message=\"")
                .append(
                    xml(
                        "suppressed by "
                            + (r.waiver() == null ? "an exception" : r.waiver().label())
                            + (r.waiver() == null ? "" : ": " + r.waiver().reason())))
                .append("\"/>\n    </testcase>\n");
        case NOT_EVALUABLE ->
            b.append(">\n      <skipped message=\"")
                .append(
                    xml(
                        (Checks.onConditionalAccess(rule)
                                ? "not evaluable from Conditional Access: "
                                : "not evaluable: ")
                            + r.message()))
                .append("\"/>\n    </testcase>\n");
      }
    }
    b.append("  </testsuite>\n</testsuites>\n");
    return b.toString();
  }

  /** Text and attribute values: markup escaped, characters XML 1.0 does not allow replaced. */
  static String xml(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                  boolean allowed =
                      cp == 0x9
                          || cp == 0xA
                          || cp == 0xD
                          || (cp >= 0x20 && cp <= 0xD7FF)
                          || (cp >= 0xE000 && cp <= 0xFFFD)
                          || (cp >= 0x10000 && cp <= 0x10FFFF);
                  if (allowed) {
                    b.appendCodePoint(cp);
                  } else {
                    b.append('\uFFFD');
                  }
                }
              }
            });
    return b.toString();
  }
}
