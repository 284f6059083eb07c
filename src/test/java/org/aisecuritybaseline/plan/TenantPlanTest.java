package org.aisecuritybaseline.plan;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.tenant.Canonical;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Planning against a tenant: the tenant built from the estate's own output as if deployed (IDs
 * given, named locations referenced by ID), then drifted one way at a time.
 */
class TenantPlanTest {
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp;

  private static final EstateValidator.Validated ESTATE =
      TestSupport.validateFile("examples/enterprise-p2/estate.yaml");
  private static final List<Artifact> OUTPUT = Generator.generate(ESTATE);

  /** The output as deployed: every policy and named location in the tenant, with an ID. */
  private static Tenant deployed() {
    Tenant t = new Tenant();
    JsonNode deployment = file("entra/deployment.json");
    int n = 0;
    for (JsonNode l : deployment.path("namedLocations")) {
      String id = guid(++n);
      t.locations.add(
          object(id, Canonical.namedLocation(file("entra/" + l.path("file").asString()))));
      t.locationIds.put("namedLocation:" + l.path("key").asString(), id);
    }
    for (JsonNode p : deployment.path("policies")) {
      ObjectNode body = Canonical.policy(file("entra/" + p.path("file").asString()));
      JsonNode locations = body.path("conditions").path("locations");
      for (String field : List.of("includeLocations", "excludeLocations")) {
        if (locations.get(field) instanceof ArrayNode list) {
          List<String> ids = new ArrayList<>();
          list.forEach(v -> ids.add(t.locationIds.getOrDefault(v.asString(), v.asString())));
          list.removeAll();
          ids.forEach(list::add);
        }
      }
      t.policies.add(object(guid(++n), body));
    }
    return t;
  }

  private static final class Tenant {
    final List<TenantObject> policies = new ArrayList<>();
    final List<TenantObject> locations = new ArrayList<>();
    final Map<String, String> locationIds = new java.util.HashMap<>();
    final List<TenantObject> pricings = new ArrayList<>();
    final List<TenantObject> connectors = new ArrayList<>();
    final List<TenantObject> dlpPolicies = new ArrayList<>();
    final List<TenantObject> dlpRules = new ArrayList<>();

    /**
     * Every generated connector as the connectors GET returns it once deployed (into the host
     * subscription and resource group deploy-connectors.sh names): resource envelope, read-only
     * members, offerings in another order.
     */
    Tenant withConnectors() {
      for (Artifact a : OUTPUT) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("defender/(aws|gcp)/[^/]+/connector\\.json")
                .matcher(a.path());
        if (!m.matches()) {
          continue;
        }
        String script =
            OUTPUT.stream()
                .filter(x -> x.path().equals("defender/" + m.group(1) + "/deploy-connectors.sh"))
                .map(x -> new String(x.bytes(), StandardCharsets.UTF_8))
                .findFirst()
                .orElseThrow();
        String host = shellValue(script, "HOST_SUBSCRIPTION");
        JsonNode r =
            Json.parse(new String(a.bytes(), StandardCharsets.UTF_8)).path("resources").get(0);
        String name = r.path("name").asString();
        String id =
            "/subscriptions/"
                + host
                + "/resourceGroups/"
                + shellValue(script, "RESOURCE_GROUP").toUpperCase(java.util.Locale.ROOT)
                + "/providers/Microsoft.Security/securityConnectors/"
                + name;
        ObjectNode body = Json.NODES.objectNode();
        body.put("id", id);
        body.put("name", name);
        body.put("type", "Microsoft.Security/securityconnectors");
        body.put("location", "westeurope");
        body.put("kind", "");
        body.putObject("tags");
        body.put("etag", "\"0a00\"");
        body.putObject("systemData").put("createdByType", "User");
        ObjectNode props =
            (ObjectNode)
                org.aisecuritybaseline.defender.DefenderRenderer.deployedValue(
                    r.path("properties"));
        props.put("hierarchyIdentifierTrialEndDate", "2026-12-31T00:00:00Z");
        ArrayNode offerings = (ArrayNode) props.path("offerings");
        List<JsonNode> reversed = new ArrayList<>();
        offerings.forEach(o -> reversed.add(0, o));
        offerings.removeAll();
        reversed.forEach(
            o -> {
              ((ObjectNode) o).put("description", "returned by the service");
              offerings.add(o);
            });
        body.set("properties", props);
        connectors.add(new TenantObject(id, name, host, Canonical.connector(body), List.of(), "x"));
      }
      return this;
    }

    Tenant connector(String name, Consumer<ObjectNode> change) {
      for (TenantObject o : connectors) {
        if (o.displayName().equals(name)) {
          change.accept((ObjectNode) o.body().path("properties"));
          return this;
        }
      }
      throw new AssertionError("no connector " + name);
    }

    /**
     * Every generated DLP policy and rule as Get-DlpCompliancePolicy / Get-DlpComplianceRule return
     * them (their parameters, and members only Get returns).
     */
    Tenant withDlp() {
      for (Artifact a : OUTPUT) {
        if (!a.path().startsWith("purview/dlp/")) {
          continue;
        }
        JsonNode definition = Json.parse(new String(a.bytes(), StandardCharsets.UTF_8));
        ObjectNode policy = ((ObjectNode) definition.path("policy")).deepCopy();
        String name = policy.path("Name").asString();
        policy.put("Guid", org.aisecuritybaseline.tenant.AsReturned.id(name));
        policy.put("Enabled", !policy.path("Mode").asString().equals("Disable"));
        policy.put("WhenChanged", "/Date(1702651405000)/");
        policy.put("PSComputerName", "nam12b.ps.compliance.protection.outlook.com");
        dlpPolicies.add(
            new TenantObject(name, name, null, Canonical.dlpPolicy(policy), List.of(), "x"));
        for (JsonNode r : definition.path("rules")) {
          ObjectNode rule = ((ObjectNode) r).deepCopy();
          rule.put("ParentPolicyName", name);
          rule.put("Mode", "Enforce");
          rule.put("IsAdvancedRule", rule.has("AdvancedRule"));
          String ruleName = rule.path("Name").asString();
          dlpRules.add(
              new TenantObject(ruleName, ruleName, name, Canonical.dlpRule(rule), List.of(), "x"));
        }
      }
      return this;
    }

    Tenant dlp(String prefix, Consumer<ObjectNode> change) {
      for (TenantObject o : dlpPolicies) {
        if (o.id().startsWith(prefix)) {
          change.accept(o.body());
          return this;
        }
      }
      throw new AssertionError("no DLP policy " + prefix);
    }

    Tenant dlpRule(String prefix, Consumer<ObjectNode> change) {
      for (TenantObject o : dlpRules) {
        if (o.id().startsWith(prefix)) {
          change.accept(o.body());
          return this;
        }
      }
      throw new AssertionError("no DLP rule " + prefix);
    }

    Tenant addDlp(String name, String mode, String comment, String... rules) {
      ObjectNode body = Json.NODES.objectNode().put("Name", name).put("Mode", mode);
      body.put("Comment", comment);
      dlpPolicies.add(new TenantObject(name, name, null, body, List.of(), "x"));
      for (String rule : rules) {
        ObjectNode r = Json.NODES.objectNode().put("Name", rule).put("ParentPolicyName", name);
        dlpRules.add(new TenantObject(rule, rule, name, r, List.of(), "x"));
      }
      return this;
    }

    /** Every subscription's plans as a pricings GET returns them, with fields we do not set. */
    Tenant withPricings() {
      for (Artifact a : OUTPUT) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("defender/azure/([0-9a-f-]{36})\\.json")
                .matcher(a.path());
        if (!m.matches()) {
          continue;
        }
        for (JsonNode r :
            Json.parse(new String(a.bytes(), StandardCharsets.UTF_8)).path("resources")) {
          if (!r.path("type").asString().equals("Microsoft.Security/pricings")) {
            continue;
          }
          ObjectNode body = Json.NODES.objectNode();
          body.put("name", r.path("name").asString());
          body.put("type", "Microsoft.Security/pricings");
          ObjectNode props =
              (ObjectNode)
                  org.aisecuritybaseline.defender.DefenderRenderer.deployedValue(
                      r.path("properties"));
          props.put("freeTrialRemainingTime", "PT0S");
          props.put("enablementTime", "2026-01-01T00:00:00Z");
          body.set("properties", props);
          pricings.add(
              new TenantObject(r.path("name").asString(), null, m.group(1), body, List.of(), "x"));
        }
      }
      return this;
    }

    Tenant pricing(String subscription, String plan, Consumer<ObjectNode> change) {
      for (TenantObject o : pricings) {
        if (o.scope().equals(subscription) && o.id().equals(plan)) {
          change.accept((ObjectNode) o.body().path("properties"));
          return this;
        }
      }
      throw new AssertionError("no plan " + plan);
    }

    Tenant policy(String prefix, Consumer<ObjectNode> change) {
      for (TenantObject o : policies) {
        if (o.body().path("displayName").asString().startsWith(prefix)) {
          change.accept(o.body());
          return this;
        }
      }
      throw new AssertionError("no policy " + prefix);
    }

    Tenant remove(String prefix) {
      policies.removeIf(o -> o.body().path("displayName").asString().startsWith(prefix));
      return this;
    }

    Tenant add(String id, String json) {
      policies.add(object(id, (ObjectNode) Json.parse(json)));
      return this;
    }

    Plan plan() {
      return TenantPlan.build(
          ESTATE.infos(), snapshot(), "snapshot", "estate.yaml", OUTPUT, ESTATE.estate());
    }

    TenantSnapshot snapshot() {
      return new TenantSnapshot(
          "8e2f4c6a-1b3d-4f5e-a7c9-0d2e4f6a8b0c",
          "2026-11-30T08:00:00Z",
          policies,
          locations,
          List.of(),
          Map.of(),
          pricings,
          connectors,
          dlpPolicies,
          dlpRules,
          List.of());
    }
  }

  private static String shellValue(String script, String name) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^readonly " + name + "='([^']*)'").matcher(script);
    if (!m.find()) {
      throw new AssertionError(name + " not in the script");
    }
    return m.group(1);
  }

  private static TenantObject object(String id, ObjectNode body) {
    return new TenantObject(
        id, body.path("displayName").asString(null), null, body, List.of(), "x");
  }

  private static String guid(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  private static JsonNode file(String path) {
    return OUTPUT.stream()
        .filter(a -> a.path().equals(path))
        .map(a -> Json.parse(new String(a.bytes(), StandardCharsets.UTF_8)))
        .findFirst()
        .orElseThrow();
  }

  private static Plan.TenantObjectChange object(Plan plan, String id) {
    return plan.tenant().objects().stream()
        .filter(o -> o.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aTenantThatHoldsTheOutputHasNoChanges() {
    Plan plan = deployed().plan();
    assertEquals(List.of(), plan.files(), "no field differs once both sides are canonical");
    assertTrue(
        plan.tenant().objects().stream().allMatch(o -> o.action() == Plan.TenantAction.UNCHANGED),
        plan.tenant().objects().toString());
    assertTrue(!plan.hasChanges());
    assertContains(PlanText.render(plan, false), "No changes. The tenant holds what the estate");
  }

  @Test
  void aPolicyEnforcedInThePortalIsRelaxedByDeployingAndSaysSo() {
    Plan plan = deployed().policy("CA009 - ", p -> p.put("state", "enabled")).plan();
    assertEquals(Plan.TenantAction.UPDATE, object(plan, "CA009").action());
    assertTrue(
        plan.highlights().stream()
            .anyMatch(h -> h.kind() == Plan.Kind.NOT_ENFORCED && h.objects().contains("CA009")),
        plan.highlights().toString());
    Plan.FileChange file = plan.files().get(0);
    assertEquals("/state", file.changes().get(0).pointer());
    assertEquals("enabled", file.changes().get(0).before().asString());
  }

  @Test
  void anExclusionAddedInThePortalIsRemovedByDeploying() {
    Plan plan =
        deployed()
            .policy(
                "CA008 - ",
                p ->
                    ((ArrayNode) p.path("conditions").path("users").path("excludeUsers"))
                        .add("9a9a9a9a-0000-4000-8000-000000000001"))
            .plan();
    assertEquals(Plan.TenantAction.UPDATE, object(plan, "CA008").action());
    assertTrue(
        plan.files().stream()
            .anyMatch(
                f ->
                    f.changes().stream()
                        .anyMatch(c -> c.pointer().contains("/conditions/users/excludeUsers"))),
        plan.files().toString());
  }

  @Test
  void aMissingPolicyIsCreatedAndOthersAreLeftAloneWithMicrosoftManagedOnesRecognised() {
    Plan plan =
        deployed()
            .remove("CA021 - ")
            .add(
                "11111111-0000-4000-8000-000000000001",
                """
                {"displayName": "Microsoft-managed: Block legacy authentication",
                 "state": "enabledForReportingButNotEnforced",
                 "conditions": {"clientAppTypes": ["exchangeActiveSync", "other"]},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}""")
            .add(
                "11111111-0000-4000-8000-000000000002",
                """
                {"displayName": "Finance - block unmanaged", "state": "enabled"}""")
            .plan();
    assertEquals(Plan.TenantAction.CREATE, object(plan, "CA021").action());
    assertNull(object(plan, "CA021").tenantObjectId());
    assertEquals(2, plan.tenant().leftAlone().size());
    Plan.LeftAlone managed = plan.tenant().leftAlone().get(1);
    assertEquals("Microsoft-managed: Block legacy authentication", managed.displayName());
    assertEquals(List.of("CA004"), managed.overlaps());
    assertContains(managed.warning(), "45 days");
    assertEquals("not managed by this tool", plan.tenant().leftAlone().get(0).why());

    JsonNode json = Json.parse(PlanJson.render(plan));
    assertEquals(List.of(), SchemaCheck.fromResource("/schemas/plan.schema.json").check(json));
    assertEquals(plan.tenant().objects().size(), json.path("tenant").path("objects").size());
    String markdown = PlanMarkdown.render(plan);
    assertContains(markdown, "| CA021 | Conditional Access policy | create |");
    assertContains(markdown, "Microsoft-managed: Block legacy authentication");
    assertContains(PlanText.render(plan, false), "+ CA021 (Conditional Access policy): create");
  }

  @Test
  void aRenamedPolicyIsNoLongerRecognisedAndIsCreatedBeside() {
    Plan plan =
        deployed()
            .policy("CA001 - ", p -> p.put("displayName", "Admins MFA (edited in the portal)"))
            .plan();
    assertEquals(Plan.TenantAction.CREATE, object(plan, "CA001").action());
    assertTrue(
        plan.tenant().leftAlone().stream()
            .anyMatch(l -> l.why().startsWith("managed by this tool but no longer")),
        "it still carries the marker: " + plan.tenant().leftAlone());
  }

  @Test
  void defenderPlansAsTheTenantHasThemAndADowngradeInThePortal() {
    String sub = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    Plan same = deployed().withPricings().withConnectors().plan();
    assertEquals(Plan.TenantAction.UNCHANGED, object(same, sub).action(), same.files().toString());
    assertEquals(List.of(), same.files());

    Plan plan =
        deployed()
            .withPricings()
            .withConnectors()
            .pricing(sub, "Api", p -> p.put("subPlan", "P3"))
            .plan();
    assertEquals(Plan.TenantAction.UPDATE, object(plan, sub).action());
    assertEquals(
        List.of("/resources[name=Api]/properties/subPlan"),
        plan.files().get(0).changes().stream().map(JsonDiff.Change::pointer).toList());
    assertTrue(
        plan.highlights().stream()
            .anyMatch(
                h ->
                    h.kind() == Plan.Kind.PROTECTION_REDUCED
                        && h.reason().contains("changes sub-plan P3 -> P1")),
        "deploying takes the sub-plan the portal raised back: " + plan.highlights());

    Plan missing = deployed().plan();
    assertTrue(
        missing.tenant().notes().stream().anyMatch(n -> n.contains(sub + ": not in the snapshot")),
        missing.tenant().notes().toString());
  }

  @Test
  void anUnmanagedPolicyTheEstateRemembersIsAdoptedNotDuplicated() {
    EstateValidator.Validated estate =
        TestSupport.validateFile("src/test/resources/adopt/estate.yaml");
    List<Artifact> output = Generator.generate(estate);
    ObjectNode ca001 = null;
    for (Artifact a : output) {
      if (a.path().startsWith("entra/conditional-access/CA001-")) {
        ca001 = Canonical.policy(Json.parse(new String(a.bytes(), StandardCharsets.UTF_8)));
      }
    }
    ca001.put("displayName", "Admins need MFA (made in the portal)");
    ca001.remove("description");
    TenantObject theirs =
        new TenantObject("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", null, null, ca001, List.of(), "x");
    TenantSnapshot s =
        new TenantSnapshot(
            null,
            null,
            List.of(theirs),
            List.of(),
            List.of(),
            Map.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    Plan plan =
        TenantPlan.build(estate.infos(), s, "snapshot", "estate.yaml", output, estate.estate());
    Plan.TenantObjectChange adopted = object(plan, "CA001");
    assertEquals(Plan.TenantAction.ADOPT, adopted.action());
    assertEquals("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", adopted.tenantObjectId());
    assertEquals(List.of(), plan.tenant().leftAlone(), "taken over, so not left alone");
    assertEquals(
        List.of("/description", "/displayName"),
        plan.files().stream()
            .filter(f -> f.path().contains("CA001-"))
            .flatMap(f -> f.changes().stream())
            .map(JsonDiff.Change::pointer)
            .sorted()
            .toList(),
        "renamed with its ID and given the marker, nothing else");
  }

  /**
   * The whole path through the command line: the estate's output as Graph and ARM return it once
   * deployed (a snapshot folder), then the same snapshot with CA009 switched on in the portal.
   */
  @Test
  void planAgainstATenantSnapshotThroughTheCommandLine() throws Exception {
    java.nio.file.Path estate = TestSupport.root().resolve("examples/enterprise-p2/estate.yaml");
    java.nio.file.Path out = tmp.resolve("out");
    assertEquals(0, TestSupport.cli("generate", estate.toString(), "--out", out.toString()).code());
    java.nio.file.Path snapshot = tmp.resolve("snapshot");
    org.aisecuritybaseline.tenant.AsReturned.snapshotFolder(
        out, snapshot, "8e2f4c6a-1b3d-4f5e-a7c9-0d2e4f6a8b0c");

    TestSupport.Run same =
        TestSupport.cli(
            "plan",
            estate.toString(),
            "--against-tenant",
            snapshot.toString(),
            "--detailed-exitcode");
    assertEquals(0, same.code(), same.out() + same.err());
    assertContains(same.out(), "No changes. The tenant holds what the estate deploys.");
    // the generative-AI sites policy is not generated: the snapshot of the output lacks it
    assertContains(same.out(), TenantDlp.AI_SITES + "missing: no DLP policy named");

    java.nio.file.Path policies = snapshot.resolve("entra/conditional-access-policies.json");
    ObjectNode list = (ObjectNode) Json.parse(java.nio.file.Files.readString(policies));
    for (JsonNode p : list.path("value")) {
      if (p.path("displayName").asString().startsWith("CA009 - ")) {
        ((ObjectNode) p).put("state", "enabled");
      }
    }
    java.nio.file.Files.writeString(policies, Json.write(list));
    TestSupport.Run drift =
        TestSupport.cli(
            "plan",
            estate.toString(),
            "--against-tenant",
            snapshot.toString(),
            "--detailed-exitcode",
            "--format",
            "json");
    assertEquals(2, drift.code(), drift.err());
    JsonNode json = Json.parse(drift.out());
    assertEquals(List.of(), SchemaCheck.fromResource("/schemas/plan.schema.json").check(json));
    assertContains(drift.out(), "\"kind\": \"not-enforced\"");
    assertContains(json.path("tenant").path("notes").toString(), "CA009 is on in the tenant");
    assertContains(
        json.path("tenant").path("notes").toString(), TenantDlp.AI_SITES + "missing: no DLP");

    // DLP001 (simulation in the estate) enforced in the portal.
    java.nio.file.Path dlp = snapshot.resolve("purview/dlp-policies.json");
    ArrayNode dlpPolicies = (ArrayNode) Json.parse(java.nio.file.Files.readString(dlp));
    for (JsonNode p : dlpPolicies) {
      if (p.path("Name").asString().startsWith("DLP001 - ")) {
        ((ObjectNode) p).put("Mode", "Enable");
      }
    }
    java.nio.file.Files.writeString(dlp, Json.write(dlpPolicies));
    TestSupport.Run dlpDrift =
        TestSupport.cli(
            "plan", estate.toString(), "--against-tenant", snapshot.toString(), "--format", "json");
    JsonNode dlpJson = Json.parse(dlpDrift.out());
    assertContains(
        dlpJson.path("tenant").path("notes").toString(), "DLP001 is enabled in the tenant");
    assertContains(dlpJson.path("highlights").toString(), "stops being enforced");

    TestSupport.Run broken =
        TestSupport.cli(
            "plan", estate.toString(), "--against-tenant", tmp.resolve("nothing").toString());
    assertEquals(1, broken.code(), broken.err());
    assertTrue(!broken.err().contains("Exception"), broken.err());
  }

  /** Microsoft's built-in phishing-resistant MFA authentication strength. */
  private static final String PHISHING_RESISTANT = "00000000-0000-0000-0000-000000000004";

  private static boolean highlights(Plan plan, Plan.Kind kind, String policy) {
    return plan.highlights().stream()
        .anyMatch(h -> h.kind() == kind && h.objects().contains(policy));
  }

  /**
   * Each kind of drift made in the portal, read from the deployer's side: what deploying the estate
   * then does to the tenant, with the file plan's highlight for it.
   */
  @Test
  void eachKindOfDriftHasItsHighlight() {
    // CA004 is enforced in the estate; someone turned it off in the portal: deploying enforces it.
    Plan off = deployed().policy("CA004 - ", p -> p.put("state", "disabled")).plan();
    assertTrue(highlights(off, Plan.Kind.ENFORCED, "CA004"), off.highlights().toString());

    // An exclusion added in the portal: deploying removes it, so the policy reaches more users.
    Plan excluded =
        deployed()
            .policy(
                "CA004 - ",
                p ->
                    ((ArrayNode) p.path("conditions").path("users").withArray("excludeGroups"))
                        .add("9a9a9a9a-0000-4000-8000-000000000002"))
            .plan();
    assertTrue(
        highlights(excluded, Plan.Kind.SCOPE_WIDENED, "CA004")
            || highlights(excluded, Plan.Kind.ENFORCED, "CA004"),
        excluded.highlights().toString());

    // A grant strengthened in the portal (a compliant device required as well): deploying the
    // estate's grant weakens it.
    // Phishing-resistant MFA required in the portal: deploying the estate's MFA weakens the grant.
    Plan weaker =
        deployed()
            .policy(
                "CA008 - ",
                p -> {
                  ObjectNode grant = (ObjectNode) p.path("grantControls");
                  grant.remove("builtInControls");
                  grant.putObject("authenticationStrength").put("id", PHISHING_RESISTANT);
                })
            .plan();
    assertTrue(
        highlights(weaker, Plan.Kind.GRANT_WEAKENED, "CA008"), weaker.highlights().toString());
  }

  private static List<Plan.TenantObjectChange> ofKind(Plan plan, String kind) {
    return plan.tenant().objects().stream().filter(o -> o.kind().equals(kind)).toList();
  }

  @Test
  void connectorsAsDeployedAreUnchangedAndOfferingsChangedInThePortalAreUpdates() {
    Plan same = deployed().withPricings().withConnectors().plan();
    assertEquals(List.of(), same.files(), "read-only members, envelope and order absorbed");
    assertEquals(2, ofKind(same, "AWS connector").size());
    assertEquals(2, ofKind(same, "GCP connector").size());
    assertTrue(
        same.tenant().objects().stream().allMatch(o -> o.action() == Plan.TenantAction.UNCHANGED),
        same.tenant().objects().toString());
    assertEquals(
        "/subscriptions/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/resourceGroups/RG-MDC-MULTICLOUD"
            + "/providers/Microsoft.Security/securityConnectors/aws-111122223333",
        object(same, "111122223333").tenantObjectId());

    // An offering turned off in the portal: deploying puts it back (no risk highlight).
    Plan removed =
        deployed()
            .withPricings()
            .withConnectors()
            .connector(
                "aws-111122223333",
                p ->
                    ((ArrayNode) p.path("offerings"))
                        .removeIf(o -> o.path("offeringType").asString().equals("DefenderCspmAws")))
            .plan();
    assertEquals(Plan.TenantAction.UPDATE, object(removed, "111122223333").action());
    assertEquals(
        List.of(
            "/resources[name=aws-111122223333]/properties/offerings[offeringType=DefenderCspmAws]"),
        removed.files().get(0).changes().stream().map(JsonDiff.Change::pointer).toList());
    assertNull(removed.files().get(0).changes().get(0).before(), "added back by deploying");
    assertTrue(
        removed.highlights().stream().noneMatch(h -> h.kind() == Plan.Kind.PROTECTION_REDUCED),
        removed.highlights().toString());

    // An offering added in the portal: the template's PUT replaces the offerings, so deploying
    // removes it: the file plan's "offering removed" highlight.
    Plan added =
        deployed()
            .withPricings()
            .withConnectors()
            .connector(
                "gcp-contoso-gke-platform",
                p ->
                    ((ArrayNode) p.path("offerings"))
                        .addObject()
                        .put("offeringType", "DefenderForServersGcp"))
            .plan();
    assertEquals(Plan.TenantAction.UPDATE, object(added, "contoso-gke-platform").action());
    assertTrue(
        added.highlights().stream()
            .anyMatch(
                h ->
                    h.kind() == Plan.Kind.PROTECTION_REDUCED
                        && h.objects().contains("contoso-gke-platform")
                        && h.reason().contains("offering DefenderForServersGcp is removed")),
        added.highlights().toString());

    // A setting changed in the portal inside an offering.
    Plan scan =
        deployed()
            .withPricings()
            .withConnectors()
            .connector(
                "aws-777788889999",
                p -> ((ObjectNode) p.path("environmentData")).put("scanInterval", 24))
            .plan();
    assertEquals(Plan.TenantAction.UPDATE, object(scan, "777788889999").action());
    assertEquals(
        List.of("/resources[name=aws-777788889999]/properties/environmentData/scanInterval"),
        scan.files().get(0).changes().stream().map(JsonDiff.Change::pointer).toList());
  }

  @Test
  void aConnectorMissingFromAnExportedHostIsCreatedAndAnUnexportedHostIsNotCompared() {
    Plan created = deployed().withPricings().withConnectors().plan(); // baseline: all present
    assertEquals(Plan.TenantAction.UNCHANGED, object(created, "777788889999").action());
    Tenant t = deployed().withPricings().withConnectors();
    t.connectors.removeIf(o -> o.displayName().equals("aws-777788889999"));
    Plan plan = t.plan();
    assertEquals(Plan.TenantAction.CREATE, object(plan, "777788889999").action());
    assertNull(object(plan, "777788889999").tenantObjectId());

    Plan none = deployed().plan();
    assertEquals(List.of(), ofKind(none, "AWS connector"));
    assertTrue(
        none.tenant().notes().stream()
            .anyMatch(n -> n.startsWith("AWS connector 111122223333: the connectors' host")),
        none.tenant().notes().toString());

    // The host's pricings were read, its connectors were not (listed as missing): not compared,
    // rather than created.
    Tenant refused = deployed().withPricings();
    TenantSnapshot s = refused.snapshot();
    Plan plan403 =
        TenantPlan.build(
            ESTATE.infos(),
            new TenantSnapshot(
                s.tenantId(),
                s.exportedAt(),
                s.policies(),
                s.namedLocations(),
                s.authenticationStrengths(),
                s.names(),
                s.pricings(),
                s.connectors(),
                s.dlpPolicies(),
                s.dlpRules(),
                s.diagnostics(),
                List.of("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"),
                List.of(
                    "defender/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/security-connectors.json",
                    "purview/dlp-policies.json",
                    "purview/dlp-rules.json")),
            "snapshot",
            "estate.yaml",
            OUTPUT,
            ESTATE.estate());
    assertEquals(List.of(), ofKind(plan403, "AWS connector"));
    assertEquals(List.of(), ofKind(plan403, "DLP policy"));
    assertTrue(
        plan403.tenant().notes().stream()
            .anyMatch(n -> n.contains("security-connectors.json as not exported")),
        plan403.tenant().notes().toString());
    assertTrue(
        plan403.tenant().notes().stream()
            .anyMatch(n -> n.contains("purview/dlp-policies.json as not exported")),
        plan403.tenant().notes().toString());
  }

  @Test
  void dlpPoliciesAsDeployedAreUnchanged() {
    Plan plan = deployed().withDlp().plan();
    assertEquals(List.of(), plan.files());
    List<Plan.TenantObjectChange> dlp = ofKind(plan, "DLP policy");
    assertEquals(List.of("DLP001", "DLP002", "DLP100"), dlp.stream().map(o -> o.id()).toList());
    assertTrue(
        dlp.stream().allMatch(o -> o.action() == Plan.TenantAction.UNCHANGED), dlp.toString());
    assertEquals("DLP002 - Protect sensitive information", object(plan, "DLP002").tenantObjectId());
    assertContains(String.join("\n", plan.tenant().notes()), "Not compared: DLP locations");
  }

  @Test
  void aDlpPolicyEnabledInThePortalStopsBeingEnforcedByDeployingAndSaysSo() {
    // DLP001 runs in simulation in the estate; someone enforced it in the portal.
    Plan plan = deployed().withDlp().dlp("DLP001 - ", p -> p.put("Mode", "Enable")).plan();
    assertEquals(Plan.TenantAction.UPDATE, object(plan, "DLP001").action());
    assertTrue(highlights(plan, Plan.Kind.NOT_ENFORCED, "DLP001"), plan.highlights().toString());
    Plan.FileChange file = plan.files().get(0);
    assertEquals("/policy/Mode", file.changes().get(0).pointer());
    assertEquals("Enable", file.changes().get(0).before().asString());
    assertEquals("TestWithNotifications", file.changes().get(0).after().asString());
    assertTrue(
        plan.tenant().notes().stream()
            .anyMatch(
                n -> n.startsWith("DLP001 is enabled in the tenant") && n.contains("-AllowRelax")),
        plan.tenant().notes().toString());

    // The reverse: DLP002 is enforced in the estate, in simulation in the tenant.
    Plan leaves =
        deployed().withDlp().dlp("DLP002 - ", p -> p.put("Mode", "TestWithNotifications")).plan();
    assertEquals(Plan.TenantAction.UPDATE, object(leaves, "DLP002").action());
    assertTrue(
        leaves.highlights().stream()
            .anyMatch(
                h ->
                    h.kind() == Plan.Kind.ENFORCED
                        && h.objects().contains("DLP002")
                        && h.reason().contains("leaves simulation")),
        leaves.highlights().toString());

    // The same Mode in another case is no change (the cmdlets take it in any case).
    Plan cased = deployed().withDlp().dlp("DLP002 - ", p -> p.put("Mode", "enable")).plan();
    assertEquals(Plan.TenantAction.UNCHANGED, object(cased, "DLP002").action());
  }

  @Test
  void dlpRulesByNameAndTheirScalarSettings() {
    Plan severity =
        deployed()
            .withDlp()
            .dlpRule("DLP002-R1 ", r -> r.put("ReportSeverityLevel", "High"))
            .plan();
    assertEquals(Plan.TenantAction.UPDATE, object(severity, "DLP002").action());
    assertEquals(1, severity.files().size(), severity.files().toString());
    assertEquals(
        List.of("/rules[Name=DLP002-R1 Low volume]/ReportSeverityLevel"),
        severity.files().get(0).changes().stream().map(JsonDiff.Change::pointer).toList());

    // Disabled in the portal, a setting the estate's rule leaves out: deploying does not set it,
    // so it is no change, and the plan says the rule stays off.
    Plan disabled = deployed().withDlp().dlpRule("DLP002-R1 ", r -> r.put("Disabled", true)).plan();
    assertEquals(Plan.TenantAction.UNCHANGED, object(disabled, "DLP002").action());
    assertTrue(
        disabled.tenant().notes().stream()
            .anyMatch(n -> n.startsWith("DLP002: the rule DLP002-R1 ") && n.contains("stays off")),
        disabled.tenant().notes().toString());

    // A rule deleted in the portal is created again; a rule added in the portal is left in place.
    Tenant t = deployed().withDlp();
    t.dlpRules.removeIf(r -> r.id().startsWith("DLP002-R1 "));
    t.dlpRules.add(
        new TenantObject(
            "Portal rule",
            "Portal rule",
            "DLP002 - Protect sensitive information",
            Json.NODES.objectNode().put("Name", "Portal rule"),
            List.of(),
            "x"));
    Plan plan = t.plan();
    assertEquals(Plan.TenantAction.UPDATE, object(plan, "DLP002").action());
    assertEquals(1, plan.files().get(0).changes().size(), plan.files().get(0).changes().toString());
    assertNull(plan.files().get(0).changes().get(0).before());
    assertTrue(
        plan.tenant().notes().stream()
            .anyMatch(
                n -> n.startsWith("DLP002: the tenant policy also has the rule(s) Portal rule")),
        plan.tenant().notes().toString());
  }

  @Test
  void unmanagedAndMissingDlpPolicies() {
    Tenant t =
        deployed()
            .withDlp()
            .addDlp(
                "Default Office 365 DLP policy",
                "Enable",
                "Detects credit card numbers.",
                "Default rule")
            .addDlp(
                "DLP007 - Retired",
                "TestWithoutNotifications",
                "Old. [managed by ai-security-baseline]");
    t.dlpPolicies.removeIf(p -> p.id().startsWith("DLP100 - "));
    Plan plan = t.plan();
    assertEquals(Plan.TenantAction.CREATE, object(plan, "DLP100").action());
    assertTrue(
        plan.files().stream()
            .anyMatch(
                f -> f.path().startsWith("purview/dlp/DLP100-") && f.action() == Plan.Action.ADD),
        "the whole definition is created: " + plan.files());
    List<Plan.LeftAlone> dlp =
        plan.tenant().leftAlone().stream().filter(l -> l.why().startsWith("DLP policy")).toList();
    assertEquals(2, dlp.size(), plan.tenant().leftAlone().toString());
    assertEquals("DLP007 - Retired", dlp.get(0).displayName());
    assertEquals("TestWithoutNotifications", dlp.get(0).state());
    assertContains(dlp.get(0).why(), "no longer in the estate");
    assertEquals("Default Office 365 DLP policy", dlp.get(1).displayName());
    assertEquals("Enable", dlp.get(1).state());
    assertEquals("DLP policy, not managed by this tool", dlp.get(1).why());

    JsonNode json = Json.parse(PlanJson.render(plan));
    assertEquals(List.of(), SchemaCheck.fromResource("/schemas/plan.schema.json").check(json));
    assertContains(PlanText.render(plan, false), "Default Office 365 DLP policy [Enable]");
    assertContains(PlanText.render(plan, false), "+ DLP100 (DLP policy): create");

    Plan none = deployed().plan();
    assertEquals(List.of(), ofKind(none, "DLP policy"));
    assertTrue(
        none.tenant().notes().stream().anyMatch(n -> n.startsWith("The snapshot holds no DLP")),
        none.tenant().notes().toString());
  }

  @Test
  void aDlpPolicyBeingDeletedIsSaidToBeSkipped() {
    Plan plan = deployed().withDlp().dlp("DLP100 - ", p -> p.put("Mode", "PendingDeletion")).plan();
    assertEquals(Plan.TenantAction.UPDATE, object(plan, "DLP100").action());
    assertTrue(
        plan.tenant().notes().stream()
            .anyMatch(n -> n.startsWith("DLP100 is being deleted in the tenant")),
        plan.tenant().notes().toString());
  }

  @Test
  void aPolicyWithTheNameButNotTheMarkerStopsTheDeployScript() {
    Plan plan = deployed().withDlp().dlp("DLP002 - ", p -> p.put("Comment", "Made by hand")).plan();
    assertEquals(Plan.TenantAction.UPDATE, object(plan, "DLP002").action());
    assertTrue(
        plan.tenant().notes().stream()
            .anyMatch(n -> n.startsWith("DLP002: the tenant policy") && n.contains("marker")),
        plan.tenant().notes().toString());
  }

  /**
   * The real Get-DlpCompliancePolicy / Get-DlpComplianceRule exports, read as loose files: none is
   * the estate's, so each is left alone with its Mode and every estate policy is created; one of
   * them renamed and marked as DLP002 is matched, its real Mode and Comment compared.
   */
  @Test
  void realDlpExportsReadAndPlanned() throws Exception {
    java.nio.file.Path real = TestSupport.root().resolve("src/test/resources/real-exports/dlp");
    TenantSnapshot read = org.aisecuritybaseline.tenant.SnapshotReader.read(real);
    assertTrue(!read.dlpPolicies().isEmpty() && !read.dlpRules().isEmpty());
    Plan plan =
        TenantPlan.build(ESTATE.infos(), read, "real", "estate.yaml", OUTPUT, ESTATE.estate());
    assertEquals(
        List.of(Plan.TenantAction.CREATE),
        ofKind(plan, "DLP policy").stream().map(o -> o.action()).distinct().toList());
    assertTrue(
        plan.tenant().leftAlone().stream()
            .anyMatch(
                l ->
                    l.displayName().equals("Custom policy Test")
                        && l.state().equals("TestWithNotifications")
                        && l.why().equals("DLP policy, not managed by this tool")),
        plan.tenant().leftAlone().toString());
    assertEquals(
        List.of(),
        SchemaCheck.fromResource("/schemas/plan.schema.json")
            .check(Json.parse(PlanJson.render(plan))));

    // The same export with one policy and its rules renamed as DLP002's, marked, enforced.
    java.nio.file.Path copy = tmp.resolve("dlp");
    ObjectNode policy =
        (ObjectNode)
            Json.parse(
                java.nio.file.Files.readString(
                    real.resolve("scubagear-sample-reports/policies/09-Custom-policy-Test.json")));
    String name = "DLP002 - Protect sensitive information";
    policy.put("Name", name);
    policy.put(
        "Comment",
        ((ObjectNode) file("purview/dlp/DLP002-protect-sensitive-information.json").path("policy"))
            .path("Comment")
            .asString());
    policy.put("Mode", "TestWithNotifications");
    java.nio.file.Files.createDirectories(copy);
    java.nio.file.Files.writeString(copy.resolve("policy.json"), Json.write(policy));
    TenantSnapshot one = org.aisecuritybaseline.tenant.SnapshotReader.read(copy);
    Plan matched =
        TenantPlan.build(ESTATE.infos(), one, "real", "estate.yaml", OUTPUT, ESTATE.estate());
    assertEquals(Plan.TenantAction.UPDATE, object(matched, "DLP002").action());
    assertEquals(name, object(matched, "DLP002").tenantObjectId());
    assertTrue(highlights(matched, Plan.Kind.ENFORCED, "DLP002"), matched.highlights().toString());
    List<String> pointers =
        matched.files().stream()
            .filter(f -> f.path().contains("DLP002"))
            .flatMap(f -> f.changes().stream())
            .map(JsonDiff.Change::pointer)
            .toList();
    assertTrue(pointers.contains("/policy/Mode"), pointers.toString());
    assertTrue(
        pointers.stream().noneMatch(p -> p.startsWith("/policy/") && !p.equals("/policy/Mode")),
        "Comment as generated; nothing else of the policy compared: " + pointers);
  }

  /** The note on the generative-AI websites endpoint DLP policy, or null. */
  private static String aiSitesNote(Plan plan) {
    List<String> notes =
        plan.tenant().notes().stream().filter(n -> n.startsWith(TenantDlp.AI_SITES)).toList();
    assertTrue(notes.size() <= 1, notes.toString());
    return notes.isEmpty() ? null : notes.get(0);
  }

  /**
   * The estate (E5, devices onboarded) shows the generative-AI sites policy as a manual step, so a
   * plan against a tenant says what the snapshot holds of it: one note, in every format.
   */
  @Test
  void theGenerativeAiSitesPolicyIsANoteInEveryFormat() {
    String block = org.aisecuritybaseline.purview.AiSitesPolicyStatus.BLOCK_POLICY;
    String missing = aiSitesNote(deployed().withDlp().plan());
    assertContains(missing, TenantDlp.AI_SITES + "missing: no DLP policy named \"" + block);
    assertContains(missing, "Fortify your data security");
    assertContains(missing, "data.dspmForAi.aiSitesPolicy");

    Plan simulation =
        deployed().withDlp().addDlp(block.toUpperCase(), "TestWithNotifications", "").plan();
    String note = aiSitesNote(simulation);
    assertEquals(
        TenantDlp.AI_SITES
            + "\""
            + block.toUpperCase()
            + "\" is in simulation (Mode TestWithNotifications; found by name). Enforce it in the"
            + " Microsoft Purview portal (turn the policy on) once its simulation results are"
            + " reviewed.",
        note);
    assertContains(PlanText.render(simulation, false), note);
    assertContains(
        PlanMarkdown.render(simulation),
        "is in simulation (Mode TestWithNotifications; found by name)");
    JsonNode json = Json.parse(PlanJson.render(simulation));
    assertEquals(List.of(), SchemaCheck.fromResource("/schemas/plan.schema.json").check(json));
    assertTrue(
        Json.strings(json.at("/tenant/notes")).contains(note), json.at("/tenant/notes").toString());
    // not an object deploying changes, not left out of the DLP policies left alone
    assertTrue(
        simulation.tenant().leftAlone().stream()
            .anyMatch(l -> l.displayName().equals(block.toUpperCase())));

    assertEquals(
        TenantDlp.AI_SITES + "\"" + block + "\" is enforced (Mode Enable; found by name).",
        aiSitesNote(deployed().withDlp().addDlp(block, "Enable", "").plan()));
    assertContains(
        aiSitesNote(deployed().withDlp().addDlp(block, "Disable", "").plan()),
        "is disabled (Mode Disable; found by name). Turn it on");

    // no DLP in the snapshot: unknown, not missing
    assertEquals(
        TenantDlp.AI_SITES
            + "status unknown: the snapshot holds no DLP policies (Get-DlpCompliancePolicy not"
            + " exported, or the tenant has none).",
        aiSitesNote(deployed().plan()));
  }

  /** Without devices onboarded the README has no manual step, and the plan no note. */
  @Test
  void noNoteWhenTheEstateHasNoEndpointDlp() {
    EstateValidator.Validated small = TestSupport.validateFile("examples/small-p1/estate.yaml");
    TenantSnapshot real =
        org.aisecuritybaseline.tenant.SnapshotReader.read(
            TestSupport.root().resolve("src/test/resources/real-exports/dlp"));
    Plan plan =
        TenantPlan.build(
            small.infos(), real, "real", "estate.yaml", Generator.generate(small), small.estate());
    assertNull(aiSitesNote(plan), plan.tenant().notes().toString());
    // the same snapshot, the estate with endpoint DLP: the real export's equivalent rule
    Plan p2 =
        TenantPlan.build(ESTATE.infos(), real, "real", "estate.yaml", OUTPUT, ESTATE.estate());
    assertEquals(
        TenantDlp.AI_SITES
            + "\"Custom policy Test\" is in simulation (Mode TestWithNotifications; found by"
            + " equivalent rule \"endpoint test\", endpoint restriction CloudEgress, not by name)."
            + " Enforce it in the Microsoft Purview portal (turn the policy on) once its simulation"
            + " results are reviewed.",
        aiSitesNote(p2));
  }
}
