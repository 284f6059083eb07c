package org.aisecuritybaseline.pipeline;

import java.util.List;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.family.ReadmePart;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.render.Artifact;

/**
 * One family with its expansion for an estate, so that the pipeline can render it without knowing
 * its type.
 */
public record Expanded<R extends Family.Result>(Family<R> family, R result) {
  static <R extends Family.Result> Expanded<R> of(Family<R> family, Estate estate) {
    return new Expanded<>(family, family.expand(estate));
  }

  public List<Artifact> render(Estate estate) {
    return family.render(estate, result);
  }

  public ReadmePart readme(Estate estate) {
    return family.readme(estate, result);
  }

  public List<String> counts(Estate estate) {
    return family.counts(estate, result);
  }

  public java.util.Optional<org.aisecuritybaseline.family.Explanation> explain(
      String id, String label, Estate estate) {
    return family.explain(id, label, estate, result);
  }
}
