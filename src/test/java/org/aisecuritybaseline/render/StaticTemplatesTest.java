package org.aisecuritybaseline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: the static PowerShell scripts are copied without FreeMarker, and the copy is the text
 * FreeMarker renders, byte for byte.
 */
class StaticTemplatesTest {
  /** The model FreeMarker gets for a static script: the version only. */
  public record VersionOnly(String generatorVersion) {}

  @Test
  void theStaticScriptsAreWhatFreeMarkerRenders() {
    for (String name :
        List.of(
            "scripts/deploy-all.ps1.ftl",
            "scripts/deploy-conditional-access.ps1.ftl",
            "scripts/deploy-dlp.ps1.ftl")) {
      String viaFreeMarker = Templates.render(name, new VersionOnly("9.8.7-test"));
      String copied = Templates.renderStatic(name, "9.8.7-test");
      assertEquals(viaFreeMarker, copied, name);
      assertTrue(copied.contains("9.8.7-test") && !copied.contains("[#"), name);
    }
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
