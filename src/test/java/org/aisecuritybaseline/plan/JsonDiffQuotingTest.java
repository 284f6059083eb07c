package org.aisecuritybaseline.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.aisecuritybaseline.json.Json;
import org.junit.jupiter.api.Test;

/** The selector's quick quoting writes what the JSON writer writes, for any string. */
class JsonDiffQuotingTest {
  @Test
  void plainIsTheSelectorsCharacterClass() {
    java.util.regex.Pattern plain = java.util.regex.Pattern.compile("[A-Za-z0-9 _.:@/()+#-]+");
    for (char c = 0; c < 0x300; c++) {
      for (String s : new String[] {"" + c, "ab" + c, c + "/x.json"}) {
        assertEquals(plain.matcher(s).matches(), JsonDiff.plain(s), "char " + (int) c);
      }
    }
    assertEquals(false, JsonDiff.plain(""));
  }

  @Test
  void quotingIsTheJsonWritersForEveryCharacterClass() {
    for (char c = 0; c < 0x100; c++) {
      String s = "a" + c + "b/c.json";
      assertEquals(Json.compact(Json.NODES.stringNode(s)), JsonDiff.quoted(s), "char " + (int) c);
    }
    Random random = new Random(16);
    for (int round = 0; round < 2000; round++) {
      StringBuilder b = new StringBuilder();
      for (int i = random.nextInt(10); i > 0; i--) {
        b.appendCodePoint(
            random.nextBoolean() ? random.nextInt(0x80) : 0x80 + random.nextInt(0x10FF00));
      }
      String s = b.toString();
      assertEquals(Json.compact(Json.NODES.stringNode(s)), JsonDiff.quoted(s), s);
    }
  }
}
