package org.aisecuritybaseline.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.plan.Plan.LeftAlone;
import org.aisecuritybaseline.plan.Plan.TenantAction;
import org.aisecuritybaseline.plan.Plan.TenantObjectChange;
import org.aisecuritybaseline.purview.AiSitesPolicyStatus;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The estate's DLP policies (purview/deployment.json) against the snapshot's
 * Get-DlpCompliancePolicy and Get-DlpComplianceRule objects (plan --against-tenant). A policy is
 * matched as purview/deploy-dlp.ps1 matches it: by its exact name, else by the prefix {@code "<id>
 * - "} with the managed marker in its Comment (names compared without regard to case, as the
 * service does).
 *
 * <p>Compared, both sides written in the definition's shape with only these members, so that the
 * plan's DLP rules read them as two definitions: the policy's {@code Mode} and {@code Comment}; the
 * names of its rules; of each rule the estate generates, the members it sets among {@link
 * #RULE_MEMBERS}. These are parameters of New-/Set-DlpCompliance* that the readers of the Get-*
 * output (Microsoft365DSC) read back as the same scalars, and the real exports in
 * src/test/resources/real-exports/dlp return them so. Not compared: locations (the classic location
 * lists, {@code Locations} JSON, recipient exceptions) and rule conditions and actions (sensitive
 * types, {@code AdvancedRule}, notifications, restrictions): Microsoft documents them only as
 * parameters to set, and their returned shape is undocumented (objects with a {@code Name}, JSON
 * strings, varying by module version; shared/reference/notes/purview-dlp.md section 7).
 */
final class TenantDlp {
  static final List<String> RULE_MEMBERS =
      List.of(
          "Comment",
          "Disabled",
          "BlockAccess",
          "BlockAccessScope",
          "AccessScope",
          "ReportSeverityLevel");

  private static final String DEPLOYMENT = "purview/deployment.json";

  private TenantDlp() {}

  /**
   * @return the tenant DLP policies the estate deploys (their names), for {@link #leftAlone}
   */
  static List<String> plan(
      TenantSnapshot tenant, Map<String, byte[]> generated, TenantSides sides) {
    List<String> claimed = new ArrayList<>();
    byte[] deploymentBytes = generated.get(DEPLOYMENT);
    if (deploymentBytes == null) {
      return claimed;
    }
    JsonNode deployment = Json.parse(new String(deploymentBytes, StandardCharsets.UTF_8));
    if (deployment.path("policies").isEmpty()) {
      return claimed;
    }
    for (String file : List.of("purview/dlp-policies.json", "purview/dlp-rules.json")) {
      if (tenant.isMissing(file)) {
        sides.notes.add(
            "snapshot.json lists "
                + file
                + " as not exported (see its reason; export-tenant.sh cannot read DLP,"
                + " Export-Tenant.ps1 does on Windows): the estate's DLP policies are not"
                + " compared.");
        return claimed;
      }
    }
    if (tenant.dlpPolicies().isEmpty()) {
      sides.notes.add(
          "The snapshot holds no DLP policies: Get-DlpCompliancePolicy was not exported"
              + " (export-tenant.sh cannot, Export-Tenant.ps1 does on Windows) or the tenant has"
              + " none. The estate's DLP policies are not compared.");
      return claimed;
    }
    String marker = deployment.path("managedMarker").asString("");
    for (JsonNode p : deployment.path("policies")) {
      String id = p.path("id").asString();
      String name = p.path("name").asString();
      String path = "purview/" + p.path("file").asString();
      byte[] bytes = generated.get(path);
      if (bytes == null) {
        continue;
      }
      JsonNode definition = Json.parse(new String(bytes, StandardCharsets.UTF_8));
      TenantObject theirs = match(tenant.dlpPolicies(), name, id + " - ", marker, claimed);
      if (theirs == null) {
        sides.estateFiles.put(path, bytes);
        sides.objects.add(
            new TenantObjectChange(id, "DLP policy", TenantAction.CREATE, null, path));
        continue;
      }
      String liveName = theirs.id();
      if (!marker.isEmpty() && !theirs.body().path("Comment").asString("").contains(marker)) {
        sides.notes.add(
            id
                + ": the tenant policy \""
                + liveName
                + "\" has its name but not the managed marker in its Comment:"
                + " purview/deploy-dlp.ps1 stops before any change and never touches it. Add the"
                + " marker to its Comment to take it over, or rename one of them.");
      }
      List<TenantObject> liveRules = new ArrayList<>();
      for (TenantObject r : tenant.dlpRules()) {
        if (liveName.equalsIgnoreCase(r.scope())) {
          liveRules.add(r);
        }
      }
      ObjectNode mine = Json.NODES.objectNode();
      ObjectNode before = Json.NODES.objectNode();
      ObjectNode minePolicy = mine.putObject("policy");
      ObjectNode theirPolicy = before.putObject("policy");
      for (String member : List.of("Mode", "Comment")) {
        JsonNode want = definition.path("policy").get(member);
        if (want != null) {
          minePolicy.set(member, want.deepCopy());
        }
        JsonNode have = theirs.body().get(member);
        theirPolicy.set(
            member,
            have == null
                ? Json.NODES.stringNode("")
                : member.equals("Mode") ? sameCase(want, have) : have.deepCopy());
      }
      ArrayNode mineRules = mine.putArray("rules");
      ArrayNode theirRules = before.putArray("rules");
      List<String> known = new ArrayList<>();
      for (JsonNode rule : definition.path("rules")) {
        String ruleName = rule.path("Name").asString("");
        ObjectNode m = mineRules.addObject().put("Name", ruleName);
        TenantObject live = null;
        for (TenantObject r : liveRules) {
          if (ruleName.equalsIgnoreCase(r.id())) {
            live = r;
          }
        }
        ObjectNode t = live == null ? null : theirRules.addObject().put("Name", ruleName);
        if (live != null) {
          known.add(live.id());
          if (!rule.has("Disabled") && live.body().path("Disabled").asBoolean(false)) {
            sides.notes.add(
                id
                    + ": the rule "
                    + live.id()
                    + " is disabled in the tenant and the estate does not set Disabled, so"
                    + " deploying leaves it as it is: it stays off.");
          }
        }
        for (String member : RULE_MEMBERS) {
          JsonNode want = rule.get(member);
          if (want == null) {
            continue;
          }
          m.set(member, want.deepCopy());
          if (t != null) {
            JsonNode have = live.body().get(member);
            if (have != null) {
              t.set(member, member.equals("Comment") ? have.deepCopy() : sameCase(want, have));
            }
          }
        }
      }
      List<String> extra = new ArrayList<>();
      for (TenantObject r : liveRules) {
        if (r.id() != null && !known.contains(r.id())) {
          extra.add(r.id());
        }
      }
      if (!extra.isEmpty()) {
        sides.notes.add(
            id
                + ": the tenant policy also has the rule(s) "
                + String.join(", ", extra)
                + ", which the estate does not generate; purview/deploy-dlp.ps1 leaves them in"
                + " place.");
      }
      String liveMode = theirs.body().path("Mode").asString("");
      String mode = definition.path("policy").path("Mode").asString("");
      if (liveMode.equalsIgnoreCase("PendingDeletion")) {
        sides.notes.add(
            id
                + " is being deleted in the tenant (Mode PendingDeletion): purview/deploy-dlp.ps1"
                + " skips it until the deletion has finished; rerun it then.");
      } else if (liveMode.equalsIgnoreCase("Enable") && !mode.equals("Enable")) {
        sides.notes.add(
            id
                + " is enabled in the tenant and not in the estate ("
                + mode
                + "): purview/deploy-dlp.ps1 stops before any change, unless run with -AllowRelax."
                + " Promote "
                + id
                + " in the estate, or relax it on purpose.");
      }
      sides.compare(id, "DLP policy", path, mine, before, liveName, false);
    }
    return claimed;
  }

  /** What a note on the generative-AI sites policy starts with. */
  static final String AI_SITES =
      "Generative-AI websites endpoint DLP policy (the output README's manual step, not"
          + " generated): ";

  /**
   * The generative-AI websites endpoint DLP policy ({@link AiSitesPolicyStatus}) as a note, when
   * the estate's README shows it as a manual step: its state in the snapshot, or that the snapshot
   * cannot tell.
   */
  static void aiSites(TenantSnapshot tenant, Estate estate, TenantSides sides) {
    if (!AiSitesPolicyStatus.applies(estate)) {
      return;
    }
    Optional<String> unknown = AiSitesPolicyStatus.unknown(tenant);
    if (unknown.isPresent()) {
      sides.notes.add(AI_SITES + "status unknown: " + unknown.get() + ".");
      return;
    }
    AiSitesPolicyStatus.Status s = AiSitesPolicyStatus.of(tenant, estate).orElseThrow();
    String fix = s.fix();
    sides.notes.add(AI_SITES + s.describe() + "." + (fix.isEmpty() ? "" : " " + fix));
  }

  /** The tenant's DLP policies the deployment does not touch (it never deletes). */
  static List<LeftAlone> leftAlone(
      TenantSnapshot tenant, Map<String, byte[]> generated, List<String> claimed) {
    List<LeftAlone> out = new ArrayList<>();
    List<TenantObject> policies = new ArrayList<>(tenant.dlpPolicies());
    policies.sort(java.util.Comparator.comparing(o -> o.id() == null ? "" : o.id()));
    byte[] deploymentBytes = generated.get(DEPLOYMENT);
    String marker =
        deploymentBytes == null
            ? ""
            : Json.parse(new String(deploymentBytes, StandardCharsets.UTF_8))
                .path("managedMarker")
                .asString("");
    for (TenantObject o : policies) {
      if (o.id() == null || claimed.contains(o.id())) {
        continue;
      }
      String comment = o.body().path("Comment").asString("");
      out.add(
          new LeftAlone(
              o.id(),
              o.id(),
              o.body().path("Mode").asString(""),
              !marker.isEmpty() && comment.contains(marker)
                  ? "DLP policy managed by this tool but no longer in the estate:"
                      + " purview/deploy-dlp.ps1 never deletes; delete it in the tenant or add it"
                      + " back to the estate"
                  : "DLP policy, not managed by this tool",
              List.of(),
              null));
    }
    return out;
  }

  /**
   * deploy-dlp.ps1's rule: the policy with exactly this name, else one whose name starts with the
   * prefix and whose Comment holds the marker (the cmdlets cannot rename a policy).
   */
  private static TenantObject match(
      List<TenantObject> policies,
      String name,
      String prefix,
      String marker,
      List<String> claimed) {
    for (TenantObject o : policies) {
      if (o.id() != null && o.id().equalsIgnoreCase(name) && !claimed.contains(o.id())) {
        claimed.add(o.id());
        return o;
      }
    }
    for (TenantObject o : policies) {
      if (o.id() != null
          && o.id().regionMatches(true, 0, prefix, 0, prefix.length())
          && !marker.isEmpty()
          && o.body().path("Comment").asString("").contains(marker)
          && !claimed.contains(o.id())) {
        claimed.add(o.id());
        return o;
      }
    }
    return null;
  }

  /**
   * The tenant's value written as the estate's when they differ only in case (the cmdlets take enum
   * values in any case, and deploy-dlp.ps1 compares them so).
   */
  private static JsonNode sameCase(JsonNode want, JsonNode have) {
    if (want != null
        && want.isString()
        && have.isString()
        && want.asString().equalsIgnoreCase(have.asString())) {
      return want.deepCopy();
    }
    return have.deepCopy();
  }
}
