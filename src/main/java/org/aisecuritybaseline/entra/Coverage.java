package org.aisecuritybaseline.entra;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import tools.jackson.databind.JsonNode;

/**
 * Which policies cover which app for the people who use it (and the agents acting on their behalf),
 * in Microsoft's order for bringing apps into scope: Microsoft 365 first, then SaaS apps integrated
 * with Entra ID, then custom apps in Azure, then apps in other clouds. Policies for agents ({@link
 * AgentPolicies}) are not counted: they cover every resource for agent identities and agent users.
 */
public final class Coverage {
  public record Row(String category, String name, String appId, List<String> policyIds) {}

  private Coverage() {}

  public static List<Row> compute(Estate estate, List<PlannedPolicy> policies) {
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            "Microsoft 365",
            "Microsoft 365 (Office365)",
            "Office365",
            covering(policies, "Office365")));
    estate.apps().stream()
        .sorted(Comparator.comparingInt(Coverage::rank).thenComparing(Estate.App::key))
        .forEach(
            a ->
                rows.add(new Row(category(a), a.name(), a.appId(), covering(policies, a.appId()))));
    return rows;
  }

  private static int rank(Estate.App app) {
    if ("saas".equals(app.kind())) {
      return 0;
    }
    return switch (app.hosting()) {
      case "azure" -> 1;
      case "aws" -> 2;
      default -> 3;
    };
  }

  private static String category(Estate.App app) {
    if ("saas".equals(app.kind())) {
      return "SaaS app (Entra ID integrated)";
    }
    return switch (app.hosting()) {
      case "azure" -> "Custom app in Azure";
      case "aws" -> "Custom app in AWS";
      default -> "Custom app in GCP";
    };
  }

  private static List<String> covering(List<PlannedPolicy> policies, String target) {
    List<String> ids = new ArrayList<>();
    for (PlannedPolicy p : policies) {
      if (AgentPolicies.forAgents(p)) {
        continue; // its subjects are agents: it covers every resource for them, not the app's users
      }
      JsonNode apps = p.body().at("/conditions/applications");
      List<String> include = Json.strings(apps.get("includeApplications"));
      List<String> exclude = Json.strings(apps.get("excludeApplications"));
      boolean included =
          include.contains("All") || include.stream().anyMatch(i -> i.equalsIgnoreCase(target));
      if (included && exclude.stream().noneMatch(e -> e.equalsIgnoreCase(target))) {
        ids.add(p.id());
      }
    }
    return ids;
  }
}
