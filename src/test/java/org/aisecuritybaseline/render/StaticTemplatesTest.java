package org.aisecuritybaseline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: the static PowerShell scripts are copied without FreeMarker, and the copy is the text
 * FreeMarker renders, byte for byte: FreeMarker alone (its own includes, nothing lifted) and the
 * tool's rendering (includes expanded, literals lifted: TemplateLiftTest).
 */
class StaticTemplatesTest {
  /** The model FreeMarker gets for a static script: the version only. */
  public record VersionOnly(String generatorVersion) {}

  @Test
  void theStaticScriptsAreWhatFreeMarkerRenders() throws Exception {
    for (String name :
        List.of(
            "scripts/deploy-all.ps1.ftl",
            "scripts/deploy-conditional-access.ps1.ftl",
            "scripts/deploy-dlp.ps1.ftl")) {
      String copied = Templates.renderStatic(name, "9.8.7-test");
      assertEquals(freeMarker(name, new VersionOnly("9.8.7-test")), copied, name);
      assertEquals(Templates.render(name, new VersionOnly("9.8.7-test")), copied, name);
      assertTrue(copied.contains("9.8.7-test") && !copied.contains("[#"), name);
    }
  }

  /**
   * FreeMarker alone, as configured for the tool: the template as written, its includes read by
   * FreeMarker, nothing lifted.
   */
  static String freeMarker(String name, Object model) throws Exception {
    StringWriter out = new StringWriter();
    Templates.configure().getTemplate(name).process(model, out);
    return out.toString();
  }

  @Test
  void aTemplateWithOtherDirectivesIsRefused() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Templates.renderStatic("scripts/defender/enable-defender.sh.ftl", "1"));
    assertTrue(e.getMessage().contains("is not static"), e.getMessage());
  }
}
