package org.aisecuritybaseline.purview;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.family.LeftOut;
import org.aisecuritybaseline.family.Symbols;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Capability;
import org.aisecuritybaseline.model.DataProtection;
import org.aisecuritybaseline.model.DlpStage;
import org.aisecuritybaseline.model.Estate;
import tools.jackson.databind.JsonNode;

/**
 * Expands the DLP baseline for one estate: the policies the tenant can run, with the locations it
 * has, the estate's sensitive information types, labels and thresholds, then the custom policies. A
 * pure function of the estate and the catalogue.
 */
public final class DlpExpander {
  /** The shape of a template's {@code policy} and of a custom policy's body. */
  record Spec(List<String> locations, List<DataProtection.Rule> rules) {}

  private final Estate estate;
  private final DataProtection data;
  private final Set<Capability> caps;
  private final List<LeftOut> limitations = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();

  private DlpExpander(Estate estate) {
    this.estate = estate;
    this.data = estate.data();
    this.caps = estate.capabilities();
  }

  public static DlpExpansion expand(Estate estate, DlpCatalogue catalogue) {
    return new DlpExpander(estate).run(catalogue);
  }

  private DlpExpansion run(DlpCatalogue catalogue) {
    List<PlannedDlpPolicy> planned = new ArrayList<>();
    List<LeftOut> leftOut = new ArrayList<>();
    Map<String, List<String>> symbols = new LinkedHashMap<>();
    symbols.put(
        "labels.highlySensitive",
        data.allLabels().stream()
            .filter(DataProtection.Label::highlySensitive)
            .map(DataProtection.Label::key)
            .toList());
    symbols.put("sensitiveInfoTypes", data.sensitiveInfoTypes());

    for (DlpTemplate t : catalogue.all()) {
      DataProtection.PolicySettings settings = data.policies().get(t.id());
      if (settings != null && settings.skip() != null) {
        leftOut.add(
            new LeftOut(
                t.id(), t.name(), "skipped in the estate file: " + settings.skip().reason()));
        continue;
      }
      Set<Capability> missing = missing(t.requires());
      if (!missing.isEmpty()) {
        leftOut.add(new LeftOut(t.id(), t.name(), "needs " + describe(missing)));
        continue;
      }
      Spec spec =
          Json.bind(Symbols.resolve(t.policy(), symbols, settingValues(settings)), Spec.class);
      List<DlpLocation> locations = new ArrayList<>();
      List<String> unavailable = new ArrayList<>();
      for (String key : spec.locations()) {
        DlpLocation l = DlpLocation.fromKey(key);
        Set<Capability> needs = missing(l.requires());
        if (needs.isEmpty()) {
          locations.add(l);
        } else {
          unavailable.add(l.label() + " (needs " + describe(needs) + ")");
        }
      }
      if (locations.isEmpty()) {
        leftOut.add(
            new LeftOut(
                t.id(),
                t.name(),
                "none of its locations is available: " + String.join("; ", unavailable)));
        continue;
      }
      unavailable.forEach(
          u -> limitations.add(new LeftOut(t.id(), t.name(), "location left out: " + u)));
      if (t.id().equals(CisaDlpStatus.POLICY) && data.cisaMinimumWaiver() != null) {
        limitations.add(
            new LeftOut(
                t.id(),
                t.name(),
                "protects only data.sensitiveInfoTypes: the CISA minimum"
                    + " (credit card numbers, U.S. ITIN, U.S. SSN) is waived: "
                    + data.cisaMinimumWaiver().reason()));
      }
      List<DataProtection.Rule> rules =
          spec.rules().stream()
              .filter(r -> !r.sensitiveInfoTypes().isEmpty() || !r.labels().isEmpty())
              .map(r -> pruned(r, locations))
              .toList();
      if (rules.isEmpty()) {
        leftOut.add(
            new LeftOut(
                t.id(),
                t.name(),
                symbols.get("labels.highlySensitive").isEmpty()
                    ? "no sensitivity label is marked 'highlySensitive: true' under data.labels"
                    : "its rules have no condition in this estate"));
        continue;
      }
      DlpStage stage =
          settings != null && settings.stage() != null ? settings.stage() : data.defaultStage();
      planned.add(
          new PlannedDlpPolicy(
              t.id(),
              t.fileStem(),
              t.name(),
              t.summary(),
              false,
              stage,
              locations,
              rules,
              t.recommendation(),
              t.notes(),
              settings != null ? "/data/policies/" + t.id() : "/data"));
    }

    for (int i = 0; i < data.customPolicies().size(); i++) {
      DataProtection.CustomPolicy c = data.customPolicies().get(i);
      String pointer = "/data/customPolicies/" + i;
      List<DlpLocation> locations = new ArrayList<>();
      for (int j = 0; j < c.locations().size(); j++) {
        DlpLocation l = DlpLocation.fromKey(c.locations().get(j));
        Set<Capability> needs = missing(l.requires());
        if (!needs.isEmpty()) {
          findings.add(
              Finding.error(
                  Code.E306,
                  pointer + "/locations/" + j,
                  "the " + l.label() + " location needs " + describe(needs)));
        }
        locations.add(l);
      }
      DlpStage stage = c.stage() != null ? c.stage() : data.defaultStage();
      String summary =
          c.summary() != null ? c.summary() : "Custom DLP policy from the estate file.";
      planned.add(
          new PlannedDlpPolicy(
              c.id(),
              c.id() + "-custom",
              c.name(),
              summary,
              true,
              stage,
              locations,
              c.rules(),
              null,
              List.of(),
              pointer));
    }
    for (PlannedDlpPolicy p : planned) {
      for (DlpLocation l : p.locations()) {
        DlpExclusions.forLocation(l, estate)
            .unsupported()
            .forEach(u -> limitations.add(new LeftOut(p.id(), p.name(), u)));
      }
    }
    return new DlpExpansion(
        List.copyOf(planned),
        List.copyOf(leftOut),
        List.copyOf(limitations),
        List.copyOf(findings));
  }

  private Map<String, JsonNode> settingValues(DataProtection.PolicySettings settings) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    if (settings != null && settings.highVolumeThreshold() != null) {
      values.put("highVolumeThreshold", Json.NODES.numberNode(settings.highVolumeThreshold()));
    }
    if (settings != null && settings.allowOverride() != null) {
      values.put("allowOverride", Json.NODES.booleanNode(settings.allowOverride()));
    }
    return values;
  }

  /** A baseline rule keeps only the actions that mean something in the locations the tenant has. */
  private static DataProtection.Rule pruned(DataProtection.Rule r, List<DlpLocation> locations) {
    DataProtection.Actions a = r.actions();
    boolean devices = locations.contains(DlpLocation.DEVICES);
    boolean sharing = locations.stream().anyMatch(DlpAction.BLOCK_ACCESS.locations()::contains);
    DataProtection.Actions kept =
        new DataProtection.Actions(
            sharing ? a.blockAccess() : null,
            sharing ? a.blockAccessScope() : null,
            a.notifyUser(),
            a.policyTip(),
            sharing ? a.allowOverride() : null,
            a.incidentReport(),
            a.alert(),
            a.severity(),
            devices ? a.endpoint() : List.of(),
            a.restrictCopilotProcessing(),
            a.restrictWebGrounding());
    return new DataProtection.Rule(
        r.name(),
        r.sensitiveInfoTypes(),
        r.labels(),
        r.minCount(),
        r.externalOnly() && sharing,
        kept);
  }

  private Set<Capability> missing(Set<Capability> required) {
    Set<Capability> missing = EnumSet.noneOf(Capability.class);
    missing.addAll(required);
    missing.removeAll(caps);
    return missing;
  }

  private static String describe(Set<Capability> capabilities) {
    return capabilities.stream().map(Capability::description).collect(Collectors.joining(" and "));
  }
}
