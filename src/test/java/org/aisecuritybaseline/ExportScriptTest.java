package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 13: export/export-tenant.sh runs against a recording stand-in for the Azure CLI
 * (src/test/resources/stubs/az) that serves paged lists, a 429 with Retry-After, refusals and
 * failures, and a stand-in for sleep that records the wait instead of waiting. The tests assert
 * every call (reads only), the paging, the retry and its wait, the exact files of the snapshot
 * (docs/contracts.md section 9) with their pages merged, snapshot.json against its schema, and that
 * a failed export leaves no folder.
 */
class ExportScriptTest {
  @TempDir static Path tmp;
  static Path script;
  static Path stubs;

  static final String TENANT = "8e2f4c6a-1b3d-4f5e-a7c9-0d2e4f6a8b0c";
  static final String SUB_A = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
  static final String SUB_B = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";
  static final String SUB_C = "3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f";
  static final String GRAPH = "https://graph.microsoft.com";
  static final String ARM = "https://management.azure.com";
  static final String POLICIES = GRAPH + "/v1.0/identity/conditionalAccess/policies";
  static final String POLICIES_PAGE_2 = POLICIES + "?$skiptoken=page2";
  static final String BETA = GRAPH + "/beta/identity/conditionalAccess/policies";
  static final String LOCATIONS = GRAPH + "/v1.0/identity/conditionalAccess/namedLocations";
  static final String STRENGTHS =
      GRAPH + "/v1.0/identity/conditionalAccess/authenticationStrength/policies";
  static final String ROLES =
      GRAPH
          + "/v1.0/roleManagement/directory/roleDefinitions?$select=id,templateId,displayName,isBuiltIn";
  static final String ROLES_PAGE_2 = ROLES + "&$skiptoken=roles2";
  static final String GET_BY_IDS = GRAPH + "/v1.0/directoryObjects/getByIds";
  static final String APP_1 = "a1a1a1a1-0000-4000-8000-000000000001";
  static final String APP_2 = "a2a2a2a2-0000-4000-8000-000000000002";
  static final String GROUP = "b1b1b1b1-0000-4000-8000-000000000001";
  static final String SERVICE_PRINCIPAL = "c1c1c1c1-0000-4000-8000-000000000001";
  static final String ROLE = "62e90394-69f5-4237-9190-012177145e10";
  static final String BETA_ONLY_USER = "d1d1d1d1-0000-4000-8000-000000000001";

  static final String SCHEMA = "/schemas/tenant-snapshot.schema.json";

  @BeforeAll
  static void generate() throws IOException {
    Assumptions.assumeTrue(
        available("jq") || System.getenv("CI") != null, "jq is not installed (CI installs it)");
    Path out = tmp.resolve("out");
    TestSupport.Run run =
        TestSupport.cli(
            "generate",
            TestSupport.root().resolve("examples/enterprise-p2/estate.yaml").toString(),
            "--out",
            out.toString());
    assertEquals(0, run.code(), run.err());
    script = out.resolve("export/export-tenant.sh");
    stubs = Files.createDirectories(tmp.resolve("stubs"));
    for (String name : List.of("az", "sleep")) {
      Path stub = stubs.resolve(name);
      Files.copy(TestSupport.root().resolve("src/test/resources/stubs/" + name), stub);
      Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  static boolean available(String command) {
    try {
      return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The stand-in's answers

  /** The answers to one run: per "method url", the responses in call order (the last repeats). */
  static final class Tenant {
    final Map<String, List<String[]>> responses = new LinkedHashMap<>();

    Tenant respond(String method, String url, int status, Object body, String... headers) {
      String reason =
          switch (status) {
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
          };
      responses
          .computeIfAbsent(method + " " + url, k -> new ArrayList<>())
          .add(
              new String[] {
                String.valueOf(status),
                body instanceof String s ? s : Json.write((JsonNode) body),
                reason,
                String.join("\n", headers)
              });
      return this;
    }

    Tenant get(String url, int status, Object body, String... headers) {
      return respond("get", url, status, body, headers);
    }

    Path write(Path dir) throws IOException {
      Files.createDirectories(dir);
      for (Map.Entry<String, List<String[]>> e : responses.entrySet()) {
        String key = sha1(e.getKey());
        List<String[]> list = e.getValue();
        for (int i = 0; i < list.size(); i++) {
          writeResponse(dir, key + "." + (i + 1), list.get(i));
        }
        writeResponse(dir, key, list.get(list.size() - 1));
      }
      return dir;
    }

    private static void writeResponse(Path dir, String name, String[] r) throws IOException {
      Files.writeString(dir.resolve(name + ".status"), r[0]);
      Files.writeString(dir.resolve(name + ".body"), r[1]);
      Files.writeString(dir.resolve(name + ".reason"), r[2]);
      if (!r[3].isEmpty()) {
        Files.writeString(dir.resolve(name + ".headers"), r[3] + "\n");
      }
    }
  }

  static String sha1(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode list(JsonNode... items) {
    ObjectNode page = Json.NODES.objectNode();
    page.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#stub");
    ArrayNode value = page.putArray("value");
    for (JsonNode item : items) {
      value.add(item);
    }
    return page;
  }

  static ObjectNode list(String nextKey, String next, JsonNode... items) {
    ObjectNode page = list(items);
    page.put(nextKey, next);
    return page;
  }

  static ObjectNode object(String... pairs) {
    ObjectNode o = Json.NODES.objectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      o.put(pairs[i], pairs[i + 1]);
    }
    return o;
  }

  static String error(String code, String message) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
  }

  /** A user GUID of the first policy; {@code n} from 0. Some upper case: IDs are lower-cased. */
  static String user(int n) {
    String id = String.format(Locale.ROOT, "e%07x-0000-4000-8000-%012x", n, n);
    return n % 7 == 0 ? id.toUpperCase(Locale.ROOT) : id;
  }

  static final int USERS = 1000;

  static ObjectNode policy(String id) {
    ObjectNode p = object("id", id, "displayName", "CA" + id, "state", "enabled");
    ObjectNode conditions = p.putObject("conditions");
    conditions.putObject("users");
    conditions.putObject("applications");
    return p;
  }

  static ObjectNode firstPolicy() {
    ObjectNode p = policy("p1");
    ObjectNode users = (ObjectNode) p.at("/conditions/users");
    users.putArray("includeUsers").add("All");
    ArrayNode exclude = users.putArray("excludeUsers");
    for (int i = 0; i < USERS; i++) {
      exclude.add(user(i));
    }
    users.putArray("excludeGroups").add(GROUP);
    users.putArray("includeRoles").add(ROLE);
    ObjectNode apps = (ObjectNode) p.at("/conditions/applications");
    apps.putArray("includeApplications").add("All").add(APP_1.toUpperCase(Locale.ROOT));
    apps.putArray("excludeApplications").add(APP_2);
    ((ObjectNode) p.get("conditions"))
        .putObject("clientApplications")
        .putArray("includeServicePrincipals")
        .add(SERVICE_PRINCIPAL)
        .add("ServicePrincipalsInMyTenant");
    return p;
  }

  static ObjectNode secondPolicy() {
    ObjectNode p = policy("p2");
    ObjectNode users = (ObjectNode) p.at("/conditions/users");
    users.putArray("includeGroups").add(GROUP);
    users.putArray("excludeUsers").add("GuestsOrExternalUsers");
    ((ObjectNode) p.at("/conditions/applications"))
        .putArray("includeApplications")
        .add("Office365")
        .add(APP_1);
    return p;
  }

  /** Every directory ID the policies name (v1.0 and beta), lower case. */
  static Set<String> directoryIds() {
    Set<String> ids = new TreeSet<>();
    for (int i = 0; i < USERS; i++) {
      ids.add(user(i).toLowerCase(Locale.ROOT));
    }
    ids.add(GROUP);
    ids.add(SERVICE_PRINCIPAL);
    ids.add(BETA_ONLY_USER);
    return ids;
  }

  static String servicePrincipals(String appId) {
    return GRAPH
        + "/v1.0/servicePrincipals?$filter=appId%20eq%20%27"
        + appId
        + "%27&$select=id,appId,displayName";
  }

  static String pricings(String sub) {
    return ARM
        + "/subscriptions/"
        + sub
        + "/providers/Microsoft.Security/pricings?api-version=2024-01-01";
  }

  static String connectors(String sub) {
    return ARM
        + "/subscriptions/"
        + sub
        + "/providers/Microsoft.Security/securityConnectors?api-version=2024-08-01-preview";
  }

  /**
   * The tenant of most tests: policies in two pages, the first answered 429 once; named locations
   * refused (403); role definitions in two pages; directory objects in two batches; subscription A
   * with connectors in two pages, B empty, C not found.
   */
  static Tenant tenant() {
    ObjectNode betaPolicy = policy("p3");
    ((ObjectNode) betaPolicy.at("/conditions/users")).putArray("excludeUsers").add(BETA_ONLY_USER);
    betaPolicy.put("betaOnlyMember", true);
    return new Tenant()
        .get(POLICIES, 429, error("TooManyRequests", "Too many requests"), "'Retry-After': '7'")
        .get(POLICIES, 200, list("@odata.nextLink", POLICIES_PAGE_2, firstPolicy()))
        .get(POLICIES_PAGE_2, 200, list(secondPolicy()))
        .get(BETA, 200, list(betaPolicy))
        .get(
            LOCATIONS,
            403,
            error(
                "Authorization_RequestDenied",
                "Insufficient privileges to complete the operation."))
        .get(STRENGTHS, 200, list(object("id", "00000000-0000-0000-0000-000000000002")))
        .get(
            ROLES,
            200,
            list(
                "@odata.nextLink",
                ROLES_PAGE_2,
                object("id", ROLE, "displayName", "Global Administrator")))
        .get(ROLES_PAGE_2, 200, list(object("id", "r2", "displayName", "Reader")))
        .respond(
            "post",
            GET_BY_IDS,
            200,
            list(
                object(
                    "@odata.type",
                    "#microsoft.graph.user",
                    "id",
                    user(1),
                    "displayName",
                    "User 1",
                    "userPrincipalName",
                    "u1@contoso.com",
                    "mail",
                    "u1@contoso.com",
                    "mobilePhone",
                    "+1 555 0100")))
        .respond(
            "post",
            GET_BY_IDS,
            200,
            list(
                object(
                    "@odata.type",
                    "#microsoft.graph.group",
                    "id",
                    GROUP,
                    "displayName",
                    "Group",
                    "description",
                    "dropped"),
                object(
                    "@odata.type",
                    "#microsoft.graph.servicePrincipal",
                    "id",
                    SERVICE_PRINCIPAL,
                    "displayName",
                    "App",
                    "appId",
                    APP_2)))
        .get(
            servicePrincipals(APP_1),
            200,
            list(object("id", "sp-1", "appId", APP_1, "displayName", "App 1")))
        .get(servicePrincipals(APP_2), 200, list())
        .get(pricings(SUB_A), 200, list(object("name", "CloudPosture"), object("name", "AI")))
        .get(
            connectors(SUB_A),
            200,
            list(
                "nextLink",
                connectors(SUB_A) + "&$skipToken=2",
                object("name", "aws-111122223333")))
        .get(connectors(SUB_A) + "&$skipToken=2", 200, list(object("name", "gcp-contoso")))
        .get(pricings(SUB_B), 200, list())
        .get(connectors(SUB_B), 200, list())
        .get(pricings(SUB_C), 404, error("SubscriptionNotFound", "The subscription was not found."))
        .get(
            connectors(SUB_C),
            404,
            error("SubscriptionNotFound", "The subscription was not found."));
  }

  // ---------------------------------------------------------------------------------------------
  // Running the script

  record Result(int code, String output, List<String> calls, List<String> bodies) {
    List<String> azCalls() {
      return calls.stream().filter(c -> c.startsWith("az ")).toList();
    }
  }

  static Result run(Tenant tenant, String tenantId, String... args) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "run");
    Path responses = tenant.write(dir.resolve("responses"));
    Path log = Files.createFile(dir.resolve("calls.log"));
    Path bodies = Files.createFile(dir.resolve("bodies.log"));
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PATH", stubs + ":" + System.getenv("PATH"));
    pb.environment().put("STUB_LOG", log.toString());
    pb.environment().put("STUB_BODIES", bodies.toString());
    pb.environment().put("STUB_RESPONSES", responses.toString());
    pb.environment().put("STUB_TENANT", tenantId);
    Process p = pb.start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "script timed out");
    return new Result(p.exitValue(), output, Files.readAllLines(log), Files.readAllLines(bodies));
  }

  static Path newParent() throws IOException {
    return Files.createTempDirectory(tmp, "parent");
  }

  static JsonNode read(Path p) {
    return Json.parse(TestSupport.read(p));
  }

  static List<String> values(JsonNode list, String member) {
    List<String> out = new ArrayList<>();
    list.get("value").forEach(v -> out.add(v.get(member).asString()));
    return out;
  }

  /** Every call is a read: GET, or the one POST that reads (getByIds); and the tenant check. */
  static void assertReadOnly(Result r) {
    for (String call : r.azCalls()) {
      boolean read =
          call.equals("az account show --query tenantId --output tsv")
              || call.startsWith("az rest --method get --url ")
              || call.startsWith("az rest --method post --url " + GET_BY_IDS + " ");
      assertTrue(read, "not a read: " + call);
      assertFalse(call.contains("--method put") || call.contains("--method delete"), call);
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void exportsEveryFileOfTheSnapshotWithItsPagesMerged() throws Exception {
    Path parent = newParent();
    Path snapshot = parent.resolve("snapshot");
    Result r = run(tenant(), TENANT, snapshot.toString());
    assertEquals(0, r.code(), r.output());
    assertReadOnly(r);

    // Exactly the files of docs/contracts.md section 9 that could be read; nothing else, nowhere
    // else.
    Set<String> files =
        TestSupport.files(snapshot).stream()
            .filter(Files::isRegularFile)
            .map(f -> snapshot.relativize(f).toString())
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        new TreeSet<>(
            List.of(
                "snapshot.json",
                "entra/conditional-access-policies.json",
                "entra/conditional-access-policies.beta.json",
                "entra/authentication-strengths.json",
                "entra/directory-objects.json",
                "entra/role-definitions.json",
                "entra/service-principals.json",
                "defender/" + SUB_A + "/pricings.json",
                "defender/" + SUB_A + "/security-connectors.json",
                "defender/" + SUB_B + "/pricings.json",
                "defender/" + SUB_B + "/security-connectors.json")),
        files);
    assertFalse(Files.exists(snapshot.resolve("defender/" + SUB_C)), "no empty folder");
    assertEquals(
        List.of(snapshot),
        TestSupport.files(parent).stream().filter(p -> p.getParent().equals(parent)).toList(),
        "no temporary folder is left beside the snapshot");

    // Pages merged into one list, without paging members.
    JsonNode policies = read(snapshot.resolve("entra/conditional-access-policies.json"));
    assertEquals(List.of("p1", "p2"), values(policies, "id"));
    assertEquals(Set.of("value"), fieldNames(policies));
    assertEquals(USERS, policies.at("/value/0/conditions/users/excludeUsers").size());
    assertEquals(
        List.of(ROLE, "r2"), values(read(snapshot.resolve("entra/role-definitions.json")), "id"));
    assertEquals(
        List.of("aws-111122223333", "gcp-contoso"),
        values(read(snapshot.resolve("defender/" + SUB_A + "/security-connectors.json")), "name"));
    assertEquals(
        List.of(), values(read(snapshot.resolve("defender/" + SUB_B + "/pricings.json")), "name"));
    assertTrue(
        read(snapshot.resolve("entra/conditional-access-policies.beta.json"))
            .at("/value/0/betaOnlyMember")
            .asBoolean(),
        "objects are kept as the service returned them");

    // Paging followed: the next pages were read.
    for (String url : List.of(POLICIES_PAGE_2, ROLES_PAGE_2, connectors(SUB_A) + "&$skipToken=2")) {
      assertTrue(r.calls().stream().anyMatch(c -> c.contains("--url " + url + " ")), url);
    }

    // The 429 was retried after the Retry-After the service sent, and nothing else waited.
    List<String> policyCalls = new ArrayList<>();
    for (String c : r.calls()) {
      if (c.startsWith("sleep") || c.contains("--url " + POLICIES + " ")) {
        policyCalls.add(c.startsWith("sleep") ? c : "GET policies");
      }
    }
    assertEquals(List.of("GET policies", "sleep 7", "GET policies"), policyCalls);
    assertEquals(1, r.calls().stream().filter(c -> c.startsWith("sleep")).count());

    // getByIds: every user, group and service principal the v1.0 and beta policies name, each once,
    // lower case, at most 1000 a call; not the role, not the keywords.
    assertEquals(2, r.bodies().size(), "two batches");
    Set<String> sent = new TreeSet<>();
    List<Integer> sizes = new ArrayList<>();
    for (String line : r.bodies()) {
      assertTrue(line.startsWith(GET_BY_IDS + " "), line);
      JsonNode body = Json.parse(line.substring(GET_BY_IDS.length() + 1));
      assertEquals(List.of("user", "group", "servicePrincipal"), Json.strings(body.get("types")));
      sizes.add(body.get("ids").size());
      sent.addAll(Json.strings(body.get("ids")));
    }
    assertEquals(List.of(1000, directoryIds().size() - 1000), sizes);
    assertEquals(directoryIds(), sent);
    JsonNode objects = read(snapshot.resolve("entra/directory-objects.json"));
    assertEquals(3, objects.get("value").size());
    assertEquals(
        Set.of("@odata.type", "id", "displayName", "userPrincipalName"),
        fieldNames(objects.at("/value/0")),
        "only the members the readers use: no mail, no phone");
    assertEquals(APP_2, objects.at("/value/2/appId").asString());

    // One service principal query per application ID the policies name.
    List<String> spCalls =
        r.calls().stream().filter(c -> c.contains("/v1.0/servicePrincipals?")).toList();
    assertEquals(2, spCalls.size(), spCalls.toString());
    assertTrue(spCalls.get(0).contains(servicePrincipals(APP_1) + " "), spCalls.get(0));
    assertTrue(spCalls.get(1).contains(servicePrincipals(APP_2) + " "), spCalls.get(1));
    assertEquals(
        List.of(APP_1), values(read(snapshot.resolve("entra/service-principals.json")), "appId"));

    // snapshot.json: what was read, and what was not, with the reason.
    JsonNode meta = read(snapshot.resolve("snapshot.json"));
    assertEquals(
        List.of(), SchemaCheck.fromResource(SCHEMA).check(meta), "snapshot.json follows " + SCHEMA);
    assertEquals(1, meta.get("formatVersion").asInt());
    assertEquals(TENANT, meta.get("tenantId").asString());
    assertEquals("export-tenant.sh", meta.get("script").asString());
    assertEquals("ai-security-baseline", meta.at("/tool/name").asString());
    assertEquals(List.of(SUB_A, SUB_B, SUB_C), Json.strings(meta.get("subscriptions")));
    assertTrue(
        meta.get("exportedAt").asString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    Map<String, String> missing = new LinkedHashMap<>();
    meta.get("missing")
        .forEach(m -> missing.put(m.get("file").asString(), m.get("reason").asString()));
    assertEquals(
        List.of(
            "entra/named-locations.json",
            "defender/" + SUB_C + "/pricings.json",
            "defender/" + SUB_C + "/security-connectors.json",
            "purview/dlp-policies.json",
            "purview/dlp-rules.json"),
        List.copyOf(missing.keySet()));
    assertEquals(
        "HTTP 403 Authorization_RequestDenied: Insufficient privileges to complete the operation.",
        missing.get("entra/named-locations.json"));
    assertContains(
        missing.get("defender/" + SUB_C + "/pricings.json"), "HTTP 404 SubscriptionNotFound");
    assertContains(missing.get("purview/dlp-policies.json"), "Export-Tenant.ps1");
    assertContains(r.output(), "Snapshot written to " + snapshot);
  }

  static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.propertyNames().forEach(names::add);
    return names;
  }

  @Test
  void subscriptionsCanBeChosen() throws Exception {
    Path snapshot = newParent().resolve("s");
    Result r =
        run(
            tenant(),
            TENANT,
            "--subscription",
            SUB_B.toUpperCase(Locale.ROOT),
            snapshot.toString());
    assertEquals(0, r.code(), r.output());
    List<String> arm = r.calls().stream().filter(c -> c.contains(ARM)).toList();
    assertEquals(2, arm.size(), arm.toString());
    assertTrue(
        arm.stream().allMatch(c -> c.contains("/subscriptions/" + SUB_B + "/")), arm.toString());
    assertEquals(
        List.of(SUB_B), Json.strings(read(snapshot.resolve("snapshot.json")).get("subscriptions")));
  }

  /** A failure that is not a refusal stops the export: exit 1, and no folder at all. */
  @Test
  void aFailedExportLeavesNoFolder() throws Exception {
    Path parent = newParent();
    Path snapshot = parent.resolve("snapshot");
    Tenant failing = tenant().get(ROLES, 500, error("InternalServerError", "Something broke"));
    failing.responses.get("get " + ROLES).remove(0);
    Result r = run(failing, TENANT, snapshot.toString());
    assertEquals(1, r.code(), r.output());
    assertContains(r.output(), "HTTP 500 InternalServerError: Something broke");
    assertEquals(
        List.of(), TestSupport.files(parent), "nothing is left: " + TestSupport.files(parent));
    assertReadOnly(r);
  }

  /** Throttling that does not end: 5 attempts, waiting 2, 4, 8 and 16 s, then exit 1. */
  @Test
  void throttlingIsRetriedWithBackOffThenFails() throws Exception {
    Path parent = newParent();
    Tenant throttled = tenant();
    throttled.responses.remove("get " + POLICIES);
    throttled.get(POLICIES, 503, error("ServiceUnavailable", "Try later"));
    Result r = run(throttled, TENANT, parent.resolve("snapshot").toString());
    assertEquals(1, r.code(), r.output());
    assertEquals(
        List.of("sleep 2", "sleep 4", "sleep 8", "sleep 16"),
        r.calls().stream().filter(c -> c.startsWith("sleep")).toList());
    assertEquals(5, r.calls().stream().filter(c -> c.contains("--url " + POLICIES + " ")).count());
    assertEquals(List.of(), TestSupport.files(parent));
  }

  @Test
  void anotherTenantStopsBeforeAnyRead() throws Exception {
    Path parent = newParent();
    Result r =
        run(tenant(), "00000000-1111-2222-3333-444444444444", parent.resolve("s").toString());
    assertEquals(2, r.code(), r.output());
    assertEquals(List.of("az account show --query tenantId --output tsv"), r.calls());
    assertContains(r.output(), "az login --tenant " + TENANT);
    assertEquals(List.of(), TestSupport.files(parent));

    Result signedOut = run(tenant(), "", parent.resolve("s").toString());
    assertEquals(2, signedOut.code(), signedOut.output());
    assertEquals(List.of(), TestSupport.files(parent));
  }

  @Test
  void aFolderIsReplacedOnlyWhenItHoldsASnapshotAndWithForce() throws Exception {
    Path parent = newParent();
    Path target = Files.createDirectories(parent.resolve("snapshot"));
    Files.writeString(target.resolve("notes.txt"), "mine");

    Result refused = run(tenant(), TENANT, target.toString());
    assertEquals(64, refused.code(), refused.output());
    assertContains(refused.output(), "not empty");
    assertEquals(List.of(), refused.calls(), "nothing is read");

    Result notASnapshot = run(tenant(), TENANT, "--force", target.toString());
    assertEquals(64, notASnapshot.code(), notASnapshot.output());
    assertEquals("mine", Files.readString(target.resolve("notes.txt")), "left as it was");

    // An earlier snapshot is replaced as a whole.
    Files.writeString(target.resolve("snapshot.json"), "{}");
    Result replaced = run(tenant(), TENANT, "--force", target.toString());
    assertEquals(0, replaced.code(), replaced.output());
    assertFalse(Files.exists(target.resolve("notes.txt")));
    assertEquals(TENANT, read(target.resolve("snapshot.json")).get("tenantId").asString());
    assertEquals(List.of(target), Files.list(parent).toList());

    // An empty folder is used as it is.
    Path empty = Files.createDirectories(parent.resolve("empty"));
    assertEquals(0, run(tenant(), TENANT, empty.toString()).code());
    assertTrue(Files.isRegularFile(empty.resolve("snapshot.json")));
  }

  @Test
  void usageErrors() throws Exception {
    Path parent = newParent();
    for (String[] args :
        List.of(
            new String[] {},
            new String[] {"--subscription", "not-a-guid", parent.resolve("a").toString()},
            new String[] {parent.resolve("a").toString(), parent.resolve("b").toString()},
            new String[] {parent.resolve("missing/a").toString()})) {
      Result r = run(tenant(), TENANT, args);
      assertEquals(64, r.code(), List.of(args) + ": " + r.output());
      assertEquals(List.of(), r.calls());
    }
    Path link = parent.resolve("link");
    Files.createSymbolicLink(link, Files.createDirectories(parent.resolve("real")));
    assertEquals(64, run(tenant(), TENANT, link.toString()).code(), "a link is refused");
  }

  /**
   * An estate without Azure subscriptions: the script lists none, reads no subscription, and its
   * empty lists work (bash's set -u).
   */
  @Test
  void anEstateWithoutSubscriptionsReadsNone(@TempDir Path dir) throws Exception {
    String text =
        org.aisecuritybaseline.pipeline.Generator.generate(
                TestSupport.validate("minimal.yaml", TestSupport.MINIMAL_ESTATE))
            .stream()
            .filter(a -> a.path().equals("export/export-tenant.sh"))
            .findFirst()
            .orElseThrow()
            .text();
    assertContains(text, "readonly DEFAULT_SUBSCRIPTIONS=(\n)");
    Path minimal = TestSupport.write(dir, "export-tenant.sh", text);
    Path snapshot = dir.resolve("snapshot");
    Path saved = script;
    try {
      script = minimal;
      Result r = run(tenant(), "6f1c2a4e-3b7d-4e8f-9a0b-1c2d3e4f5a6b", snapshot.toString());
      assertEquals(0, r.code(), r.output());
      assertFalse(r.calls().stream().anyMatch(c -> c.contains(ARM)), r.calls().toString());
      assertFalse(Files.exists(snapshot.resolve("defender")));
      JsonNode meta = read(snapshot.resolve("snapshot.json"));
      assertEquals(List.of(), Json.strings(meta.get("subscriptions")));
      assertEquals(List.of(), SchemaCheck.fromResource(SCHEMA).check(meta));
      Result help = run(tenant(), "", "--help");
      assertContains(help.output(), "default: none");
    } finally {
      script = saved;
    }
  }

  /** The generated script of every example is valid bash and passes shellcheck. */
  @Test
  void theScriptOfEveryExamplePassesShellcheck() throws Exception {
    boolean shellcheck = available("shellcheck");
    for (Path estate : TestSupport.examples()) {
      String text =
          TestSupport.generate(estate).stream()
              .filter(a -> a.path().equals("export/export-tenant.sh"))
              .findFirst()
              .orElseThrow()
              .text();
      Path file =
          TestSupport.write(tmp, estate.getParent().getFileName() + "/export-tenant.sh", text);
      Process syntax =
          new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
      assertEquals(0, syntax.waitFor(), file + " bash -n");
      if (shellcheck || System.getenv("CI") != null) {
        Process p =
            new ProcessBuilder("shellcheck", "-s", "bash", file.toString())
                .redirectErrorStream(true)
                .start();
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), file + "\n" + report);
      }
    }
  }

  /** The schema check can fail: a snapshot.json with a stray member or a bad date is reported. */
  @Test
  void theSchemaRejectsABadSnapshotJson() {
    String good =
        "{\"formatVersion\": 1, \"tenantId\": \""
            + TENANT
            + "\", \"exportedAt\": \"2025-01-02T03:04:05Z\", \"tool\": {\"name\": \"ai-security-baseline\","
            + " \"version\": \"0.1.0\"}, \"script\": \"Export-Tenant.ps1\", \"subscriptions\": [], \"missing\":"
            + " [{\"file\": \"purview/dlp-rules.json\", \"reason\": \"Windows only\"}]}";
    SchemaCheck check = SchemaCheck.fromResource(SCHEMA);
    assertEquals(List.of(), check.check(Json.parse(good)));
    for (String bad :
        List.of(
            good.replace("\"formatVersion\": 1", "\"formatVersion\": 2"),
            good.replace("\"subscriptions\": []", "\"subscriptions\": [], \"extra\": true"),
            good.replace("2025-01-02T03:04:05Z", "yesterday"),
            good.replace("Export-Tenant.ps1", "other.sh"),
            good.replace("\"reason\": \"Windows only\"", "\"why\": \"Windows only\""))) {
      assertFalse(check.check(Json.parse(bad)).isEmpty(), bad);
    }
  }
}
