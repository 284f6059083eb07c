package org.aisecuritybaseline.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmePartTest {
  @Test
  void everyPartThatIsNotEmptyEndsWithABlankLine() {
    new ReadmePart("## A\n\n", "", "text\n\n", List.of(), false);
    assertThrows(
        IllegalArgumentException.class,
        () -> new ReadmePart("## A\n", "", "", List.of(), false),
        "a part without its blank line would run into the next family's");
    assertThrows(
        IllegalArgumentException.class, () -> new ReadmePart("", "x", "", List.of(), false));
  }

  @Test
  void aRecommendationIsALinkWithItsTitleEscaped() {
    assertEquals("", ReadmePart.link(null));
    assertEquals(
        "[a \\| b](https://learn.microsoft.com/x)",
        ReadmePart.link(new Recommendation("a | b", "https://learn.microsoft.com/x")));
  }
}
