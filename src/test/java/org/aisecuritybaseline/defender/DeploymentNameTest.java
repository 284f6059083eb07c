package org.aisecuritybaseline.defender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A subscription deployment's name carries its location and stays within Azure's 64 characters. */
class DeploymentNameTest {
  @Test
  void theLocationIsInTheName() {
    assertEquals(
        "ai-security-baseline-defender-westeurope", DefenderRenderer.deploymentName("westeurope"));
    assertNotEquals(
        DefenderRenderer.deploymentName("westeurope"),
        DefenderRenderer.deploymentName("northeurope"));
  }

  @Test
  void theLongestLocationTheEstateAllowsStillFits() {
    String a = "a" + "b".repeat(38) + "c"; // 40 characters, ^[a-z][a-z0-9]{1,39}$
    String b = "a" + "b".repeat(38) + "d";
    for (String location : new String[] {a, b, "germanywestcentral"}) {
      String name = DefenderRenderer.deploymentName(location);
      assertTrue(name.length() <= 64 && name.matches("[A-Za-z0-9._-]{1,64}"), name);
    }
    assertNotEquals(DefenderRenderer.deploymentName(a), DefenderRenderer.deploymentName(b));
  }
}
