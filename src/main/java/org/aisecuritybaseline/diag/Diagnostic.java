package org.aisecuritybaseline.diag;

import java.util.Objects;

/**
 * One problem found in the input: where it is (file, line, column, JSON pointer), a stable code and
 * a message that says what is wrong and how to fix it.
 */
public record Diagnostic(
    Severity severity,
    Code code,
    String message,
    SourceFile file,
    Location location,
    String pointer) {

  public Diagnostic {
    Objects.requireNonNull(severity);
    Objects.requireNonNull(code);
    Objects.requireNonNull(message);
    Objects.requireNonNull(location);
    pointer = pointer == null ? "" : pointer;
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
