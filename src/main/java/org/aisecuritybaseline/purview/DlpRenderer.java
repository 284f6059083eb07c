package org.aisecuritybaseline.purview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.family.ManagedMarker;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.DataProtection;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.render.Templates;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The data-protection family: one definition per DLP policy in the cmdlets' parameter names,
 * deployment.json and the static deploy script.
 */
public final class DlpRenderer {
  public static final String DIR = "purview/";

  static final String SCRIPT_TEMPLATE = "scripts/deploy-dlp.ps1.ftl";

  private DlpRenderer() {}

  public static List<Artifact> render(Estate estate, List<PlannedDlpPolicy> policies) {
    List<Artifact> out = new ArrayList<>();
    for (DataProtection.Label l : Labels.managed(estate.data())) {
      out.add(
          new Artifact(
              DIR + LabelRenderer.file(l), Json.writeBytes(LabelRenderer.definition(estate, l))));
    }
    for (DataProtection.LabelPolicy lp : estate.data().labelPolicies()) {
      out.add(
          new Artifact(
              DIR + LabelRenderer.file(lp), Json.writeBytes(LabelRenderer.definition(estate, lp))));
    }
    for (PlannedDlpPolicy p : policies) {
      out.add(new Artifact(DIR + file(p), Json.writeBytes(definition(estate, p))));
    }
    CollectionPolicies.copilot(estate)
        .ifPresent(
            c ->
                out.add(
                    new Artifact(
                        DIR + CollectionPolicies.COPILOT_FILE,
                        Json.writeBytes(CollectionPolicies.definition(c)))));
    out.add(new Artifact(DIR + "deployment.json", Json.writeBytes(deployment(estate, policies))));
    out.add(
        Artifact.text(
            DIR + "deploy-dlp.ps1", Templates.renderStatic(SCRIPT_TEMPLATE, Version.VALUE)));
    return out;
  }

  public static String file(PlannedDlpPolicy p) {
    return "dlp/" + p.fileStem() + ".json";
  }

  /**
   * The definition of one policy: {@code policy} holds New-DlpCompliancePolicy's parameters, each
   * rule New-DlpComplianceRule's.
   */
  public static ObjectNode definition(Estate estate, PlannedDlpPolicy p) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("formatVersion", 1);
    root.put("id", p.id());
    ObjectNode policy = root.putObject("policy");
    policy.put("Name", p.policyName());
    policy.put("Comment", p.summary() + " " + ManagedMarker.TEXT);
    policy.put("Mode", p.stage().mode());
    for (DlpLocation l : p.locations()) {
      DlpExclusions ex = DlpExclusions.forLocation(l, estate);
      if (l == DlpLocation.COPILOT) {
        policy.put("Locations", Json.compact(copilotLocations(ex.copilot())));
        policy.set("EnforcementPlanes", Json.stringArray(List.of("CopilotExperiences")));
      } else {
        policy.set(l.parameter(), Json.stringArray(List.of("All")));
        ex.parameters().forEach((name, values) -> policy.set(name, Json.stringArray(values)));
      }
    }
    ArrayNode rules = root.putArray("rules");
    for (int i = 0; i < p.rules().size(); i++) {
      rules.add(rule(estate, p, i));
    }
    return (ObjectNode) Json.sortKeys(root);
  }

  private static ArrayNode copilotLocations(List<Map<String, String>> exclusions) {
    ArrayNode locations = Json.NODES.arrayNode();
    ObjectNode copilot = locations.addObject();
    copilot.put("Workload", "Applications");
    copilot.put("Location", DlpLocation.COPILOT_LOCATION_ID);
    copilot.putArray("Inclusions").addObject().put("Type", "Tenant").put("Identity", "All");
    if (!exclusions.isEmpty()) {
      ArrayNode ex = copilot.putArray("Exclusions");
      exclusions.forEach(
          e -> ex.addObject().put("Type", e.get("Type")).put("Identity", e.get("Identity")));
    }
    return locations;
  }

  private static ObjectNode rule(Estate estate, PlannedDlpPolicy p, int index) {
    DataProtection.Rule r = p.rules().get(index);
    DataProtection.Actions a = r.actions();
    ObjectNode rule = Json.NODES.objectNode();
    rule.put("Name", p.ruleName(index));
    rule.put(
        "Comment", "Rule " + (index + 1) + " of " + p.policyName() + ". " + ManagedMarker.TEXT);
    rule.put("Priority", index);
    List<String> labelIds =
        r.labels().stream()
            .map(
                k ->
                    Labels.conditionReference(
                        estate.data(),
                        estate
                            .data()
                            .label(k)
                            .orElseThrow(() -> new IllegalStateException("label " + k))))
            .toList();
    List<ObjectNode> sits = sensitiveTypes(r);
    if (p.isCopilot() && !labelIds.isEmpty()) {
      rule.put("AdvancedRule", Json.compact(advancedLabelRule(labelIds)));
    } else {
      ObjectNode group = Json.NODES.objectNode();
      group.put("operator", "Or");
      group.put("name", "Default");
      if (!sits.isEmpty()) {
        ArrayNode types = group.putArray("sensitivetypes");
        sits.forEach(types::add);
      }
      if (!labelIds.isEmpty()) {
        ArrayNode labels = group.putArray("labels");
        labelIds.forEach(id -> labels.addObject().put("name", id).put("type", "Sensitivity"));
      }
      ObjectNode condition = Json.NODES.objectNode();
      condition.put("operator", "And");
      condition.putArray("groups").add(group);
      rule.putArray("ContentContainsSensitiveInformation").add(condition);
    }
    if (r.externalOnly()) {
      rule.put("AccessScope", "NotInOrganization");
    }
    if (Boolean.TRUE.equals(a.blockAccess())) {
      rule.put("BlockAccess", true);
      rule.put("BlockAccessScope", a.blockAccessScope() == null ? "All" : a.blockAccessScope());
    }
    if (!a.notifyUser().isEmpty()) {
      rule.set("NotifyUser", Json.stringArray(a.notifyUser()));
    }
    if (a.policyTip() != null) {
      rule.put("NotifyPolicyTipCustomText", a.policyTip());
    }
    if (Boolean.TRUE.equals(a.allowOverride())) {
      rule.set("NotifyAllowOverride", Json.stringArray(List.of("WithJustification")));
    }
    if (!a.incidentReport().isEmpty()) {
      rule.set("GenerateIncidentReport", Json.stringArray(a.incidentReport()));
      rule.set("IncidentReportContent", Json.stringArray(List.of("All")));
    }
    if (!a.alert().isEmpty()) {
      rule.set("GenerateAlert", Json.stringArray(a.alert()));
    }
    if (a.severity() != null) {
      rule.put("ReportSeverityLevel", a.severity());
    }
    if (!a.endpoint().isEmpty()) {
      ArrayNode endpoint = rule.putArray("EndpointDlpRestrictions");
      a.endpoint()
          .forEach(e -> endpoint.addObject().put("Setting", e.setting()).put("Value", e.value()));
    }
    if (Boolean.TRUE.equals(a.restrictCopilotProcessing())) {
      rule.putArray("RestrictAccess")
          .addObject()
          .put("setting", "ExcludeContentProcessing")
          .put("value", "Block");
    }
    if (Boolean.TRUE.equals(a.restrictWebGrounding())) {
      rule.put("RestrictWebGrounding", true);
    }
    return rule;
  }

  /**
   * Each sensitive information type with its GUID (names are localised per tenant) and thresholds.
   */
  static List<ObjectNode> sensitiveTypes(DataProtection.Rule r) {
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode ref : r.sensitiveInfoTypes()) {
      String key = ref.isString() ? ref.asString() : ref.get("type").asString();
      SensitiveInfoTypes.Type type =
          SensitiveInfoTypes.get()
              .type(key)
              .orElseThrow(() -> new IllegalStateException("sensitive information type " + key));
      int minCount =
          ref.isObject() && ref.has("minCount")
              ? ref.get("minCount").asInt()
              : r.minCount() == null ? 1 : r.minCount();
      int maxCount = ref.isObject() && ref.has("maxCount") ? ref.get("maxCount").asInt() : -1;
      String confidence =
          ref.isObject() && ref.has("confidence")
              ? ref.get("confidence").asString()
              : type.recommendedConfidence();
      ObjectNode t = Json.NODES.objectNode();
      t.put("name", type.name());
      t.put("id", type.id());
      t.put("mincount", minCount);
      t.put("maxcount", maxCount);
      t.put("minconfidence", SensitiveInfoTypes.minConfidence(confidence));
      t.put("maxconfidence", 100);
      out.add(t);
    }
    return out;
  }

  /** Microsoft's Copilot example: a label condition as AdvancedRule JSON, labels by GUID. */
  private static ObjectNode advancedLabelRule(List<String> labelIds) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("Version", "1.0");
    ObjectNode condition = root.putObject("Condition");
    condition.put("Operator", "And");
    ObjectNode sub = condition.putArray("SubConditions").addObject();
    sub.put("ConditionName", "ContentContainsSensitiveInformation");
    ObjectNode group = sub.putArray("Value").addObject().putArray("groups").addObject();
    group.put("Operator", "Or");
    group.put("name", "Default");
    ArrayNode labels = group.putArray("labels");
    labelIds.forEach(id -> labels.addObject().put("name", id).put("type", "Sensitivity"));
    return root;
  }

  private static ObjectNode deployment(Estate estate, List<PlannedDlpPolicy> policies) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("formatVersion", 1);
    root.put("generator", Version.NAME + " " + Version.VALUE);
    root.put("tenantId", estate.tenant().id().toLowerCase(java.util.Locale.ROOT));
    root.put("managedMarker", ManagedMarker.TEXT);
    if (LabelRenderer.auditLogReadiness(estate)) {
      root.putObject("readiness").put("unifiedAuditLogIngestion", true);
    }
    List<DataProtection.Label> labels = Labels.managed(estate.data());
    if (!labels.isEmpty()) {
      ArrayNode list = root.putArray("labels");
      for (DataProtection.Label l : labels) {
        list.addObject()
            .put("key", l.key())
            .put("name", Labels.uniqueName(estate.data(), l))
            .put("file", LabelRenderer.file(l));
      }
    }
    if (!estate.data().labelPolicies().isEmpty()) {
      ArrayNode list = root.putArray("labelPolicies");
      for (DataProtection.LabelPolicy lp : estate.data().labelPolicies()) {
        list.addObject()
            .put("key", lp.key())
            .put("name", lp.name())
            .put("file", LabelRenderer.file(lp));
      }
    }
    ArrayNode list = root.putArray("policies");
    for (PlannedDlpPolicy p : policies) {
      list.addObject().put("id", p.id()).put("name", p.policyName()).put("file", file(p));
    }
    if (CollectionPolicies.copilot(estate).isPresent()) {
      root.putArray("featureConfigurations")
          .addObject()
          .put("name", CollectionPolicies.COPILOT_NAME)
          .put("file", CollectionPolicies.COPILOT_FILE);
    }
    if (AiSitesPolicyStatus.applies(estate)) {
      ObjectNode verify = root.putArray("verify").addObject();
      verify.put("what", "Generative AI websites endpoint DLP policy (manual step)");
      verify.set("names", Json.stringArray(AiSitesPolicyStatus.names(estate)));
    }
    return root;
  }
}
