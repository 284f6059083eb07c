package org.aisecuritybaseline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Templates see a record through RecordWrapper as they saw it through FreeMarker's bean wrapper.
 */
class RecordWrapperTest {
  enum Kind {
    FIRST,
    SECOND_ONE
  }

  public record Item(String name, boolean on, Kind kind, Integer count, List<String> tags) {
    public String getURL() {
      return "https://example.invalid/" + name;
    }

    public boolean isNamed() {
      return !name.isEmpty();
    }
  }

  public record Page(String title, List<Item> items, Item missing) {}

  private static String render(freemarker.template.ObjectWrapper wrapper, Object model)
      throws Exception {
    Configuration c = new Configuration(Configuration.VERSION_2_3_34);
    c.setTagSyntax(Configuration.SQUARE_BRACKET_TAG_SYNTAX);
    c.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
    c.setBooleanFormat("c");
    c.setNumberFormat("computer");
    c.setObjectWrapper(wrapper);
    String text =
        "[=title]: [#list items as i][=i.name] [=i.on] [=i.kind] [#if i.kind == \"FIRST\"]1[/#if]"
            + " [=i.count!\"none\"] [=i.tags?join(\"+\")] [=i.URL] [=i.named]"
            + " [=i.tags?size][#sep]; [/#list] [#if missing??]m[#else]no[/#if]"
            + " [=items?map(i -> i.name)?join(\",\")] [=(items[0].on)?then(\"yes\", \"no\")]";
    StringWriter out = new StringWriter();
    new Template("t", new StringReader(text), c).process(model, out);
    return out.toString();
  }

  @Test
  void recordsAndEnumsRenderAsTheBeanWrapperRendersThem() throws Exception {
    Page page =
        new Page(
            "Page",
            List.of(
                new Item("a", true, Kind.FIRST, 3, List.of("x", "y")),
                new Item("b", false, Kind.SECOND_ONE, null, List.of())),
            null);
    String ours = render(new RecordWrapper(Configuration.VERSION_2_3_34), page);
    String beans =
        render(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build(), page);
    assertEquals(beans, ours);
    assertEquals(
        "Page: a true FIRST 1 3 x+y https://example.invalid/a true 2; b false SECOND_ONE  none "
            + " https://example.invalid/b true 0 no a,b yes",
        ours);
  }
}
