package org.aisecuritybaseline.defender;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.family.Explanation;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.family.ReadmePart;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.validate.Sections;

/**
 * Threat protection: Defender for Cloud plans per Azure subscription and the AWS and GCP
 * connectors.
 */
public final class DefenderFamily implements Family<DefenderExpander.Result> {
  public static final Info INFO =
      new Info("threat", "Threat protection", DefenderRenderer.DIR, "Defender plans");

  @Override
  public Info info() {
    return INFO;
  }

  @Override
  public void preload() {
    DefenderPlans.get();
    RecommendedProfile.get();
  }

  @Override
  public List<String> templates() {
    List<String> all = new ArrayList<>(DefenderRenderer.TEMPLATES);
    all.add(DefenderReadme.TEMPLATE);
    return all;
  }

  @Override
  public List<Finding> check(Estate estate, Sections sections) {
    return sections.usable("threat") ? DefenderCheck.check(estate) : List.of();
  }

  @Override
  public DefenderExpander.Result expand(Estate estate) {
    return DefenderExpander.expand(estate);
  }

  @Override
  public List<Artifact> render(Estate estate, DefenderExpander.Result result) {
    return DefenderRenderer.render(estate, result.subscriptions());
  }

  @Override
  public ReadmePart readme(Estate estate, DefenderExpander.Result result) {
    return DefenderReadme.of(estate, result);
  }

  @Override
  public List<String> counts(Estate estate, DefenderExpander.Result result) {
    List<String> counts = new ArrayList<>();
    add(counts, result.subscriptions().size(), "Azure subscription", "Azure subscriptions");
    add(counts, estate.threat().awsAccounts().size(), "AWS account", "AWS accounts");
    add(counts, estate.threat().gcpProjects().size(), "GCP project", "GCP projects");
    if (counts.isEmpty()) {
      return List.of("no Defender for Cloud");
    }
    String last = counts.remove(counts.size() - 1);
    return List.of(
        "Defender on " + (counts.isEmpty() ? last : String.join(", ", counts) + " and " + last));
  }

  private static void add(List<String> into, int n, String one, String many) {
    if (n > 0) {
      into.add(n + " " + (n == 1 ? one : many));
    }
  }

  @Override
  public List<String> explainIds() {
    return DefenderPlans.get().names().stream()
        .filter(n -> !DefenderPlans.get().plan(n).orElseThrow().deprecated())
        .toList();
  }

  @Override
  public java.util.Optional<Explanation> explain(
      String id, String label, Estate estate, DefenderExpander.Result result) {
    return DefenderPlans.get()
        .plan(id)
        .filter(p -> !p.deprecated())
        .map(p -> DefenderExplain.of(p, label, estate, result));
  }
}
