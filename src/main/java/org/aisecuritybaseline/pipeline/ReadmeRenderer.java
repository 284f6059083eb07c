package org.aisecuritybaseline.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.defender.DefenderRenderer;
import org.aisecuritybaseline.defender.PlannedSubscription;
import org.aisecuritybaseline.entra.ConditionalAccessRenderer;
import org.aisecuritybaseline.entra.Coverage;
import org.aisecuritybaseline.entra.Expansion;
import org.aisecuritybaseline.entra.PlannedPolicy;
import org.aisecuritybaseline.family.LeftOut;
import org.aisecuritybaseline.model.Capability;
import org.aisecuritybaseline.model.DlpStage;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.purview.DlpExpansion;
import org.aisecuritybaseline.purview.DlpLocation;
import org.aisecuritybaseline.purview.DlpRenderer;
import org.aisecuritybaseline.purview.PlannedDlpPolicy;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.render.Markdown;
import org.aisecuritybaseline.render.Templates;

/** The output's README: what was generated, what was left out and why, and how to deploy it. */
public final class ReadmeRenderer {
  private ReadmeRenderer() {}

  /** The template's data model; every string from the estate is already escaped for Markdown. */
  public record Model(
      String generator,
      String tenantDomain,
      String tenantId,
      String tier,
      String estateName,
      String estateDescription,
      List<PolicyRow> policies,
      List<LeftOutRow> leftOut,
      List<ExclusionRow> exclusions,
      List<BreakGlassRow> breakGlass,
      String breakGlassWaiver,
      List<LocationRow> locations,
      List<CoverageRow> coverage,
      boolean anyReportOnly,
      boolean anyEnforced,
      List<PolicyRow> dlpPolicies,
      List<LeftOutRow> dlpLeftOut,
      List<LeftOutRow> dlpLimitations,
      String dlpExclusion,
      boolean anyDlpSimulation,
      boolean aiSitesManualStep,
      List<SubscriptionRow> defenderSubscriptions,
      List<OffRow> defenderOff,
      List<PrerequisiteItem> aiPrerequisites,
      List<ConnectorRow> connectors,
      List<String> defenderManualSteps,
      List<ExternalIdRow> awsExternalIds,
      String awsExternalIdQuery,
      boolean anyAws,
      boolean anyGcp,
      List<PermissionRow> graphPermissions,
      boolean firstDeploymentRefused,
      List<CisaRow> cisaDlp) {}

  /** One MS.SECURITYSUITE.3 item and what the generated DLP002 does for it (dlp/CisaDlpStatus). */
  public record CisaRow(String id, String requirement, String state, String why) {}

  /** A Microsoft Graph permission a generated script uses (data/graph-permissions.json). */
  public record PermissionRow(String name, String scripts, String why) {}

  public record SubscriptionRow(
      String id, String name, String ai, String standard, String free, String file) {}

  /**
   * A Defender extension that templates turn off, with the subscriptions, why, and the estate
   * setting that turns it on.
   */
  public record OffRow(
      String plan, String extension, String subscriptions, String why, String setting) {}

  /**
   * Prerequisites of the AI plan ({@code heading} null) or of one of its extensions (heading names
   * it and where it is on).
   */
  public record PrerequisiteItem(String heading, List<String> texts) {}

  public record ConnectorRow(String cloud, String id, String name, String offerings, String file) {}

  /** An AWS role whose trust policy must name the connector's external ID. */
  public record ExternalIdRow(String account, String role) {}

  public record PolicyRow(
      String id,
      String name,
      String stage,
      String origin,
      String file,
      String recommendation,
      List<String> notes) {}

  public record LeftOutRow(String id, String name, String reason) {}

  public record ExclusionRow(String id, String what, String reason) {}

  public record BreakGlassRow(String kind, String id, String name) {}

  public record LocationRow(String key, String displayName, String kind, String file) {}

  public record CoverageRow(String category, String name, String appId, String policies) {}

  public static Artifact render(EstateValidator.Validated v) {
    Estate estate = v.estate();
    Expansion expansion = v.expansion();
    DlpExpansion dlp = v.dlp();
    List<PolicyRow> policies = new ArrayList<>();
    List<ExclusionRow> exclusions = new ArrayList<>();
    for (PlannedPolicy p : expansion.policies()) {
      String rec =
          p.recommendation() == null
              ? ""
              : "["
                  + Markdown.inline(p.recommendation().title())
                  + "]("
                  + p.recommendation().url()
                  + ")";
      policies.add(
          new PolicyRow(
              p.id(),
              Markdown.inline(p.name()),
              p.stage().key(),
              p.custom() ? "custom" : "baseline",
              "entra/" + ConditionalAccessRenderer.policyFile(p),
              rec,
              p.notes().stream().map(Markdown::inline).toList()));
      p.exclusions().stream()
          .filter(x -> x.source() != PlannedPolicy.AppliedExclusion.Source.BREAK_GLASS)
          .forEach(
              x ->
                  exclusions.add(
                      new ExclusionRow(
                          p.id(), Markdown.inline(x.what()), Markdown.inline(x.reason()))));
    }
    List<LeftOutRow> leftOut = rows(expansion.leftOut());
    List<BreakGlassRow> bg = new ArrayList<>();
    estate
        .breakGlass()
        .accounts()
        .forEach(a -> bg.add(new BreakGlassRow("account", a.id(), Markdown.inline(a.name()))));
    estate
        .breakGlass()
        .groups()
        .forEach(g -> bg.add(new BreakGlassRow("group", g.id(), Markdown.inline(g.name()))));
    List<LocationRow> locations =
        estate.namedLocations().stream()
            .map(
                l ->
                    new LocationRow(
                        l.key(),
                        Markdown.inline(ConditionalAccessRenderer.locationDisplayName(l)),
                        l.isIp() ? (l.trusted() ? "IP ranges, trusted" : "IP ranges") : "countries",
                        "entra/" + ConditionalAccessRenderer.locationFile(l)))
            .toList();
    List<CoverageRow> coverage =
        Coverage.compute(estate, expansion.policies()).stream()
            .map(
                r ->
                    new CoverageRow(
                        r.category(),
                        Markdown.inline(r.name()),
                        r.appId(),
                        r.policyIds().isEmpty() ? "none" : String.join(", ", r.policyIds())))
            .toList();
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
            policies,
            leftOut,
            exclusions,
            bg,
            estate.breakGlass().waiver() == null
                ? ""
                : Markdown.inline(estate.breakGlass().waiver().reason()),
            locations,
            coverage,
            expansion.policies().stream()
                .anyMatch(p -> p.stage() == org.aisecuritybaseline.model.Stage.REPORT_ONLY),
            expansion.policies().stream()
                .anyMatch(
                    p ->
                        p.stage() == org.aisecuritybaseline.model.Stage.ENABLED
                            || p.stage() == org.aisecuritybaseline.model.Stage.PILOT),
            dlp.policies().stream().map(ReadmeRenderer::dlpRow).toList(),
            rows(dlp.leftOut()),
            rows(dlp.limitations()),
            estate.data().exclude() == null ? "" : Markdown.inline(dlpExclusion(estate)),
            dlp.policies().stream()
                .anyMatch(
                    p ->
                        p.stage() == DlpStage.SIMULATION
                            || p.stage() == DlpStage.SIMULATION_SILENT),
            estate
                .capabilities()
                .containsAll(
                    java.util.EnumSet.of(
                        Capability.PURVIEW_DLP_ADVANCED, Capability.DEVICES_ONBOARDED)),
            v.defender().subscriptions().stream().map(ReadmeRenderer::subscriptionRow).toList(),
            offRows(v.defender().subscriptions()),
            aiPrerequisites(v.defender().subscriptions()),
            connectorRows(estate),
            defenderManualSteps(estate),
            awsExternalIds(estate),
            DefenderRenderer.EXTERNAL_ID_QUERY,
            !estate.threat().awsAccounts().isEmpty(),
            !estate.threat().gcpProjects().isEmpty(),
            graphPermissions(),
            expansion.policies().stream()
                    .anyMatch(
                        p ->
                            p.stage() == org.aisecuritybaseline.model.Stage.ENABLED
                                || p.stage() == org.aisecuritybaseline.model.Stage.PILOT)
                || dlp.policies().stream().anyMatch(p -> p.stage() == DlpStage.ENABLED),
            dlp.policies().isEmpty() && dlp.leftOut().isEmpty()
                ? List.of()
                : org.aisecuritybaseline.purview.CisaDlpStatus.evaluate(estate.data(), dlp).stream()
                    .map(
                        i ->
                            new CisaRow(
                                i.id(), i.requirement(), i.state().label, Markdown.inline(i.why())))
                    .toList());
    return Artifact.text("README.md", Templates.render("docs/README.md.ftl", model));
  }

  static List<PermissionRow> graphPermissions() {
    List<PermissionRow> rows = new ArrayList<>();
    for (tools.jackson.databind.JsonNode p :
        org.aisecuritybaseline.json.Json.parseResource("/data/graph-permissions.json")
            .get("permissions")) {
      rows.add(
          new PermissionRow(
              p.get("name").asString(),
              String.join(
                  ", ",
                  org.aisecuritybaseline.json.Json.strings(p.get("scripts")).stream()
                      .map(s -> "`" + s + "`")
                      .toList()),
              p.get("why").asString()));
    }
    return rows;
  }

  private static SubscriptionRow subscriptionRow(PlannedSubscription s) {
    java.util.function.Function<PlannedSubscription.PlanState, String> label =
        p -> p.subPlan() == null ? p.name() : p.name() + " (" + p.subPlan() + ")";
    String standard =
        s.plans().stream()
            .filter(p -> p.tier().equals("Standard"))
            .map(label)
            .collect(java.util.stream.Collectors.joining(", "));
    String free =
        s.plans().stream()
            .filter(p -> p.tier().equals("Free"))
            .map(PlannedSubscription.PlanState::name)
            .collect(java.util.stream.Collectors.joining(", "));
    return new SubscriptionRow(
        s.id(),
        Markdown.inline(s.name()),
        s.hostsAiWorkloads() ? "yes" : "no",
        standard,
        free.isEmpty() ? "none" : free,
        "defender/azure/" + s.id() + ".json");
  }

  /**
   * Every extension a subscription template sends as off, grouped by plan, extension and reason:
   * read from the planned subscriptions the templates are written from, so the list and the
   * templates agree.
   */
  static List<OffRow> offRows(List<PlannedSubscription> subscriptions) {
    java.util.Map<List<String>, List<String>> groups =
        new java.util.TreeMap<>(
            java.util.Comparator.<List<String>, String>comparing(k -> k.get(0))
                .thenComparing(k -> k.get(1))
                .thenComparing(k -> k.get(2)));
    for (PlannedSubscription s : subscriptions) {
      for (PlannedSubscription.PlanState p : s.plans()) {
        for (PlannedSubscription.ExtensionState x : p.extensions()) {
          if (!x.enabled()) {
            groups
                .computeIfAbsent(List.of(p.name(), x.name(), x.why()), k -> new ArrayList<>())
                .add("`" + s.id() + "`");
          }
        }
      }
    }
    List<OffRow> rows = new ArrayList<>();
    groups.forEach(
        (k, subs) ->
            rows.add(
                new OffRow(
                    k.get(0),
                    k.get(1),
                    String.join(", ", subs),
                    Markdown.inline(k.get(2)),
                    "threat.azure.plans."
                        + k.get(0)
                        + ".extensions."
                        + k.get(1)
                        + ".enabled: true")));
    return rows;
  }

  /**
   * The AI plan's prerequisites (recommended-profile.json) when a template turns the AI plan on:
   * those of the plan, then those of each extension a template turns on, under the extension and
   * the subscriptions concerned.
   */
  static List<PrerequisiteItem> aiPrerequisites(List<PlannedSubscription> subscriptions) {
    java.util.Map<String, List<String>> on = new java.util.LinkedHashMap<>();
    boolean anyAi = false;
    for (PlannedSubscription s : subscriptions) {
      for (PlannedSubscription.PlanState p : s.plans()) {
        if (p.name().equals("AI") && p.tier().equals("Standard")) {
          anyAi = true;
          p.extensions().stream()
              .filter(PlannedSubscription.ExtensionState::enabled)
              .forEach(
                  x ->
                      on.computeIfAbsent(x.name(), k -> new ArrayList<>()).add("`" + s.id() + "`"));
        }
      }
    }
    if (!anyAi) {
      return List.of();
    }
    List<String> plan = new ArrayList<>();
    java.util.Map<String, List<String>> byExtension = new java.util.LinkedHashMap<>();
    for (var p : org.aisecuritybaseline.defender.RecommendedProfile.get().aiPrerequisites()) {
      if (p.extension() == null) {
        plan.add(p.text());
      } else if (on.containsKey(p.extension())) {
        byExtension.computeIfAbsent(p.extension(), k -> new ArrayList<>()).add(p.text());
      }
    }
    List<PrerequisiteItem> items = new ArrayList<>();
    if (!plan.isEmpty()) {
      items.add(new PrerequisiteItem(null, plan));
    }
    byExtension.forEach(
        (ext, texts) ->
            items.add(
                new PrerequisiteItem(
                    "`" + ext + "` (on for " + String.join(", ", on.get(ext)) + ")", texts)));
    return items;
  }

  private static List<ConnectorRow> connectorRows(Estate estate) {
    List<ConnectorRow> rows = new ArrayList<>();
    estate
        .threat()
        .awsAccounts()
        .forEach(
            a ->
                rows.add(
                    new ConnectorRow(
                        "AWS" + (a.organization() == null ? "" : " organization"),
                        a.id(),
                        Markdown.inline(a.name()),
                        String.join(", ", a.offerings()),
                        "defender/aws/" + a.id() + "/connector.json")));
    estate
        .threat()
        .gcpProjects()
        .forEach(
            p ->
                rows.add(
                    new ConnectorRow(
                        "GCP" + (p.organization() == null ? "" : " organization"),
                        p.projectId() + " (" + p.projectNumber() + ")",
                        Markdown.inline(p.name()),
                        String.join(", ", p.offerings()),
                        "defender/gcp/" + p.projectId() + "/connector.json")));
    return rows;
  }

  /**
   * The roles whose trust must name an external ID, from the same expectations check-aws.sh uses.
   */
  private static List<ExternalIdRow> awsExternalIds(Estate estate) {
    List<ExternalIdRow> rows = new ArrayList<>();
    for (var a : estate.threat().awsAccounts()) {
      DefenderRenderer.awsExpectations(a)
          .externalIds()
          .forEach(x -> rows.add(new ExternalIdRow(a.id(), x.role())));
    }
    return rows;
  }

  private static List<String> defenderManualSteps(Estate estate) {
    List<String> steps = new ArrayList<>();
    for (var a : estate.threat().awsAccounts()) {
      if (a.offerings().contains("databases") && a.rdsRoleArn() == null) {
        steps.add(
            "AWS "
                + a.id()
                + ": the databases offering has no RDS role (Microsoft publishes no default name); set"
                + " rdsRoleArn from the portal's stack to include RDS.");
      }
      if (a.organization() != null) {
        steps.add(
            "AWS "
                + a.id()
                + ": deploy the portal's StackSet to the member accounts; Defender for Cloud creates their"
                + " connectors (within about 24 hours). Do not add member accounts as separate connectors.");
      }
    }
    for (var p : estate.threat().gcpProjects()) {
      DefenderRenderer.gcpManualSteps(p).forEach(m -> steps.add("GCP " + p.projectId() + ": " + m));
      if (p.organization() != null) {
        steps.add(
            "GCP "
                + p.projectId()
                + ": organization onboarding needs the management project and the custom organization"
                + " role from the portal's script; setup-gcp.sh covers this project only.");
      }
    }
    return steps.stream().map(Markdown::inline).toList();
  }

  private static List<LeftOutRow> rows(List<LeftOut> items) {
    return items.stream()
        .map(l -> new LeftOutRow(l.id(), Markdown.inline(l.name()), Markdown.inline(l.reason())))
        .toList();
  }

  private static PolicyRow dlpRow(PlannedDlpPolicy p) {
    String rec =
        p.recommendation() == null
            ? ""
            : "["
                + Markdown.inline(p.recommendation().title())
                + "]("
                + p.recommendation().url()
                + ")";
    String where =
        p.locations().stream()
            .map(DlpLocation::label)
            .collect(java.util.stream.Collectors.joining(", "));
    return new PolicyRow(
        p.id(),
        Markdown.inline(p.name()),
        p.stage().key() + " (" + p.stage().mode() + ")",
        Markdown.inline(where),
        "purview/" + DlpRenderer.file(p),
        rec,
        p.notes().stream().map(Markdown::inline).toList());
  }

  private static String dlpExclusion(Estate estate) {
    var ex = estate.data().exclude();
    List<String> who = new ArrayList<>();
    ex.groups().forEach(g -> who.add("group " + g));
    ex.users().forEach(u -> who.add("user " + u));
    return String.join(", ", who) + ". Reason: " + ex.reason();
  }
}
