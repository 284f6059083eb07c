package org.aisecuritybaseline.render;

/**
 * Writes free text as a YAML double-quoted scalar, the one escaper for text that a generated YAML
 * file (the estate {@code init} writes) takes from the user: quotes and backslashes escaped, and
 * every character outside YAML's printable set written as an escape, so the value reads back as
 * given.
 */
public final class YamlText {
  private YamlText() {}

  public static String quoted(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else if (printable(c)) {
        b.append(c);
      } else {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
      }
    }
    return b.append('"').toString();
  }

  /**
   * YAML 1.2 c-printable, within the BMP and without surrogates; tabs and line breaks are escaped
   * too.
   */
  private static boolean printable(char c) {
    return (c >= 0x20 && c <= 0x7E)
        || c == 0x85
        || (c >= 0xA0 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
  }
}
