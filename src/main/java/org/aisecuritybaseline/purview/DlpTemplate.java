package org.aisecuritybaseline.purview;

import java.util.List;
import java.util.Set;
import org.aisecuritybaseline.family.Recommendation;
import org.aisecuritybaseline.model.Capability;
import tools.jackson.databind.node.ObjectNode;

/** One baseline DLP policy as written in {@code templates/dlp/<id>-<slug>.json}. */
public record DlpTemplate(
    String id,
    String slug,
    String name,
    String summary,
    Set<Capability> requires,
    Recommendation recommendation,
    List<String> notes,
    ObjectNode policy) {

  public String fileStem() {
    return id + "-" + slug;
  }
}
