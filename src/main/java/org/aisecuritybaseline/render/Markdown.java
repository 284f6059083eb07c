package org.aisecuritybaseline.render;

/** Escapes text from the estate for Markdown, so that a name cannot break a table or add markup. */
public final class Markdown {
  private Markdown() {}

  /** For a table cell or inline text: one line, Markdown and HTML metacharacters escaped. */
  public static String inline(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length() + 8);
    text.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '\r', '\n', '\t' -> b.append(' ');
                case '\\', '`', '*', '_', '[', ']', '|' -> b.append('\\').appendCodePoint(cp);
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                default -> {
                  if (Character.isISOControl(cp)) {
                    b.append(' ');
                  } else if (isFormat(cp)) {
                    b.append(visible(cp));
                  } else {
                    b.appendCodePoint(cp);
                  }
                }
              }
            });
    return b.toString().strip();
  }

  /**
   * For a name inside an HTML {@code <code>} element (a file name from a directory or a git ref):
   * one line, HTML metacharacters as entities, so that it cannot close the element, a {@code
   * <details>} block or start a heading; control and format characters shown as escapes.
   */
  public static String code(String text) {
    StringBuilder b = new StringBuilder(text.length() + 8);
    text.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '`' -> b.append("&#96;");
                case '\\' -> b.append("&#92;");
                default -> {
                  if (Character.isISOControl(cp) || isFormat(cp)) {
                    b.append(visible(cp));
                  } else {
                    b.appendCodePoint(cp);
                  }
                }
              }
            });
    return b.toString();
  }

  /**
   * For the body of a fenced code block (the fence itself is chosen longer than any backtick run):
   * control characters other than line breaks and tabs, and format characters such as bidirectional
   * overrides (which can make code read differently from what it is), are shown as escapes.
   */
  public static String codeBlock(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              if (cp != '\n' && cp != '\t' && (Character.isISOControl(cp) || isFormat(cp))) {
                b.append(visible(cp));
              } else {
                b.appendCodePoint(cp);
              }
            });
    return b.toString();
  }

  /**
   * Unicode format characters (category Cf): bidirectional controls, zero-width characters, soft
   * hyphens.
   */
  private static boolean isFormat(int cp) {
    return Character.getType(cp) == Character.FORMAT;
  }

  private static String visible(int cp) {
    return String.format(java.util.Locale.ROOT, "\\u%04x", cp);
  }
}
