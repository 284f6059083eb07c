package org.aisecuritybaseline.family;

import java.util.List;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.validate.Sections;

/**
 * What the pipeline knows of one output family (Conditional Access, DLP, Defender for Cloud): it
 * checks the estate, expands its baseline and renders its files. Everything else stays inside the
 * family's package. The pipeline runs the registered families in order (pipeline/Families).
 *
 * @param <R> the family's expansion, read by its own renderer and by the views that know the family
 */
public interface Family<R extends Family.Result> {
  /**
   * A family's key in machine-readable output (the plan's "identity", "data", "threat"), its name
   * for people, the output folder that only it writes (with its trailing slash), and what `explain`
   * calls the objects it knows (such as "Conditional Access").
   */
  record Info(String key, String label, String folder, String objects) {
    public Info {
      if (!folder.isEmpty() && !folder.endsWith("/")) {
        throw new IllegalArgumentException("a family folder ends with a slash: " + folder);
      }
    }
  }

  /** What every expansion reports back to the pipeline. */
  interface Result {
    List<Finding> findings();

    /** Baseline objects of the tier that are not generated, and why. */
    List<LeftOut> leftOut();

    /** Objects generated otherwise than the defaults would have them, and why. */
    List<LeftOut> limitations();
  }

  Info info();

  /**
   * Loads what the family needs whatever the estate: its catalogues and data files. A second thread
   * calls it while the command line is still being read (pipeline/Preload), so that the command
   * finds them loaded; it writes nothing and changes nothing that is generated.
   */
  void preload();

  /**
   * The templates (relative to {@code templates/}) that {@link #render} and {@link #readme} use,
   * parsed in the background before they are needed (render/Templates.preload).
   */
  List<String> templates();

  /** Checks of the estate's references and combinations, on the sections that passed the schema. */
  List<Finding> check(Estate estate, Sections sections);

  /** The family's baseline for this estate, with the problems only expansion can find. */
  R expand(Estate estate);

  /** Its files, all under {@code info().folder()}. */
  List<Artifact> render(Estate estate, R result);

  /** Its part of the output README (deployment steps, sections, notes). */
  ReadmePart readme(Estate estate, R result);

  /**
   * Its counts for the summary line, such as "12 Conditional Access policies"; empty to say
   * nothing.
   */
  List<String> counts(Estate estate, R result);

  /**
   * The IDs `baseline explain` knows in this family (baseline policies, plans), as the catalogue
   * spells them.
   */
  List<String> explainIds();

  /**
   * What `baseline explain ID` prints, when the ID is this family's; with an estate (its label, the
   * estate and this family's expansion of it) also what the object does there, else {@code estate}
   * and {@code result} are null.
   */
  java.util.Optional<Explanation> explain(String id, String label, Estate estate, R result);
}
