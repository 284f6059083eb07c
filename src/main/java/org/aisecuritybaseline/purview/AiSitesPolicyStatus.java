package org.aisecuritybaseline.purview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Capability;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import tools.jackson.databind.JsonNode;

/**
 * Whether a tenant snapshot has the endpoint DLP policy that restricts pasting and uploading
 * sensitive data to generative-AI websites: the policy the output README describes as a manual step
 * (it is not generated: Microsoft documents no cmdlet syntax for the built-in "Generative AI
 * Websites" service-domain group; shared/reference/notes/dspm-for-ai.md sections 0 and 1). One
 * evaluation for {@code plan --against-tenant} and {@code check --against-tenant}.
 *
 * <p>Found, in this order:
 *
 * <ol>
 *   <li>by name (without regard to case, as the service compares names): DSPM for AI's one-click
 *       policies {@value #BLOCK_POLICY} ("Fortify your data security", created in simulation) and
 *       {@value #DETECT_POLICY} (with a colon; "Extend your insights for data discovery", audit
 *       only), the names Microsoft Learn gives them (dspm-for-ai.md section 2, purview-dlp.md
 *       section 4.2), and the estate's own {@code data.dspmForAi.aiSitesPolicy};
 *   <li>by an <b>equivalent rule</b>: a policy with a rule (not {@code Disabled}) whose {@code
 *       EndpointDlpRestrictions} hold a restriction whose {@code Setting} (any case: the real
 *       exports write {@code setting}) is {@code CloudEgress} (upload to a restricted cloud service
 *       domain) or {@code PasteToBrowser} (paste to supported browsers). These setting names are
 *       not in Microsoft's cmdlet reference; their confidence is medium-high (a reader of live
 *       Get-DlpComplianceRule output, a copy of the service's validation error, Microsoft's own
 *       naming elsewhere: dspm-for-ai.md section 1.3), and {@code CloudEgress} without a
 *       service-domain group acts on the tenant's service-domain list rather than on the Generative
 *       AI Websites group (section 1.5). So a rule found so is reported as an "equivalent rule",
 *       never as the policy itself; its values and groups are not examined.
 * </ol>
 *
 * <p>The state is the policy's {@code Mode} as Get-DlpCompliancePolicy returns it, a string in
 * every real export (src/test/resources/real-exports/dlp; no numbers): {@code Enable} enforced,
 * {@code TestWithNotifications} and {@code TestWithoutNotifications} in simulation, {@code Disable}
 * disabled, {@code PendingDeletion} pending deletion (purview-dlp.md section 1.3); any other value
 * is read as off (disabled, with the value shown). When several policies qualify, the one closest
 * to enforced is reported; on a tie, one found by name before one found by an equivalent rule.
 */
public final class AiSitesPolicyStatus {
  /** DSPM for AI's "Fortify your data security" policy (block with override, in simulation). */
  public static final String BLOCK_POLICY = "DSPM for AI - Block sensitive info from AI sites";

  /** DSPM for AI's "Extend your insights for data discovery" policy (audit), with a colon. */
  public static final String DETECT_POLICY = "DSPM for AI: Detect sensitive info added to AI sites";

  /** The {@code EndpointDlpRestrictions} settings of the two generative-AI site activities. */
  public static final List<String> SETTINGS = List.of("CloudEgress", "PasteToBrowser");

  private static final String POLICIES = "purview/dlp-policies.json";
  private static final String RULES = "purview/dlp-rules.json";

  private AiSitesPolicyStatus() {}

  /** The states, from furthest to closest to enforced. */
  public enum State {
    MISSING("missing"),
    PENDING_DELETION("pending deletion"),
    DISABLED("disabled"),
    SIMULATION("in simulation"),
    ENFORCED("enforced");

    public final String label;

    State(String label) {
      this.label = label;
    }
  }

  /** How the policy was found. */
  public enum FoundBy {
    NAME("name"),
    EQUIVALENT_RULE("equivalent rule");

    public final String label;

    FoundBy(String label) {
      this.label = label;
    }
  }

  /**
   * The result.
   *
   * @param state the policy's state, or {@link State#MISSING}
   * @param policy the policy's name in the tenant; null when missing
   * @param foundBy how it was found; null when missing
   * @param mode its Mode as exported ("" when absent); null when missing
   * @param rule for an equivalent rule, the rule's name; else null
   * @param setting for an equivalent rule, the restriction's setting as exported; else null
   * @param source the snapshot file (and JSON pointer) the policy came from; null when missing
   * @param names the names looked for
   */
  public record Status(
      State state,
      String policy,
      FoundBy foundBy,
      String mode,
      String rule,
      String setting,
      String source,
      List<String> names) {
    public Status {
      names = List.copyOf(names);
    }

    /**
     * One sentence: {@code "DSPM for AI - Block ..." is in simulation (Mode TestWithNotifications;
     * found by name)}, or what was looked for.
     */
    public String describe() {
      if (state == State.MISSING) {
        return "missing: no DLP policy named "
            + quotedList(names)
            + " (any case), and no policy with an equivalent rule (an endpoint restriction "
            + String.join(" or ", SETTINGS)
            + ")";
      }
      return "\"" + policy + "\" " + describeState();
    }

    /**
     * {@link #describe()} without the policy's name: {@code is in simulation (Mode
     * TestWithNotifications; found by name)}; for a missing policy, {@link #describe()}.
     */
    public String describeState() {
      if (state == State.MISSING) {
        return describe();
      }
      String how =
          foundBy == FoundBy.NAME
              ? "found by name"
              : "found by equivalent rule \""
                  + rule
                  + "\", endpoint restriction "
                  + setting
                  + ", not by name";
      String shownMode = mode.isEmpty() ? "no Mode" : "Mode " + mode;
      if (state == State.DISABLED && !mode.equalsIgnoreCase("Disable")) {
        shownMode += ", not a value Microsoft documents: read as off";
      }
      return "is " + state.label + " (" + shownMode + "; " + how + ")";
    }

    /** What to do about it; "" when enforced. */
    public String fix() {
      return switch (state) {
        case MISSING ->
            "Create it in the Microsoft Purview portal from DSPM for AI's recommendation \"Fortify"
                + " your data security\" (it creates \""
                + BLOCK_POLICY
                + "\", in simulation), or create your own as the output README's manual step"
                + " says and name it in data.dspmForAi.aiSitesPolicy.";
        case PENDING_DELETION ->
            "It is being deleted: create it again in the Microsoft Purview portal (DSPM for AI,"
                + " \"Fortify your data security\") once the deletion has finished, or name your"
                + " own in data.dspmForAi.aiSitesPolicy.";
        case DISABLED ->
            "Turn it on in the Microsoft Purview portal: in simulation first, then enforced.";
        case SIMULATION ->
            "Enforce it in the Microsoft Purview portal (turn the policy on) once its simulation"
                + " results are reviewed.";
        case ENFORCED -> "";
      };
    }
  }

  /**
   * Whether the estate has endpoint DLP, so the output README shows the manual step and plan and
   * check verify it: Purview DLP for devices (an E5-class compliance licence) and devices
   * onboarded.
   */
  public static boolean applies(Estate estate) {
    return estate
        .capabilities()
        .containsAll(EnumSet.of(Capability.PURVIEW_DLP_ADVANCED, Capability.DEVICES_ONBOARDED));
  }

  /** The names looked for: DSPM for AI's two, then the estate's own when it names one. */
  public static List<String> names(Estate estate) {
    List<String> names = new ArrayList<>(List.of(BLOCK_POLICY, DETECT_POLICY));
    String own = estate.data().dspmForAi().aiSitesPolicy();
    if (own != null && names.stream().noneMatch(own::equalsIgnoreCase)) {
      names.add(own);
    }
    return List.copyOf(names);
  }

  /**
   * Why the snapshot cannot tell, or empty when it can: DLP not exported (listed in snapshot.json's
   * {@code missing}), or no DLP policy in it (not exported, or a tenant with none: a snapshot
   * cannot tell these apart, so the status is unknown rather than missing).
   */
  public static Optional<String> unknown(TenantSnapshot snapshot) {
    for (String file : List.of(POLICIES, RULES)) {
      if (snapshot.isMissing(file)) {
        return Optional.of(
            "snapshot.json lists "
                + file
                + " as not exported (export-tenant.sh cannot read DLP, Export-Tenant.ps1 does on"
                + " Windows)");
      }
    }
    if (snapshot.dlpPolicies().isEmpty()) {
      return Optional.of(
          "the snapshot holds no DLP policies (Get-DlpCompliancePolicy not exported, or the tenant"
              + " has none)");
    }
    return Optional.empty();
  }

  /** The status in the snapshot, or empty when it cannot tell ({@link #unknown}). */
  public static Optional<Status> of(TenantSnapshot snapshot, Estate estate) {
    if (unknown(snapshot).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(evaluate(snapshot.dlpPolicies(), snapshot.dlpRules(), names(estate)));
  }

  /**
   * @param policies Get-DlpCompliancePolicy objects (canonical; {@link TenantObject#id} the Name)
   * @param rules Get-DlpComplianceRule objects ({@link TenantObject#scope} the policy's name or
   *     GUID)
   * @param names the policy names to look for, in order of preference
   */
  public static Status evaluate(
      List<TenantObject> policies, List<TenantObject> rules, List<String> names) {
    List<Status> found = new ArrayList<>();
    for (String name : names) {
      for (TenantObject p : policies) {
        if (p.id() != null && p.id().equalsIgnoreCase(name)) {
          found.add(status(p, FoundBy.NAME, null, null, names));
        }
      }
    }
    List<TenantObject> sorted = new ArrayList<>(policies);
    sorted.sort(Comparator.comparing(p -> p.id() == null ? "" : p.id()));
    for (TenantObject p : sorted) {
      if (p.id() == null) {
        continue;
      }
      for (TenantObject r : rules) {
        if (!belongsTo(r, p) || r.body().path("Disabled").asBoolean(false)) {
          continue;
        }
        String setting = aiSiteSetting(r.body());
        if (setting != null) {
          found.add(status(p, FoundBy.EQUIVALENT_RULE, ruleName(r), setting, names));
          break;
        }
      }
    }
    // the closest to enforced; among equals the first found (by name in the order of names, then
    // by equivalent rule in the order of policy names)
    Status best = null;
    for (Status s : found) {
      if (best == null || s.state().ordinal() > best.state().ordinal()) {
        best = s;
      }
    }
    return best != null
        ? best
        : new Status(State.MISSING, null, null, null, null, null, null, names);
  }

  private static Status status(
      TenantObject p, FoundBy how, String rule, String setting, List<String> names) {
    JsonNode modeNode = p.body().get("Mode");
    String mode = modeNode == null || modeNode.isNull() ? "" : Json.text(modeNode);
    State state =
        switch (mode.toLowerCase(Locale.ROOT)) {
          case "enable" -> State.ENFORCED;
          case "testwithnotifications", "testwithoutnotifications" -> State.SIMULATION;
          case "pendingdeletion" -> State.PENDING_DELETION;
          default -> State.DISABLED;
        };
    return new Status(state, p.id(), how, mode, rule, setting, p.source(), names);
  }

  /** A rule's policy: its ParentPolicyName (the scope) or Policy GUID. */
  private static boolean belongsTo(TenantObject rule, TenantObject policy) {
    String scope = rule.scope();
    if (scope == null) {
      return false;
    }
    if (scope.equalsIgnoreCase(policy.id())) {
      return true;
    }
    for (String member : List.of("Guid", "ExchangeObjectId")) {
      String id = policy.body().path(member).asString("");
      if (!id.isEmpty() && scope.equalsIgnoreCase(id)) {
        return true;
      }
    }
    return false;
  }

  private static String ruleName(TenantObject rule) {
    return rule.id() != null ? rule.id() : rule.displayName() != null ? rule.displayName() : "";
  }

  /**
   * The first restriction of a rule's {@code EndpointDlpRestrictions} whose setting is one of
   * {@link #SETTINGS}, as exported; null when none. The member is an array of objects in the real
   * exports; a single object, or a JSON string of either (some module versions return JSON strings,
   * purview-dlp.md section 7), is read too.
   */
  static String aiSiteSetting(JsonNode rule) {
    JsonNode restrictions = member(rule, "EndpointDlpRestrictions");
    if (restrictions != null && restrictions.isString()) {
      try {
        restrictions = Json.parse(restrictions.asString());
      } catch (RuntimeException notJson) {
        return null;
      }
    }
    if (restrictions == null) {
      return null;
    }
    List<JsonNode> items = new ArrayList<>();
    if (restrictions.isArray()) {
      restrictions.forEach(items::add);
    } else if (restrictions.isObject()) {
      items.add(restrictions);
    }
    for (JsonNode r : items) {
      JsonNode setting = member(r, "Setting");
      if (setting != null && setting.isString()) {
        for (String s : SETTINGS) {
          if (s.equalsIgnoreCase(setting.asString().trim())) {
            return setting.asString();
          }
        }
      }
    }
    return null;
  }

  /** An object's member by name in any case; null when absent or not an object. */
  private static JsonNode member(JsonNode object, String name) {
    if (object == null || !object.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String quotedList(List<String> names) {
    List<String> q = names.stream().map(n -> "\"" + n + "\"").toList();
    return q.size() == 1
        ? q.get(0)
        : String.join(", ", q.subList(0, q.size() - 1)) + " or " + q.get(q.size() - 1);
  }
}
