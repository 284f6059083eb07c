package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.aisecuritybaseline.diag.Diagnostic;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.diag.SourceFile;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.load.LoadedDocument;
import org.aisecuritybaseline.load.YamlLoader;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 9: a problem points at what is in the file. For every finding code, at least one
 * estate that produces it, and for every diagnostic the JSON pointer names a value (or key) that
 * the document has: the setting that caused it, or deliberately its nearest existing ancestor (a
 * missing property is reported at the mapping that lacks it). A new code in the sources needs a
 * case here.
 */
class FindingPointersTest {
  static final String BASE = TestSupport.MINIMAL_ESTATE;
  static final String E5 = BASE.replace("[entraIdP1]", "[microsoft365E5]");
  static final String PILOT_GROUP =
      "groups:\n  - {key: pilot, id: 2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f, purpose: pilot}\n";
  static final String HOST =
      "  connectorHost: {subscription: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d, resourceGroup: rg-mdc,"
          + " location: westeurope}\n";
  static final String CUSTOM_CA =
      "customPolicies:\n  - id: CA100\n    name: Custom\n%s    policy: {conditions: {users:"
          + " {includeUsers: [%s]}, applications: {includeApplications: [All]}}, grantControls: {operator: OR,"
          + " builtInControls: [mfa]}}\n";

  /** Estates with problems, by what they show; together they produce every code. */
  static Map<String, String> cases() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("duplicate key", BASE + "kind: Estate\n");
    c.put("bad tag", BASE + "tenant2: !!int abc\n");
    c.put("unknown property", BASE.replace("licences:", "licenses:"));
    c.put("missing property", BASE.substring(0, BASE.indexOf("breakGlass:")));
    c.put(
        "missing exclusion target",
        BASE
            + "policies:\n  CA004:\n    exclude: {reason: Scan-to-mail printers until replaced.}\n");
    c.put("wrong type", BASE + "baseline: yes-please\n");
    c.put(
        "a label the tool creates without a tooltip",
        BASE + "data:\n  labels:\n    - {key: secret, name: Secret}\n");
    c.put(
        "a Sentinel connector for Defender for Cloud without subscriptions",
        BASE
            + "secops:\n  workspace:\n    create: {subscription: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d,"
            + " resourceGroup: rg-sec, name: law-sec, location: westeurope}\n"
            + "  sentinel: {connectors: [defenderForCloud]}\n");
    c.put("wrong value", BASE.replace("kind: Estate", "kind: Estates"));
    c.put("wrong size", BASE + "namedLocations:\n  - {key: office, name: Office, ipRanges: []}\n");
    c.put(
        "unresolved group",
        BASE
            + "policies:\n  CA004:\n    exclude: {groups: [printers], reason: Scan-to-mail printers until replaced.}\n");
    c.put(
        "pilot stage without a pilot group (default stage)",
        BASE + "baseline: {defaultStage: pilot}\n");
    c.put(
        "pilot stage without a pilot group (custom policy only)",
        BASE + CUSTOM_CA.formatted("    stage: pilot\n", "All"));
    c.put(
        "pilot as the default stage of a tier",
        BASE + PILOT_GROUP + "baseline: {defaultStage: pilot}\n");
    c.put(
        "pilot stage without a pilot group (baseline policy)",
        BASE + "policies:\n  CA004: {stage: pilot}\n");
    c.put("specialized tier without its group", BASE + "baseline: {tier: specialized}\n");
    c.put("no break-glass", BASE.substring(0, BASE.indexOf("breakGlass:")) + "breakGlass: {}\n");
    c.put(
        "duplicate group",
        BASE
            + "groups:\n  - {key: a, id: 2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f, purpose: other}\n"
            + "  - {key: a, id: 3c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f, purpose: other}\n");
    c.put(
        "tenant limit",
        BASE.replace(
            "  licences: [entraIdP1]\n", "  licences: [entraIdP1]\n  unmanagedPolicyCount: 190\n"));
    c.put(
        "nil GUID",
        BASE.replace(
            "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "00000000-0000-0000-0000-000000000000"));
    c.put(
        "host bits",
        BASE
            + "namedLocations:\n  - {key: office, name: Office, ipRanges: [203.0.113.5/24, 2001:db8::1/48]}\n");
    c.put(
        "unavailable DLP location",
        BASE
            + "data:\n  customPolicies:\n    - id: DLP100\n      name: Custom\n"
            + "      locations: [teams]\n      rules:\n        - {name: Cards, sensitiveInfoTypes: [creditCardNumber],"
            + " actions: {blockAccess: true}}\n");
    c.put(
        "custom policy sets a generated field",
        BASE
            + "customPolicies:\n  - id: CA100\n    name: Mine\n    policy:"
            + " {displayName: Mine, conditions: {users: {includeUsers: [All]}, applications: {includeApplications: [All]}},"
            + " grantControls: {operator: OR, builtInControls: [mfa]}}\n");
    c.put(
        "custom policy through beta that needs nothing of beta",
        BASE
            + "customPolicies:\n  - id: CA100\n    name: Mine\n    graphApi: beta\n    policy:"
            + " {conditions: {users: {includeUsers: [All]}, applications: {includeApplications: [All]}},"
            + " grantControls: {operator: OR, builtInControls: [mfa]}}\n");
    c.put(
        "agent member in a v1.0 custom policy",
        BASE
            + "customPolicies:\n  - id: CA100\n    name: Mine\n    policy:"
            + " {conditions: {agentIdRiskLevels: high, clientApplications: {includeAgentIdServicePrincipals: [All]},"
            + " applications: {includeApplications: [All]}}, grantControls: {operator: OR, builtInControls: [block]}}\n");
    c.put("unknown baseline policy", BASE + "policies:\n  CA044: {stage: enabled}\n");
    c.put(
        "pilot on a policy for admins",
        BASE + PILOT_GROUP + "policies:\n  CA001: {stage: pilot}\n");
    c.put(
        "custom policy for a group piloted",
        BASE
            + PILOT_GROUP.replace(
                "groups:\n",
                "groups:\n  - {key: staff, id:"
                    + " 4c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f, purpose: other}\n")
            + CUSTOM_CA
                .formatted("    stage: pilot\n", "All")
                .replace(
                    "includeUsers: [All]}", "includeUsers: [], includeGroups: [\"group:staff\"]}"));
    c.put(
        "threshold on the wrong DLP policy",
        E5 + "data:\n  policies:\n    DLP001: {highVolumeThreshold: 20}\n");
    c.put(
        "Copilot with other locations",
        E5.replace(
                "licences: [microsoft365E5]",
                "licences: [microsoft365E5]\n  services: {microsoft365Copilot: true}")
            + "data:\n  customPolicies:\n    - id: DLP100\n"
            + "      name: Custom\n      locations: [copilot, exchange]\n      rules:\n        - {name: Prompts,"
            + " sensitiveInfoTypes: [creditCardNumber], actions: {restrictWebGrounding: true, blockAccess: true}}\n");
    c.put(
        "unknown Defender plan",
        BASE
            + "threat:\n  azure:\n    deploymentLocation: westeurope\n    subscriptions:\n"
            + "      - id: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\n        plans:\n          VirtualMachine: {tier: Standard}\n");
    c.put(
        "Defender property of the wrong type",
        BASE
            + "threat:\n  azure:\n    deploymentLocation: westeurope\n"
            + "    subscriptions:\n      - id: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\n        plans:\n          StorageAccounts:\n"
            + "            extensions:\n              OnUploadMalwareScanning: {enabled: true, properties:"
            + " {CapGBPerMonthPerStorageAccount: abc}}\n");
    c.put("a keyword in the wrong form", BASE + CUSTOM_CA.formatted("", "all"));
    c.put(
        "containers without their external ID",
        BASE
            + "threat:\n"
            + HOST
            + "  aws:\n    accounts:\n"
            + "      - {id: \"123456789012\", offerings: [containers]}\n");
    c.put(
        "connectors without a host",
        BASE + "threat:\n  aws:\n    accounts:\n      - id: \"123456789012\"\n");
    c.put(
        "one break-glass account",
        BASE.replace("    - id: 1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e\n", ""));
    c.put("settings outside the tier", BASE + "policies:\n  CA020: {stage: enabled}\n");
    c.put(
        "apps excluded from MFA for all",
        BASE
            + "apps:\n  - {key: crm, name: CRM, appId: 0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e,"
            + " kind: saas}\npolicies:\n  CA008:\n    exclude: {apps: [crm], reason: CRM vendor SSO cannot do MFA yet.}\n");
    c.put(
        "a sensitive information type only third parties publish",
        E5 + "data:\n  sensitiveInfoTypes: [" + unconfirmedType() + "]\n");
    StringBuilder users = new StringBuilder();
    for (int i = 0; i < 4000; i++) {
      users.append(i == 0 ? "" : ", ").append("user").append(i).append("@example.com");
    }
    c.put(
        "a baseline DLP policy over Purview's size",
        E5
            + "data:\n  exclude:\n    reason: Service mailboxes that must not be"
            + " blocked.\n    users: ["
            + users
            + "]\n");
    return c;
  }

  @Test
  void everyFindingPointsIntoTheDocument() {
    Set<String> seen = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    cases()
        .forEach(
            (name, yaml) -> {
              for (Diagnostic d : diagnose(yaml)) {
                seen.add(d.code().name());
                check(name, yaml, d, problems);
              }
            });
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems));
    }
    Set<String> missing = new TreeSet<>(codesInTheSources());
    missing.removeAll(seen);
    assertEquals(
        Set.of(), missing, "codes that no case produces: add an estate for each to cases()");
  }

  @Test
  void mutatedExamplesPointIntoTheDocumentToo() {
    Random random = new Random(20261210L);
    List<String> examples = TestSupport.examples().stream().map(TestSupport::read).toList();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String yaml = FuzzTest.mutate(examples.get(random.nextInt(examples.size())), random);
      for (Diagnostic d : diagnose(yaml)) {
        check("mutation " + i, yaml, d, problems);
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
    }
  }

  private static void check(String name, String yaml, Diagnostic d, List<String> problems) {
    if (d.pointer().isEmpty()) {
      return;
    }
    var doc =
        YamlLoader.load(new SourceFile("estate.yaml", yaml), new Diagnostics())
            .map(LoadedDocument::root);
    if (doc.isPresent() && doc.get().at(d.pointer()).isMissingNode()) {
      problems.add(
          name
              + ": "
              + d.code()
              + " points at "
              + d.pointer()
              + ", which is not in the file: "
              + d.message());
    }
  }

  static List<Diagnostic> diagnose(String yaml) {
    Diagnostics d = new Diagnostics();
    EstateValidator.validate(new SourceFile("estate.yaml", yaml), Catalogue.builtIn(), d);
    return d.all();
  }

  /**
   * The codes of the stages after loading (schema, semantic checks, expansion, warnings), from the
   * sources.
   */
  static Set<String> codesInTheSources() {
    Set<String> codes = new TreeSet<>();
    Pattern code = Pattern.compile("\\bCode\\.([EW][2-4][0-9]{2})\\b");
    try (Stream<Path> files = Files.walk(TestSupport.root().resolve("src/main/java"))) {
      for (Path p :
          files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("Code.java")).toList()) {
        Matcher m = code.matcher(Files.readString(p));
        while (m.find()) {
          codes.add(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertTrue(codes.size() > 20, "codes found: " + codes);
    return codes;
  }

  private static String unconfirmedType() {
    return org.aisecuritybaseline.purview.SensitiveInfoTypes.get().all().entrySet().stream()
        .filter(e -> !e.getValue().confirmed())
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }
}
