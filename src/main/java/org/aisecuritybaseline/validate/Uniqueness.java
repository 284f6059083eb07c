package org.aisecuritybaseline.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Finding;

/** Checks shared by the section checkers: values declared twice, and the nil GUID used as an ID. */
public final class Uniqueness {
  public static final String NIL_GUID = "00000000-0000-0000-0000-000000000000";

  private Uniqueness() {}

  /**
   * One E303 finding for every value that repeats an earlier one in a list; {@code field} is the
   * member of each list item that holds the value, pointed at in the finding.
   */
  public static List<Finding> duplicates(
      String listPointer, List<String> values, String field, String what) {
    List<Finding> findings = new ArrayList<>();
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        continue; // not given: nothing to compare
      }
      Integer previous = first.putIfAbsent(values.get(i), i);
      if (previous != null) {
        findings.add(
            Finding.error(
                Code.E303,
                listPointer + "/" + i + "/" + field,
                "duplicate "
                    + what
                    + " '"
                    + values.get(i)
                    + "' (also at "
                    + listPointer
                    + "/"
                    + previous
                    + ")"));
      }
    }
    return findings;
  }

  /** A value and the JSON Pointer of where the file writes it. */
  public record At(String pointer, String value) {}

  /**
   * One E303 finding for every value that repeats an earlier one, for values that may stand in
   * different lists and maps (such as the tenantObjectId of policies and named locations).
   */
  public static List<Finding> duplicates(List<At> values, String what) {
    List<Finding> findings = new ArrayList<>();
    Map<String, String> first = new HashMap<>();
    for (At at : values) {
      String previous = first.putIfAbsent(at.value(), at.pointer());
      if (previous != null) {
        findings.add(
            Finding.error(
                Code.E303,
                at.pointer(),
                "duplicate " + what + " '" + at.value() + "' (also at " + previous + ")"));
      }
    }
    return findings;
  }
}
