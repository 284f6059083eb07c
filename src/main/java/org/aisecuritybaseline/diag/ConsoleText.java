package org.aisecuritybaseline.diag;

/** Text from the estate on one console line: control characters are shown escaped, never obeyed. */
public final class ConsoleText {
  private ConsoleText() {}

  public static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                  if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                    b.append(String.format(java.util.Locale.ROOT, "\\u%04x", cp));
                  } else {
                    b.appendCodePoint(cp);
                  }
                }
              }
            });
    return b.toString();
  }
}
