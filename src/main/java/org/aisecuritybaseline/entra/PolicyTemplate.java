package org.aisecuritybaseline.entra;

import java.util.List;
import java.util.Set;
import org.aisecuritybaseline.family.Recommendation;
import org.aisecuritybaseline.model.Capability;
import org.aisecuritybaseline.model.Tier;
import tools.jackson.databind.node.ObjectNode;

/**
 * One baseline policy as written in {@code templates/conditional-access/<id>-<slug>.json}.
 *
 * @param profiles the conformance profiles that bring this policy in (empty: a policy of
 *     Microsoft's baseline, generated without a profile)
 * @param graphApi the Microsoft Graph version its body is validated against and deployed through
 *     ({@link GraphApi#V1} or {@link GraphApi#BETA}): the one field that moves a policy to v1.0
 *     when its members reach v1.0
 */
public record PolicyTemplate(
    String id,
    String slug,
    String name,
    String summary,
    Set<Tier> tiers,
    Set<Capability> requires,
    Recommendation recommendation,
    List<String> notes,
    Set<String> profiles,
    String graphApi,
    ObjectNode policy) {

  public String fileStem() {
    return id + "-" + slug;
  }
}
