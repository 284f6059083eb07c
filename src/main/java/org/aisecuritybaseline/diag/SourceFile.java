package org.aisecuritybaseline.diag;

import java.util.Arrays;

/**
 * The text of an input file as the user named it, kept to quote lines in diagnostics. Line starts
 * are indexed on first use, so quoting a line costs the same however many diagnostics a file has.
 */
public final class SourceFile {
  private final String displayPath;
  private final String text;
  private int[] lineStarts;

  public SourceFile(String displayPath, String text) {
    this.displayPath = displayPath;
    this.text = text;
  }

  public String displayPath() {
    return displayPath;
  }

  public String text() {
    return text;
  }

  /** The 1-based line without its line break, or an empty string past the end. */
  public String line(int number) {
    int[] starts = lineStarts();
    if (number < 1 || number > starts.length) {
      return "";
    }
    int start = starts[number - 1];
    int end = number < starts.length ? starts[number] : text.length();
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(start, end);
  }

  /**
   * The 1-based line that holds the character at {@code offset} (an index into the text), lines
   * broken as {@link #line} breaks them; past the end, the last line.
   */
  public int lineAt(int offset) {
    int[] starts = lineStarts();
    int found = Arrays.binarySearch(starts, offset);
    return Math.max(1, found >= 0 ? found + 1 : -found - 1);
  }

  /** Where the 1-based line {@code number} starts in the text (an index into it). */
  public int lineStart(int number) {
    int[] starts = lineStarts();
    return number < 1 || starts.length == 0 ? 0 : starts[Math.min(number, starts.length) - 1];
  }

  private int[] lineStarts() {
    if (lineStarts == null) {
      lineStarts = index(text);
    }
    return lineStarts;
  }

  /**
   * Line breaks as String.lines() sees them: \n, \r\n and a lone \r; no line after a final break.
   */
  private static int[] index(String text) {
    int[] starts = new int[16];
    int count = 0;
    int i = 0;
    while (i < text.length()) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
      }
      starts[count++] = i;
      while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
        i++;
      }
      if (i < text.length()) {
        i += text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
      }
    }
    return Arrays.copyOf(starts, count);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceFile s && s.displayPath.equals(displayPath) && s.text.equals(text);
  }

  @Override
  public int hashCode() {
    return displayPath.hashCode() * 31 + text.hashCode();
  }

  @Override
  public String toString() {
    return "SourceFile[" + displayPath + "]";
  }
}
