package org.aisecuritybaseline.diag;

import java.util.List;

/** The text of an input file as the user named it, kept to quote lines in diagnostics. */
public record SourceFile(String displayPath, String text) {

  public List<String> lines() {
    return text.lines().toList();
  }

  /** The 1-based line, or an empty string past the end. */
  public String line(int number) {
    List<String> lines = lines();
    return number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
  }
}
