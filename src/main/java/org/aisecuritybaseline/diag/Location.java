package org.aisecuritybaseline.diag;

/** A 1-based line and column in a source file. */
public record Location(int line, int column) {
  public static final Location START = new Location(1, 1);
}
