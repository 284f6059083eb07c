package org.aisecuritybaseline.purview;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.family.Explanation;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.family.ReadmePart;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.validate.Sections;

/** Data protection: Microsoft Purview DLP policies and rules. */
public final class PurviewFamily implements Family<DlpExpansion> {
  public static final Info INFO = new Info("data", "Data protection", DlpRenderer.DIR, "DLP");

  @Override
  public Info info() {
    return INFO;
  }

  @Override
  public void preload() {
    DlpCatalogue.builtIn();
    SensitiveInfoTypes.get();
  }

  @Override
  public List<String> templates() {
    return List.of(DlpRenderer.SCRIPT_TEMPLATE, PurviewReadme.TEMPLATE);
  }

  @Override
  public List<Finding> check(Estate estate, Sections sections) {
    return DlpCheck.checkEstate(estate, DlpCatalogue.builtIn(), sections);
  }

  @Override
  public DlpExpansion expand(Estate estate) {
    DlpExpansion dlp = DlpExpander.expand(estate, DlpCatalogue.builtIn());
    List<Finding> findings = new ArrayList<>(dlp.findings());
    findings.addAll(DlpCheck.checkPlan(estate, dlp));
    return new DlpExpansion(
        dlp.policies(), dlp.leftOut(), dlp.limitations(), List.copyOf(findings));
  }

  @Override
  public List<Artifact> render(Estate estate, DlpExpansion result) {
    return DlpRenderer.render(estate, result.policies());
  }

  @Override
  public ReadmePart readme(Estate estate, DlpExpansion result) {
    return PurviewReadme.of(estate, result);
  }

  @Override
  public List<String> counts(Estate estate, DlpExpansion result) {
    int n = result.policies().size();
    return List.of(n + (n == 1 ? " DLP policy" : " DLP policies"));
  }

  @Override
  public List<String> explainIds() {
    return DlpCatalogue.builtIn().all().stream().map(DlpTemplate::id).toList();
  }

  @Override
  public java.util.Optional<Explanation> explain(
      String id, String label, Estate estate, DlpExpansion result) {
    return DlpCatalogue.builtIn().get(id).map(t -> PurviewExplain.of(t, label, estate, result));
  }
}
