package org.aisecuritybaseline.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Diagnostic;
import org.aisecuritybaseline.diag.DiagnosticFormatter;
import org.aisecuritybaseline.diag.Location;
import org.aisecuritybaseline.diag.Severity;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.tenant.TenantSnapshot.DirectoryName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the readers accept, and what they say about what they cannot read. */
class SnapshotReaderTest {
  @TempDir Path tmp;

  private static final String POLICY =
      """
      {"id": "1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e", "displayName": "Block legacy", "state": "enabled",
       "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]},
         "clientAppTypes": ["exchangeActiveSync", "other"]},
       "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
      """;

  private Path write(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return f;
  }

  private static Diagnostic only(TenantSnapshot s, Code code) {
    List<Diagnostic> found = s.diagnostics().stream().filter(d -> d.code() == code).toList();
    assertEquals(1, found.size(), "one " + code + " in " + s.diagnostics());
    return found.get(0);
  }

  @Test
  void aFileThatIsNotJsonIsAnErrorWithItsLineAndColumn() throws IOException {
    Path f = write("policy.json", "{\n  \"displayName\": \"x\",\n  \"state\": enabled\n}\n");
    TenantSnapshot s = SnapshotReader.read(f);
    Diagnostic d = only(s, Code.E503);
    assertEquals(Severity.ERROR, d.severity());
    assertEquals(3, d.location().line());
    assertEquals(12, d.location().column());
    String shown = DiagnosticFormatter.format(d);
    assertTrue(shown.startsWith(f + ":3:12: error[E503]: not valid JSON"), shown);
    assertTrue(shown.contains("\"state\": enabled"), "the line is quoted: " + shown);
    assertEquals(List.of(), s.policies());
  }

  @Test
  void positionsInUtf16FilesAreCharacters() throws IOException {
    String text = "\uFEFF{\r\n  \"displayName\": \"Ünïcödé\",\r\n  \"state\": ,\r\n}\r\n";
    Path f = tmp.resolve("utf16.json");
    Files.write(f, text.getBytes(StandardCharsets.UTF_16LE));
    Diagnostic d = only(SnapshotReader.read(f), Code.E503);
    assertEquals(new Location(3, 12), d.location());
  }

  @Test
  void aTruncatedFileSaysSoWithoutTheParsersOwnLocation() throws IOException {
    Path f = write("cut.json", "{\"value\": [ {\"displayName\": 1\n");
    Diagnostic d = only(SnapshotReader.read(f), Code.E503);
    assertTrue(d.message().contains("end-of-input"), d.message());
    assertTrue(!d.message().contains("[Source:"), "line and column say where: " + d.message());
  }

  @Test
  void aFileBeyondTheReadingLimitsSaysWhichWithoutTheParsersSettingName() throws IOException {
    Path f = write("deep.json", "[".repeat(600) + "]".repeat(600));
    Diagnostic d = only(SnapshotReader.read(f), Code.E503);
    assertTrue(
        d.message().contains("nesting depth (501) exceeds the maximum allowed (500)"), d.message());
    assertTrue(!d.message().contains("StreamReadConstraints"), d.message());
  }

  @Test
  void aMemberNameTwiceIsAnError() throws IOException {
    Path f = write("twice.json", "{\"displayName\": \"a\",\n \"displayName\": \"b\"}");
    Diagnostic d = only(SnapshotReader.read(f), Code.E503);
    assertTrue(d.message().contains("displayName"), d.message());
    assertEquals(2, d.location().line());
  }

  @Test
  void bytesThatAreNotTextAreAnError() throws IOException {
    Path f = tmp.resolve("latin1.json");
    Files.write(f, "{\"displayName\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
    Diagnostic d = only(SnapshotReader.read(f), Code.E502);
    assertTrue(d.message().contains("not valid UTF-8"), d.message());
    Path noMark = tmp.resolve("utf16-no-bom.json");
    Files.write(noMark, POLICY.getBytes(StandardCharsets.UTF_16LE));
    assertTrue(only(SnapshotReader.read(noMark), Code.E502).message().contains("byte-order mark"));
    Path empty = write("empty.json", "  \n");
    assertTrue(only(SnapshotReader.read(empty), Code.E503).message().contains("empty"));
  }

  @Test
  void jsonThatIsNoKnownObjectIsAnErrorAtItsPointer() throws IOException {
    Path f =
        write(
            "list.json",
            "{\"value\": [\n" + POLICY + ",\n {\"fruit\": \"apple\", \"colour\": \"red\"},\n 42]}");
    TenantSnapshot s = SnapshotReader.read(f);
    assertEquals(1, s.policies().size(), "the rest of the file is still read");
    List<Diagnostic> errors = s.diagnostics().stream().filter(Diagnostic::isError).toList();
    assertEquals(2, errors.size(), errors.toString());
    assertEquals(Code.E504, errors.get(0).code());
    assertEquals("/value/1", errors.get(0).pointer());
    assertTrue(errors.get(0).message().contains("fruit, colour"), errors.get(0).message());
    assertEquals(7, errors.get(0).location().line());
    assertEquals("/value/2", errors.get(1).pointer());
    assertTrue(errors.get(1).message().contains("found a number"));
  }

  @Test
  void whatCannotBeReadIsAnErrorNotAnException() throws IOException {
    assertEquals(Code.E501, only(SnapshotReader.read(tmp.resolve("nowhere")), Code.E501).code());
    Path big = tmp.resolve("big.json");
    try (RandomAccessFile r = new RandomAccessFile(big.toFile(), "rw")) {
      r.setLength(SnapshotReader.MAX_FILE_BYTES + 1L);
    }
    assertTrue(only(SnapshotReader.read(big), Code.E501).message().contains("32 MiB"));
  }

  @Test
  void anUnknownMemberIsKeptAndReportedWithItsPointerAndPlace() throws IOException {
    Path f =
        write(
            "policy.json",
            """
            {"displayName": "P", "state": "enabled",
             "conditions": {"users": {"includeUsers": ["All"]},
               "applications": {"includeApplications": ["All"]},
               "quantumRisk": ["high"]}}
            """);
    TenantSnapshot s = SnapshotReader.read(f);
    Diagnostic d = only(s, Code.W551);
    assertEquals(Severity.WARNING, d.severity());
    assertEquals("/conditions/quantumRisk", d.pointer());
    assertEquals(new Location(4, 4), d.location());
    TenantObject p = s.policies().get(0);
    assertEquals(List.of("/conditions/quantumRisk"), p.unknownFields());
    assertEquals(Json.parse("[\"high\"]"), p.body().at("/conditions/quantumRisk"));
  }

  @Test
  void powerShellNamesArePointedAtAsWritten() throws IOException {
    Path f =
        write(
            "sdk.json",
            """
            {"DisplayName": "P", "State": "enabled", "Id": "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D",
             "Conditions": {"Users": {"IncludeUsers": ["All"]},
               "Applications": {"IncludeApplications": ["All"]},
               "DeviceStates": {"IncludeStates": ["Compliant"]}}}
            """);
    TenantSnapshot s = SnapshotReader.read(f);
    Diagnostic d = only(s, Code.W550);
    assertEquals(Severity.NOTICE, d.severity());
    assertEquals("/Conditions/DeviceStates", d.pointer());
    assertTrue(d.message().contains("/conditions/deviceStates"), d.message());
    TenantObject p = s.policies().get(0);
    assertEquals("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", p.id());
    assertEquals(List.of("/conditions/deviceStates"), p.betaFields());
    assertEquals("sdk.json", p.source());
  }

  @Test
  void aFolderOfLooseFilesOfEveryShape() throws IOException {
    write("a/one.json", POLICY);
    write(
        "a/list.json",
        "{\"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/namedLocations\", \"value\": [{\"displayName\": \"Countries\", \"countriesAndRegions\": [\"NO\", \"IR\"], \"@odata.type\": \"#microsoft.graph.countryNamedLocation\"}]}");
    write("b/array.json", "[" + POLICY.replace("1b2c3d4e", "2b2c3d4e") + "]");
    write("b/README.md", "not JSON, not read");
    byte[] utf8Bom =
        ("\uFEFF" + POLICY.replace("1b2c3d4e", "3b2c3d4e").replace("\n", "\r\n"))
            .getBytes(StandardCharsets.UTF_8);
    Files.write(tmp.resolve("b/bom.JSON"), utf8Bom);
    TenantSnapshot s = SnapshotReader.read(tmp);
    assertEquals(List.of(), s.diagnostics());
    assertEquals(3, s.policies().size());
    assertEquals(1, s.namedLocations().size());
    assertEquals(
        Json.parse("[\"IR\", \"NO\"]"),
        s.namedLocations().get(0).body().get("countriesAndRegions"));
    assertEquals("a/list.json#/value/0", s.namedLocations().get(0).source());
    assertNull(s.tenantId());
    assertEquals(
        List.of("a/one.json", "b/array.json#/0", "b/bom.JSON"),
        s.policies().stream().map(TenantObject::source).toList());
  }

  @Test
  void anEmptyFolderIsAWarning() {
    assertEquals(Severity.WARNING, only(SnapshotReader.read(tmp), Code.W554).severity());
  }

  @Test
  void aSnapshotFolder() throws IOException {
    write(
        "snapshot.json",
        """
        {"formatVersion": 1, "tenantId": "8E2F4C6A-1B3D-4F5E-A7C9-0D2E4F6A8B0C",
         "exportedAt": "2026-06-01T12:00:00Z", "tool": {"name": "ai-security-baseline", "version": "1"},
         "script": "export-tenant.sh", "subscriptions": ["3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f"],
         "missing": [{"file": "purview/dlp-policies.json", "reason": "Windows-only"}]}
        """);
    write("entra/conditional-access-policies.json", "{\"value\": [" + POLICY + "]}");
    write(
        "entra/conditional-access-policies.beta.json",
        "{\"value\": ["
            + POLICY.replace(
                "\"clientAppTypes\"",
                "\"deviceStates\": {\"includeStates\": [\"All\"]}, \"times\": null, \"clientAppTypes\"")
            + "]}");
    write("entra/named-locations.json", "{\"value\": []}");
    write(
        "entra/directory-objects.json",
        """
        {"value": [{"@odata.type": "#microsoft.graph.group", "id": "5F6A7B8C-9D0E-4F1A-8B2C-4D5E6F7A8B9C",
                    "displayName": "SG-BreakGlass"},
                   {"@odata.type": "#microsoft.graph.user", "id": "3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a",
                    "displayName": null, "userPrincipalName": "bg1@contoso.com"}]}
        """);
    write(
        "entra/role-definitions.json",
        """
        {"value": [{"id": "abc", "templateId": "62e90394-69f5-4237-9190-012177145e10",
                    "displayName": "Global Administrator", "isBuiltIn": true}]}
        """);
    write(
        "entra/service-principals.json",
        """
        {"value": [{"id": "x", "appId": "FB8D773D-7EF8-4EC0-A117-179F88ADD510", "displayName": "Copilot"}]}
        """);
    write(
        "defender/3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f/pricings.json",
        """
        {"value": [{"id": "/Subscriptions/3C4D5E6F-7A8B-4C9D-8E0F-2A3B4C5D6E7F/providers/Microsoft.Security/pricings/Api",
                    "name": "Api", "type": "Microsoft.Security/pricings",
                    "properties": {"pricingTier": "Standard", "subPlan": "P1"}}]}
        """);
    write("entra/notes.txt", "left by hand");
    TenantSnapshot s = SnapshotReader.read(tmp);
    assertEquals("8e2f4c6a-1b3d-4f5e-a7c9-0d2e4f6a8b0c", s.tenantId());
    assertEquals("2026-06-01T12:00:00Z", s.exportedAt());
    assertEquals(1, s.policies().size());
    TenantObject p = s.policies().get(0);
    assertEquals("entra/conditional-access-policies.json#/value/0", p.source());
    assertEquals(List.of("/conditions/deviceStates"), p.betaFields(), "from the beta list");
    assertEquals(Json.parse("[\"All\"]"), p.body().at("/conditions/deviceStates/includeStates"));
    assertEquals(
        Map.of(
            "5f6a7b8c-9d0e-4f1a-8b2c-4d5e6f7a8b9c", new DirectoryName("group", "SG-BreakGlass"),
            "3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a", new DirectoryName("user", "bg1@contoso.com"),
            "62e90394-69f5-4237-9190-012177145e10",
                new DirectoryName("role", "Global Administrator"),
            "fb8d773d-7ef8-4ec0-a117-179f88add510", new DirectoryName("application", "Copilot")),
        s.names());
    assertEquals(1, s.pricings().size());
    assertEquals("3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f", s.pricings().get(0).scope());
    assertEquals("Api", s.pricings().get(0).id());
    assertEquals(Severity.NOTICE, only(s, Code.W553).severity());
    assertTrue(only(s, Code.W553).message().contains("Windows-only"));
    assertEquals(List.of("3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f"), s.subscriptions());
    assertEquals(List.of("purview/dlp-policies.json"), s.missing());
    assertTrue(s.isMissing("purview/dlp-policies.json") && !s.isMissing("purview/dlp-rules.json"));
    Diagnostic stray = only(s, Code.W554);
    assertTrue(stray.file().displayPath().endsWith("entra/notes.txt"));
    assertEquals(Severity.NOTICE, only(s, Code.W550).severity());
    assertFalse(s.diagnostics().stream().anyMatch(Diagnostic::isError), s.diagnostics().toString());
  }

  @Test
  void aSnapshotDescriptionOfAnotherFormatIsAnError() throws IOException {
    write("snapshot.json", "{\"formatVersion\": 2}");
    Diagnostic d = only(SnapshotReader.read(tmp), Code.E505);
    assertEquals("/formatVersion", d.pointer());
    write("snapshot.json", "[]");
    assertEquals("", only(SnapshotReader.read(tmp), Code.E505).pointer());
  }

  @Test
  void theSameIdTwiceIsAWarning() throws IOException {
    write("one.json", POLICY);
    write(
        "two.json",
        POLICY
            .replace("1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e", "1B2C3D4E-5F6A-4B7C-9D8E-0F1A2B3C4D5E")
            .replace("Block legacy", "Block legacy (copy)"));
    TenantSnapshot s = SnapshotReader.read(tmp);
    Diagnostic d = only(s, Code.W555);
    assertTrue(d.message().contains("one.json"), d.message());
    assertEquals(2, s.policies().size(), "both kept");
  }

  @Test
  void onePageOfSeveralIsAWarning() throws IOException {
    Path f =
        write(
            "page.json",
            "{\"value\": ["
                + POLICY
                + "],\n \"@odata.nextLink\": \"https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies?$skiptoken=x\"}");
    TenantSnapshot s = SnapshotReader.read(f);
    Diagnostic d = only(s, Code.W556);
    assertEquals("/@odata.nextLink", d.pointer());
    assertEquals(6, d.location().line());
    assertEquals(1, s.policies().size());
  }

  @Test
  void aPowerShellNamedLocationWithItsBag() throws IOException {
    Path f =
        write(
            "nl.json",
            """
            [{"Id": "185C993E-10A9-44FA-98D1-230C8F72F497", "DisplayName": "HQ",
              "CreatedDateTime": "/Date(1647536088205)/",
              "AdditionalProperties": {"@odata.type": "#microsoft.graph.ipNamedLocation", "isTrusted": true,
                "ipRanges": [{"@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "203.0.113.0/24"}]}}]
            """);
    TenantSnapshot s = SnapshotReader.read(f);
    assertEquals(List.of(), s.diagnostics());
    TenantObject nl = s.namedLocations().get(0);
    assertEquals("185c993e-10a9-44fa-98d1-230c8f72f497", nl.id());
    assertEquals(
        Json.parse(
            """
            {"@odata.type": "#microsoft.graph.ipNamedLocation", "displayName": "HQ",
             "ipRanges": [{"@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "203.0.113.0/24"}],
             "isTrusted": true}
            """),
        nl.body());
    assertEquals(
        List.of(), RealExportsTest.rootedAt("microsoft.graph.ipNamedLocation").check(nl.body()));
  }

  /** Damaged and odd input gives diagnostics, never an exception. */
  @Test
  void nothingThrows() throws IOException {
    java.util.Random random = new java.util.Random(13);
    List<Path> sources = RealExportsTest.files(RealExportsTest.REAL.resolve("ca/joeyv-baseline"));
    for (int i = 0; i < 150; i++) {
      byte[] bytes = Files.readAllBytes(sources.get(random.nextInt(sources.size())));
      byte[] damaged;
      switch (i % 3) {
        case 0 -> damaged = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
        case 1 -> {
          damaged = bytes.clone();
          for (int k = 0; k < 4; k++) {
            damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
          }
        }
        default -> {
          damaged = bytes.clone();
          int at = 2 + random.nextInt(damaged.length - 2);
          String chars = "{}[]\",:nu0 ";
          damaged[at] = (byte) chars.charAt(random.nextInt(chars.length()));
        }
      }
      Path f = tmp.resolve("damaged-" + i + ".json");
      Files.write(f, damaged);
      TenantSnapshot s = SnapshotReader.read(f);
      assertTrue(
          !s.diagnostics().isEmpty() || s.policies().size() == 1, "either read or reported: " + f);
    }
    String deep =
        "{\"displayName\": \"P\", \"state\": \"enabled\", \"conditions\": {\"x\": "
            + "[{\"a\": ".repeat(200)
            + "1"
            + "}]".repeat(200)
            + "}}";
    TenantSnapshot s = SnapshotReader.read(write("deep.json", deep));
    assertEquals(1, s.policies().size());
    assertEquals(List.of("/conditions/x"), s.policies().get(0).unknownFields());
    String deeper = "[".repeat(100_000) + "]".repeat(100_000);
    assertEquals(
        Code.E503, only(SnapshotReader.read(write("deeper.json", deeper)), Code.E503).code());
  }
}
