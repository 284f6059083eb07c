package org.aisecuritybaseline.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.aisecuritybaseline.defender.DefenderExpander;
import org.aisecuritybaseline.defender.DefenderPlans;
import org.aisecuritybaseline.defender.PlannedSubscription;
import org.aisecuritybaseline.defender.PropertyType;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defender for Cloud pricings as the estate's {@code threat.azure}: every subscription of the
 * snapshot, AI workloads where its AI plan is on, and per subscription only what differs from the
 * recommended profile (its tier, sub-plan, extensions and their properties), so that generating
 * deploys what the subscription has. What the estate cannot set (a plan, sub-plan, extension or
 * property it does not document) is listed. Security connectors (AWS, GCP) become
 * threat.connectorHost, threat.aws and threat.gcp ({@link ConnectorImport}).
 */
final class DefenderImport {
  /** Only to expand the profile; never written (the user chooses the real region). */
  private static final String ANY_REGION = "westeurope";

  private final Notes notes;
  private final DefenderPlans catalogue = DefenderPlans.get();

  /** One plan as the subscription has it. */
  private record Tenant(String tier, String subPlan, Map<String, TenantExtension> extensions) {}

  private record TenantExtension(boolean enabled, JsonNode properties) {}

  private DefenderImport(Notes notes) {
    this.notes = notes;
  }

  /**
   * The threat section, or null when the snapshot has no pricings and no connector the estate can
   * declare; {@code region} is written as deploymentLocation when given.
   */
  static ObjectNode convert(TenantSnapshot snapshot, String region, Notes notes) {
    DefenderImport d = new DefenderImport(notes);
    Map<String, Map<String, Tenant>> subscriptions = new TreeMap<>();
    for (TenantObject p : Importer.list(snapshot.pricings())) {
      String sub = p.scope() == null ? "" : p.scope().toLowerCase(Locale.ROOT);
      String plan = p.id() != null ? p.id() : p.body().path("name").asString("");
      if (!Normal.GUID.matcher(sub).matches() || plan.isEmpty()) {
        notes.add(
            Code.W650,
            "Defender pricing " + Importer.quotedName(p),
            "not imported: it names no plan or no subscription ID");
        continue;
      }
      subscriptions.computeIfAbsent(sub, k -> new TreeMap<>()).put(plan, d.read(p.body()));
    }
    ObjectNode threat = null;
    if (!subscriptions.isEmpty()) {
      threat = d.azure(subscriptions, region);
    }
    return ConnectorImport.convert(Importer.list(snapshot.connectors()), threat, notes);
  }

  private ObjectNode azure(Map<String, Map<String, Tenant>> subscriptions, String region) {
    DefenderImport d = this;
    ArrayNode list = Json.NODES.arrayNode();
    subscriptions.forEach((id, plans) -> list.add(d.subscription(id, plans)));
    ObjectNode threat = Json.NODES.objectNode();
    ObjectNode azure = threat.putObject("azure");
    if (region != null) {
      azure.put("deploymentLocation", region);
    }
    azure.set("subscriptions", list);
    d.verify(subscriptions, list);
    return threat;
  }

  private Tenant read(JsonNode body) {
    JsonNode p = body.has("properties") ? body.get("properties") : body;
    Map<String, TenantExtension> ext = new TreeMap<>();
    for (JsonNode e : p.path("extensions")) {
      JsonNode on = e.path("isEnabled");
      ext.put(
          e.path("name").asString(""),
          new TenantExtension(
              on.isBoolean() ? on.booleanValue() : on.asString("").equalsIgnoreCase("true"),
              e.path("additionalExtensionProperties")));
    }
    return new Tenant(
        p.path("pricingTier").asString("Free"), p.path("subPlan").asString(null), ext);
  }

  private ObjectNode subscription(String id, Map<String, Tenant> tenant) {
    boolean ai = tenant.containsKey("AI") && tenant.get("AI").tier().equals("Standard");
    String subject = "subscription " + id;
    ObjectNode plans = Json.NODES.objectNode();
    // First the tiers and sub-plans, then the extensions of the sub-plans that result.
    Map<String, PlannedSubscription.PlanState> profile = expand(id, ai, plans);
    for (Map.Entry<String, Tenant> e : tenant.entrySet()) {
      String name = e.getKey();
      Tenant t = e.getValue();
      PlannedSubscription.PlanState d = profile.get(name);
      boolean standard = t.tier().equals("Standard");
      var plan = catalogue.plan(name);
      if (plan.isEmpty()) {
        if (standard) {
          notes.add(
              Code.W650,
              subject,
              "plan " + name + " (Standard) not imported: the estate does not know this plan");
        }
        continue;
      }
      if (!standard) {
        if (d != null && d.tier().equals("Standard")) {
          plans.putObject(name).put("tier", "Free");
        }
        continue;
      }
      ObjectNode dev = Json.NODES.objectNode();
      String base;
      if (d == null || d.tier().equals("Free")) {
        dev.put("tier", "Standard");
        List<String> subPlans = plan.get().subPlans();
        base = subPlans.isEmpty() ? null : subPlans.get(subPlans.size() - 1);
      } else {
        base = d.subPlan();
      }
      if (t.subPlan() != null && !t.subPlan().equals(base)) {
        if (plan.get().subPlans().contains(t.subPlan())) {
          dev.put("subPlan", t.subPlan());
        } else {
          notes.add(
              Code.W650,
              subject,
              "plan "
                  + name
                  + ": sub-plan "
                  + t.subPlan()
                  + " not imported, the estate does not document it (it deploys "
                  + base
                  + ")");
        }
      }
      if (!dev.isEmpty()) {
        plans.set(name, dev);
      }
    }
    Map<String, PlannedSubscription.PlanState> withTiers = expand(id, ai, plans);
    for (Map.Entry<String, Tenant> e : tenant.entrySet()) {
      PlannedSubscription.PlanState d = withTiers.get(e.getKey());
      if (d != null && d.tier().equals("Standard") && e.getValue().tier().equals("Standard")) {
        extensions(subject, e.getKey(), e.getValue(), d, plans);
      }
    }
    ObjectNode sub = Json.NODES.objectNode().put("id", id).put("hostsAiWorkloads", ai);
    if (!plans.isEmpty()) {
      sub.set("plans", plans);
    }
    return sub;
  }

  private void extensions(
      String subject,
      String planName,
      Tenant t,
      PlannedSubscription.PlanState d,
      ObjectNode plans) {
    DefenderPlans.Plan plan = catalogue.plan(planName).orElseThrow();
    Map<String, PlannedSubscription.ExtensionState> planned = new TreeMap<>();
    d.extensions().forEach(x -> planned.put(x.name(), x));
    for (Map.Entry<String, TenantExtension> e : t.extensions().entrySet()) {
      String name = e.getKey();
      TenantExtension x = e.getValue();
      PlannedSubscription.ExtensionState p = planned.get(name);
      if (p == null) {
        if (x.enabled()) {
          notes.add(
              Code.W650,
              subject,
              "plan "
                  + planName
                  + ": extension "
                  + name
                  + " (on) not imported: the estate does not set it for sub-plan "
                  + d.subPlan());
        }
        continue;
      }
      ObjectNode settings = Json.NODES.objectNode().put("enabled", x.enabled());
      boolean differs = x.enabled() != p.enabled();
      if (x.enabled()) {
        Map<String, JsonNode> armProps = new TreeMap<>();
        ObjectNode props = Json.NODES.objectNode();
        ArrayNode tags = Json.NODES.arrayNode();
        DefenderPlans.Extension known = plan.extensions().get(name);
        for (Map.Entry<String, JsonNode> prop : x.properties().properties()) {
          String key = prop.getKey();
          if (key.equals(DefenderPlans.EXCLUSION_TAGS)) {
            JsonNode parsed = tags(prop.getValue());
            if (parsed == null) {
              notes.add(
                  Code.W650,
                  subject,
                  "plan "
                      + planName
                      + ": "
                      + name
                      + "'s ExclusionTags not imported: not a tag list");
              continue;
            }
            parsed.forEach(
                tag ->
                    tags.addObject()
                        .put("key", tag.path("Key").asString(""))
                        .put("value", tag.path("Value").asString("")));
            armProps.put(key, Json.NODES.stringNode(Json.compact(parsed)));
            continue;
          }
          PropertyType type = known == null ? null : known.properties().get(key);
          JsonNode value = type == null ? null : estateValue(type, prop.getValue());
          if (value == null) {
            notes.add(
                Code.W650,
                subject,
                "plan "
                    + planName
                    + ": "
                    + name
                    + "'s property "
                    + key
                    + " not imported: the estate does not document it with this value");
            continue;
          }
          props.set(key, value);
          armProps.put(key, type.render(value));
        }
        if (!armProps.equals(new TreeMap<>(p.properties()))) {
          differs = true;
          if (!props.isEmpty()) {
            settings.set("properties", props);
          }
          if (!tags.isEmpty()) {
            settings.set("exclusionTags", tags);
          }
        }
      }
      if (differs) {
        ObjectNode dev =
            plans.has(planName) ? (ObjectNode) plans.get(planName) : plans.putObject(planName);
        dev.withObject("/extensions").set(name, settings);
      }
    }
  }

  /** ExclusionTags as ARM keeps it: a JSON array as a string (or the array itself). */
  private static JsonNode tags(JsonNode value) {
    try {
      JsonNode parsed = value.isString() ? Json.parse(value.asString()) : value;
      return parsed.isArray() ? parsed : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A property as the estate writes it (a number, true or false), or null when it has no form. */
  private static JsonNode estateValue(PropertyType type, JsonNode arm) {
    JsonNode value =
        switch (type.kind()) {
          case INTEGER -> {
            String s = arm.isNumber() ? arm.asString() : arm.asString("").trim();
            yield s.matches("-?[0-9]{1,18}") ? Json.NODES.numberNode(Long.parseLong(s)) : null;
          }
          case BOOLEAN -> {
            String s = arm.isBoolean() ? String.valueOf(arm.booleanValue()) : arm.asString("");
            yield s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")
                ? Json.NODES.booleanNode(s.equalsIgnoreCase("true"))
                : null;
          }
          case EXCLUSION_TAGS -> null;
        };
    return value == null || type.problem(value).isPresent() ? null : value;
  }

  /** The plan states the estate gives one subscription with {@code plans} as its own settings. */
  private static Map<String, PlannedSubscription.PlanState> expand(
      String id, boolean ai, ObjectNode plans) {
    ObjectNode tree = Json.NODES.objectNode();
    tree.putObject("tenant").put("id", id).putArray("licences").add("entraIdP1");
    ObjectNode sub = Json.NODES.objectNode().put("id", id).put("hostsAiWorkloads", ai);
    sub.set("plans", plans.deepCopy());
    ObjectNode azure = tree.putObject("threat").putObject("azure");
    azure.put("deploymentLocation", ANY_REGION);
    azure.putArray("subscriptions").add(sub);
    Estate estate = Json.bind(tree, Estate.class);
    Map<String, PlannedSubscription.PlanState> out = new LinkedHashMap<>();
    DefenderExpander.expand(estate)
        .subscriptions()
        .get(0)
        .plans()
        .forEach(p -> out.put(p.name(), p));
    return out;
  }

  /** What the estate deploys against what each subscription has: a difference is listed. */
  private void verify(Map<String, Map<String, Tenant>> tenant, ArrayNode written) {
    for (JsonNode sub : written) {
      String id = sub.get("id").asString();
      ObjectNode plans = sub.has("plans") ? (ObjectNode) sub.get("plans") : Json.NODES.objectNode();
      Map<String, PlannedSubscription.PlanState> planned =
          expand(id, sub.get("hostsAiWorkloads").asBoolean(), plans);
      List<String> differences = new ArrayList<>();
      tenant
          .get(id)
          .forEach(
              (name, t) -> {
                PlannedSubscription.PlanState p = planned.get(name);
                if (p == null || catalogue.plan(name).isEmpty()) {
                  return;
                }
                if (!p.tier().equals(t.tier())) {
                  differences.add(name + " " + p.tier());
                } else if (t.tier().equals("Standard")
                    && t.subPlan() != null
                    && !t.subPlan().equals(p.subPlan())) {
                  differences.add(name + " sub-plan " + p.subPlan());
                }
              });
      if (!differences.isEmpty()) {
        notes.add(
            Code.W650,
            "subscription " + id,
            "the estate deploys " + String.join(", ", differences) + ", unlike the subscription");
      }
    }
  }
}
