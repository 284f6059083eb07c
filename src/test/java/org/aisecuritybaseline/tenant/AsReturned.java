package org.aisecuritybaseline.tenant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test helper: what the services would return for the files this project generates, with every
 * difference the canonical form must absorb. A generated policy comes back with its {@code id},
 * timestamps, {@code templateId: null}, OData annotations and operation advertisements, the beta
 * members Graph returns as null ({@code partialEnablementStrategy}, {@code conditions.times}, ...),
 * every unused member as {@code null} or {@code []}, an expanded {@code authenticationStrength},
 * upper-case GUIDs and every array in reverse order; files can be written as UTF-16LE with a
 * byte-order mark and CRLF line ends, as Windows PowerShell's {@code Out-File} writes them.
 *
 * <p>{@link #snapshotFolder} writes a whole snapshot folder (docs/contracts.md section 9) from a
 * generated output directory, as if everything generated had been deployed.
 */
public final class AsReturned {
  public static final String GRAPH = "https://graph.microsoft.com/";
  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final String CREATED = "2026-03-02T09:14:07.1234567Z";
  private static final String MODIFIED = "2026-05-11T16:40:55.7654321Z";

  /**
   * The built-in authentication strengths as GET .../authenticationStrength/policies shows them.
   */
  private static final Map<String, String[]> STRENGTHS =
      Map.of(
          "00000000-0000-0000-0000-000000000002",
          new String[] {"Multifactor authentication", "mfa", "windowsHelloForBusiness", "fido2"},
          "00000000-0000-0000-0000-000000000003",
          new String[] {"Passwordless MFA", "mfa", "windowsHelloForBusiness", "fido2"},
          "00000000-0000-0000-0000-000000000004",
          new String[] {
            "Phishing-resistant MFA",
            "mfa",
            "windowsHelloForBusiness",
            "fido2",
            "x509CertificateMultiFactor"
          });

  private AsReturned() {}

  /** A stable ID for a name, upper-case (some exports write GUIDs so). */
  public static String id(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8))
        .toString()
        .toUpperCase(Locale.ROOT);
  }

  /**
   * A generated policy body as {@code GET /beta/identity/conditionalAccess/policies/{id}} returns
   * it with {@code odata.metadata=full}-like extras. References {@code "namedLocation:<key>"} stay
   * as they are.
   */
  public static ObjectNode policy(JsonNode generated, String id) {
    ObjectNode in = (ObjectNode) generated.deepCopy();
    ObjectNode out = Json.NODES.objectNode();
    out.put("@odata.context", GRAPH + "beta/$metadata#identity/conditionalAccess/policies/$entity");
    out.put("@odata.type", "#microsoft.graph.conditionalAccessPolicy");
    out.put("id", id);
    out.putNull("templateId");
    out.set("displayName", in.get("displayName"));
    out.put("createdDateTime@odata.type", "#DateTimeOffset");
    out.put("createdDateTime", CREATED);
    out.put("modifiedDateTime", MODIFIED);
    out.set("state", in.get("state"));
    out.put("state@odata.type", "#microsoft.graph.conditionalAccessPolicyState");
    out.putNull("partialEnablementStrategy");
    out.putNull("deletedDateTime");
    out.set("description", in.has("description") ? in.get("description") : Json.NODES.nullNode());
    out.set("conditions", conditions((ObjectNode) in.get("conditions")));
    out.set("grantControls", grantControls(in.get("grantControls")));
    out.set("sessionControls", sessionControls(in.get("sessionControls")));
    ObjectNode restore = out.putObject("#microsoft.graph.restore");
    restore.put("title", "microsoft.graph.restore");
    restore.put("target", GRAPH + "beta/identity/conditionalAccess/policies('" + id + "')/restore");
    return (ObjectNode) scramble(out);
  }

  /** A generated named location as GET .../namedLocations/{id} returns it. */
  public static ObjectNode namedLocation(JsonNode generated, String id) {
    ObjectNode out = Json.NODES.objectNode();
    out.put(
        "@odata.context",
        GRAPH + "v1.0/$metadata#identity/conditionalAccess/namedLocations/$entity");
    out.set("@odata.type", generated.get("@odata.type"));
    out.put("id", id);
    out.set("displayName", generated.get("displayName"));
    out.put("modifiedDateTime", MODIFIED);
    out.put("createdDateTime", CREATED);
    out.putNull("deletedDateTime");
    generated
        .properties()
        .forEach(
            e -> {
              if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue().deepCopy());
              }
            });
    if (out.has("countriesAndRegions")) {
      out.put("countriesAndRegions@odata.type", "#Collection(String)");
    }
    out.putObject("#microsoft.graph.restore").put("title", "microsoft.graph.restore");
    return (ObjectNode) scramble(out);
  }

  /** A Graph list response, every page merged. */
  public static ObjectNode list(String context, List<? extends JsonNode> items) {
    ObjectNode out = Json.NODES.objectNode();
    out.put("@odata.context", context);
    ArrayNode value = out.putArray("value");
    items.forEach(value::add);
    return out;
  }

  /** JSON text as Windows PowerShell's Out-File writes it: UTF-16LE, byte-order mark, CRLF. */
  public static byte[] utf16le(JsonNode node) {
    String text = "\uFEFF" + Json.write(node).replace("\n", "\r\n");
    ByteBuffer b = StandardCharsets.UTF_16LE.encode(text);
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return bytes;
  }

  /** The built-in authentication strength {@code id} as GET returns it (expanded). */
  public static ObjectNode strength(String id) {
    String[] known = STRENGTHS.get(id.toLowerCase(Locale.ROOT));
    ObjectNode s = Json.NODES.objectNode();
    s.put("id", id.toUpperCase(Locale.ROOT));
    s.put("createdDateTime", "2021-12-01T00:00:00Z");
    s.put("modifiedDateTime", "2021-12-01T00:00:00Z");
    s.put("displayName", known == null ? "Custom strength" : known[0]);
    s.putNull("description");
    s.put("policyType", known == null ? "custom" : "builtIn");
    s.put("requirementsSatisfied", known == null ? "none" : known[1]);
    ArrayNode combinations = s.putArray("allowedCombinations");
    if (known != null) {
      for (int i = 2; i < known.length; i++) {
        combinations.add(known[i]);
      }
    }
    s.put(
        "combinationConfigurations@odata.context",
        GRAPH
            + "v1.0/$metadata#policies/authenticationStrengthPolicies('"
            + id
            + "')/combinationConfigurations");
    s.putArray("combinationConfigurations");
    s.putObject("#microsoft.graph.usage").put("title", "microsoft.graph.usage");
    return s;
  }

  /**
   * The named-location key to the ID {@link #snapshotFolder} gives it (lower case), from the
   * output's entra/deployment.json.
   */
  public static Map<String, String> namedLocationIds(Path generatedOutput) {
    Map<String, String> ids = new TreeMap<>();
    JsonNode deployment = readJson(generatedOutput.resolve("entra/deployment.json"));
    for (JsonNode nl : deployment.path("namedLocations")) {
      ids.put(
          nl.get("key").asString(),
          id("namedLocation:" + nl.get("key").asString()).toLowerCase(Locale.ROOT));
    }
    return ids;
  }

  /** The ID {@link #snapshotFolder} gives the policy written from {@code file} (lower case). */
  public static String policyId(String file) {
    return id("policy:" + file).toLowerCase(Locale.ROOT);
  }

  /** A generated body with its {@code "namedLocation:<key>"} references replaced by IDs. */
  public static JsonNode withLocationIds(JsonNode generated, Map<String, String> ids) {
    if (generated.isString() && generated.asString().startsWith("namedLocation:")) {
      String id = ids.get(generated.asString().substring("namedLocation:".length()));
      return id == null ? generated : Json.NODES.stringNode(id);
    }
    if (generated instanceof ObjectNode o) {
      ObjectNode out = Json.NODES.objectNode();
      o.properties().forEach(e -> out.set(e.getKey(), withLocationIds(e.getValue(), ids)));
      return out;
    }
    if (generated instanceof ArrayNode a) {
      ArrayNode out = Json.NODES.arrayNode();
      a.forEach(item -> out.add(withLocationIds(item, ids)));
      return out;
    }
    return generated;
  }

  /**
   * Writes into {@code into} the snapshot folder an export of a tenant would write after everything
   * in {@code generatedOutput} was deployed: Conditional Access policies (v1.0 list and beta list),
   * named locations, the authentication strengths the policies use, the names of the users, groups,
   * roles and applications they name, Defender pricings per subscription and security connectors
   * (in the host subscription and resource group the connector scripts name, with the read-only
   * members the service adds), and the DLP policies and rules as Get-DlpCompliancePolicy and
   * Get-DlpComplianceRule | ConvertTo-Json show them (with members only Get returns and the
   * defaults of rule settings a definition leaves out). Policy IDs are {@link #policyId},
   * named-location IDs {@link #namedLocationIds}, and references to named locations in policies are
   * those IDs.
   */
  public static void snapshotFolder(Path generatedOutput, Path into, String tenantId) {
    try {
      Map<String, String> locationIds = namedLocationIds(generatedOutput);
      JsonNode deployment = readJson(generatedOutput.resolve("entra/deployment.json"));
      List<ObjectNode> policies = new ArrayList<>();
      List<ObjectNode> betaPolicies = new ArrayList<>();
      TreeSet<String> strengths = new TreeSet<>();
      TreeSet<String> roles = new TreeSet<>();
      for (Path f : jsonFiles(generatedOutput.resolve("entra/conditional-access"))) {
        String name = "conditional-access/" + f.getFileName();
        JsonNode body = withLocationIds(readJson(f), locationIds);
        body.at("/conditions/users/includeRoles").forEach(r -> roles.add(r.asString()));
        body.at("/conditions/users/excludeRoles").forEach(r -> roles.add(r.asString()));
        JsonNode strength = body.at("/grantControls/authenticationStrength/id");
        if (strength.isString()) {
          strengths.add(strength.asString());
        }
        ObjectNode returned = policy(body, id("policy:" + name));
        betaPolicies.add(returned.deepCopy());
        returned.remove("partialEnablementStrategy");
        ((ObjectNode) returned.get("conditions")).remove(List.of("times", "deviceStates"));
        returned.remove("state@odata.type");
        // v1.0 neither returns nor knows the members only beta has (a policy deployed through
        // beta, issue 15): the v1.0 list leaves them out, the beta list has them.
        for (String pointer : Canonical.of(ObjectKind.POLICY, body).betaFields()) {
          int slash = pointer.lastIndexOf('/');
          if (returned.at(pointer.substring(0, slash)) instanceof ObjectNode parent) {
            parent.remove(pointer.substring(slash + 1));
          }
        }
        policies.add(returned);
      }
      List<ObjectNode> locations = new ArrayList<>();
      for (JsonNode nl : deployment.path("namedLocations")) {
        JsonNode body =
            readJson(generatedOutput.resolve("entra").resolve(nl.get("file").asString()));
        locations.add(
            namedLocation(
                body, locationIds.get(nl.get("key").asString()).toUpperCase(Locale.ROOT)));
      }
      write(
          into.resolve("entra/conditional-access-policies.json"),
          list(GRAPH + "v1.0/$metadata#identity/conditionalAccess/policies", policies));
      write(
          into.resolve("entra/conditional-access-policies.beta.json"),
          list(GRAPH + "beta/$metadata#identity/conditionalAccess/policies", betaPolicies));
      write(
          into.resolve("entra/named-locations.json"),
          list(GRAPH + "v1.0/$metadata#identity/conditionalAccess/namedLocations", locations));
      write(
          into.resolve("entra/authentication-strengths.json"),
          list(
              GRAPH + "v1.0/$metadata#identity/conditionalAccess/authenticationStrength/policies",
              strengths.stream().map(AsReturned::strength).toList()));
      directory(deployment, roles, into);
      List<String> subscriptions = defender(generatedOutput, into);
      purview(generatedOutput, into);
      ObjectNode snapshot = Json.NODES.objectNode();
      snapshot.put("formatVersion", 1);
      snapshot.put("tenantId", tenantId);
      snapshot.put("exportedAt", "2026-06-01T12:00:00Z");
      snapshot.putObject("tool").put("name", "ai-security-baseline").put("version", "test");
      snapshot.put("script", "export-tenant.sh");
      snapshot.set("subscriptions", Json.stringArray(subscriptions));
      snapshot.putArray("missing");
      write(into.resolve("snapshot.json"), snapshot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void directory(JsonNode deployment, TreeSet<String> roles, Path into)
      throws IOException {
    Map<String, ObjectNode> objects = new TreeMap<>();
    for (JsonNode policy : deployment.path("policies")) {
      for (JsonNode x : policy.path("exclusions")) {
        String kind = x.path("kind").asString("");
        if (x.has("id") && (kind.equals("user") || kind.equals("group"))) {
          ObjectNode o = Json.NODES.objectNode();
          o.put("@odata.type", "#microsoft.graph." + kind);
          o.put("id", x.get("id").asString());
          o.put("displayName", x.path("name").asString(x.get("id").asString()));
          objects.put(x.get("id").asString(), o);
        }
      }
    }
    write(
        into.resolve("entra/directory-objects.json"),
        list(GRAPH + "v1.0/$metadata#directoryObjects", new ArrayList<>(objects.values())));
    JsonNode catalogue = Json.parseResource("/data/directory-roles.json").path("roles");
    Map<String, String> roleNames = new TreeMap<>();
    catalogue.forEach(
        r -> roleNames.put(r.path("templateId").asString(""), r.path("name").asString("")));
    List<ObjectNode> definitions = new ArrayList<>();
    for (String role : roles) {
      ObjectNode d = Json.NODES.objectNode();
      d.put("id", role);
      d.put("templateId", role);
      d.put("displayName", roleNames.getOrDefault(role, "Role " + role));
      d.put("isBuiltIn", true);
      definitions.add(d);
    }
    write(
        into.resolve("entra/role-definitions.json"),
        list(GRAPH + "v1.0/$metadata#roleManagement/directory/roleDefinitions", definitions));
    List<ObjectNode> principals = new ArrayList<>();
    for (JsonNode sp : deployment.path("servicePrincipals")) {
      ObjectNode o = Json.NODES.objectNode();
      o.put("id", id("servicePrincipal:" + sp.get("appId").asString()));
      o.put("appId", sp.get("appId").asString());
      o.put("displayName", sp.path("name").asString());
      principals.add(o);
    }
    write(
        into.resolve("entra/service-principals.json"),
        list(GRAPH + "v1.0/$metadata#servicePrincipals", principals));
  }

  /** Pricings from defender/azure/<subscription>.json; connectors from defender/{aws,gcp}. */
  private static List<String> defender(Path out, Path into) throws IOException {
    List<String> subscriptions = new ArrayList<>();
    for (Path template : jsonFiles(out.resolve("defender/azure"))) {
      String sub = template.getFileName().toString().replaceFirst("\\.json$", "");
      subscriptions.add(sub);
      List<ObjectNode> pricings = new ArrayList<>();
      for (JsonNode r : readJson(template).path("resources")) {
        if (!r.path("type").asString("").equals("Microsoft.Security/pricings")) {
          continue;
        }
        ObjectNode p = Json.NODES.objectNode();
        String name = r.get("name").asString();
        p.put(
            "id",
            "/subscriptions/"
                + sub.toUpperCase(Locale.ROOT)
                + "/providers/Microsoft.Security/pricings/"
                + name);
        p.put("name", name);
        p.put("type", "Microsoft.Security/pricings");
        // As deployed: ARM's escaped literals ("[[...]") are stored and returned unescaped.
        ObjectNode props =
            (ObjectNode)
                org.aisecuritybaseline.defender.DefenderRenderer.deployedValue(r.get("properties"));
        props.put("freeTrialRemainingTime", "PT0S");
        if (props.path("pricingTier").asString("").equals("Standard")) {
          props.put("enablementTime", CREATED);
        }
        p.set("properties", props);
        pricings.add(p);
      }
      write(into.resolve("defender/" + sub + "/pricings.json"), list(null, pricings));
    }
    Map<String, List<ObjectNode>> connectors = new LinkedHashMap<>();
    for (String cloud : List.of("aws", "gcp")) {
      Path script = out.resolve("defender/" + cloud + "/deploy-connectors.sh");
      if (!Files.isRegularFile(script)) {
        continue;
      }
      String text = Files.readString(script);
      String host = shellValue(text, "HOST_SUBSCRIPTION");
      String group = shellValue(text, "RESOURCE_GROUP");
      String location = shellValue(text, "LOCATION");
      try (Stream<Path> dirs = Files.list(out.resolve("defender/" + cloud))) {
        for (Path dir : dirs.sorted().toList()) {
          Path file = dir.resolve("connector.json");
          if (!Files.isRegularFile(file)) {
            continue;
          }
          for (JsonNode r : readJson(file).path("resources")) {
            ObjectNode c = Json.NODES.objectNode();
            String name = r.get("name").asString();
            c.put(
                "id",
                "/subscriptions/"
                    + host
                    + "/resourcegroups/"
                    + group
                    + "/providers/Microsoft.Security/securityConnectors/"
                    + name);
            c.put("name", name);
            c.put("type", "Microsoft.Security/securityconnectors");
            c.put("location", location);
            c.put("etag", "\"0000\"");
            c.putObject("tags");
            c.putObject("systemData").put("createdByType", "User");
            // As deployed and read back: ARM's escaped literals unescaped, the read-only members
            // the service adds.
            ObjectNode props =
                (ObjectNode)
                    org.aisecuritybaseline.defender.DefenderRenderer.deployedValue(
                        r.get("properties"));
            props.put("hierarchyIdentifierTrialEndDate", "2026-12-31T00:00:00Z");
            props
                .path("offerings")
                .forEach(o -> ((ObjectNode) o).put("description", "Offering of the connector"));
            c.set("properties", props);
            connectors.computeIfAbsent(host, h -> new ArrayList<>()).add(c);
          }
        }
      }
    }
    for (Map.Entry<String, List<ObjectNode>> e : connectors.entrySet()) {
      write(
          into.resolve("defender/" + e.getKey() + "/security-connectors.json"),
          list(null, e.getValue()));
      if (!subscriptions.contains(e.getKey())) {
        subscriptions.add(e.getKey());
      }
    }
    return subscriptions;
  }

  /** Get-DlpCompliancePolicy / Get-DlpComplianceRule objects for purview/dlp/*.json. */
  private static void purview(Path out, Path into) throws IOException {
    ArrayNode policies = Json.NODES.arrayNode();
    ArrayNode rules = Json.NODES.arrayNode();
    for (Path f : jsonFiles(out.resolve("purview/dlp"))) {
      JsonNode definition = readJson(f);
      ObjectNode policy = powerShellNoise();
      ObjectNode params = (ObjectNode) definition.get("policy");
      policy.setAll(params.deepCopy());
      String name = params.get("Name").asString();
      String guid = id("dlp:" + name).toLowerCase(Locale.ROOT);
      policy.put("DisplayName", name);
      policy.put("Guid", guid);
      policy.put("Identity", "FFO.extest.microsoft.com/Configuration/" + name);
      policy.put("WhenChanged", "/Date(1702651405000)/");
      policy.putArray("ObjectClass").add("msExchUnifiedPolicy");
      policy.put("PolicyRulesMetaData", "{\"WhenRulesChangedUtc\":\"2026-01-01T00:00:00Z\"}");
      policy.putArray("SharePointOnPremisesLocation");
      policy.putNull("ExtendedProperties");
      // Members only Get returns, as in the real exports (src/test/resources/real-exports/dlp).
      policy.put("Type", "Dlp");
      policy.put("Enabled", !params.path("Mode").asString("").equals("Disable"));
      policy.put("IsSimulationPolicy", params.path("Mode").asString("").startsWith("Test"));
      policy.put("DistributionStatus", "Pending");
      policy.putArray("SharePointLocationException");
      policy.put("CreationTimeUtc", "/Date(1697725859187)/");
      policies.add(policy);
      for (JsonNode r : definition.path("rules")) {
        ObjectNode rule = powerShellNoise();
        rule.setAll(((ObjectNode) r).deepCopy());
        rule.put("ParentPolicyName", name);
        rule.put("Policy", guid);
        rule.putArray("ObjectClass").add("msExchUnifiedRule");
        rule.putNull("ExceptIfSenderDomainIs");
        // What Get-DlpComplianceRule returns for settings a definition leaves out (defaults).
        rule.put("Mode", "Enforce");
        rule.put("IsAdvancedRule", r.has("AdvancedRule"));
        if (!r.has("Disabled")) {
          rule.put("Disabled", false);
        }
        if (!r.has("BlockAccess")) {
          rule.put("BlockAccess", false);
        }
        if (!r.has("ReportSeverityLevel")) {
          rule.put("ReportSeverityLevel", "Low");
        }
        rule.put("Guid", id("dlp-rule:" + r.path("Name").asString()).toLowerCase(Locale.ROOT));
        rules.add(rule);
      }
    }
    write(
        into.resolve("purview/dlp-policies.json"),
        policies.size() == 1 ? policies.get(0) : policies);
    write(into.resolve("purview/dlp-rules.json"), rules.size() == 1 ? rules.get(0) : rules);
  }

  private static ObjectNode powerShellNoise() {
    ObjectNode o = Json.NODES.objectNode();
    o.put("PSComputerName", "nam12b.ps.compliance.protection.outlook.com");
    o.put("RunspaceId", "f28b8b8e-44d4-4b94-81b8-ff0d9be705c5");
    o.put("PSShowComputerName", false);
    return o;
  }

  // ---------------------------------------------------------------- the policy's parts

  private static ObjectNode conditions(ObjectNode in) {
    ObjectNode c = Json.NODES.objectNode();
    c.putArray("userRiskLevels");
    c.putArray("signInRiskLevels");
    c.putArray("clientAppTypes");
    c.putArray("servicePrincipalRiskLevels");
    for (String n :
        List.of(
            "insiderRiskLevels",
            "platforms",
            "locations",
            "times",
            "deviceStates",
            "devices",
            "clientApplications",
            "authenticationFlows")) {
      c.putNull(n);
    }
    in.properties().forEach(e -> c.set(e.getKey(), e.getValue().deepCopy()));
    ObjectNode apps = Json.NODES.objectNode();
    for (String n :
        List.of(
            "includeApplications",
            "excludeApplications",
            "includeUserActions",
            "includeAuthenticationContextClassReferences")) {
      apps.putArray(n);
    }
    apps.putNull("applicationFilter");
    if (in.get("applications") instanceof ObjectNode given) {
      given.properties().forEach(e -> apps.set(e.getKey(), e.getValue().deepCopy()));
    }
    c.set("applications", apps);
    ObjectNode users = Json.NODES.objectNode();
    for (String n :
        List.of(
            "includeUsers",
            "excludeUsers",
            "includeGroups",
            "excludeGroups",
            "includeRoles",
            "excludeRoles")) {
      users.putArray(n);
    }
    users.putNull("includeGuestsOrExternalUsers");
    users.putNull("excludeGuestsOrExternalUsers");
    if (in.get("users") instanceof ObjectNode given) {
      given.properties().forEach(e -> users.set(e.getKey(), e.getValue().deepCopy()));
    }
    c.set("users", users);
    if (c.get("locations") instanceof ObjectNode l && !l.has("excludeLocations")) {
      l.putArray("excludeLocations");
    }
    return c;
  }

  private static JsonNode grantControls(JsonNode in) {
    if (!(in instanceof ObjectNode given)) {
      return Json.NODES.nullNode();
    }
    ObjectNode g = Json.NODES.objectNode();
    g.putNull("operator");
    g.putArray("builtInControls");
    g.putArray("customAuthenticationFactors");
    g.putArray("termsOfUse");
    g.put(
        "authenticationStrength@odata.context",
        GRAPH
            + "beta/$metadata#identity/conditionalAccess/policies('x')/grantControls/authenticationStrength/$entity");
    g.putNull("authenticationStrength");
    given.properties().forEach(e -> g.set(e.getKey(), e.getValue().deepCopy()));
    if (g.get("authenticationStrength") instanceof ObjectNode s && s.has("id")) {
      g.set("authenticationStrength", strength(s.get("id").asString()));
    }
    return g;
  }

  private static JsonNode sessionControls(JsonNode in) {
    if (!(in instanceof ObjectNode given)) {
      return Json.NODES.nullNode();
    }
    ObjectNode s = Json.NODES.objectNode();
    for (String n :
        List.of(
            "applicationEnforcedRestrictions",
            "cloudAppSecurity",
            "persistentBrowser",
            "signInFrequency",
            "disableResilienceDefaults",
            "continuousAccessEvaluation",
            "secureSignInSession")) {
      s.putNull(n);
    }
    given.properties().forEach(e -> s.set(e.getKey(), e.getValue().deepCopy()));
    return s;
  }

  /** Every GUID upper-case and every array reversed, all the way down. */
  private static JsonNode scramble(JsonNode node) {
    if (node instanceof ObjectNode o) {
      ObjectNode out = Json.NODES.objectNode();
      o.properties().forEach(e -> out.set(e.getKey(), scramble(e.getValue())));
      return out;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode out = Json.NODES.arrayNode();
      for (int i = a.size() - 1; i >= 0; i--) {
        out.add(scramble(a.get(i)));
      }
      return out;
    }
    if (node.isString() && GUID.matcher(node.asString()).matches()) {
      return Json.NODES.stringNode(node.asString().toUpperCase(Locale.ROOT));
    }
    return node;
  }

  // ---------------------------------------------------------------- files

  private static String shellValue(String script, String name) {
    Matcher m = Pattern.compile("(?m)^readonly " + name + "='([^']*)'").matcher(script);
    if (!m.find()) {
      throw new IllegalStateException(name + " not found in the connector script");
    }
    return m.group(1);
  }

  private static List<Path> jsonFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static JsonNode readJson(Path file) {
    try {
      return Json.parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, JsonNode node) throws IOException {
    Files.createDirectories(file.getParent());
    if (node instanceof ObjectNode o
        && o.has("@odata.context")
        && o.get("@odata.context").isNull()) {
      o.remove("@odata.context");
    }
    Files.writeString(file, Json.write(node));
  }
}
