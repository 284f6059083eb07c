package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisecuritybaseline.diag.Code;
import org.junit.jupiter.api.Test;

/** The README's diagnostics table is the Code enum, row for row. */
class DiagnosticCodesTest {
  @Test
  void theReadmeTableListsEveryCodeWithItsDescription() {
    String readme = TestSupport.read(TestSupport.root().resolve("README.md"));
    Map<String, String> table = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^\\| ([EW]\\d{3,4}) \\| (.*) \\|$").matcher(readme);
    while (m.find()) {
      table.put(m.group(1), m.group(2));
    }
    Map<String, String> codes = new LinkedHashMap<>();
    for (Code c : Code.values()) {
      codes.put(c.name(), c.description());
    }
    assertEquals(codes, table, "regenerate the README table from diag/Code.java");
  }
}
