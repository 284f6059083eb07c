package org.aisecuritybaseline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.entra.DirectoryRoleCatalogue;
import org.aisecuritybaseline.entra.Expansion;
import org.aisecuritybaseline.entra.PlannedPolicy;
import org.aisecuritybaseline.entra.PolicyTemplate;
import org.aisecuritybaseline.defender.DefenderPlans;
import org.aisecuritybaseline.defender.PlannedSubscription;
import org.aisecuritybaseline.defender.RecommendedProfile;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.purview.DlpCatalogue;
import org.aisecuritybaseline.purview.DlpLocation;
import org.aisecuritybaseline.purview.DlpTemplate;
import org.aisecuritybaseline.purview.PlannedDlpPolicy;
import org.aisecuritybaseline.family.LeftOut;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Capability;
import org.aisecuritybaseline.entra.Coverage;
import org.aisecuritybaseline.pipeline.EstateValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explain a baseline policy: what it does, which Microsoft recommendation it implements, what it needs,",
      "and (with --estate) what it covers in an estate. IDs (in any case): CA0nn, DLP0nn, or a Defender plan name such as AI."
    })
public final class ExplainCommand implements Callable<Integer> {
  private static final String PRICINGS_DOC =
      "https://learn.microsoft.com/rest/api/defenderforcloud/pricings/update?view=rest-defenderforcloud-2024-01-01";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "A policy ID (CA004, DLP002) or a Defender plan name (CloudPosture).")
  String id;

  @Option(names = "--estate", paramLabel = "FILE", description = "Also show what the policy does in this estate.")
  Path estateFile;

  private final List<String> lines = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<EstateValidator.Validated> estate = Optional.empty();
    if (estateFile != null) {
      estate = Inputs.validate(estateFile, err, Inputs.NOT_VALID);
      if (estate.isEmpty()) {
        return ExitCodes.INVALID_INPUT;
      }
    }
    String key = canonical(id);
    var ca = Catalogue.builtIn().get(key);
    var dlp = DlpCatalogue.builtIn().get(key);
    var plan = DefenderPlans.get().plan(key).filter(p -> !p.deprecated());
    if (ca.isPresent()) {
      conditionalAccess(ca.get(), estate);
    } else if (dlp.isPresent()) {
      dlp(dlp.get(), estate);
    } else if (plan.isPresent()) {
      defender(plan.get(), estate);
    } else {
      err.println("baseline explain: unknown ID '" + ConsoleText.oneLine(id) + "'.");
      err.println("Known IDs:");
      err.println("  Conditional Access: " + Catalogue.builtIn().all().stream().map(PolicyTemplate::id).collect(Collectors.joining(", ")));
      err.println("  DLP: " + DlpCatalogue.builtIn().all().stream().map(DlpTemplate::id).collect(Collectors.joining(", ")));
      err.println("  Defender plans: " + DefenderPlans.get().names().stream()
          .filter(n -> !DefenderPlans.get().plan(n).orElseThrow().deprecated()).collect(Collectors.joining(", ")));
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    lines.forEach(out::println);
    out.flush();
    return ExitCodes.OK;
  }

  /** The ID as the catalogues spell it, whatever its case (ca002, dlp001, cloudposture); else as given. */
  private static String canonical(String given) {
    List<String> known = new ArrayList<>();
    Catalogue.builtIn().all().forEach(t -> known.add(t.id()));
    DlpCatalogue.builtIn().all().forEach(t -> known.add(t.id()));
    known.addAll(DefenderPlans.get().names());
    return known.stream().filter(k -> k.equalsIgnoreCase(given)).findFirst().orElse(given);
  }

  private void conditionalAccess(PolicyTemplate t, Optional<EstateValidator.Validated> estate) {
    head(t.id(), t.name(), "Conditional Access policy (identity and device access); tiers: "
        + t.tiers().stream().sorted().map(x -> x.key()).collect(Collectors.joining(", ")));
    line("What it does: " + t.summary());
    line("Microsoft recommendation: " + t.recommendation().title());
    line("  " + t.recommendation().url());
    line("Needs: " + needs(t.requires()));
    for (String side : List.of("include", "exclude")) {
      for (JsonNode item : t.policy().at("/conditions/users/" + side + "Roles")) {
        String set = item.path("$symbol").asString("").replaceFirst("^roles\\.", "");
        if (!set.isEmpty()) {
          List<String> names = DirectoryRoleCatalogue.get().setNames(set);
          line((side.equals("include") ? "Targets" : "Excludes") + " the '" + set + "' roles (" + names.size() + ")"
              + (set.equals("privileged") || set.equals("admins") ? " (plus any in the estate's directoryRoles.admins)" : "")
              + ": " + String.join(", ", names));
        }
      }
    }
    notes(t.notes());
    estate.ifPresent(v -> {
      line("");
      line("In this estate (" + estateFile + "):");
      Expansion e = v.expansion();
      Optional<PlannedPolicy> planned = e.policies().stream().filter(p -> p.id().equals(t.id())).findFirst();
      Optional<LeftOut> left = e.leftOut().stream().filter(l -> l.id().equals(t.id())).findFirst();
      if (planned.isPresent()) {
        PlannedPolicy p = planned.get();
        line("  generated: entra/conditional-access/" + p.fileStem() + ".json, stage " + p.stage().key()
            + " (state " + p.stage().graphState() + ")");
        e.limitations().stream().filter(l -> l.id().equals(t.id())).forEach(l -> line("  limit: " + ConsoleText.oneLine(l.reason())));
        JsonNode users = p.body().at("/conditions/users");
        line("  users: include " + list(users, "includeUsers", "includeGroups", "includeRoles")
            + (users.has("includeGuestsOrExternalUsers") ? " + guests and external users" : "")
            + "; exclude " + list(users, "excludeUsers", "excludeGroups", "excludeRoles"));
        p.exclusions().stream().filter(x -> x.source() != PlannedPolicy.AppliedExclusion.Source.BREAK_GLASS)
            .forEach(x -> line("  excluded " + (x.source() == PlannedPolicy.AppliedExclusion.Source.PURPOSE
                ? "by the group's purpose" : "on request") + ": " + ConsoleText.oneLine(x.what()) + ": "
                + ConsoleText.oneLine(x.reason())));
        List<String> covered = Coverage.compute(v.estate(), List.of(p)).stream().filter(r -> !r.policyIds().isEmpty())
            .map(r -> ConsoleText.oneLine(r.name())).toList();
        line("  apps covered: " + (covered.isEmpty() ? "none of the declared apps (it targets specific resources or user actions)"
            : String.join(", ", covered)));
      } else if (left.isPresent()) {
        line("  left out: " + ConsoleText.oneLine(left.get().reason()));
      } else {
        line("  not part of the " + v.estate().baseline().tier().key() + " tier");
      }
    });
  }

  private void dlp(DlpTemplate t, Optional<EstateValidator.Validated> estate) {
    JsonNode policy = t.policy();
    List<String> locations = Json.strings(policy.get("locations")).stream().map(DlpLocation::fromKey).map(DlpLocation::label).toList();
    head(t.id(), t.name(), "Microsoft Purview DLP policy (data protection); locations: " + String.join(", ", locations));
    line("What it does: " + t.summary());
    line("Microsoft recommendation: " + t.recommendation().title());
    line("  " + t.recommendation().url());
    List<String> needs = new ArrayList<>();
    Json.strings(policy.get("locations")).stream().map(DlpLocation::fromKey)
        .forEach(l -> needs.add(l.label() + ": " + needs(l.requires())));
    line("Needs (per location; a location the tenant lacks is left out):");
    needs.forEach(n -> line("  - " + n));
    notes(t.notes());
    estate.ifPresent(v -> {
      line("");
      line("In this estate (" + estateFile + "):");
      Optional<PlannedDlpPolicy> planned = v.dlp().policies().stream().filter(p -> p.id().equals(t.id())).findFirst();
      Optional<LeftOut> left = v.dlp().leftOut().stream().filter(l -> l.id().equals(t.id())).findFirst();
      if (planned.isPresent()) {
        PlannedDlpPolicy p = planned.get();
        line("  generated: purview/dlp/" + p.fileStem() + ".json, stage " + p.stage().key() + " (Mode " + p.stage().mode() + ")");
        line("  locations: " + p.locations().stream().map(DlpLocation::label).collect(Collectors.joining(", ")));
        for (int i = 0; i < p.rules().size(); i++) {
          line("  rule " + p.ruleName(i));
        }
        v.dlp().limitations().stream().filter(l -> l.id().equals(t.id())).forEach(l -> line("  limit: " + ConsoleText.oneLine(l.reason())));
      } else {
        left.ifPresent(l -> line("  left out: " + ConsoleText.oneLine(l.reason())));
      }
    });
  }

  private void defender(DefenderPlans.Plan p, Optional<EstateValidator.Validated> estate) {
    head(p.name(), p.portalName(), "Microsoft Defender for Cloud plan (threat protection), Microsoft.Security/pricings");
    if (!p.subPlans().isEmpty()) {
      line("Sub-plans: " + String.join(", ", p.subPlans()));
    }
    List<String> ext = p.extensions().values().stream().filter(DefenderPlans.Extension::confirmed).map(e -> e.name()
        + (e.subPlans().isEmpty() ? "" : " (" + String.join("/", e.subPlans()) + ")")).toList();
    if (!ext.isEmpty()) {
      line("Documented extensions: " + String.join(", ", ext));
    }
    var recommended = RecommendedProfile.get().plans().get(p.name());
    var ai = RecommendedProfile.get().aiWorkloadPlans().get(p.name());
    line("Recommended here: " + (recommended == null ? "not set by the profile" : describe(recommended))
        + (ai == null ? "" : "; on subscriptions with AI workloads: " + describe(ai)));
    line("Reference: " + PRICINGS_DOC);
    if (p.name().equals("CloudPosture")) {
      line("Notes:");
      line("  - AI security posture management comes with Defender CSPM; Microsoft documents no separate switch for it.");
    }
    estate.ifPresent(v -> {
      line("");
      line("In this estate (" + estateFile + "):");
      if (v.defender().subscriptions().isEmpty()) {
        line("  no Azure subscriptions are declared under threat.azure");
      }
      for (PlannedSubscription s : v.defender().subscriptions()) {
        s.plans().stream().filter(x -> x.name().equals(p.name())).findFirst().ifPresent(x -> line("  " + s.id() + ": " + x.tier()
            + (x.subPlan() == null ? "" : " " + x.subPlan())
            + (x.extensions().isEmpty() ? "" : ", extensions on: " + x.extensions().stream().filter(PlannedSubscription.ExtensionState::enabled)
                .map(PlannedSubscription.ExtensionState::name).collect(Collectors.joining(", ")))));
      }
    });
  }

  private static String describe(org.aisecuritybaseline.model.ThreatProtection.PlanSettings s) {
    String ext = s.extensions().entrySet().stream().filter(e -> e.getValue().enabled()).map(e -> e.getKey()).collect(Collectors.joining(", "));
    return s.tier() + (s.subPlan() == null ? "" : " " + s.subPlan()) + (ext.isEmpty() ? "" : " with " + ext);
  }

  private static String needs(java.util.Set<Capability> caps) {
    return caps.isEmpty() ? "nothing beyond the family's licence" : caps.stream().map(Capability::description).collect(Collectors.joining("; "));
  }

  private static String list(JsonNode users, String... fields) {
    List<String> parts = new ArrayList<>();
    for (String f : fields) {
      List<String> values = Json.strings(users.get(f));
      if (!values.isEmpty()) {
        parts.add(f.replaceFirst("^(include|exclude)", "").toLowerCase(java.util.Locale.ROOT) + " " + (values.size() <= 3
            ? String.join(", ", values) : values.size() + " entries"));
      }
    }
    return parts.isEmpty() ? "none" : String.join("; ", parts);
  }

  private void head(String id, String name, String kind) {
    line(id + "  " + name);
    line("  " + kind);
    line("");
  }

  private void notes(List<String> notes) {
    if (!notes.isEmpty()) {
      line("Notes:");
      notes.forEach(n -> line("  - " + n));
    }
  }

  private void line(String s) {
    lines.add(s);
  }
}
