package org.aisecuritybaseline.defender;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.load.JsonPointers;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.ThreatProtection;
import org.aisecuritybaseline.model.ThreatProtection.ExtensionSettings;
import org.aisecuritybaseline.model.ThreatProtection.PlanSettings;
import org.aisecuritybaseline.validate.Suggestions;
import org.aisecuritybaseline.validate.Uniqueness;
import tools.jackson.databind.JsonNode;

/**
 * The threat section against Microsoft's documented plans (defender-plans.json) and the platform's
 * identifiers: every plan, sub-plan, extension and extension property must be documented and belong
 * where it is used, and every property value must have its documented type and range
 * (extension-properties.json); subscriptions, accounts and projects are declared once; connectors
 * have a host.
 */
public final class DefenderCheck {
  private final Estate estate;
  private final DefenderPlans catalogue = DefenderPlans.get();
  private final List<Finding> findings = new ArrayList<>();

  private DefenderCheck(Estate estate) {
    this.estate = estate;
  }

  public static List<Finding> check(Estate estate) {
    DefenderCheck c = new DefenderCheck(estate);
    c.run();
    return List.copyOf(c.findings);
  }

  private void run() {
    ThreatProtection t = estate.threat();
    if (t.azure() != null) {
      plans(t.azure().plans(), "/threat/azure/plans");
      List<ThreatProtection.Subscription> subs = t.azure().subscriptions();
      unique(
          "/threat/azure/subscriptions",
          subs.stream().map(s -> s.id().toLowerCase(Locale.ROOT)).toList(),
          "id",
          "subscription");
      for (int i = 0; i < subs.size(); i++) {
        if (Uniqueness.NIL_GUID.equals(subs.get(i).id())) {
          findings.add(
              Finding.error(
                  Code.E305,
                  "/threat/azure/subscriptions/" + i + "/id",
                  "the nil GUID is not a subscription ID"));
        }
        plans(subs.get(i).plans(), "/threat/azure/subscriptions/" + i + "/plans");
      }
      if (t.azure().deploymentLocation() == null && t.connectorHost() == null && !subs.isEmpty()) {
        findings.add(
            Finding.error(
                Code.E301,
                "/threat/azure",
                "set threat.azure.deploymentLocation (the region recorded for"
                    + " subscription deployments, such as westeurope)"));
      }
    }
    List<ThreatProtection.AwsAccount> accounts = t.awsAccounts();
    unique(
        "/threat/aws/accounts",
        accounts.stream().map(ThreatProtection.AwsAccount::id).toList(),
        "id",
        "AWS account");
    for (int i = 0; i < accounts.size(); i++) {
      ThreatProtection.AwsAccount a = accounts.get(i);
      String base = "/threat/aws/accounts/" + i;
      if (a.offerings().contains("containers") && a.containersExternalId() == null) {
        findings.add(
            Finding.error(
                Code.E301,
                base + "/offerings",
                "the containers offering needs 'containersExternalId': the external"
                    + " ID in the trust policy of the DefenderForCloud-DataCollection role that the portal's CloudFormation stack creates"));
      }
      if (a.rdsRoleArn() != null && !a.rdsRoleArn().startsWith("arn:aws:iam::" + a.id() + ":")) {
        findings.add(
            Finding.error(
                Code.E305, base + "/rdsRoleArn", "the RDS role must belong to account " + a.id()));
      }
      if (a.organization() != null && a.organization().excludedAccountIds().contains(a.id())) {
        findings.add(
            Finding.error(
                Code.E309,
                base + "/organization/excludedAccountIds",
                "the management account cannot exclude itself"));
      }
    }
    List<ThreatProtection.GcpProject> projects = t.gcpProjects();
    unique(
        "/threat/gcp/projects",
        projects.stream().map(ThreatProtection.GcpProject::projectId).toList(),
        "projectId",
        "GCP project ID");
    unique(
        "/threat/gcp/projects",
        projects.stream().map(ThreatProtection.GcpProject::projectNumber).toList(),
        "projectNumber",
        "GCP project number");
    if ((!accounts.isEmpty() || !projects.isEmpty()) && t.connectorHost() == null) {
      findings.add(
          Finding.error(
              Code.E301,
              "/threat",
              "AWS accounts and GCP projects need 'connectorHost': the subscription,"
                  + " resource group and region that hold their security connectors"));
    }
    if (t.connectorHost() != null && Uniqueness.NIL_GUID.equals(t.connectorHost().subscription())) {
      findings.add(
          Finding.error(
              Code.E305,
              "/threat/connectorHost/subscription",
              "the nil GUID is not a subscription ID"));
    }
  }

  private void plans(Map<String, PlanSettings> plans, String pointer) {
    for (Map.Entry<String, PlanSettings> e : plans.entrySet()) {
      String at = JsonPointers.child(pointer, e.getKey());
      var plan = catalogue.plan(e.getKey());
      if (plan.isEmpty()) {
        String hint =
            Suggestions.closest(e.getKey(), catalogue.names())
                .map(s -> "; did you mean " + s + "?")
                .orElse("");
        findings.add(
            Finding.errorAtKey(Code.E311, at, "unknown Defender plan '" + e.getKey() + "'" + hint));
        continue;
      }
      DefenderPlans.Plan p = plan.get();
      if (p.deprecated()) {
        findings.add(
            Finding.errorAtKey(
                Code.E311,
                at,
                e.getKey()
                    + " is deprecated"
                    + (p.replacedBy() == null ? "" : "; use " + p.replacedBy())));
        continue;
      }
      PlanSettings s = e.getValue();
      if (s.subPlan() != null) {
        if (p.unconfirmedSubPlans().contains(s.subPlan())) {
          findings.add(
              Finding.error(
                  Code.E311,
                  at + "/subPlan",
                  "sub-plan "
                      + s.subPlan()
                      + " of "
                      + e.getKey()
                      + " is not documented by Microsoft; documented: "
                      + String.join(", ", p.subPlans())));
        } else if (!p.subPlans().contains(s.subPlan())) {
          findings.add(
              Finding.error(
                  Code.E311,
                  at + "/subPlan",
                  p.subPlans().isEmpty()
                      ? e.getKey() + " has no sub-plans"
                      : "unknown sub-plan '"
                          + s.subPlan()
                          + "' for "
                          + e.getKey()
                          + "; documented: "
                          + String.join(", ", p.subPlans())));
        }
      }
      for (Map.Entry<String, ExtensionSettings> x : s.extensions().entrySet()) {
        extension(p, x.getKey(), x.getValue(), JsonPointers.child(at + "/extensions", x.getKey()));
      }
    }
  }

  private void extension(DefenderPlans.Plan plan, String name, ExtensionSettings s, String at) {
    DefenderPlans.Extension ext = plan.extensions().get(name);
    if (ext == null || !ext.confirmed()) {
      String where = otherPlanWith(name).map(p -> "; it is an extension of " + p).orElse("");
      String hint =
          Suggestions.closest(name, plan.extensions().keySet())
              .map(x -> "; did you mean " + x + "?")
              .orElse("");
      String why =
          ext == null
              ? "unknown extension '" + name + "' for plan " + plan.name() + where + hint
              : "extension "
                  + name
                  + " of "
                  + plan.name()
                  + " is not documented by Microsoft, so it is not deployed";
      findings.add(Finding.errorAtKey(Code.E311, at, why));
      return;
    }
    if (!s.enabled() && (!s.properties().isEmpty() || !s.exclusionTags().isEmpty())) {
      findings.add(
          Finding.errorAtKey(
              Code.E311,
              at + "/properties",
              "a disabled extension takes no properties"
                  + " (the service answers HTTP 500); remove them or enable "
                  + name));
    }
    for (Map.Entry<String, JsonNode> property : s.properties().entrySet()) {
      String prop = property.getKey();
      String p = JsonPointers.child(at + "/properties", prop);
      PropertyType type = ext.properties().get(prop);
      if (type != null && type.kind() == PropertyType.Kind.EXCLUSION_TAGS) {
        findings.add(
            Finding.errorAtKey(
                Code.E311,
                p,
                "give ExclusionTags as 'exclusionTags' (a list of key and value); it is"
                    + " serialised for the API"));
      } else if (type == null) {
        String owner = ownerOfProperty(prop).map(o -> "; it is a property of " + o).orElse("");
        findings.add(
            Finding.errorAtKey(
                Code.E311,
                p,
                "'"
                    + prop
                    + "' is not a documented property of "
                    + plan.name()
                    + "/"
                    + name
                    + owner));
      } else {
        type.problem(property.getValue())
            .ifPresent(
                problem ->
                    findings.add(
                        Finding.error(
                            Code.E312,
                            p,
                            prop + " of " + plan.name() + "/" + name + " " + problem)));
      }
    }
    if (!s.exclusionTags().isEmpty()
        && !ext.properties().containsKey(DefenderPlans.EXCLUSION_TAGS)) {
      findings.add(
          Finding.errorAtKey(
              Code.E311, at + "/exclusionTags", "exclusionTags apply to AgentlessVmScanning only"));
    }
  }

  private java.util.Optional<String> otherPlanWith(String extension) {
    return catalogue.names().stream()
        .filter(n -> catalogue.plan(n).orElseThrow().extensions().containsKey(extension))
        .findFirst();
  }

  private java.util.Optional<String> ownerOfProperty(String property) {
    for (String n : catalogue.names()) {
      for (DefenderPlans.Extension e : catalogue.plan(n).orElseThrow().extensions().values()) {
        if (e.properties().containsKey(property)) {
          return java.util.Optional.of(n + "/" + e.name());
        }
      }
    }
    return java.util.Optional.empty();
  }

  private void unique(String listPointer, List<String> values, String field, String what) {
    findings.addAll(Uniqueness.duplicates(listPointer, values, field, what));
  }
}
