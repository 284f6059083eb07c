package org.aisecuritybaseline.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisecuritybaseline.defender.ConnectorTemplates;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.ThreatProtection;
import org.aisecuritybaseline.tenant.Canonical;
import org.aisecuritybaseline.tenant.TenantObject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defender for Cloud security connectors as the estate's {@code threat.connectorHost}, {@code
 * threat.aws.accounts} and {@code threat.gcp.projects}: the inverse of {@code defender/Connectors}.
 * Each AWS and GCP connector is read into an account or project (ID, organization, regions, scan
 * interval, offerings, the containers external ID, the RDS role), that entry is generated again and
 * compared with the connector, and every member the estate would deploy otherwise is listed (W650)
 * with both values. Not imported, with why: connectors of other environments (GitHub, Azure DevOps,
 * GitLab, ...), member accounts and projects of an organization, connectors with no offering the
 * estate knows, an account or project a connector before it already declares, and connectors
 * outside the connector host (the estate has one: the resource group and region that hold the most
 * connectors).
 */
final class ConnectorImport {
  private static final Pattern RESOURCE_ID =
      Pattern.compile(
          "(?i)^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Security/"
              + "securityConnectors/([^/]+)$");
  private static final Pattern RESOURCE_GROUP = Pattern.compile("^[A-Za-z0-9._-]{1,90}$");
  private static final Pattern LOCATION = Pattern.compile("^[a-z][a-z0-9]{1,39}$");
  private static final Pattern ACCOUNT = Pattern.compile("^[0-9]{12}$");
  private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$");
  private static final Pattern STACKSET = Pattern.compile("^[A-Za-z][A-Za-z0-9-]{0,127}$");
  private static final Pattern EXTERNAL_ID = Pattern.compile("^[A-Za-z0-9+=,.@:/-]{2,1224}$");
  private static final Pattern ROLE_ARN =
      Pattern.compile("^arn:aws:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,64}$");
  private static final Pattern PROJECT_ID = Pattern.compile("^[a-z][a-z0-9-]{4,28}[a-z0-9]$");
  private static final Pattern NUMBER = Pattern.compile("^[0-9]{6,20}$");
  private static final Pattern POOL = Pattern.compile("^[a-z0-9-]{4,32}$");

  /** The estate's offerings, in the order generation writes them. */
  private static final List<String> OFFERINGS =
      List.of("cspm", "defenderCspm", "servers", "containers", "databases");

  /** Offering type (as generated) to the estate's offering name, per cloud. */
  private static final Map<String, String> AWS_TYPES = types(true);

  private static final Map<String, String> GCP_TYPES = types(false);

  /** Where the connectors live: the estate's connectorHost. */
  private record Host(String subscription, String resourceGroup, String location) {
    String key() {
      return subscription + "/" + resourceGroup + " (" + location + ")";
    }
  }

  /**
   * A connector read into an estate entry: {@code key} is the account ID or project ID, {@code
   * dropped} why offerings the connector has were left out, by offering type.
   */
  private record Read(
      TenantObject source,
      Host host,
      boolean aws,
      String key,
      String number,
      ObjectNode entry,
      Map<String, String> dropped,
      String pool) {}

  /** Where the import's notes go: each connector's in the connectors' order, then the rest. */
  private final Notes all;

  /** The notes of one connector, by its place in the sorted list. */
  private final Map<Integer, Notes> byConnector = new TreeMap<>();

  /** The connector being read or verified: its notes. */
  private Notes notes;

  private ConnectorImport(Notes notes) {
    this.all = notes;
  }

  /**
   * Adds connectorHost, aws and gcp to {@code threat} (created when null and there is something to
   * add) from the snapshot's connectors; returns the threat section.
   */
  static ObjectNode convert(List<TenantObject> connectors, ObjectNode threat, Notes notes) {
    return new ConnectorImport(notes).run(Importer.sorted(connectors), threat);
  }

  private ObjectNode run(List<TenantObject> connectors, ObjectNode threat) {
    List<Read> read = new ArrayList<>();
    for (int i = 0; i < connectors.size(); i++) {
      notes = byConnector.computeIfAbsent(i, k -> new Notes());
      Read r = read(connectors.get(i));
      if (r != null) {
        read.add(r);
      }
    }
    // One connector host: the one that holds the most connectors (on a tie, the first by
    // subscription, resource group and region).
    Map<Host, Integer> counts = new TreeMap<>(java.util.Comparator.comparing(Host::key));
    read.forEach(r -> counts.merge(r.host(), 1, Integer::sum));
    Host host = null;
    for (Map.Entry<Host, Integer> e : counts.entrySet()) {
      if (host == null || e.getValue() > counts.get(host)) {
        host = e.getKey();
      }
    }
    Map<String, Read> accounts = new TreeMap<>();
    Map<String, Read> projects = new TreeMap<>();
    Set<String> numbers = new TreeSet<>();
    for (Read r : read) {
      notes = byConnector.get(connectors.indexOf(r.source()));
      String subject = "security connector " + Importer.quotedName(r.source());
      if (!r.host().equals(host)) {
        notes.add(
            Code.W650,
            subject,
            "not imported: it is in "
                + r.host().key()
                + ", and the estate has one connector host, "
                + host.key()
                + ", which holds "
                + counts.get(host)
                + (counts.get(host) == 1 ? " connector" : " connectors")
                + " (threat.connectorHost)");
        continue;
      }
      Map<String, Read> into = r.aws() ? accounts : projects;
      Read before = into.get(r.key());
      if (before == null && !r.aws() && numbers.contains(r.number())) {
        before =
            projects.values().stream()
                .filter(p -> p.number().equals(r.number()))
                .findFirst()
                .orElse(null);
      }
      if (before != null) {
        notes.add(
            Code.W650,
            subject,
            "not imported: "
                + (r.aws() ? "AWS account " : "GCP project ")
                + r.key()
                + " is imported from security connector "
                + Importer.quotedName(before.source()));
        continue;
      }
      into.put(r.key(), r);
      if (!r.aws()) {
        numbers.add(r.number());
      }
      verify(subject, r);
    }
    byConnector
        .values()
        .forEach(n -> n.all().forEach(x -> all.add(x.code(), x.subject(), x.message())));
    notes = all;
    if (accounts.isEmpty() && projects.isEmpty()) {
      return threat;
    }
    ObjectNode out = threat != null ? threat : Json.NODES.objectNode();
    out.putObject("connectorHost")
        .put("subscription", host.subscription())
        .put("resourceGroup", host.resourceGroup())
        .put("location", host.location());
    if (!accounts.isEmpty()) {
      ArrayNode list = out.putObject("aws").putArray("accounts");
      accounts.values().forEach(r -> list.add(r.entry()));
    }
    if (!projects.isEmpty()) {
      ObjectNode gcp = out.putObject("gcp");
      Set<String> pools = new TreeSet<>();
      projects.values().stream().filter(r -> r.pool() != null).forEach(r -> pools.add(r.pool()));
      if (pools.size() == 1) {
        gcp.put("workloadIdentityPoolId", pools.iterator().next());
      } else if (pools.size() > 1) {
        notes.add(
            Code.W650,
            "threat.gcp.workloadIdentityPoolId",
            "not imported: the GCP connectors name several workload identity pools ("
                + String.join(", ", pools)
                + ") and the estate has one; the tenant ID without hyphens applies");
      }
      if (pools.isEmpty()) {
        notes.add(
            Code.W652,
            "threat.gcp.workloadIdentityPoolId",
            "the snapshot does not hold the workload identity pool (a read-only member the readers"
                + " leave out): the estate uses the tenant ID without hyphens; set it if the"
                + " onboarding script created another pool");
      }
      ArrayNode list = gcp.putArray("projects");
      projects.values().forEach(r -> list.add(r.entry()));
    }
    return out;
  }

  // ---- reading a connector ---------------------------------------------------------------------

  private Read read(TenantObject c) {
    String subject = "security connector " + Importer.quotedName(c);
    JsonNode body = c.body() == null ? Json.NODES.objectNode() : c.body();
    JsonNode p = body.path("properties");
    String environment = p.path("environmentName").asString("");
    String type = p.at("/environmentData/environmentType").asString("");
    boolean aws = environment.equals("AWS") && type.equals("AwsAccount");
    boolean gcp = environment.equals("GCP") && type.equals("GcpProject");
    if (!aws && !gcp) {
      notes.add(
          Code.W650,
          subject,
          "not imported: a connector "
              + (environment.isEmpty() ? "with no environment" : "for " + environment)
              + (type.isEmpty() ? "" : " (" + type + ")")
              + "; the estate declares AWS accounts and GCP projects only (threat.aws,"
              + " threat.gcp)");
      return null;
    }
    Object where = host(c, body);
    if (!(where instanceof Host host)) {
      notes.add(
          Code.W650,
          subject,
          "not imported: "
              + where
              + " (threat.connectorHost: subscription, resource group, region)");
      return null;
    }
    JsonNode org = p.at("/environmentData/organizationalData");
    String membership = org.path("organizationMembershipType").asString("");
    if (!org.isMissingNode() && !membership.equals("Organization")) {
      notes.add(
          Code.W650,
          subject,
          "not imported: "
              + (membership.equals("Member")
                  ? "a member of an organization (parent "
                      + org.path("parentHierarchyId").asString("unknown")
                      + "), onboarded by the management "
                      + (aws ? "account's" : "project's")
                      + " connector; the estate declares the management "
                      + (aws ? "account" : "project")
                      + " with 'organization'"
                  : "organization membership type '" + membership + "' is unknown to the estate"));
      return null;
    }
    return aws ? aws(c, subject, host, p, org) : gcp(c, subject, host, p, org);
  }

  private Read aws(TenantObject c, String subject, Host host, JsonNode p, JsonNode org) {
    String id = p.path("hierarchyIdentifier").asString("");
    if (!ACCOUNT.matcher(id).matches()) {
      notes.add(
          Code.W650,
          subject,
          "not imported: its hierarchy identifier '"
              + id
              + "' is not a 12-digit AWS account ID (threat.aws.accounts[].id)");
      return null;
    }
    ObjectNode a = Json.NODES.objectNode().put("id", id);
    if (!org.isMissingNode()) {
      ObjectNode o = a.putObject("organization");
      String stackset = org.path("stacksetName").asString("");
      if (STACKSET.matcher(stackset).matches()) {
        o.put("stacksetName", stackset);
      }
      List<String> excluded = new ArrayList<>(matching(org.path("excludedAccountIds"), ACCOUNT));
      excluded.remove(id);
      if (!excluded.isEmpty()) {
        o.set("excludedAccountIds", Json.stringArray(excluded));
      }
    }
    List<String> regions = matching(p.at("/environmentData/regions"), REGION);
    if (!regions.isEmpty()) {
      a.set("regions", Json.stringArray(regions));
    }
    scanInterval(p, a);
    Map<String, String> dropped = new TreeMap<>();
    List<String> offerings = offerings(p, AWS_TYPES, dropped);
    String containersExternalId = null;
    String rdsRoleArn = null;
    for (JsonNode o : p.path("offerings")) {
      String type = o.path("offeringType").asString("");
      if (type.equals("DefenderForContainersAws") && offerings.contains("containers")) {
        String external = o.path("dataCollectionExternalId").asString("");
        if (EXTERNAL_ID.matcher(external).matches()) {
          containersExternalId = external;
        } else {
          offerings.remove("containers");
          dropped.put(
              type,
              external.isEmpty()
                  ? "it has no dataCollectionExternalId, which the estate needs"
                      + " (containersExternalId)"
                  : "its dataCollectionExternalId '"
                      + external
                      + "' is not one the estate accepts (containersExternalId)");
        }
      }
      if (type.equals("DefenderForDatabasesAws") && offerings.contains("databases")) {
        String arn = o.at("/rds/cloudRoleArn").asString("");
        if (o.at("/rds/enabled").asBoolean(false)
            && ROLE_ARN.matcher(arn).matches()
            && arn.startsWith("arn:aws:iam::" + id + ":")) {
          rdsRoleArn = arn;
        }
      }
    }
    if (offerings.isEmpty()) {
      notes.add(Code.W650, subject, "not imported: " + noOffering(dropped));
      return null;
    }
    a.set("offerings", Json.stringArray(offerings));
    if (containersExternalId != null) {
      a.put("containersExternalId", containersExternalId);
    }
    if (rdsRoleArn != null) {
      a.put("rdsRoleArn", rdsRoleArn);
    }
    return new Read(c, host, true, id, id, a, dropped, null);
  }

  private Read gcp(TenantObject c, String subject, Host host, JsonNode p, JsonNode org) {
    JsonNode details = p.at("/environmentData/projectDetails");
    String projectId = details.path("projectId").asString("");
    String number = details.path("projectNumber").asString("");
    if (!PROJECT_ID.matcher(projectId).matches() || !NUMBER.matcher(number).matches()) {
      notes.add(
          Code.W650,
          subject,
          "not imported: "
              + (!PROJECT_ID.matcher(projectId).matches()
                  ? "its project ID '" + projectId + "' is not a GCP project ID"
                  : "its project number '" + number + "' is not a GCP project number")
              + " (threat.gcp.projects[].projectId, projectNumber)");
      return null;
    }
    ObjectNode g = Json.NODES.objectNode().put("projectId", projectId).put("projectNumber", number);
    Map<String, String> dropped = new TreeMap<>();
    if (!org.isMissingNode()) {
      String email = org.path("serviceAccountEmailAddress").asString("");
      String orgId = ConnectorTemplates.gcpOrganizationId(email);
      if (orgId == null) {
        notes.add(
            Code.W650,
            subject,
            "not imported: an organization onboarding whose service account '"
                + email
                + "' is not the one the estate derives from an organization ID"
                + " (threat.gcp.projects[].organization.organizationId)");
        return null;
      }
      ObjectNode o = g.putObject("organization").put("organizationId", orgId);
      List<String> excluded = matching(org.path("excludedProjectNumbers"), NUMBER);
      if (!excluded.isEmpty()) {
        o.set("excludedProjectNumbers", Json.stringArray(excluded));
      }
    }
    scanInterval(p, g);
    List<String> offerings = offerings(p, GCP_TYPES, dropped);
    if (offerings.isEmpty()) {
      notes.add(Code.W650, subject, "not imported: " + noOffering(dropped));
      return null;
    }
    g.set("offerings", Json.stringArray(offerings));
    String pool = details.path("workloadIdentityPoolId").asString(null);
    return new Read(
        c,
        host,
        false,
        projectId,
        number,
        g,
        dropped,
        pool != null && POOL.matcher(pool).matches() ? pool : null);
  }

  private static String noOffering(Map<String, String> dropped) {
    if (dropped.isEmpty()) {
      return "it has no offering";
    }
    List<String> why = new ArrayList<>();
    dropped.forEach((type, reason) -> why.add(type + ": " + reason));
    return "none of its offerings can be declared (" + String.join("; ", why) + ")";
  }

  /** The estate's offering names, in generation's order; the rest in {@code dropped} with why. */
  private static List<String> offerings(
      JsonNode p, Map<String, String> types, Map<String, String> dropped) {
    Set<String> names = new TreeSet<>();
    for (JsonNode o : p.path("offerings")) {
      String type = o.path("offeringType").asString("");
      String name = types.get(type);
      if (name == null) {
        dropped.put(type.isEmpty() ? "(no offeringType)" : type, "the estate has no such offering");
      } else {
        names.add(name);
      }
    }
    List<String> out = new ArrayList<>();
    OFFERINGS.stream().filter(names::contains).forEach(out::add);
    return out;
  }

  private static void scanInterval(JsonNode p, ObjectNode entry) {
    JsonNode s = p.at("/environmentData/scanInterval");
    if (s.isIntegralNumber() && s.asInt() >= 1 && s.asInt() <= 24 && s.asInt() != 12) {
      entry.put("scanInterval", s.asInt());
    }
  }

  private static List<String> matching(JsonNode list, Pattern pattern) {
    Set<String> out = new TreeSet<>();
    for (JsonNode item : list) {
      if (item.isString() && pattern.matcher(item.asString()).matches()) {
        out.add(item.asString());
      }
    }
    return List.copyOf(out);
  }

  /** The connector host, or why its resource ID and location give none. */
  private static Object host(TenantObject c, JsonNode body) {
    Matcher m = RESOURCE_ID.matcher(c.id() == null ? "" : c.id());
    if (!m.matches()) {
      return "its resource ID is not /subscriptions/<id>/resourceGroups/<name>/providers/"
          + "Microsoft.Security/securityConnectors/<name>";
    }
    String sub = m.group(1).toLowerCase(Locale.ROOT);
    String group = m.group(2);
    String raw = body.path("location").asString("");
    String location = raw.replace(" ", "").toLowerCase(Locale.ROOT);
    if (!Normal.GUID.matcher(sub).matches()
        || sub.equals(org.aisecuritybaseline.validate.Uniqueness.NIL_GUID)) {
      return "its subscription '" + m.group(1) + "' is not a subscription ID";
    }
    if (!RESOURCE_GROUP.matcher(group).matches()) {
      return "its resource group '" + group + "' is not one the estate accepts";
    }
    if (!LOCATION.matcher(location).matches()) {
      return "its location '" + raw + "' is not an Azure region";
    }
    return new Host(sub, group, location);
  }

  // ---- what the estate generates against the connector ----------------------------------------

  /** The entry generated again and compared with the connector: each difference is listed. */
  private void verify(String subject, Read r) {
    ObjectNode generated =
        r.aws()
            ? ConnectorTemplates.aws(Json.bind(r.entry(), ThreatProtection.AwsAccount.class))
            : ConnectorTemplates.gcp(Json.bind(r.entry(), ThreatProtection.GcpProject.class));
    String as = (r.aws() ? "AWS account " : "GCP project ") + r.key();
    String name = generated.get("name").asString();
    if (!name.equals(Importer.displayName(r.source()))) {
      notes.add(
          Code.W650,
          subject,
          "imported as "
              + as
              + ", but not its name: the estate names the connector "
              + name
              + ", so deploying creates that connector (remove this one, or keep the portal's"
              + " and do not deploy the estate's)");
    }
    JsonNode tenantBody = r.source().body();
    for (String member : List.of("tags", "kind")) {
      if (tenantBody.has(member) && !tenantBody.get(member).asString("-").isEmpty()) {
        notes.add(
            Code.W650,
            subject,
            "imported as "
                + as
                + ", but not its "
                + member
                + " "
                + Json.compact(tenantBody.get(member))
                + ": the estate does not set them");
      }
    }
    JsonNode mine = Canonical.connector(generated).path("properties");
    JsonNode theirs = tenantBody.path("properties").deepCopy();
    // The pool is threat.gcp's (setup-gcp.sh creates its providers), not the connector's.
    if (theirs.at("/environmentData/projectDetails") instanceof ObjectNode details) {
      details.remove("workloadIdentityPoolId");
    }
    List<String> differences = new ArrayList<>();
    diff(without(theirs, "offerings"), without(mine, "offerings"), "", differences);
    if (!differences.isEmpty()) {
      notes.add(
          Code.W650,
          subject,
          "imported as " + as + ", but the estate deploys " + String.join("; ", differences));
    }
    Map<String, JsonNode> generatedOfferings = new LinkedHashMap<>();
    mine.path("offerings")
        .forEach(o -> generatedOfferings.put(o.path("offeringType").asString(""), o));
    Set<String> seen = new TreeSet<>();
    Map<String, String> types = r.aws() ? AWS_TYPES : GCP_TYPES;
    for (JsonNode o : theirs.path("offerings")) {
      String type = o.path("offeringType").asString("");
      String label =
          "offering " + type + (types.containsKey(type) ? " (" + types.get(type) + ")" : "");
      if (!seen.add(type)) {
        notes.add(Code.W650, subject, label + " not imported: the connector has it twice");
        continue;
      }
      JsonNode g = generatedOfferings.get(type);
      if (g == null) {
        notes.add(
            Code.W650,
            subject,
            label
                + " not imported: "
                + r.dropped().getOrDefault(type, "the estate does not declare it"));
        continue;
      }
      List<String> d = new ArrayList<>();
      diff(o, g, "", d);
      if (!d.isEmpty()) {
        notes.add(
            Code.W650,
            subject,
            label + " imported, but the estate deploys " + String.join("; ", d));
      }
    }
    generatedOfferings.keySet().stream()
        .filter(t -> !seen.contains(t))
        .forEach(
            t ->
                notes.add(
                    Code.W650,
                    subject,
                    "the estate deploys offering " + t + ", which the connector does not have"));
  }

  private static JsonNode without(JsonNode node, String member) {
    if (!(node instanceof ObjectNode o)) {
      return Json.NODES.objectNode();
    }
    ObjectNode copy = o.deepCopy();
    copy.remove(member);
    return copy;
  }

  /**
   * Each member where {@code generated} differs from {@code tenant}, as "path value for the
   * tenant's value": objects member by member, a list of values as a set, anything else whole.
   */
  private static void diff(JsonNode tenant, JsonNode generated, String path, List<String> out) {
    if (tenant instanceof ObjectNode t && generated instanceof ObjectNode g) {
      Set<String> names = new TreeSet<>();
      t.propertyNames().forEach(names::add);
      g.propertyNames().forEach(names::add);
      for (String n : names) {
        String at = path.isEmpty() ? n : path + "." + n;
        JsonNode tv = t.get(n);
        JsonNode gv = g.get(n);
        if (tv == null) {
          out.add(at + " " + shown(gv) + " (the connector has none)");
        } else if (gv == null) {
          out.add("no " + at + " (the connector has " + shown(tv) + ")");
        } else {
          diff(tv, gv, at, out);
        }
      }
      return;
    }
    if (!asSet(tenant).equals(asSet(generated))) {
      out.add(path + " " + shown(generated) + " (the connector has " + shown(tenant) + ")");
    }
  }

  private static Object asSet(JsonNode node) {
    if (node instanceof ArrayNode a) {
      List<String> items = new ArrayList<>();
      a.forEach(i -> items.add(Json.compact(i)));
      items.sort(null);
      return items;
    }
    return Json.compact(node);
  }

  private static String shown(JsonNode node) {
    return node.isString() ? node.asString() : Json.compact(node);
  }

  /** Offering type to offering name, read from what generation writes for each offering. */
  private static Map<String, String> types(boolean aws) {
    Map<String, String> out = new TreeMap<>();
    for (String o : OFFERINGS) {
      JsonNode generated =
          aws
              ? ConnectorTemplates.aws(
                  new ThreatProtection.AwsAccount(
                      "000000000000", null, null, null, null, List.of(o), "x0", null))
              : ConnectorTemplates.gcp(
                  new ThreatProtection.GcpProject(
                      "project-id", "000000", null, null, null, List.of(o)));
      out.put(generated.at("/properties/offerings/0/offeringType").asString(), o);
    }
    return Map.copyOf(out);
  }
}
