package org.aisecuritybaseline.cli;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.importer.SnapshotSource;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.node.ObjectNode;

/** baseline import on the command line, with a snapshot from memory. */
class ImportCommandTest {
  static final String TENANT = "8e2f4c6a-1b3d-4f5e-a7c9-0d2e4f6a8b0c";
  static final String BG = "3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a";

  @TempDir Path tmp;

  static TenantSnapshot snapshot(String tenantId) {
    ObjectNode body =
        (ObjectNode)
            Json.parse(
                """
                {"conditions": {"applications": {"includeApplications": ["All"]},
                  "clientAppTypes": ["exchangeActiveSync", "other"],
                  "users": {"excludeUsers": ["%s"], "includeUsers": ["All"]}},
                 "displayName": "Block legacy auth", "state": "enabled",
                 "grantControls": {"builtInControls": ["block"], "operator": "OR"}}
                """
                    .formatted(BG));
    TenantObject p =
        new TenantObject(
            "a1a1a1a1-0000-4000-8000-000000000004",
            "Block legacy auth",
            null,
            body,
            List.of(),
            "x");
    return new TenantSnapshot(
        tenantId,
        null,
        List.of(p),
        List.of(),
        List.of(),
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  record Run(int code, String out, String err) {}

  static Run run(SnapshotSource source, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(ImportCommand.spec(new ImportCommand(source)));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    if (System.getenv("SHOW_IMPORT") != null) {
      System.out.println("exit " + code + "\n--- out\n" + out + "--- err\n" + err);
    }
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void writesTheEstateAndListsWhatToDecide() throws IOException {
    Path out = tmp.resolve("contoso/estate.yaml");
    Run r = run(p -> snapshot(TENANT), "snap", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertContains(
        r.out(), "Wrote " + out + ": 1 baseline policy adopted, 0 custom, 0 named locations;");
    assertContains(r.err(), "warning[W651]: breakGlass: excluded from every imported policy");
    assertContains(Files.readString(out), "  CA004:\n    stage: enabled\n");
    // Undecided break-glass is the one thing validate refuses.
    TestSupport.Run v = TestSupport.cli("validate", out.toString());
    assertEquals(1, v.code());
    assertContains(v.err(), "error[E302]");
    assertEquals(1, v.err().lines().filter(l -> l.contains("error[")).count(), v.err());

    Run adopted =
        run(
            p -> snapshot(TENANT),
            "snap",
            "--out",
            out.toString(),
            "--force",
            "--adopt-break-glass");
    assertEquals(0, adopted.code(), adopted.err());
    assertEquals(0, TestSupport.cli("validate", out.toString()).code());
  }

  @Test
  void neverOverwritesWithoutForceNorWritesThroughALink() throws IOException {
    Path out = tmp.resolve("estate.yaml");
    Files.writeString(out, "precious\n");
    Run r = run(p -> snapshot(TENANT), "snap", "--out", out.toString());
    assertEquals(1, r.code());
    assertContains(r.err(), "baseline: cannot write " + out + ": these files exist");
    assertEquals("precious\n", Files.readString(out));

    Path outside = tmp.resolve("outside.yaml");
    Files.writeString(outside, "outside\n");
    Path link = tmp.resolve("link.yaml");
    Files.createSymbolicLink(link, outside);
    Run l = run(p -> snapshot(TENANT), "snap", "--out", link.toString(), "--force");
    assertEquals(1, l.code());
    assertContains(l.err(), "is a symbolic link; baseline never writes through a link");
    assertEquals("outside\n", Files.readString(outside));
  }

  @Test
  void aSnapshotWithoutTenantNeedsTheTenantId() {
    Path out = tmp.resolve("estate.yaml");
    Run r = run(p -> snapshot(null), "snap", "--out", out.toString());
    assertEquals(1, r.code());
    assertContains(r.err(), "baseline import: error[E601]: the snapshot does not name its tenant");
    assertFalse(Files.exists(out));
    Run given = run(p -> snapshot(null), "snap", "--out", out.toString(), "--tenant-id", TENANT);
    assertEquals(0, given.code(), given.err());
    assertTrue(Files.exists(out));
  }

  /**
   * The acceptance round trip through the command line with the real readers: the enterprise
   * example's output, as Graph and ARM return it once deployed (a snapshot folder, UTF-16 and all),
   * imported, generated again: the same policies and named locations; and a plan of the imported
   * estate against that tenant changes nothing.
   */
  @Test
  void generateAsReturnedImportGenerateGivesTheSamePolicies() throws Exception {
    Path estate = TestSupport.root().resolve("examples/enterprise-p2/estate.yaml");
    Path first = tmp.resolve("first");
    assertEquals(
        0, TestSupport.cli("generate", estate.toString(), "--out", first.toString()).code());
    Path snapshot = tmp.resolve("snapshot");
    org.aisecuritybaseline.tenant.AsReturned.snapshotFolder(
        first, snapshot, "8e2f4c6a-1b3d-4f5e-a7c9-0d2e4f6a8b0c");

    Path imported = tmp.resolve("imported.yaml");
    TestSupport.Run r =
        TestSupport.cli(
            "import",
            snapshot.toString(),
            "--out",
            imported.toString(),
            "--adopt-break-glass",
            "--deployment-location",
            "westeurope");
    assertEquals(0, r.code(), r.err());
    Path second = tmp.resolve("second");
    TestSupport.Run g =
        TestSupport.cli("generate", imported.toString(), "--out", second.toString());
    assertEquals(0, g.code(), g.err());
    for (String folder : List.of("entra/conditional-access", "entra/named-locations")) {
      List<Path> before = TestSupport.files(first.resolve(folder));
      List<Path> after = TestSupport.files(second.resolve(folder));
      assertEquals(
          before.stream().map(p -> p.getFileName().toString()).toList(),
          after.stream().map(p -> p.getFileName().toString()).toList(),
          folder);
      for (int i = 0; i < before.size(); i++) {
        assertEquals(
            org.aisecuritybaseline.tenant.Canonical.policy(
                org.aisecuritybaseline.json.Json.parse(TestSupport.read(before.get(i)))),
            org.aisecuritybaseline.tenant.Canonical.policy(
                org.aisecuritybaseline.json.Json.parse(TestSupport.read(after.get(i)))),
            before.get(i).getFileName().toString());
      }
    }
    // Issue 13: the security connectors come back byte for byte, and none is listed as left out.
    for (String cloud : List.of("aws", "gcp")) {
      List<Path> before = connectorTemplates(first.resolve("defender/" + cloud));
      List<Path> after = connectorTemplates(second.resolve("defender/" + cloud));
      assertEquals(
          before.stream().map(p -> first.relativize(p).toString()).toList(),
          after.stream().map(p -> second.relativize(p).toString()).toList(),
          cloud);
      assertTrue(before.size() >= 2, cloud + " connectors in the example");
      for (int i = 0; i < before.size(); i++) {
        assertEquals(
            TestSupport.read(before.get(i)),
            TestSupport.read(after.get(i)),
            before.get(i).toString());
      }
    }
    String yaml = TestSupport.read(imported);
    assertFalse(yaml.contains("- security connector "), yaml);

    TestSupport.Run plan =
        TestSupport.cli(
            "plan",
            imported.toString(),
            "--against-tenant",
            snapshot.toString(),
            "--detailed-exitcode");
    assertEquals(0, plan.code(), plan.out() + plan.err());
  }

  /** Every connector.json under a defender/aws or defender/gcp folder, by path. */
  private static List<Path> connectorTemplates(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().equals("connector.json")).sorted().toList();
    }
  }
}
