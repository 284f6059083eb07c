package org.aisecuritybaseline.render;

/** Escapes text for HTML element content and quoted attribute values. */
public final class Html {
  private Html() {}

  /**
   * The five metacharacters as entities; control characters (but tab, newline) as spaces, so that
   * no estate string can open an element, close an attribute or start a script.
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                  if (Character.isISOControl(cp) && cp != '\n' && cp != '\t') {
                    b.append(' ');
                  } else {
                    b.appendCodePoint(cp);
                  }
                }
              }
            });
    return b.toString();
  }
}
