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
    text.codePoints().forEach(cp -> {
      switch (cp) {
        case '\r', '\n', '\t' -> b.append(' ');
        case '\\', '`', '*', '_', '[', ']', '|' -> b.append('\\').appendCodePoint(cp);
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        default -> {
          if (Character.isISOControl(cp)) {
            b.append(' ');
          } else {
            b.appendCodePoint(cp);
          }
        }
      }
    });
    return b.toString().strip();
  }
}
