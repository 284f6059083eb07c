package org.aisecuritybaseline.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisecuritybaseline.defender.DefenderRenderer;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.tenant.Canonical;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The multicloud security connectors of the estate (defender/{aws,gcp}/&lt;id&gt;/connector.json)
 * against the snapshot's connectors (plan --against-tenant). A template deploys one connector,
 * named by its {@code name}, into the resource group and host subscription its deploy-connectors.sh
 * names; the tenant connector with that resource ID is its counterpart. Both sides are reduced to
 * what the template sets and ARM returns as set: the resource name and the properties {@code
 * hierarchyIdentifier}, {@code environmentName}, {@code environmentData} and {@code offerings} (a
 * set, ordered by {@code offeringType}), after the canonical form (read-only members such as
 * offering descriptions and account names removed, empty members removed). Deploying PUTs the whole
 * resource, so a member set in the portal that the template does not set is a difference too.
 * Location (the resource group's) and tags (the template sets none) are not compared.
 *
 * <p>A connector the snapshot does not hold is created when the host subscription was read
 * (snapshot.json's subscriptions; for loose files, any pricing or connector of it) and its
 * security-connectors.json is not listed as missing; otherwise a note says it was not compared.
 */
final class TenantConnectors {
  private static final String TYPE = "Microsoft.Security/securityConnectors";
  private static final Pattern TEMPLATE =
      Pattern.compile("^defender/(aws|gcp)/([^/]+)/connector\\.json$");
  private static final Pattern ARM_ID =
      Pattern.compile(
          "^/subscriptions/([^/]+)/resourcegroups/([^/]+)/providers/microsoft\\.security/"
              + "securityconnectors/([^/]+)$",
          Pattern.CASE_INSENSITIVE);
  private static final List<String> PROPERTIES =
      List.of("hierarchyIdentifier", "environmentName", "environmentData", "offerings");

  private TenantConnectors() {}

  static void plan(TenantSnapshot tenant, Map<String, byte[]> generated, TenantSides sides) {
    for (String path : new TreeSet<>(generated.keySet())) {
      Matcher m = TEMPLATE.matcher(path);
      if (!m.matches()) {
        continue;
      }
      String cloud = m.group(1);
      String kind = cloud.toUpperCase(Locale.ROOT) + " connector";
      byte[] script = generated.get("defender/" + cloud + "/deploy-connectors.sh");
      String host = script == null ? null : shellValue(script, "HOST_SUBSCRIPTION");
      String group = script == null ? null : shellValue(script, "RESOURCE_GROUP");
      JsonNode resource =
          DefenderRenderer.deployedValue(
                  Json.parse(new String(generated.get(path), StandardCharsets.UTF_8)))
              .path("resources")
              .path(0);
      String name = resource.path("name").asString("");
      ObjectNode mine = file(name, Canonical.connector(resource));
      String file = "defender/" + (host == null ? "" : host.toLowerCase(Locale.ROOT));
      String why = null;
      if (host == null) {
        why = "its deploy script names no host subscription";
      } else if (tenant.isMissing(file + "/security-connectors.json")) {
        why =
            "snapshot.json lists "
                + file
                + "/security-connectors.json as not exported (see its reason)";
      } else if (!tenant.subscriptions().isEmpty()
          ? !tenant.subscriptions().contains(host.toLowerCase(Locale.ROOT))
          : tenant.connectors().stream().noneMatch(o -> host.equalsIgnoreCase(o.scope()))
              && tenant.pricings().stream().noneMatch(o -> host.equalsIgnoreCase(o.scope()))) {
        why =
            "the connectors' host subscription "
                + host
                + " is not in the snapshot (not exported, or no access)";
      }
      if (why != null) {
        sides.notes.add(
            kind + " " + m.group(2) + ": " + why + ", so the connector is not compared.");
        continue;
      }
      TenantObject theirs = find(tenant.connectors(), host, group, name);
      sides.compare(
          m.group(2),
          kind,
          path,
          mine,
          theirs == null ? null : file(name, theirs.body()),
          theirs == null ? null : theirs.id(),
          false);
    }
  }

  /**
   * The connector in the host subscription and resource group with this name (ARM names are
   * case-insensitive); the name is read from the resource ID, else from {@code name}.
   */
  private static TenantObject find(
      List<TenantObject> connectors, String host, String group, String name) {
    for (TenantObject o : connectors) {
      if (!host.equalsIgnoreCase(o.scope())) {
        continue;
      }
      Matcher id = o.id() == null ? null : ARM_ID.matcher(o.id());
      if (id != null && id.matches()) {
        if (id.group(2).equalsIgnoreCase(group) && id.group(3).equalsIgnoreCase(name)) {
          return o;
        }
      } else if (name.equalsIgnoreCase(o.body().path("name").asString(""))) {
        return o;
      }
    }
    return null;
  }

  /** One connector (canonical body) as a template of one resource, reduced to what is compared. */
  private static ObjectNode file(String name, JsonNode body) {
    ObjectNode out = Json.NODES.objectNode();
    ObjectNode r = out.putArray("resources").addObject();
    r.put("type", TYPE);
    r.put("name", name);
    ObjectNode props = r.putObject("properties");
    JsonNode in = body.path("properties");
    for (String p : PROPERTIES) {
      JsonNode v = in.get(p);
      if (v == null || v.isNull()) {
        continue;
      }
      if (p.equals("offerings") && v instanceof ArrayNode list) {
        List<JsonNode> offerings = new ArrayList<>();
        list.forEach(offerings::add);
        offerings.sort(Comparator.comparing(o -> o.path("offeringType").asString("")));
        ArrayNode sorted = props.putArray(p);
        offerings.forEach(o -> sorted.add(o.deepCopy()));
      } else {
        props.set(p, v.deepCopy());
      }
    }
    return out;
  }

  private static String shellValue(byte[] script, String name) {
    Matcher m =
        Pattern.compile("(?m)^readonly " + name + "='([^']*)'")
            .matcher(new String(script, StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : null;
  }
}
