package org.aisecuritybaseline.defender;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.family.ReadmePart;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.render.Markdown;

/** Threat protection in the output README (templates/docs/readme/defender.md.ftl). */
final class DefenderReadme {
  static final String TEMPLATE = "docs/readme/defender.md.ftl";

  private DefenderReadme() {}

  /** The template's data model; every string from the estate is already escaped for Markdown. */
  public record Model(
      List<SubscriptionRow> defenderSubscriptions,
      List<OffRow> defenderOff,
      List<PrerequisiteItem> aiPrerequisites,
      List<ConnectorRow> connectors,
      List<String> defenderManualSteps,
      List<ExternalIdRow> awsExternalIds,
      String awsExternalIdQuery,
      boolean anyAws,
      boolean anyGcp) {}

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

  static ReadmePart of(Estate estate, DefenderExpander.Result result) {
    Model model =
        new Model(
            result.subscriptions().stream().map(DefenderReadme::subscriptionRow).toList(),
            offRows(result.subscriptions()),
            aiPrerequisites(result.subscriptions()),
            connectorRows(estate),
            defenderManualSteps(estate),
            awsExternalIds(estate),
            DefenderRenderer.EXTERNAL_ID_QUERY,
            !estate.threat().awsAccounts().isEmpty(),
            !estate.threat().gcpProjects().isEmpty());
    return ReadmePart.rendered(TEMPLATE, model, List.of(), false);
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
        DefenderRenderer.DIR + "azure/" + s.id() + ".json");
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
    for (var p : RecommendedProfile.get().aiPrerequisites()) {
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
                        DefenderRenderer.DIR + "aws/" + a.id() + "/connector.json")));
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
                        DefenderRenderer.DIR + "gcp/" + p.projectId() + "/connector.json")));
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
}
