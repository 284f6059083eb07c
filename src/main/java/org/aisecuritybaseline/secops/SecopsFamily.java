package org.aisecuritybaseline.secops;

import java.util.List;
import java.util.Optional;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.family.Explanation;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.family.ReadmePart;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.validate.Sections;

/**
 * Security operations: Microsoft Sentinel on a Log Analytics workspace and its data connectors
 * (Defender XDR, Entra ID, Defender for Cloud, Microsoft 365). Deployed after Defender for Cloud.
 * Without a secops section it generates and says nothing.
 */
public final class SecopsFamily implements Family<SecopsExpansion> {
  public static final Info INFO =
      new Info(
          "operations",
          "Security operations (Sentinel, Defender XDR)",
          SentinelRenderer.DIR,
          "Sentinel data connectors");

  @Override
  public Info info() {
    return INFO;
  }

  @Override
  public List<Finding> check(Estate estate, Sections sections) {
    return sections.usable("secops")
        ? SecopsCheck.check(estate, sections.usable("threat"))
        : List.of();
  }

  @Override
  public SecopsExpansion expand(Estate estate) {
    return SecopsExpansion.expand(estate);
  }

  @Override
  public List<Artifact> render(Estate estate, SecopsExpansion result) {
    return SentinelRenderer.render(estate, result);
  }

  @Override
  public ReadmePart readme(Estate estate, SecopsExpansion result) {
    return SecopsReadme.of(estate, result);
  }

  @Override
  public List<String> counts(Estate estate, SecopsExpansion result) {
    if (!result.present()) {
      return List.of();
    }
    int n = result.connectors().size();
    return List.of("Sentinel with " + n + " data connector" + (n == 1 ? "" : "s"));
  }

  @Override
  public List<String> explainIds() {
    return SentinelCatalogue.get().connectors().stream()
        .map(SentinelCatalogue.Connector::key)
        .toList();
  }

  @Override
  public Optional<Explanation> explain(
      String id, String label, Estate estate, SecopsExpansion result) {
    return SentinelCatalogue.get().connector(id).map(c -> SecopsExplain.of(c, label, result));
  }
}
