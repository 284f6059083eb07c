package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * One source for licences: data/licences.json says what each licence grants, with its source; the
 * estate schema's enum, init's --licence list and the README's licence table agree with it, and the
 * licences small and mid-size tenants buy generate what they grant.
 */
class LicencesTest {
  @TempDir java.nio.file.Path tmp;

  private static JsonNode data() {
    return Json.parse(
        TestSupport.read(TestSupport.root().resolve("src/main/resources/data/licences.json")));
  }

  /** Licence key to the capability keys it grants, in the data file's order. */
  private static Map<String, Set<String>> grants() {
    Map<String, Set<String>> grants = new LinkedHashMap<>();
    for (JsonNode l : data().get("licences")) {
      Set<String> g = new TreeSet<>();
      l.get("grants").properties().forEach(e -> g.add(e.getKey()));
      grants.put(l.get("key").asString(), g);
    }
    return grants;
  }

  @Test
  void theSchemaInitAndTheReadmeListTheLicencesOfTheDataFile() {
    List<String> keys = List.copyOf(grants().keySet());
    JsonNode schema =
        Json.parse(TestSupport.read(TestSupport.root().resolve("schemas/estate.schema.json")));
    assertEquals(
        keys,
        Json.strings(schema.at("/properties/tenant/properties/licences/items/enum")),
        "schema enum");

    TestSupport.Run help = TestSupport.cli("init", "--help");
    assertEquals(0, help.code());
    Matcher m =
        Pattern.compile("Licences \\(repeat or comma-separate\\): ([^.]*)\\.")
            .matcher(help.out().replaceAll("\\s+", " "));
    assertTrue(m.find(), help.out());
    assertEquals(keys, List.of(m.group(1).strip().split(",\\s*")), "init --licence");

    String readme = TestSupport.read(TestSupport.root().resolve("README.md"));
    String section = readme.substring(readme.indexOf("### Licences"));
    Map<String, Set<String>> table = new LinkedHashMap<>();
    Matcher row =
        Pattern.compile("(?m)^\\| `(\\w+)` \\| [^|]+ \\| ([^|]*) \\|$")
            .matcher(section.substring(0, section.indexOf("\n## ")));
    while (row.find()) {
      Set<String> g = new TreeSet<>();
      Matcher c = Pattern.compile("`(\\w+)`").matcher(row.group(2));
      while (c.find()) {
        g.add(c.group(1));
      }
      table.put(row.group(1), g);
    }
    assertEquals(grants(), table, "README licence table");
  }

  /**
   * Every grant names where it comes from: a Microsoft page (by its tag in the file's source) or
   * 'kept' from before.
   */
  @Test
  void everyGrantCarriesItsSource() {
    List<String> tags = List.of("SPR", "P2-TABLE", "SUITE-TABLE", "OFFERINGS", "kept");
    for (JsonNode l : data().get("licences")) {
      assertFalse(l.get("name").asString("").isBlank());
      l.get("grants")
          .properties()
          .forEach(
              e ->
                  assertTrue(
                      tags.stream().anyMatch(e.getValue().asString()::startsWith)
                          || tags.stream()
                              .anyMatch(
                                  t ->
                                      e.getValue().asString().contains(t + ",")
                                          || e.getValue().asString().contains(t + ":")),
                      l.get("key").asString()
                          + "."
                          + e.getKey()
                          + " has no source: "
                          + e.getValue()));
    }
  }

  @Test
  void theLicencesSmallAndMidSizeTenantsBuyGrantWhatMicrosoftSays() {
    Map<String, Set<String>> grants = grants();
    assertEquals(Set.of("entraIdP1", "purviewDlp"), grants.get("microsoft365BusinessPremium"));
    assertEquals(Set.of("entraIdP1", "entraIdP2"), grants.get("entraSuite"));
    assertEquals(Set.of("entraIdP1", "entraIdP2"), grants.get("entraIdP2"));
    assertEquals(Set.of("entraIdP1", "entraIdP2"), grants.get("microsoft365E5Security"));
    assertEquals(
        Set.of("purviewDlp", "purviewDlpAdvanced"), grants.get("microsoft365E5Compliance"));
  }

  private List<Artifact> generate(String licences, String extra) {
    String yaml =
        TestSupport.MINIMAL_ESTATE.replace("licences: [entraIdP1]", "licences: [" + licences + "]")
            + extra;
    return org.aisecuritybaseline.pipeline.Generator.generate(
        TestSupport.validate("estate.yaml", yaml));
  }

  private static List<String> paths(List<Artifact> files) {
    List<String> out = new ArrayList<>();
    files.forEach(f -> out.add(f.path()));
    return out;
  }

  /**
   * Business Premium: Conditional Access and DLP for Exchange, SharePoint and OneDrive, but no risk
   * policies and no Teams DLP.
   */
  @Test
  void businessPremiumGeneratesConditionalAccessAndDlpButNotRiskPolicies() {
    List<Artifact> files =
        generate("microsoft365BusinessPremium", "data:\n  defaultStage: simulation\n");
    List<String> paths = paths(files);
    assertTrue(
        paths.contains("entra/conditional-access/CA001-admins-require-mfa.json"), paths::toString);
    assertFalse(paths.stream().anyMatch(p -> p.contains("CA010")), paths::toString);
    String dlp =
        files.stream()
            .filter(f -> f.path().startsWith("purview/dlp/DLP002"))
            .findFirst()
            .orElseThrow()
            .text();
    assertContains(dlp, "ExchangeLocation");
    assertFalse(dlp.contains("TeamsLocation"), dlp);
    String readme =
        files.stream().filter(f -> f.path().equals("README.md")).findFirst().orElseThrow().text();
    // What a missing capability needs names every licence that grants it, from the same data file.
    assertContains(
        readme,
        "needs Microsoft Entra ID P2 (or Microsoft 365 E5, Microsoft 365 E5 Security, Enterprise Mobility + Security E5"
            + " or Microsoft Entra Suite)");
  }

  /** Entra Suite: ID Protection's risk-based policies. */
  @Test
  void entraSuiteGeneratesTheRiskPolicies() {
    List<String> paths = paths(generate("entraSuite", ""));
    assertTrue(
        paths.stream().anyMatch(p -> p.startsWith("entra/conditional-access/CA010-")),
        paths::toString);
    assertTrue(
        paths.stream().anyMatch(p -> p.startsWith("entra/conditional-access/CA001-")),
        paths::toString);
  }

  /**
   * A licence that differs only in case gets "did you mean", for the old licences and the new ones.
   */
  @Test
  void aLicenceInTheWrongCaseGetsDidYouMean() {
    for (String[] c :
        new String[][] {
          {"Microsoft365E3", "microsoft365E3"},
          {"entraidp1", "entraIdP1"},
          {"MICROSOFT365BUSINESSPREMIUM", "microsoft365BusinessPremium"},
          {"EntraSuite", "entraSuite"}
        }) {
      TestSupport.Run run =
          TestSupport.expectError(
              tmp,
              TestSupport.MINIMAL_ESTATE.replace("[entraIdP1]", "[" + c[0] + "]"),
              6,
              14,
              "E204");
      assertContains(run.err(), "found '" + c[0] + "'; did you mean '" + c[1] + "'?");
    }
  }

  /** explain takes IDs and plan names in any case. */
  @Test
  void explainAcceptsIdsInAnyCase() {
    for (String[] c :
        new String[][] {
          {"ca002", "CA002  "},
          {"Ca040", "CA040  "},
          {"dlp001", "DLP001  "},
          {"cloudposture", "CloudPosture  "},
          {"CLOUDPOSTURE", "CloudPosture  "},
          {"ai", "AI  "}
        }) {
      TestSupport.Run run = TestSupport.cli("explain", c[0]);
      assertEquals(0, run.code(), c[0] + ": " + run.err());
      assertTrue(run.out().startsWith(c[1]), c[0] + ": " + run.out());
    }
    assertEquals(1, TestSupport.cli("explain", "ca999").code());
  }
}
