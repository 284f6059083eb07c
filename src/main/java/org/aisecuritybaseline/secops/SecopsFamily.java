package org.aisecuritybaseline.secops;

import java.util.List;
import java.util.Optional;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.family.Explanation;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.family.ReadmePart;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.Secops;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.validate.Sections;

/**
 * Security operations: Microsoft Sentinel on a Log Analytics workspace and its data connectors
 * (Defender XDR, Entra ID, Defender for Cloud, Microsoft 365), and the Defender for Office 365
 * preset security policies. Deployed after Defender for Cloud. Without a secops section it
 * generates and says nothing.
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
  public void preload() {
    SentinelCatalogue.get();
  }

  @Override
  public List<String> templates() {
    return List.of(
        Office365PresetsRenderer.SCRIPT_TEMPLATE,
        SentinelRenderer.SCRIPT_SH,
        SentinelRenderer.SCRIPT_PS1,
        SecopsReadme.TEMPLATE);
  }

  @Override
  public List<Finding> check(Estate estate, Sections sections) {
    if (!sections.usable("secops")) {
      return List.of();
    }
    List<Finding> findings =
        new java.util.ArrayList<>(SecopsCheck.check(estate, sections.usable("threat")));
    Secops.Office365Presets presets = estate.secops().office365Presets();
    if (presets != null) {
      findings.addAll(Office365PresetsCheck.check(presets, "/secops/office365Presets"));
    }
    return List.copyOf(findings);
  }

  @Override
  public SecopsExpansion expand(Estate estate) {
    return SecopsExpansion.expand(estate);
  }

  @Override
  public List<Artifact> render(Estate estate, SecopsExpansion result) {
    List<Artifact> out = new java.util.ArrayList<>(SentinelRenderer.render(estate, result));
    Secops.Office365Presets presets = estate.secops().office365Presets();
    if (presets != null) {
      out.addAll(Office365PresetsRenderer.render(estate.tenant().id(), presets));
    }
    return out;
  }

  @Override
  public ReadmePart readme(Estate estate, SecopsExpansion result) {
    return SecopsReadme.of(estate, result);
  }

  @Override
  public List<String> counts(Estate estate, SecopsExpansion result) {
    List<String> counts = new java.util.ArrayList<>();
    if (result.present()) {
      int n = result.connectors().size();
      counts.add("Sentinel with " + n + " data connector" + (n == 1 ? "" : "s"));
    }
    Secops.Office365Presets presets = estate.secops().office365Presets();
    if (presets != null) {
      List<String> names = new java.util.ArrayList<>();
      for (Office365Presets.Preset p : Office365Presets.Preset.values()) {
        Office365Presets.assignment(presets, p)
            .ifPresent(a -> names.add(p.recommendedPolicyType()));
      }
      counts.add("Defender for Office 365 presets (" + String.join(", ", names) + ")");
    }
    return counts;
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
