package org.aisecuritybaseline.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.family.ReadmePart;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.render.Markdown;
import org.aisecuritybaseline.render.Templates;

/**
 * The output's README: what was generated, what was left out and why, and how to deploy it. The
 * first deployment runbook is the output's; every family writes its own part (Family#readme).
 */
public final class ReadmeRenderer {
  static final String TEMPLATE = "docs/README.md.ftl";

  private ReadmeRenderer() {}

  /** The template's data model; every string from the estate is already escaped for Markdown. */
  public record Model(
      String generator,
      String tenantDomain,
      String tenantId,
      String tier,
      String estateName,
      String estateDescription,
      boolean firstDeploymentRefused,
      String deploy,
      String sections,
      String closing,
      List<ReadmePart.Note> notes) {}

  public static Artifact render(EstateValidator.Validated v) {
    Estate estate = v.estate();
    StringBuilder deploy = new StringBuilder();
    StringBuilder sections = new StringBuilder();
    StringBuilder closing = new StringBuilder();
    List<ReadmePart.Note> notes = new ArrayList<>();
    boolean enforces = false;
    for (Expanded<?> family : v.families()) {
      ReadmePart part = family.readme(estate);
      deploy.append(part.deploy());
      sections.append(part.sections());
      closing.append(part.closing());
      notes.addAll(part.notes());
      enforces |= part.enforces();
    }
    Model model =
        new Model(
            Version.NAME + " " + Version.VALUE,
            estate.tenant().primaryDomain() != null
                ? estate.tenant().primaryDomain()
                : "tenant " + estate.tenant().id(),
            estate.tenant().id(),
            estate.baseline().tier().key(),
            Markdown.inline(estate.metadata().name()),
            Markdown.inline(estate.metadata().description()),
            enforces,
            deploy.toString(),
            sections.toString(),
            closing.toString(),
            notes);
    return Artifact.text("README.md", Templates.render(TEMPLATE, model));
  }
}
