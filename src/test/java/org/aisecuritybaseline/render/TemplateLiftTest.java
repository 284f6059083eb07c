package org.aisecuritybaseline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import freemarker.core.Environment;
import freemarker.template.Configuration;
import freemarker.template.SimpleScalar;
import freemarker.template.SimpleSequence;
import freemarker.template.Template;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Templates#lift}: FreeMarker parses a template without its literal runs, and prints the
 * same text as from the whole template, here on the cases that matter (tags alone on their lines,
 * noparse bodies that look like directives, short and long runs, a last line without a line break).
 * The goldens and the output at the platform limits check the real templates.
 */
class TemplateLiftTest {
  /** The model of the samples. */
  public record Model(String name, List<String> items, boolean on) {}

  private static final Configuration CONFIG = Templates.configure();

  private static final String LONG =
      "# a long plain run, with ${bash} and $(commands) and [brackets] that are not FreeMarker's\n"
          .repeat(4);

  private static final List<String> SAMPLES =
      List.of(
          LONG + "name: [=name]\n" + LONG,
          "[#list items as i]\n" + LONG + "  - [=i]\n[/#list]\n" + LONG,
          "  [#if on]\n" + LONG + "  [/#if]\n" + "short\n" + "[#if !on]off[/#if]\n" + LONG,
          "head [=name]\n  [#noparse]\n[#if x]not a directive[/#if] [=y] ${z}\n"
              + LONG
              + "  [/#noparse]\ntail\n",
          "[#noparse]\n[=short]\n[/#noparse]\n[#noparse]\n[/#noparse]\nend [=name]\n",
          "head\n[#noparse]\n[=short]\n  [/#noparse]\n[#noparse]\n[/#noparse]\nend [=name]\n",
          "[=name]\n" + LONG + "no line break at the end",
          "a [#noparse][=x][/#noparse] b [=name]\n" + LONG + "[#noparse]\n[#if]\n[/#noparse]\n",
          "[=name]\n" + LONG.strip(),
          LONG);

  @Test
  void aLiftedTemplatePrintsWhatTheWholeTemplatePrints() throws Exception {
    Model model = new Model("n<1>", List.of("a", "b\\c"), true);
    Model off = new Model("", List.of(), false);
    for (String source : SAMPLES) {
      Templates.Lifted lifted = Templates.lift(source);
      for (Model m : List.of(model, off)) {
        assertEquals(
            render(source, List.of(), m), render(lifted.text(), lifted.literals(), m), source);
      }
    }
  }

  @Test
  void whatIsLiftedIsPlainTextAndNoparseBodies() {
    String noparse = SAMPLES.get(3).replace("  [#noparse]", "[#noparse]");
    Templates.Lifted lifted = Templates.lift(noparse);
    assertEquals(
        "head [=name]\n[=" + Templates.LITERALS + "[0]]\ntail\n", lifted.text(), "the tags go too");
    assertTrue(lifted.literals().get(0).startsWith("[#if x]not a directive"));
    // FreeMarker keeps an indented start tag's indentation, and a first line's line break.
    assertTrue(Templates.lift(SAMPLES.get(3)).text().contains("  [#noparse]"));
    assertTrue(Templates.lift(SAMPLES.get(4)).text().startsWith("[#noparse]\n[=short]"));
    Templates.Lifted shortRun = Templates.lift("[=name]\nshort\n[=name]\n");
    assertEquals(List.of(), shortRun.literals(), "a short run stays in the template");
    assertFalse(Templates.lift(SAMPLES.get(0)).text().contains("bash"));
  }

  private static String render(String source, List<String> literals, Model model) throws Exception {
    Template template = new Template("sample", new StringReader(source), CONFIG);
    StringWriter out = new StringWriter();
    Environment env = template.createProcessingEnvironment(model, out);
    SimpleSequence sequence = new SimpleSequence(CONFIG.getObjectWrapper());
    literals.forEach(l -> sequence.add(new SimpleScalar(l)));
    env.setVariable(Templates.LITERALS, sequence);
    env.process();
    return out.toString();
  }
}
