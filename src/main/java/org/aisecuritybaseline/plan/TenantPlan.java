package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.aisecuritybaseline.defender.DefenderRenderer;
import org.aisecuritybaseline.entra.MicrosoftManaged;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.plan.Plan.LeftAlone;
import org.aisecuritybaseline.plan.Plan.TenantObjectChange;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.tenant.Canonical;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What deploying the estate would change in a tenant (plan --against-tenant). The tenant's
 * counterparts of the estate's objects are matched the way the deploy script matches them (a
 * remembered tenant object ID first, then the display-name prefix and, for policies, the managed
 * marker), written as the output files they correspond to, both sides in canonical form, and
 * compared with the same differ and risk rules as the file plan: "the tenant enforces CA008, the
 * estate says report-only" is the same highlight as that change between two commits.
 *
 * <p>Compared: Conditional Access policies, named locations, Defender for Cloud plans (defender
 * below), security connectors ({@link TenantConnectors}) and DLP policies ({@link TenantDlp}); what
 * is not compared is said in a note of the plan.
 */
public final class TenantPlan {
  private static final String ENTRA = "entra/";

  private TenantPlan() {}

  /**
   * @param before what the tenant side is called (the snapshot's folder)
   * @param after what the estate side is called (the estate file)
   * @param estate the estate generated: whether its README shows the generative-AI sites policy as
   *     a manual step, and the name it gives its own (a note with the policy's state)
   */
  public static Plan build(
      List<Family.Info> families,
      TenantSnapshot tenant,
      String before,
      String after,
      List<Artifact> generated,
      Estate estate) {
    Map<String, byte[]> byPath = new HashMap<>();
    generated.forEach(a -> byPath.put(a.path(), a.bytes()));
    JsonNode deployment = parse(byPath, Risks.DEPLOYMENT);
    String marker = deployment.path("managedMarker").asString();
    TenantSides sides = new TenantSides();
    sides.tenantFiles.put(Risks.DEPLOYMENT, byPath.get(Risks.DEPLOYMENT));
    sides.estateFiles.put(Risks.DEPLOYMENT, byPath.get(Risks.DEPLOYMENT));
    List<String> claimed = new ArrayList<>();

    // Named locations first: policies name them by key, the tenant by ID.
    Map<String, String> locationKeys = new HashMap<>();
    for (JsonNode l : deployment.path("namedLocations")) {
      String key = l.path("key").asString();
      String path = ENTRA + l.path("file").asString();
      ObjectNode mine = Canonical.namedLocation(parse(byPath, path));
      Match m =
          match(
              tenant.namedLocations(),
              l.path("tenantObjectId").asString(null),
              "NL-" + key + " - ",
              null,
              claimed);
      if (m.object() != null) {
        locationKeys.put(m.object().id(), key);
      }
      sides.compare(
          key,
          "named location",
          path,
          mine,
          m.object() == null ? null : m.object().body(),
          m.object() == null ? null : m.object().id(),
          m.adopted());
    }
    for (JsonNode p : deployment.path("policies")) {
      String id = p.path("id").asString();
      String path = ENTRA + p.path("file").asString();
      ObjectNode mine = Canonical.policy(parse(byPath, path));
      Match m =
          match(
              tenant.policies(),
              p.path("tenantObjectId").asString(null),
              id + " - ",
              marker,
              claimed);
      JsonNode theirs =
          m.object() == null ? null : withLocationKeys(m.object().body(), locationKeys);
      if (theirs != null) {
        if (m.object().body().path("state").asString("").equals("enabled")
            && !mine.path("state").asString("").equals("enabled")) {
          sides.notes.add(
              id
                  + " is on in the tenant and not in the estate: entra/deploy-conditional-access.ps1"
                  + " stops before any change, unless run with -AllowRelax. Promote "
                  + id
                  + " in the estate, or relax it on purpose.");
        }
      }
      sides.compare(
          id,
          "Conditional Access policy",
          path,
          mine,
          theirs,
          m.object() == null ? null : m.object().id(),
          m.adopted());
    }
    defender(tenant, byPath, sides);
    TenantConnectors.plan(tenant, byPath, sides);
    List<String> dlpClaimed = TenantDlp.plan(tenant, byPath, sides);
    TenantDlp.aiSites(tenant, estate, sides);
    List<LeftAlone> left = new ArrayList<>(leftAlone(tenant, marker, claimed, sides.objects));
    left.addAll(TenantDlp.leftAlone(tenant, byPath, dlpClaimed));
    Plan plan =
        PlanBuilder.build(
            families,
            new Snapshot(before, sides.tenantFiles),
            new Snapshot(after, sides.estateFiles));
    return plan.with(
        new Plan.Tenant(
            tenant.tenantId(),
            tenant.exportedAt(),
            List.copyOf(sides.objects),
            List.copyOf(left),
            notes(sides.notes)));
  }

  private static JsonNode parse(Map<String, byte[]> files, String path) {
    return Json.parse(new String(files.get(path), UTF));
  }

  /** A tenant object matched to one of the estate's, and how. */
  private record Match(TenantObject object, boolean adopted) {}

  /**
   * The deploy script's rule: the remembered tenant object when it still exists (adopted: taken
   * over in place), else the one whose display name starts with the prefix (and, for policies,
   * whose description carries the managed marker). An object is matched once.
   */
  private static Match match(
      List<TenantObject> candidates,
      String tenantObjectId,
      String prefix,
      String marker,
      List<String> claimed) {
    if (tenantObjectId != null) {
      for (TenantObject o : candidates) {
        if (tenantObjectId.equalsIgnoreCase(o.id()) && !claimed.contains(o.id())) {
          claimed.add(o.id());
          boolean managed = isManaged(o, prefix, marker);
          return new Match(o, !managed);
        }
      }
    }
    for (TenantObject o : candidates) {
      if (isManaged(o, prefix, marker) && !claimed.contains(o.id())) {
        claimed.add(o.id());
        return new Match(o, false);
      }
    }
    return new Match(null, false);
  }

  private static boolean isManaged(TenantObject o, String prefix, String marker) {
    String name = o.body().path("displayName").asString("");
    return name.startsWith(prefix)
        && (marker == null || o.body().path("description").asString("").contains(marker));
  }

  /**
   * The tenant body with the IDs of the estate's named locations written as the estate writes them
   * ({@code namedLocation:<key>}), so that only real differences remain.
   */
  private static JsonNode withLocationKeys(ObjectNode body, Map<String, String> keys) {
    ObjectNode copy = body.deepCopy();
    JsonNode locations = copy.path("conditions").path("locations");
    for (String field : List.of("includeLocations", "excludeLocations")) {
      if (locations.get(field) instanceof ArrayNode list) {
        List<String> values = new ArrayList<>();
        list.forEach(
            v -> {
              String key = keys.get(v.asString().toLowerCase(Locale.ROOT));
              values.add(key == null ? v.asString() : "namedLocation:" + key);
            });
        values.sort(Comparator.naturalOrder());
        list.removeAll();
        values.forEach(list::add);
      }
    }
    return copy;
  }

  /** The tenant's policies that deploying does not touch, Microsoft-managed ones recognised. */
  private static List<LeftAlone> leftAlone(
      TenantSnapshot tenant,
      String marker,
      List<String> claimed,
      List<TenantObjectChange> objects) {
    List<String> inEstate = objects.stream().map(TenantObjectChange::id).toList();
    List<LeftAlone> out = new ArrayList<>();
    for (TenantObject o : tenant.policies()) {
      if (o.id() != null && claimed.contains(o.id())) {
        continue;
      }
      String name = o.body().path("displayName").asString("");
      String state = o.body().path("state").asString("");
      Optional<MicrosoftManaged.Policy> managed = MicrosoftManaged.byDisplayName(name);
      if (managed.isPresent()) {
        List<String> overlaps =
            managed.get().overlaps().stream().filter(inEstate::contains).toList();
        out.add(
            new LeftAlone(
                o.id(),
                name,
                state,
                "Microsoft-managed: " + managed.get().what(),
                overlaps,
                managedWarning(state, overlaps)));
      } else if (!marker.isEmpty() && o.body().path("description").asString("").contains(marker)) {
        out.add(
            new LeftAlone(
                o.id(),
                name,
                state,
                "managed by this tool but no longer in the estate: the deploy scripts never delete;"
                    + " delete it in the tenant or add it back to the estate",
                List.of(),
                null));
      } else {
        out.add(new LeftAlone(o.id(), name, state, "not managed by this tool", List.of(), null));
      }
    }
    out.sort(
        Comparator.comparing(LeftAlone::displayName)
            .thenComparing(l -> l.tenantObjectId() == null ? "" : l.tenantObjectId()));
    return List.copyOf(out);
  }

  private static String managedWarning(String state, List<String> overlaps) {
    List<String> parts = new ArrayList<>();
    if (state.equals("enabledForReportingButNotEnforced")) {
      parts.add(
          "in report-only, Microsoft turns it on by itself no less than 45 days after it appeared"
              + " (28 days' notice); set it to Off in the tenant to opt out");
    }
    if (!overlaps.isEmpty()) {
      parts.add(
          "overlaps "
              + String.join(", ", overlaps)
              + " of the estate: two policies for one control, each with its own exclusions;"
              + " keep one (set this one to Off, or leave the estate's out)");
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private static List<String> notes(List<String> notes) {
    List<String> all = new ArrayList<>(notes);
    all.add(
        "Compared: Conditional Access policies, named locations, Defender for Cloud plans, the AWS"
            + " and GCP security connectors (hierarchy identifier, environment name and data,"
            + " offerings; not their location or tags) and DLP policies (Mode, Comment, the names"
            + " of the rules, and of each rule "
            + String.join(", ", TenantDlp.RULE_MEMBERS)
            + " where the estate sets them). Not compared: DLP locations (classic locations,"
            + " Locations, recipient exceptions) and rule conditions and actions, because Microsoft"
            + " documents them only as parameters to set, not the shape Get-DlpCompliancePolicy"
            + " and Get-DlpComplianceRule return them in (deploy-dlp.ps1 -WhatIf reads and"
            + " compares them in the tenant); security contacts, which the snapshot does not hold"
            + " (plan them against the output directory).");
    return List.copyOf(all);
  }

  private static final String PRICINGS = "Microsoft.Security/pricings";

  /**
   * Each subscription template's plans against the subscription's pricings in the snapshot, both
   * reduced to what the template sets (tier, sub-plan, extensions), so that the plan's Defender
   * rules (a downgrade, an extension turned off) read them as they read two templates. Plans the
   * template does not name, and subscriptions the snapshot does not hold, are not compared.
   */
  private static void defender(
      TenantSnapshot tenant, Map<String, byte[]> generated, TenantSides sides) {
    java.util.regex.Pattern template =
        java.util.regex.Pattern.compile("^defender/azure/([0-9a-f-]{36})\\.json$");
    for (String path : new java.util.TreeSet<>(generated.keySet())) {
      java.util.regex.Matcher m = template.matcher(path);
      if (!m.matches()) {
        continue;
      }
      String subscription = m.group(1);
      ObjectNode mine =
          pricingsOnly(
              DefenderRenderer.deployedValue(Json.parse(new String(generated.get(path), UTF))));
      Map<String, JsonNode> theirs = new java.util.TreeMap<>();
      for (TenantObject o : tenant.pricings()) {
        if (subscription.equalsIgnoreCase(o.scope())) {
          String name = o.id() != null ? o.id() : o.body().path("name").asString("");
          theirs.put(name.toLowerCase(Locale.ROOT), o.body());
        }
      }
      if (theirs.isEmpty()) {
        sides.notes.add(
            "Subscription "
                + subscription
                + ": not in the snapshot (not exported, or no access), so its plans are not"
                + " compared.");
        continue;
      }
      ObjectNode before = Json.NODES.objectNode();
      ArrayNode resources = before.putArray("resources");
      for (JsonNode r : mine.path("resources")) {
        JsonNode t = theirs.get(r.path("name").asString().toLowerCase(Locale.ROOT));
        if (t != null) {
          resources.add(pricing(r.path("name").asString(), t.path("properties")));
        }
      }
      sides.compare(
          subscription,
          "subscription plans",
          path,
          mine,
          before,
          "/subscriptions/" + subscription,
          false);
    }
  }

  private static final java.nio.charset.Charset UTF = java.nio.charset.StandardCharsets.UTF_8;

  /** A subscription template's pricings, each reduced to what a GET returns and we set. */
  private static ObjectNode pricingsOnly(JsonNode template) {
    ObjectNode out = Json.NODES.objectNode();
    ArrayNode resources = out.putArray("resources");
    for (JsonNode r : template.path("resources")) {
      if (PRICINGS.equals(r.path("type").asString(""))) {
        resources.add(pricing(r.path("name").asString(), r.path("properties")));
      }
    }
    return out;
  }

  private static ObjectNode pricing(String name, JsonNode properties) {
    ObjectNode p = Json.NODES.objectNode();
    p.put("type", PRICINGS);
    p.put("name", name);
    ObjectNode props = p.putObject("properties");
    props.put("pricingTier", properties.path("pricingTier").asString(""));
    if (!properties.path("subPlan").asString("").isEmpty()) {
      props.put("subPlan", properties.path("subPlan").asString());
    }
    List<JsonNode> extensions = new ArrayList<>();
    for (JsonNode x : properties.path("extensions")) {
      ObjectNode e = Json.NODES.objectNode();
      e.put("name", x.path("name").asString(""));
      e.put(
          "isEnabled",
          x.path("isEnabled").asString("").equalsIgnoreCase("true") ? "True" : "False");
      if (x.path("additionalExtensionProperties").isObject()
          && !x.path("additionalExtensionProperties").isEmpty()) {
        e.set("additionalExtensionProperties", x.path("additionalExtensionProperties"));
      }
      extensions.add(e);
    }
    extensions.sort(Comparator.comparing(e -> e.path("name").asString()));
    if (!extensions.isEmpty()) {
      props.putArray("extensions").addAll(extensions);
    }
    return p;
  }
}
