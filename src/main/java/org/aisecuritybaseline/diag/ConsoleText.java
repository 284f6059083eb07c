package org.aisecuritybaseline.diag;

import java.util.Locale;

/** Text from the estate on one console line: control characters are shown escaped, never obeyed. */
public final class ConsoleText {
  private ConsoleText() {}

  public static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    // Printable ASCII needs no escape: most text, and a plan at the platform limits prints
    // thousands of lines.
    int i = 0;
    while (i < text.length() && text.charAt(i) >= 0x20 && text.charAt(i) < 0x7f) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, i);
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
            b.append(String.format(Locale.ROOT, "\\u%04x", cp));
          } else {
            b.appendCodePoint(cp);
          }
        }
      }
    }
    return b.toString();
  }
}
