package org.aisecuritybaseline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void everyMetacharacterBecomesAnEntity() {
    assertEquals(
        "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;",
        Html.escape("<script>alert(\"x\" & 'y')</script>"));
    assertEquals("a b", Html.escape("a\u0000b"));
    assertEquals("", Html.escape(null));
  }
}
