package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.entra.DirectoryRoleCatalogue;
import org.aisecuritybaseline.entra.Expander;
import org.aisecuritybaseline.entra.PolicyTemplate;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.pipeline.Generator;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10, items 1 and 2: a group's purpose never weakens a policy silently; the privileged role
 * set never shrinks.
 */
class PurposeAndRolesTest {
  static final String SERVICE_GROUP =
      """
      groups:
        - key: svc
          id: 8c9d0e1f-2a3b-4c4d-9e5f-7a8b9c0d1e2f
          name: SG-Service
          purpose: serviceAccounts
      """;

  @TempDir Path tmp;

  @Test
  void aServiceAccountGroupNeedsAReason() {
    String yaml = TestSupport.MINIMAL_ESTATE + SERVICE_GROUP;
    TestSupport.Run run = TestSupport.expectError(tmp, yaml, 12, 5, "E202");
    assertContains(run.err(), "missing required property 'reason'");
  }

  @Test
  void aPurposeExclusionIsListedNamedAndExplained() throws IOException {
    String yaml =
        TestSupport.MINIMAL_ESTATE + SERVICE_GROUP + "    reason: printers cannot do MFA (CHG-1)\n";
    Map<String, String> files =
        Generator.generate(TestSupport.validate("e.yaml", yaml)).stream()
            .collect(Collectors.toMap(Artifact::path, Artifact::text));
    assertContains(
        files.get("README.md"),
        "| CA008 | group svc \"SG-Service\" (8c9d0e1f-2a3b-4c4d-9e5f-7a8b9c0d1e2f) | printers cannot do MFA (CHG-1) |");
    JsonNode deployment = Json.parse(files.get("entra/deployment.json"));
    JsonNode ca008 = policy(deployment, "CA008");
    JsonNode purpose = find(ca008.get("exclusions"), "purpose");
    assertEquals("group", purpose.get("kind").asString());
    assertEquals("svc", purpose.get("key").asString());
    assertEquals("SG-Service", purpose.get("name").asString());
    assertEquals("printers cannot do MFA (CHG-1)", purpose.get("reason").asString());
    assertEquals(
        "breakGlass", find(ca008.get("exclusions"), "breakGlass").get("source").asString());
    JsonNode group = deployment.at("/directory/groups").get(0);
    assertEquals("serviceAccounts", group.get("purpose").asString());

    Path estate = TestSupport.write(tmp, "estate.yaml", yaml);
    TestSupport.Run explain = TestSupport.cli("explain", "CA008", "--estate", estate.toString());
    assertEquals(0, explain.code(), explain.err());
    assertContains(explain.out(), "excluded by the group's purpose: group svc \"SG-Service\"");
    assertContains(explain.out(), "printers cannot do MFA (CHG-1)");
  }

  /**
   * The schema's description of purpose names exactly the policies whose templates use each
   * purpose's symbol.
   */
  @Test
  void thePurposeDescriptionNamesExactlyThePoliciesEachPurposeChanges() {
    JsonNode schema = Json.parseResource("/schemas/estate.schema.json");
    String description =
        schema.at("/properties/groups/items/properties/purpose/description").asString();
    for (Map.Entry<String, ?> e : Expander.PURPOSE_SYMBOLS.entrySet()) {
      String purpose = ((org.aisecuritybaseline.model.Estate.Group.Purpose) e.getValue()).key();
      Matcher m = Pattern.compile(purpose + ": ([^.]*)\\.").matcher(description);
      assertTrue(m.find(), "the description covers " + purpose);
      List<String> named =
          Pattern.compile("CA\\d{3}")
              .matcher(m.group(1))
              .results()
              .map(r -> r.group())
              .sorted()
              .toList();
      List<String> using =
          Catalogue.builtIn().all().stream()
              .filter(t -> t.policy().toString().contains("\"" + e.getKey() + "\""))
              .map(PolicyTemplate::id)
              .sorted()
              .toList();
      assertEquals(using, named, purpose);
    }
  }

  @Test
  void estateAdminRolesWidenThePrivilegedSetInsteadOfReplacingIt() {
    String yaml =
        TestSupport.MINIMAL_ESTATE
            + "directoryRoles:\n  admins: [globalAdministrator, teamsAdministrator]\n";
    Map<String, String> files =
        Generator.generate(TestSupport.validate("e.yaml", yaml)).stream()
            .collect(Collectors.toMap(Artifact::path, Artifact::text));
    JsonNode ca002 =
        Json.parse(
            files.get("entra/conditional-access/CA002-admins-require-phishing-resistant-mfa.json"));
    List<String> roles = Json.strings(ca002.at("/conditions/users/includeRoles"));
    DirectoryRoleCatalogue catalogue = DirectoryRoleCatalogue.get();
    assertTrue(roles.containsAll(catalogue.set("privileged")), roles.toString());
    assertTrue(roles.contains(catalogue.templateId("teamsAdministrator").orElseThrow()));
    // CA001 follows the estate's own list, as before.
    JsonNode ca001 =
        Json.parse(files.get("entra/conditional-access/CA001-admins-require-mfa.json"));
    assertEquals(2, ca001.at("/conditions/users/includeRoles").size());
  }

  /** CISA SCuBA's highly privileged roles (MS.AAD.7.1v1), all in the phishing-resistant policy. */
  @Test
  void everyHighlyPrivilegedRoleIsInThePrivilegedSetAndExplained() {
    List<String> scuba =
        List.of(
            "globalAdministrator",
            "privilegedRoleAdministrator",
            "userAdministrator",
            "sharePointAdministrator",
            "exchangeAdministrator",
            "hybridIdentityAdministrator",
            "applicationAdministrator",
            "cloudApplicationAdministrator");
    DirectoryRoleCatalogue catalogue = DirectoryRoleCatalogue.get();
    for (String role : scuba) {
      assertTrue(
          catalogue.set("privileged").contains(catalogue.templateId(role).orElseThrow()), role);
    }
    TestSupport.Run explain = TestSupport.cli("explain", "CA002");
    assertContains(explain.out(), "Hybrid Identity Administrator");
    assertContains(explain.out(), "Targets the 'privileged' roles (20)");
  }

  private static JsonNode policy(JsonNode deployment, String id) {
    for (JsonNode p : deployment.get("policies")) {
      if (p.get("id").asString().equals(id)) {
        return p;
      }
    }
    throw new AssertionError(id);
  }

  private static JsonNode find(JsonNode exclusions, String source) {
    for (JsonNode x : exclusions) {
      if (x.get("source").asString().equals(source)) {
        return x;
      }
    }
    throw new AssertionError(source + " in " + exclusions);
  }
}
