package org.aisecuritybaseline.validate;

import java.util.Set;

/**
 * Which top-level sections of an estate the semantic checks may read. When the schema or the loader
 * found errors, the sections that hold them (and a required section that is missing) are left out
 * of the tree the checks see, and every check that reads one of them is skipped, so that the rest
 * of the file is still checked in the same run and nothing is guessed about a section that is not
 * valid.
 */
public record Sections(Set<String> failed) {
  /** Every section is valid: all checks run. */
  public static final Sections ALL = new Sections(Set.of());

  public Sections {
    failed = Set.copyOf(failed);
  }

  /** True when none of {@code sections} failed, so a check that reads only them can run. */
  public boolean usable(String... sections) {
    for (String s : sections) {
      if (failed.contains(s)) {
        return false;
      }
    }
    return true;
  }
}
