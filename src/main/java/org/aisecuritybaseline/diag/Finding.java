package org.aisecuritybaseline.diag;

/**
 * A problem found by a pure stage that knows the JSON pointer but not the source position; the
 * validator turns it into a {@link Diagnostic} with the file, line and column of that pointer.
 */
public record Finding(Severity severity, Code code, String pointer, boolean atKey, String message) {
  public static Finding error(Code code, String pointer, String message) {
    return new Finding(Severity.ERROR, code, pointer, false, message);
  }

  public static Finding errorAtKey(Code code, String pointer, String message) {
    return new Finding(Severity.ERROR, code, pointer, true, message);
  }

  public static Finding warning(Code code, String pointer, String message) {
    return new Finding(Severity.WARNING, code, pointer, false, message);
  }
}
