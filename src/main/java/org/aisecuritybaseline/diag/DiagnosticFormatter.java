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
  private static final int WIDTH = 160;

  private DiagnosticFormatter() {}

  public static String format(Diagnostic d) {
    StringBuilder out = new StringBuilder();
    String path = d.file() == null ? "<input>" : ConsoleText.oneLine(d.file().displayPath());
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
      String full = d.file().line(d.location().line());
      if (!full.isEmpty()) {
        int[] window = window(full, d.location().column());
        String line =
            (window[0] > 0 ? "..." : "")
                + full.substring(window[0], window[1])
                + (window[1] < full.length() ? "..." : "");
        int column =
            d.location().column() - full.codePointCount(0, window[0]) + (window[0] > 0 ? 3 : 0);
        String number = String.valueOf(d.location().line());
        String gutter = " ".repeat(Math.max(0, 5 - number.length())) + number + " | ";
        out.append(gutter).append(visible(line)).append('\n');
        out.append(" ".repeat(gutter.length() - 2)).append("| ");
        out.append(caretPadding(line, column)).append("^\n");
      }
    }
    return out.toString();
  }

  /**
   * The part of a long line worth quoting: at most {@code WIDTH} code points around the column, as
   * char offsets that never split a surrogate pair. A one-line 1 MiB file is not quoted whole.
   */
  private static int[] window(String line, int column) {
    int points = line.codePointCount(0, line.length());
    if (points <= WIDTH) {
      return new int[] {0, line.length()};
    }
    int firstPoint = Math.max(0, Math.min(column - 1 - WIDTH / 2, points - WIDTH));
    int start = line.offsetByCodePoints(0, firstPoint);
    return new int[] {start, line.offsetByCodePoints(start, WIDTH)};
  }

  /**
   * Tabs become single spaces so that the caret lines up; control and format characters (such as
   * bidirectional overrides, which could make the quoted line read differently) are shown as '?'.
   */
  private static String visible(String line) {
    StringBuilder b = new StringBuilder(line.length());
    line.codePoints()
        .forEach(
            cp -> {
              if (cp == '\t') {
                b.append(' ');
              } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
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
