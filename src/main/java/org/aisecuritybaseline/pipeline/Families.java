package org.aisecuritybaseline.pipeline;

import java.util.List;
import org.aisecuritybaseline.defender.DefenderFamily;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.entra.EntraFamily;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.purview.PurviewFamily;
import org.aisecuritybaseline.secops.SecopsFamily;

/**
 * The registered families, in Microsoft's order of deployment: identity, data, threat protection,
 * security operations.
 */
public final class Families {
  private Families() {}

  public static List<Family<?>> of(Catalogue catalogue) {
    return List.of(
        new EntraFamily(catalogue), new PurviewFamily(), new DefenderFamily(), new SecopsFamily());
  }
}
