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
}
