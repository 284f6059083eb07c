package org.aisecuritybaseline.purview;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.family.Explanation;
import org.aisecuritybaseline.family.LeftOut;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import tools.jackson.databind.JsonNode;

/** `baseline explain DLP0nn`: a baseline DLP policy, and what it does in an estate. */
final class PurviewExplain {
  private PurviewExplain() {}

  static Explanation of(DlpTemplate t, String label, Estate estate, DlpExpansion dlp) {
    JsonNode policy = t.policy();
    List<String> locations =
        Json.strings(policy.get("locations")).stream()
            .map(DlpLocation::fromKey)
            .map(DlpLocation::label)
            .toList();
    Explanation x =
        new Explanation()
            .head(
                t.id(),
                t.name(),
                "Microsoft Purview DLP policy (data protection); locations: "
                    + String.join(", ", locations));
    x.line("What it does: " + t.summary());
    x.line("Microsoft recommendation: " + t.recommendation().title());
    x.line("  " + t.recommendation().url());
    List<String> needs = new ArrayList<>();
    Json.strings(policy.get("locations")).stream()
        .map(DlpLocation::fromKey)
        .forEach(l -> needs.add(l.label() + ": " + Explanation.needs(l.requires())));
    x.line("Needs (per location; a location the tenant lacks is left out):");
    needs.forEach(n -> x.line("  - " + n));
    x.notes(t.notes());
    if (estate == null) {
      return x;
    }
    x.inEstate(label);
    Optional<PlannedDlpPolicy> planned =
        dlp.policies().stream().filter(p -> p.id().equals(t.id())).findFirst();
    Optional<LeftOut> left = dlp.leftOut().stream().filter(l -> l.id().equals(t.id())).findFirst();
    if (planned.isPresent()) {
      PlannedDlpPolicy p = planned.get();
      x.line(
          "  generated: purview/dlp/"
              + p.fileStem()
              + ".json, stage "
              + p.stage().key()
              + " (Mode "
              + p.stage().mode()
              + ")");
      x.line(
          "  locations: "
              + p.locations().stream().map(DlpLocation::label).collect(Collectors.joining(", ")));
      for (int i = 0; i < p.rules().size(); i++) {
        x.line("  rule " + p.ruleName(i));
      }
      dlp.limitations().stream()
          .filter(l -> l.id().equals(t.id()))
          .forEach(l -> x.line("  limit: " + ConsoleText.oneLine(l.reason())));
    } else {
      left.ifPresent(l -> x.line("  left out: " + ConsoleText.oneLine(l.reason())));
    }
    return x;
  }
}
