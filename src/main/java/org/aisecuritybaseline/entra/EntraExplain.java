package org.aisecuritybaseline.entra;

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

/**
 * `baseline explain CA0nn`: a baseline Conditional Access policy, and what it does in an estate.
 */
final class EntraExplain {
  private EntraExplain() {}

  static Explanation of(PolicyTemplate t, String label, Estate estate, Expansion e) {
    Explanation x =
        new Explanation()
            .head(
                t.id(),
                t.name(),
                "Conditional Access policy (identity and device access); tiers: "
                    + t.tiers().stream()
                        .sorted()
                        .map(tier -> tier.key())
                        .collect(Collectors.joining(", ")));
    x.line("What it does: " + t.summary());
    x.line("Microsoft recommendation: " + t.recommendation().title());
    x.line("  " + t.recommendation().url());
    x.line("Needs: " + Explanation.needs(t.requires()));
    if (GraphApi.BETA.equals(t.graphApi())) {
      x.line(
          "Microsoft Graph: beta. It uses members or keywords only Graph beta has, so it is"
              + " validated against Graph beta and deployed through"
              + " https://graph.microsoft.com/beta (apiVersion in entra/deployment.json); its"
              + " template's graphApi moves it to v1.0 when they reach v1.0.");
    }
    if (AgentPolicies.BASELINE.contains(t.id())) {
      x.line(
          "For AI agents (Microsoft Entra Agent ID); generated only with the estate's agents"
              + " section. Overview: "
              + AgentPolicies.SOURCE);
    }
    for (MicrosoftManaged.Policy m : MicrosoftManaged.overlapping(t.id())) {
      x.line(
          "Overlapped by the Microsoft-managed policy \""
              + m.name()
              + "\" ("
              + m.what()
              + "): Microsoft turns it on by itself unless it is set to Off; keep both, or turn it"
              + " off once "
              + t.id()
              + " is enforced ("
              + MicrosoftManaged.source()
              + ")");
    }
    for (String side : List.of("include", "exclude")) {
      for (JsonNode item : t.policy().at("/conditions/users/" + side + "Roles")) {
        String set = item.path("$symbol").asString("").replaceFirst("^roles\\.", "");
        if (!set.isEmpty()) {
          List<String> names = DirectoryRoleCatalogue.get().setNames(set);
          x.line(
              (side.equals("include") ? "Targets" : "Excludes")
                  + " the '"
                  + set
                  + "' roles ("
                  + names.size()
                  + ")"
                  + (set.equals("privileged") || set.equals("admins")
                      ? " (plus any in the estate's directoryRoles.admins)"
                      : "")
                  + ": "
                  + String.join(", ", names));
        }
      }
    }
    x.notes(t.notes());
    if (estate == null) {
      return x;
    }
    x.inEstate(label);
    Optional<PlannedPolicy> planned =
        e.policies().stream().filter(p -> p.id().equals(t.id())).findFirst();
    Optional<LeftOut> left = e.leftOut().stream().filter(l -> l.id().equals(t.id())).findFirst();
    if (planned.isPresent()) {
      PlannedPolicy p = planned.get();
      x.line(
          "  generated: entra/conditional-access/"
              + p.fileStem()
              + ".json, stage "
              + p.stage().key()
              + " (state "
              + p.stage().graphState()
              + ")");
      if (p.beta()) {
        x.line("  through Graph beta: only beta has " + String.join(", ", p.betaFeatures()));
      }
      if (p.tenantObjectId() != null) {
        x.line(
            "  takes over: the tenant policy "
                + p.tenantObjectId()
                + " (tenantObjectId), updated in place by the first deployment instead of a new"
                + " policy");
      }
      e.limitations().stream()
          .filter(l -> l.id().equals(t.id()))
          .forEach(l -> x.line("  limit: " + ConsoleText.oneLine(l.reason())));
      conformance(x, e, t.id());
      JsonNode users = p.body().at("/conditions/users");
      JsonNode agents = p.body().at("/conditions/clientApplications");
      if (users.isMissingNode() && agents.has("includeAgentIdServicePrincipals")) {
        x.line(
            "  agent identities: include "
                + String.join(", ", Json.strings(agents.get("includeAgentIdServicePrincipals")))
                + "; exclude "
                + (Json.strings(agents.get("excludeAgentIdServicePrincipals")).isEmpty()
                    ? "none"
                    : String.join(
                        ", ", Json.strings(agents.get("excludeAgentIdServicePrincipals"))))
                + (agents.path("agentIdServicePrincipalFilter").isObject()
                    ? " and those the filter excludes: "
                        + agents.at("/agentIdServicePrincipalFilter/rule").asString("")
                    : ""));
      } else {
        x.line(
            "  users: include "
                + list(users, "includeUsers", "includeGroups", "includeRoles")
                + (users.has("includeGuestsOrExternalUsers") ? " + guests and external users" : "")
                + "; exclude "
                + list(users, "excludeUsers", "excludeGroups", "excludeRoles"));
      }
      p.exclusions().stream()
          .filter(ex -> ex.source() != PlannedPolicy.AppliedExclusion.Source.BREAK_GLASS)
          .forEach(
              ex ->
                  x.line(
                      "  excluded "
                          + switch (ex.source()) {
                            case PURPOSE -> "by the group's purpose";
                            case DIRECTORY_SYNC -> "by the conformance profile";
                            default -> "on request";
                          }
                          + ": "
                          + ConsoleText.oneLine(ex.what())
                          + ": "
                          + ConsoleText.oneLine(ex.reason())));
      List<String> covered =
          Coverage.compute(estate, List.of(p)).stream()
              .filter(r -> !r.policyIds().isEmpty())
              .map(r -> ConsoleText.oneLine(r.name()))
              .toList();
      x.line(
          "  apps covered: "
              + (AgentPolicies.forAgents(p)
                  ? "every resource, for agents (not counted for the people who use the apps)"
                  : covered.isEmpty()
                      ? "none of the declared apps (it targets specific resources or user actions)"
                      : String.join(", ", covered)));
    } else if (left.isPresent()) {
      x.line("  left out: " + ConsoleText.oneLine(left.get().reason()));
      conformance(x, e, t.id());
    } else if (!t.profiles().isEmpty()
        && t.profiles().stream().noneMatch(estate.baseline().conformance()::contains)) {
      x.line(
          "  not generated: only the conformance profile "
              + String.join(" or ", t.profiles().stream().sorted().toList())
              + " (baseline.conformance) brings it in, and this estate does not turn it on");
    } else if (AgentPolicies.BASELINE.contains(t.id()) && !estate.agents().present()) {
      x.line(
          "  not generated: only the estate's agents section brings it in, and this estate has"
              + " none");
    } else {
      x.line("  not part of the " + estate.baseline().tier().key() + " tier");
    }
    return x;
  }

  /** What a conformance profile changed in this policy, where Microsoft and CISA differ. */
  private static void conformance(Explanation x, Expansion e, String id) {
    for (ConformanceReport r : e.conformance()) {
      for (ConformanceReport.Difference d : r.differences()) {
        if (d.policyId().equals(id)) {
          x.line(
              "  conformance "
                  + d.profile()
                  + " ("
                  + String.join(", ", d.cisa())
                  + "): "
                  + ConsoleText.oneLine(d.change())
                  + "; Microsoft's default: "
                  + ConsoleText.oneLine(d.microsoft())
                  + "; why: "
                  + ConsoleText.oneLine(d.why()));
        }
      }
      r.items().stream()
          .filter(i -> i.policies().contains(id))
          .forEach(
              i ->
                  x.line(
                      "  "
                          + r.profile()
                          + " "
                          + i.id()
                          + ": "
                          + i.status().label
                          + (i.status() == ConformanceReport.Status.MET
                              ? ""
                              : " (" + ConsoleText.oneLine(i.detail()) + ")")));
    }
  }

  private static String list(JsonNode users, String... fields) {
    List<String> parts = new ArrayList<>();
    for (String f : fields) {
      List<String> values = Json.strings(users.get(f));
      if (!values.isEmpty()) {
        parts.add(
            f.replaceFirst("^(include|exclude)", "").toLowerCase(java.util.Locale.ROOT)
                + " "
                + (values.size() <= 3 ? String.join(", ", values) : values.size() + " entries"));
      }
    }
    return parts.isEmpty() ? "none" : String.join("; ", parts);
  }
}
