package org.aisecuritybaseline.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects diagnostics from every stage so that one run reports all problems. */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void add(Diagnostic diagnostic) {
    items.add(diagnostic);
  }

  public void addAll(Diagnostics other) {
    items.addAll(other.items);
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  /** Diagnostics in file, line, column order; stable for equal positions. */
  public List<Diagnostic> sorted() {
    return items.stream()
        .sorted(
            Comparator.comparing((Diagnostic d) -> d.file() == null ? "" : d.file().displayPath())
                .thenComparingInt(d -> d.location().line())
                .thenComparingInt(d -> d.location().column()))
        .toList();
  }

  public List<Diagnostic> all() {
    return List.copyOf(items);
  }
}
