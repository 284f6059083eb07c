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
      TestSupport.validate(
          "examples/enterprise-p2/estate.yaml",
          TestSupport.read(TestSupport.root().resolve("examples/enterprise-p2/estate.yaml")));
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
      TenantSnapshot s =
          new TenantSnapshot(
              "8e2f4c6a-1b3d-4f5e-a7c9-0d2e4f6a8b0c",
              "2026-11-30T08:00:00Z",
              policies,
              locations,
              List.of(),
              Map.of(),
              pricings,
              List.of(),
              List.of(),
              List.of(),
              List.of());
      return TenantPlan.build(ESTATE.infos(), s, "snapshot", "estate.yaml", OUTPUT);
    }
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
    Plan same = deployed().withPricings().plan();
    assertEquals(Plan.TenantAction.UNCHANGED, object(same, sub).action(), same.files().toString());
    assertEquals(List.of(), same.files());

    Plan plan = deployed().withPricings().pricing(sub, "Api", p -> p.put("subPlan", "P3")).plan();
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
        TestSupport.validate(
            "adopt/estate.yaml",
            TestSupport.read(TestSupport.root().resolve("src/test/resources/adopt/estate.yaml")));
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
    Plan plan = TenantPlan.build(estate.infos(), s, "snapshot", "estate.yaml", output);
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
}
