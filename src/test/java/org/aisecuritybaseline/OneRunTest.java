package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.diag.Diagnostic;
import org.aisecuritybaseline.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 10, item 8: validation reports everything in one run. The semantic checks run on the
 * sections that passed the schema; a misspelt property is one error with its suggestion, not also
 * the required, oneOf or size rules it breaks; a missing property is named.
 */
class OneRunTest {
  static final String BASE = TestSupport.MINIMAL_ESTATE;

  @TempDir Path tmp;

  private static List<Diagnostic> errors(String yaml) {
    return FindingPointersTest.diagnose(yaml).stream().filter(Diagnostic::isError).toList();
  }

  private static String show(List<Diagnostic> ds) {
    StringBuilder b = new StringBuilder();
    ds.forEach(
        d ->
            b.append(d.code())
                .append(' ')
                .append(d.pointer())
                .append(": ")
                .append(d.message())
                .append('\n'));
    return b.toString();
  }

  private static Diagnostic onlyError(String yaml) {
    List<Diagnostic> errors = errors(yaml);
    assertEquals(1, errors.size(), "exactly one error:\n" + show(errors));
    return errors.get(0);
  }

  @Test
  void aMisspeltPropertyIsOneError() {
    Diagnostic d = onlyError(BASE.replace("licences:", "licenses:"));
    assertEquals(org.aisecuritybaseline.diag.Code.E201, d.code());
    assertEquals("/tenant/licenses", d.pointer());
    assertContains(d.message(), "unknown property 'licenses'; did you mean 'licences'?");
  }

  @Test
  void aMisspeltAlternativeIsOneError() {
    Diagnostic d =
        onlyError(
            BASE
                + "namedLocations:\n  - key: office\n    name: Office\n    ipRange: [203.0.113.0/24]\n");
    assertEquals("/namedLocations/0/ipRange", d.pointer());
    assertContains(d.message(), "did you mean 'ipRanges'?");
  }

  @Test
  void aMisspeltRequiredPropertyIsOneError() {
    Diagnostic d =
        onlyError(
            BASE
                + "policies:\n  CA004:\n    exclude:\n      reasn: Scan-to-mail printers until replaced.\n"
                + "      users: [5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d]\n");
    assertContains(d.message(), "unknown property 'reasn'; did you mean 'reason'?");
  }

  @Test
  void aMisspeltSectionIsOneError() {
    Diagnostic d = onlyError(BASE.replace("tenant:", "tenat:"));
    assertEquals("/tenat", d.pointer());
    assertContains(d.message(), "did you mean 'tenant'?");
  }

  @Test
  void aMisspellingDoesNotHideAnotherProblemInTheSameMapping() {
    List<Diagnostic> errors =
        errors(BASE + "policies:\n  CA004:\n    exclude: {grups: [printers]}\n");
    assertEquals(
        List.of("E201", "E202"),
        errors.stream().map(d -> d.code().name()).sorted().toList(),
        show(errors));
    assertContains(show(errors), "missing required property 'reason'");
  }

  @Test
  void aMissingPropertyIsNamed() {
    Diagnostic exclude =
        onlyError(
            BASE
                + "policies:\n  CA004:\n    exclude: {reason: Scan-to-mail printers until replaced.}\n");
    assertEquals(org.aisecuritybaseline.diag.Code.E202, exclude.code());
    assertEquals("/policies/CA004/exclude", exclude.pointer());
    assertEquals(
        "missing required property: one of 'users', 'groups', 'roles' or 'apps'",
        exclude.message());
    Diagnostic data =
        onlyError(BASE + "data:\n  exclude: {reason: Service mailboxes must not be blocked.}\n");
    assertEquals("missing required property: one of 'groups' or 'users'", data.message());
    Diagnostic plan =
        onlyError(
            BASE
                + "threat:\n  azure:\n    deploymentLocation: westeurope\n    subscriptions:\n"
                + "      - id: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\n    plans:\n      VirtualMachines: {}\n");
    assertEquals("/threat/azure/plans/VirtualMachines", plan.pointer());
    assertEquals(
        "missing required property: one of 'tier', 'subPlan' or 'extensions'", plan.message());
  }

  @Test
  void semanticProblemsAreReportedWithSchemaProblemsElsewhere() {
    String yaml =
        BASE.replace("licences:", "licenses:")
            + "namedLocations:\n  - {key: office, name: Office, ipRanges: [203.0.113.5/24]}\n"
            + "policies:\n  CA004:\n    exclude: {groups: [printers], reason: Scan-to-mail printers until replaced.}\n"
            + "threat:\n  azure:\n    deploymentLocation: westeurope\n    subscriptions:\n"
            + "      - id: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\n    plans:\n      VirtualMachine: {tier: Standard}\n";
    Path file = TestSupport.write(tmp, "estate.yaml", yaml);
    TestSupport.Run run = TestSupport.cli("validate", file.toString());
    assertEquals(1, run.code());
    assertContains(
        run.err(),
        ":6:3: error[E201]: /tenant/licenses: unknown property 'licenses'; did you mean 'licences'?");
    assertContains(
        run.err(),
        ":12:44: error[E305]: /namedLocations/0/ipRanges/0: '203.0.113.5/24' has host bits set");
    assertContains(
        run.err(),
        ":15:24: error[E301]: /policies/CA004/exclude/groups/0: no group with key 'printers'");
    assertContains(
        run.err(), ":22:7: error[E311]: /threat/azure/plans/VirtualMachine: unknown Defender plan");
    assertContains(run.err(), "4 errors; the estate is not valid");
  }

  @Test
  void aSectionThatFailedTheSchemaIsNotReadByTheChecks() {
    // The group is malformed, so whether 'printers' is declared is unknown: no second guess.
    String yaml =
        BASE
            + "groups:\n  - {key: printers, id: 2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f, purpose: printing}\n"
            + "policies:\n  CA004:\n    exclude: {groups: [printers], reason: Scan-to-mail printers until replaced.}\n";
    Diagnostic d = onlyError(yaml);
    assertEquals("/groups/0/purpose", d.pointer());
    // A missing required section is not read either.
    Diagnostic tenant =
        onlyError(
            BASE.replace(
                "  id: 6f1c2a4e-3b7d-4e8f-9a0b-1c2d3e4f5a6b\n",
                "  id: 00000000-0000-0000-0000-00000000000\n"));
    assertEquals("/tenant/id", tenant.pointer());
  }

  /**
   * Every section and every member of a section of both examples, broken three ways: never a crash.
   */
  @Test
  void partiallyValidEstatesNeverCrashTheChecks() {
    List<String> problems = new ArrayList<>();
    int runs = 0;
    for (Path example : TestSupport.examples()) {
      JsonNode tree = FuzzTest.load(TestSupport.read(example));
      List<String> pointers = new ArrayList<>();
      for (Map.Entry<String, JsonNode> section : tree.properties()) {
        pointers.add("/" + section.getKey());
        if (section.getValue().isObject()) {
          section
              .getValue()
              .propertyNames()
              .forEach(
                  n ->
                      pointers.add(
                          "/" + section.getKey() + "/" + n.replace("~", "~0").replace("/", "~1")));
        } else if (section.getValue().isArray()) {
          for (int i = 0; i < section.getValue().size(); i++) {
            pointers.add("/" + section.getKey() + "/" + i);
          }
        }
      }
      for (String pointer : pointers) {
        for (JsonNode broken :
            List.<JsonNode>of(
                Json.NODES.stringNode("x"), Json.NODES.objectNode(), Json.NODES.arrayNode())) {
          JsonNode copy = tree.deepCopy();
          int slash = pointer.lastIndexOf('/');
          JsonNode parent = copy.at(pointer.substring(0, slash));
          String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
          if (parent instanceof ObjectNode o) {
            o.set(last, broken);
          } else {
            ((tools.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), broken);
          }
          runs++;
          try {
            FindingPointersTest.diagnose(Json.write(copy));
          } catch (RuntimeException e) {
            problems.add(
                example.getParent().getFileName() + " " + pointer + " = " + broken + ": " + e);
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      fail(
          problems.size()
              + " of "
              + runs
              + " runs crashed:\n"
              + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
    }
    assertFalse(runs < 100, "runs: " + runs);
  }
}
