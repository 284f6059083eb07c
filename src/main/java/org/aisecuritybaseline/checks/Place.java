package org.aisecuritybaseline.checks;

/**
 * Where a result is located: a file (the estate as given on the command line, or a tenant
 * snapshot's file), a 1-based line and column, and the JSON pointer there ("" for the whole file).
 */
public record Place(String file, int line, int column, String pointer) {
  public Place {
    line = Math.max(1, line);
    column = Math.max(1, column);
    pointer = pointer == null ? "" : pointer;
  }

  /** "estate.yaml:12:5" */
  public String display() {
    return file + ":" + line + ":" + column;
  }
}
