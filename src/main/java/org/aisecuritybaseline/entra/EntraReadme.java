package org.aisecuritybaseline.entra;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.family.ReadmePart;
import org.aisecuritybaseline.family.ReadmePart.LeftOutRow;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.Stage;
import org.aisecuritybaseline.render.Markdown;
import tools.jackson.databind.JsonNode;

/** Identity and device access in the output README (templates/docs/readme/entra.md.ftl). */
final class EntraReadme {
  static final String TEMPLATE = "docs/readme/entra.md.ftl";

  private EntraReadme() {}

  /** The template's data model; every string from the estate is already escaped for Markdown. */
  public record Model(
      List<PolicyRow> policies,
      List<LeftOutRow> leftOut,
      List<ExclusionRow> exclusions,
      List<BreakGlassRow> breakGlass,
      String breakGlassWaiver,
      List<LocationRow> locations,
      List<AdoptedRow> adopted,
      List<CoverageRow> coverage,
      boolean anyReportOnly,
      boolean anyEnforced,
      List<String> registerDevice,
      List<PermissionRow> graphPermissions,
      List<ConformanceModel> conformance,
      List<ManagedRow> microsoftManaged,
      String microsoftManagedSource,
      List<BetaRow> beta,
      AgentsModel agents) {}

  /** A policy deployed through Microsoft Graph beta, with what in it only beta has. */
  public record BetaRow(String id, String name, String origin, String why) {}

  /**
   * The estate's AI agents: the agent policies generated, the approved agents, and the agents'
   * resources. {@code present} is false without an {@code agents} section.
   */
  public record AgentsModel(
      boolean present,
      String source,
      String policies,
      List<AgentRow> approved,
      String approvalRule,
      List<String> resources) {}

  /** An approved agent identity, blueprint or agent user. */
  public record AgentRow(String kind, String key, String id, String name, String require) {}

  /**
   * A generated policy that a Microsoft-managed policy overlaps, and what the generated one adds.
   */
  public record ManagedRow(String id, String managed, String adds) {}

  /** A conformance profile the estate turns on: its requirements and its changes. */
  public record ConformanceModel(
      String id,
      String name,
      String source,
      String checks,
      List<ConformanceItemRow> items,
      List<DifferenceRow> differences) {}

  public record ConformanceItemRow(
      String id, String requirement, String policies, String status, String detail) {}

  public record DifferenceRow(
      String policy, String cisa, String microsoft, String change, String why) {}

  public record PolicyRow(
      String id, String name, String stage, String origin, String recommendation) {}

  public record ExclusionRow(String id, String what, String reason) {}

  public record BreakGlassRow(String kind, String id, String name) {}

  public record LocationRow(String key, String displayName, String kind, String file) {}

  /**
   * A policy or named location that takes over an existing tenant object in place (its {@code
   * tenantObjectId}).
   */
  public record AdoptedRow(String kind, String key, String displayName, String tenantObjectId) {}

  public record CoverageRow(String category, String name, String appId, String policies) {}

  /** A Microsoft Graph permission a generated script uses (data/graph-permissions.json). */
  public record PermissionRow(String name, String scripts, String why) {}

  static ReadmePart of(Estate estate, Expansion expansion) {
    List<PolicyRow> policies = new ArrayList<>();
    List<ExclusionRow> exclusions = new ArrayList<>();
    List<ReadmePart.Note> notes = new ArrayList<>();
    for (PlannedPolicy p : expansion.policies()) {
      policies.add(
          new PolicyRow(
              p.id(),
              Markdown.inline(p.name()),
              p.stage().key(),
              p.custom() ? "custom" : "baseline",
              ReadmePart.link(p.recommendation())));
      notes.add(
          new ReadmePart.Note(
              p.id(),
              Markdown.inline(p.name()),
              ConditionalAccessRenderer.DIR + ConditionalAccessRenderer.policyFile(p),
              p.notes().stream().map(Markdown::inline).toList()));
      p.exclusions().stream()
          .filter(x -> x.source() != PlannedPolicy.AppliedExclusion.Source.BREAK_GLASS)
          .forEach(
              x ->
                  exclusions.add(
                      new ExclusionRow(
                          p.id(), Markdown.inline(x.what()), Markdown.inline(x.reason()))));
    }
    boolean enforced =
        expansion.policies().stream()
            .anyMatch(p -> p.stage() == Stage.ENABLED || p.stage() == Stage.PILOT);
    Model model =
        new Model(
            policies,
            LeftOutRow.of(expansion.leftOut()),
            exclusions,
            breakGlass(estate),
            estate.breakGlass().waiver() == null
                ? ""
                : Markdown.inline(estate.breakGlass().waiver().reason()),
            locations(estate),
            adopted(estate, expansion),
            coverage(estate, expansion),
            expansion.policies().stream().anyMatch(p -> p.stage() == Stage.REPORT_ONLY),
            enforced,
            expansion.policies().stream()
                .filter(
                    p ->
                        Json.strings(p.body().at("/conditions/applications/includeUserActions"))
                            .contains("urn:user:registerdevice"))
                .map(PlannedPolicy::id)
                .toList(),
            graphPermissions(),
            conformance(expansion),
            microsoftManaged(expansion),
            MicrosoftManaged.source(),
            beta(expansion),
            agents(estate, expansion));
    return ReadmePart.rendered(TEMPLATE, model, notes, enforced);
  }

  /**
   * Each generated policy a Microsoft-managed policy overlaps, with what the generated one adds:
   * its staged rollout, its break-glass and other exclusions (with reasons), its authentication
   * strength.
   */
  static List<ManagedRow> microsoftManaged(Expansion expansion) {
    List<ManagedRow> rows = new ArrayList<>();
    for (PlannedPolicy p : expansion.policies()) {
      List<MicrosoftManaged.Policy> managed = MicrosoftManaged.overlapping(p.id());
      if (p.custom() || managed.isEmpty()) {
        continue;
      }
      rows.add(
          new ManagedRow(
              p.id(),
              Markdown.inline(
                  String.join(
                      "; ", managed.stream().map(m -> "Microsoft-managed: " + m.name()).toList())),
              Markdown.inline(adds(p))));
    }
    return rows;
  }

  /** What a generated policy adds to the Microsoft-managed one it overlaps. */
  static String adds(PlannedPolicy p) {
    List<String> adds = new ArrayList<>();
    adds.add("staged rollout from the estate file (now " + p.stage().key() + ")");
    long breakGlass =
        p.exclusions().stream()
            .filter(x -> x.source() == PlannedPolicy.AppliedExclusion.Source.BREAK_GLASS)
            .count();
    if (breakGlass > 0) {
      adds.add("the break-glass exclusions (" + breakGlass + ")");
    }
    long others = p.exclusions().size() - breakGlass;
    if (others > 0) {
      adds.add(others + (others == 1 ? " exclusion" : " exclusions") + " with a reason");
    }
    if (p.body().at("/grantControls/authenticationStrength/id").isString()) {
      adds.add("an authentication strength");
    }
    return String.join(", ", adds);
  }

  private static List<BreakGlassRow> breakGlass(Estate estate) {
    List<BreakGlassRow> rows = new ArrayList<>();
    estate
        .breakGlass()
        .accounts()
        .forEach(a -> rows.add(new BreakGlassRow("account", a.id(), Markdown.inline(a.name()))));
    estate
        .breakGlass()
        .groups()
        .forEach(g -> rows.add(new BreakGlassRow("group", g.id(), Markdown.inline(g.name()))));
    return rows;
  }

  private static List<LocationRow> locations(Estate estate) {
    return estate.namedLocations().stream()
        .map(
            l ->
                new LocationRow(
                    l.key(),
                    Markdown.inline(ConditionalAccessRenderer.locationDisplayName(l)),
                    l.isIp() ? (l.trusted() ? "IP ranges, trusted" : "IP ranges") : "countries",
                    ConditionalAccessRenderer.DIR + ConditionalAccessRenderer.locationFile(l)))
        .toList();
  }

  /** Policies, then named locations, that take over an existing tenant object; in output order. */
  private static List<AdoptedRow> adopted(Estate estate, Expansion expansion) {
    List<AdoptedRow> rows = new ArrayList<>();
    expansion.policies().stream()
        .filter(p -> p.tenantObjectId() != null)
        .forEach(
            p ->
                rows.add(
                    new AdoptedRow(
                        "policy", p.id(), Markdown.inline(p.displayName()), p.tenantObjectId())));
    estate.namedLocations().stream()
        .filter(l -> l.tenantObjectId() != null)
        .forEach(
            l ->
                rows.add(
                    new AdoptedRow(
                        "named location",
                        l.key(),
                        Markdown.inline(ConditionalAccessRenderer.locationDisplayName(l)),
                        l.tenantObjectId())));
    return rows;
  }

  private static List<BetaRow> beta(Expansion expansion) {
    return expansion.policies().stream()
        .filter(PlannedPolicy::beta)
        .map(
            p ->
                new BetaRow(
                    p.id(),
                    Markdown.inline(p.name()),
                    p.custom() ? "custom (graphApi: beta)" : "baseline",
                    p.betaFeatures().isEmpty()
                        ? "nothing only beta has (the estate asks for beta)"
                        : p.betaFeatures().stream()
                            .map(f -> "`" + f.replace(" in ", "` in `") + "`")
                            .collect(java.util.stream.Collectors.joining(", "))))
        .toList();
  }

  private static AgentsModel agents(Estate estate, Expansion expansion) {
    Estate.Agents agents = estate.agents();
    List<AgentRow> approved = new ArrayList<>();
    String rule = "";
    if (agents.identities() != null) {
      agents
          .identities()
          .approved()
          .forEach(a -> approved.add(row("agent identity", a.key(), a.id(), a.name(), null)));
      agents
          .identities()
          .blueprints()
          .forEach(b -> approved.add(row("blueprint", b.key(), b.id(), b.name(), null)));
      if (agents.identities().approvalAttribute() != null) {
        rule =
            expansion.policies().stream()
                .map(
                    p ->
                        p.body()
                            .at(
                                "/conditions/clientApplications/agentIdServicePrincipalFilter/rule"))
                .filter(JsonNode::isString)
                .map(r -> "`" + r.asString() + "`")
                .findFirst()
                .orElse("");
      }
    }
    if (agents.users() != null) {
      agents
          .users()
          .approved()
          .forEach(u -> approved.add(row("agent user", u.key(), u.id(), u.name(), u.require())));
    }
    List<String> resources =
        agents.resources().stream()
            .map(
                k -> estate.app(k).map(a -> Markdown.inline(a.name()) + " (`" + k + "`)").orElse(k))
            .toList();
    List<String> ids =
        AgentPolicies.of(expansion.policies()).stream().map(PlannedPolicy::id).toList();
    return new AgentsModel(
        agents.present(),
        AgentPolicies.SOURCE,
        ids.isEmpty() ? "none" : String.join(", ", ids),
        approved,
        rule,
        resources);
  }

  private static AgentRow row(String kind, String key, String id, String name, String require) {
    return new AgentRow(
        kind, key, id, name == null ? "" : Markdown.inline(name), require == null ? "" : require);
  }

  private static List<CoverageRow> coverage(Estate estate, Expansion expansion) {
    return Coverage.compute(estate, expansion.policies()).stream()
        .map(
            r ->
                new CoverageRow(
                    r.category(),
                    Markdown.inline(r.name()),
                    r.appId(),
                    r.policyIds().isEmpty() ? "none" : String.join(", ", r.policyIds())))
        .toList();
  }

  private static List<ConformanceModel> conformance(Expansion expansion) {
    List<ConformanceModel> out = new ArrayList<>();
    for (ConformanceReport r : expansion.conformance()) {
      out.add(
          new ConformanceModel(
              r.profile(),
              Markdown.inline(r.name()),
              ReadmePart.link(r.source()),
              ReadmePart.link(r.checks()),
              r.items().stream()
                  .map(
                      i ->
                          new ConformanceItemRow(
                              i.id(),
                              Markdown.inline(i.requirement()),
                              i.policies().isEmpty() ? "-" : String.join(", ", i.policies()),
                              i.status().label,
                              Markdown.inline(i.detail())))
                  .toList(),
              r.differences().stream()
                  .map(
                      d ->
                          new DifferenceRow(
                              d.policyId(),
                              String.join(", ", d.cisa()),
                              Markdown.inline(d.microsoft()),
                              Markdown.inline(d.change()),
                              Markdown.inline(d.why())))
                  .toList()));
    }
    return out;
  }

  static List<PermissionRow> graphPermissions() {
    List<PermissionRow> rows = new ArrayList<>();
    for (JsonNode p : Json.parseResource("/data/graph-permissions.json").get("permissions")) {
      rows.add(
          new PermissionRow(
              p.get("name").asString(),
              String.join(
                  ", ", Json.strings(p.get("scripts")).stream().map(s -> "`" + s + "`").toList()),
              p.get("why").asString()));
    }
    return rows;
  }
}
