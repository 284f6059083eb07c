package org.aisecuritybaseline.defender;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.load.JsonPointers;
import org.aisecuritybaseline.model.Capability;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.ThreatProtection;
import org.aisecuritybaseline.model.ThreatProtection.ExtensionSettings;
import org.aisecuritybaseline.model.ThreatProtection.PlanSettings;
import tools.jackson.databind.JsonNode;

/**
 * The Defender plan state of each subscription: the recommended profile, then AI-workload plans,
 * then the estate's profile changes, then the subscription's own, each layer overriding the one
 * before. Every documented extension of a Standard plan is stated explicitly, because a PUT that
 * leaves one out keeps whatever the subscription had.
 */
public final class DefenderExpander {
  /**
   * A layer of plan settings and where it comes from in the estate (null for built-in data). An
   * extension that a profile-wide layer enables but the subscription's sub-plan lacks (P2-only
   * extensions on a P1 subscription) does not apply there; enabling it in the subscription's own
   * settings is an error.
   */
  private record Layer(Map<String, PlanSettings> plans, String pointer) {}

  /** Why an extension of a subscription is as it is, for the README. */
  private static final String PURVIEW_ON =
      "On: the estate's licences include an E5-class compliance licence (Microsoft Purview).";

  private final Estate estate;
  private final DefenderPlans catalogue = DefenderPlans.get();
  private final List<Finding> findings = new ArrayList<>();

  private DefenderExpander(Estate estate) {
    this.estate = estate;
  }

  public record Result(List<PlannedSubscription> subscriptions, List<Finding> findings)
      implements org.aisecuritybaseline.family.Family.Result {
    @Override
    public List<org.aisecuritybaseline.family.LeftOut> leftOut() {
      return List.of();
    }

    @Override
    public List<org.aisecuritybaseline.family.LeftOut> limitations() {
      return List.of();
    }
  }

  public static Result expand(Estate estate) {
    DefenderExpander e = new DefenderExpander(estate);
    List<PlannedSubscription> out = new ArrayList<>();
    List<ThreatProtection.Subscription> subs = estate.threat().subscriptions();
    for (int i = 0; i < subs.size(); i++) {
      out.add(e.plan(subs.get(i), "/threat/azure/subscriptions/" + i));
    }
    return new Result(List.copyOf(out), List.copyOf(e.findings));
  }

  private PlannedSubscription plan(ThreatProtection.Subscription sub, String pointer) {
    RecommendedProfile profile = RecommendedProfile.get();
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer(profile.plans(), null));
    if (sub.hostsAiWorkloads()) {
      layers.add(new Layer(aiPlans(profile), null));
    }
    ThreatProtection.Azure azure = estate.threat().azure();
    layers.add(new Layer(azure.plans(), "/threat/azure/plans"));
    layers.add(new Layer(sub.plans(), pointer + "/plans"));

    Map<String, String> tier = new TreeMap<>();
    Map<String, String> subPlan = new TreeMap<>();
    Map<String, Map<String, ExtensionSettings>> extensions = new TreeMap<>();
    Map<String, String> extensionPointer = new TreeMap<>();
    Map<String, Layer> extensionLayer = new TreeMap<>();
    for (Layer layer : layers) {
      for (Map.Entry<String, PlanSettings> e : layer.plans().entrySet()) {
        String plan = e.getKey();
        PlanSettings s = e.getValue();
        if (s.tier() != null) {
          tier.put(plan, s.tier());
        }
        if (s.subPlan() != null) {
          subPlan.put(plan, s.subPlan());
        }
        Map<String, ExtensionSettings> ext = extensions.computeIfAbsent(plan, k -> new TreeMap<>());
        s.extensions()
            .forEach(
                (name, settings) -> {
                  ext.put(name, settings);
                  extensionLayer.put(plan + "/" + name, layer);
                  if (layer.pointer() != null) {
                    extensionPointer.put(
                        plan + "/" + name,
                        JsonPointers.child(
                            JsonPointers.child(layer.pointer(), plan) + "/extensions", name));
                  }
                });
      }
    }
    List<PlannedSubscription.PlanState> states = new ArrayList<>();
    for (Map.Entry<String, String> t : tier.entrySet()) {
      String name = t.getKey();
      DefenderPlans.Plan plan =
          catalogue.plan(name).orElseThrow(() -> new IllegalStateException("plan " + name));
      if (t.getValue().equals("Free")) {
        extensions
            .getOrDefault(name, Map.of())
            .forEach(
                (ext, s) -> {
                  String at = extensionPointer.get(name + "/" + ext);
                  if (at != null && s.enabled()) {
                    findings.add(
                        Finding.errorAtKey(
                            Code.E311,
                            at,
                            name
                                + " is Free on subscription "
                                + sub.id()
                                + "; extensions apply only to Standard plans"));
                  }
                });
        states.add(new PlannedSubscription.PlanState(name, "Free", null, List.of()));
        continue;
      }
      String sp = subPlan.get(name);
      if (sp == null && !plan.subPlans().isEmpty()) {
        sp = plan.subPlans().get(plan.subPlans().size() - 1);
      }
      Map<String, ExtensionSettings> wanted = extensions.getOrDefault(name, Map.of());
      List<PlannedSubscription.ExtensionState> ext = new ArrayList<>();
      for (DefenderPlans.Extension known : plan.extensionsFor(sp)) {
        ExtensionSettings s = wanted.get(known.name());
        boolean on = s != null && s.enabled();
        String key = name + "/" + known.name();
        ext.add(
            new PlannedSubscription.ExtensionState(
                known.name(),
                on,
                on ? properties(known, s) : Map.of(),
                why(key, on, extensionLayer.get(key), extensionPointer.get(key), profile)));
      }
      for (Map.Entry<String, ExtensionSettings> w : wanted.entrySet()) {
        DefenderPlans.Extension known = plan.extensions().get(w.getKey());
        String at = extensionPointer.get(name + "/" + w.getKey());
        boolean ownSetting = at != null && at.startsWith(pointer + "/");
        if (ownSetting
            && known != null
            && known.confirmed()
            && w.getValue().enabled()
            && !known.subPlans().isEmpty()
            && !known.subPlans().contains(sp)) {
          findings.add(
              Finding.errorAtKey(
                  Code.E311,
                  at,
                  w.getKey()
                      + " of "
                      + name
                      + " needs sub-plan "
                      + String.join(" or ", known.subPlans())
                      + "; subscription "
                      + sub.id()
                      + " has "
                      + sp));
        }
      }
      states.add(new PlannedSubscription.PlanState(name, "Standard", sp, List.copyOf(ext)));
    }
    return new PlannedSubscription(
        sub.id().toLowerCase(java.util.Locale.ROOT),
        sub.name(),
        sub.hostsAiWorkloads(),
        List.copyOf(states));
  }

  /**
   * What decided an extension's state: the estate layer that set it last (its pointer), else the
   * profile's basis for it; prompt sharing with Purview says when the licence turned it on.
   */
  private static String why(
      String key, boolean on, Layer layer, String pointer, RecommendedProfile profile) {
    if (layer != null && layer.pointer() != null && pointer != null) {
      return "Set " + (on ? "on" : "off") + " in the estate (" + pointer + ").";
    }
    if (on && key.equals("AI/AIPromptSharingWithPurview")) {
      return PURVIEW_ON;
    }
    RecommendedProfile.Basis basis = profile.basis().get(key);
    return basis == null ? "Not set by the profile or the estate." : basis.describe();
  }

  /**
   * AI plans for AI-workload subscriptions; prompt sharing with Purview when the tenant has
   * E5-class Purview.
   */
  private Map<String, PlanSettings> aiPlans(RecommendedProfile profile) {
    Map<String, PlanSettings> plans = new LinkedHashMap<>(profile.aiWorkloadPlans());
    PlanSettings ai = plans.get("AI");
    if (ai != null && estate.capabilities().contains(Capability.PURVIEW_DLP_ADVANCED)) {
      Map<String, ExtensionSettings> ext = new TreeMap<>(ai.extensions());
      ext.put("AIPromptSharingWithPurview", new ExtensionSettings(true, null, null));
      plans.put("AI", new PlanSettings(ai.tier(), ai.subPlan(), ext));
    }
    return plans;
  }

  /**
   * additionalExtensionProperties: the estate's properties, each as ARM takes it (its documented
   * type), plus ExclusionTags as the JSON-array string the API takes.
   */
  private static Map<String, JsonNode> properties(
      DefenderPlans.Extension known, ExtensionSettings s) {
    Map<String, JsonNode> props = new TreeMap<>();
    s.properties()
        .forEach(
            (name, value) -> {
              PropertyType type = known.properties().get(name);
              if (type == null) {
                throw new IllegalStateException(
                    "undocumented property " + name + " of " + known.name());
              }
              props.put(name, type.render(value));
            });
    if (!s.exclusionTags().isEmpty()) {
      var array = Json.NODES.arrayNode();
      s.exclusionTags().forEach(t -> array.addObject().put("Key", t.key()).put("Value", t.value()));
      props.put(DefenderPlans.EXCLUSION_TAGS, Json.NODES.stringNode(Json.compact(array)));
    }
    return props;
  }
}
