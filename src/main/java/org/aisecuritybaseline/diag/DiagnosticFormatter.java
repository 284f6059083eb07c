package org.aisecuritybaseline.diag;

/**
 * Prints a diagnostic the way compilers do:
 *
 * <pre>
 * estate.yaml:12:7: error[E201]: /tenant/id: must be a GUID
 *    12 |   id: not-a-guid
 *       |       ^
 * </pre>
 */
public final class DiagnosticFormatter {
  private DiagnosticFormatter() {}

  public static String format(Diagnostic d) {
    StringBuilder out = new StringBuilder();
    String path = d.file() == null ? "<input>" : d.file().displayPath();
    out.append(path)
        .append(':')
        .append(d.location().line())
        .append(':')
        .append(d.location().column())
        .append(": ")
        .append(d.severity().label())
        .append('[')
        .append(d.code())
        .append("]: ");
    if (!d.pointer().isEmpty()) {
      out.append(ConsoleText.oneLine(d.pointer())).append(": ");
    }
    out.append(ConsoleText.oneLine(d.message())).append('\n');
    if (d.file() != null) {
      String line = d.file().line(d.location().line());
      if (!line.isEmpty()) {
        String number = String.valueOf(d.location().line());
        String gutter = " ".repeat(Math.max(0, 5 - number.length())) + number + " | ";
        out.append(gutter).append(visible(line)).append('\n');
        out.append(" ".repeat(gutter.length() - 2)).append("| ");
        out.append(caretPadding(line, d.location().column())).append("^\n");
      }
    }
    return out.toString();
  }

  /** Tabs become single spaces so that the caret lines up; control characters are shown as '?'. */
  private static String visible(String line) {
    StringBuilder b = new StringBuilder(line.length());
    line.codePoints()
        .forEach(
            cp -> {
              if (cp == '\t') {
                b.append(' ');
              } else if (Character.isISOControl(cp)) {
                b.append('?');
              } else {
                b.appendCodePoint(cp);
              }
            });
    return b.toString();
  }

  private static String caretPadding(String line, int column) {
    int width = Math.min(Math.max(column - 1, 0), line.codePointCount(0, line.length()));
    return " ".repeat(width);
  }
}
