package org.aisecuritybaseline.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ConsoleTextTest {
  @Test
  void printableTextIsShownAsItIs() {
    String ascii = "Require MFA for admins (CA001) ~ !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}";
    assertSame(ascii, ConsoleText.oneLine(ascii));
    assertEquals("", ConsoleText.oneLine(""));
    assertEquals("", ConsoleText.oneLine(null));
    assertEquals(
        "Zürich – Büro 東京 \uD83D\uDD12", ConsoleText.oneLine("Zürich – Büro 東京 \uD83D\uDD12"));
  }

  @Test
  void controlAndFormatCharactersAreEscapedWhereverTheyAre() {
    assertEquals("a\\nb\\rc\\td", ConsoleText.oneLine("a\nb\rc\td"));
    assertEquals("\\n", ConsoleText.oneLine("\n"));
    assertEquals("end\\u001b[31m", ConsoleText.oneLine("end\u001b[31m"));
    assertEquals("\\u007f and \\u0085", ConsoleText.oneLine("\u007f and \u0085"));
    // Format characters reorder or hide text on a terminal: right-to-left override, zero width.
    assertEquals("file\\u202etxt.exe", ConsoleText.oneLine("file\u202etxt.exe"));
    assertEquals("é\\u200b\\n", ConsoleText.oneLine("é\u200b\n"));
    // A printable prefix is kept as it is before the first escape.
    assertEquals("policy 'x\\ny' \uD83D\uDD12", ConsoleText.oneLine("policy 'x\ny' \uD83D\uDD12"));
  }
}
