package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every free-text field of the estate holds quotes, command substitutions, backticks, newlines,
 * HTML and non-ASCII text. The deploy script must not contain any of it (it is static and reads the
 * JSON at run time), the JSON must carry it unchanged, and the README must not let it break out of
 * a table row or add markup.
 */
class HostileNamesTest {
  static final String HOSTILE =
      "Evil \"dq\" 'sq' `whoami` $(Remove-Item C:\\ -Recurse) ${env:PATH} @'x'@ ; & | #> <#"
          + " <script>alert(1)</script> [x](http://evil.example)\nINJECTED-LINE ✓ Ünïcödé 😀 \u202e";

  static String q(String s) {
    return Json.write(Json.NODES.stringNode(s))
        .strip(); // a JSON string is a valid YAML double-quoted scalar
  }

  /**
   * Policy tips take no HTML (New-DlpComplianceRule), so the tip is the hostile text without angle
   * brackets.
   */
  static String tip() {
    return HOSTILE.replace("\n", " ").replace("<", "").replace(">", "");
  }

  static String estate() {
    String h = q(HOSTILE);
    return """
        apiVersion: ai-security-baseline/v1
        kind: Estate
        metadata:
          name: hostile
          description: %1$s
        tenant:
          id: 6f1c2a4e-3b7d-4e8f-9a0b-1c2d3e4f5a6b
          primaryDomain: example.onmicrosoft.com
          licences: [microsoft365E5]
          services: {intune: true, purviewInsiderRisk: true, microsoft365Copilot: true}
        breakGlass:
          accounts:
            - {id: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d, name: %1$s}
            - {id: 1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e, name: %1$s}
          groups:
            - {id: 5f6a7b8c-9d0e-4f1a-8b2c-4d5e6f7a8b9c, name: %1$s}
        groups:
          - {key: other, id: 2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f, name: %1$s, purpose: other}
          - {key: vip, id: 7b8c9d0e-1f2a-4b3c-8d4e-6f7a8b9c0d1e, name: %1$s, purpose: specialized}
        namedLocations:
          - {key: office, name: %1$s, trusted: true, ipRanges: [198.51.100.0/26]}
          - {key: countries, name: %1$s, countries: [KP]}
        apps:
          - {key: saas, name: %1$s, appId: 0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e, kind: saas}
          - {key: ai, name: %1$s, appId: 2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a, kind: custom, hosting: gcp, generativeAi: true}
        baseline: {tier: specialized}
        policies:
          CA004:
            exclude: {groups: [other], reason: %1$s}
          CA012:
            skip: {reason: %1$s}
        customPolicies:
          - id: CA100
            name: %1$s
            summary: %1$s
            policy:
              conditions:
                users: {includeUsers: [All]}
                applications: {includeApplications: ["app:saas"]}
                locations: {includeLocations: ["namedLocation:countries"]}
              grantControls: {operator: OR, builtInControls: [block]}
        data:
          labels:
            - {key: secret, name: %1$s, id: 3f2504e0-4f89-41d3-9a0c-0305e82c3301, highlySensitive: true}
          exclude: {users: [dlp-test@example.com], reason: %1$s}
          policies:
            DLP002: {skip: {reason: %1$s}}
          customPolicies:
            - id: DLP100
              name: Safe name
              summary: %1$s
              locations: [exchange]
              rules:
                - {name: Cards, sensitiveInfoTypes: [creditCardNumber], actions: {blockAccess: true, policyTip: %2$s}}
        threat:
          azure:
            deploymentLocation: westeurope
            securityContact: {emails: ["[ops]@example.com"]}
            subscriptions:
              - {id: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d, name: %1$s, hostsAiWorkloads: true}
          connectorHost: {subscription: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d, resourceGroup: rg-mdc, location: westeurope}
          aws:
            accounts:
              - {id: "123456789012", name: %1$s}
          gcp:
            projects:
              - {projectId: contoso-ai, projectNumber: "843025268399", name: %1$s}
        """
        .formatted(h, q(tip()));
  }

  @TempDir Path tmp;

  @Test
  void scriptsStayInertAndTextSurvivesIntact() {
    List<Artifact> hostile =
        org.aisecuritybaseline.pipeline.Generator.generate(
            TestSupport.validate("hostile.yaml", estate()));
    Map<String, String> files =
        hostile.stream().collect(Collectors.toMap(Artifact::path, Artifact::text));
    String plainScript =
        TestSupport.generate(TestSupport.root().resolve("examples/small-p1/estate.yaml")).stream()
            .filter(a -> a.path().equals("entra/deploy-conditional-access.ps1"))
            .findFirst()
            .orElseThrow()
            .text();

    // The scripts are static: byte-identical whatever the estate says.
    String plainDlpScript =
        TestSupport.generate(TestSupport.root().resolve("examples/small-p1/estate.yaml")).stream()
            .filter(a -> a.path().endsWith("deploy-dlp.ps1"))
            .findFirst()
            .orElseThrow()
            .text();
    String dlpScript = files.get("purview/deploy-dlp.ps1");
    assertEquals(plainDlpScript, dlpScript);
    String script = files.get("entra/deploy-conditional-access.ps1");
    assertEquals(plainScript, script);
    String deployAll = files.get("deploy-all.ps1");
    assertEquals(
        TestSupport.generate(TestSupport.root().resolve("examples/small-p1/estate.yaml")).stream()
            .filter(a -> a.path().equals("deploy-all.ps1"))
            .findFirst()
            .orElseThrow()
            .text(),
        deployAll);
    for (String s : List.of(script, dlpScript, deployAll)) {
      assertTrue(s.chars().allMatch(c -> c < 128), "scripts are ASCII-only");
      for (String fragment :
          List.of("whoami", "Remove-Item C:", "INJECTED", "alert(1)", "evil.example")) {
        assertFalse(s.contains(fragment), "script must not contain estate text: " + fragment);
      }
    }
    for (Map.Entry<String, String> f : files.entrySet()) {
      if (f.getKey().endsWith(".sh") || f.getKey().endsWith(".ps1")) {
        for (String fragment :
            List.of("whoami", "Remove-Item C:", "INJECTED", "alert(1)", "evil.example")) {
          assertFalse(
              f.getValue().contains(fragment),
              f.getKey() + " must not contain estate text: " + fragment);
        }
      }
    }
    // An email that starts with '[' but does not end with ']' is already an ARM literal
    // (ArmEscapingTest).
    var template =
        Json.parse(files.get("defender/azure/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.json"));
    assertEquals("[ops]@example.com", template.findValue("emails").asString());
    var dlp = Json.parse(files.get("purview/dlp/DLP100-custom.json"));
    assertTrue(dlp.at("/policy/Comment").asString().startsWith(HOSTILE));
    assertEquals(tip(), dlp.at("/rules/0/NotifyPolicyTipCustomText").asString());
    assertTrue(
        script.chars().allMatch(c -> c < 128),
        "the script is ASCII-only (Windows PowerShell 5.1 reads BOM-less files as ANSI)");
    assertFalse(
        script.contains("[=") || script.contains("[#"), "no FreeMarker syntax left in the script");
    for (String fragment :
        List.of("whoami", "Remove-Item C:", "INJECTED", "alert(1)", "Ünïcödé", "evil.example")) {
      assertFalse(script.contains(fragment), "script must not contain estate text: " + fragment);
    }

    // JSON carries the text exactly.
    var deployment = Json.parse(files.get("entra/deployment.json"));
    assertEquals(
        "NL-office - " + HOSTILE, deployment.at("/namedLocations/0/displayName").asString());
    var custom = Json.parse(files.get("entra/conditional-access/CA100-custom.json"));
    assertEquals("CA100 - " + HOSTILE, custom.get("displayName").asString());
    assertTrue(custom.get("description").asString().startsWith(HOSTILE));

    // README: no raw HTML, no line that the newline in a name started, table rows intact.
    String readme = files.get("README.md");
    assertFalse(readme.contains("<script>"), "HTML must be escaped");
    assertFalse(
        readme.lines().anyMatch(l -> l.startsWith("INJECTED")), "newlines must not split a row");
    assertFalse(readme.contains("[x](http"), "links from the estate must be escaped");
    for (String line :
        readme.lines().filter(l -> l.startsWith("| ") && l.contains("Evil")).toList()) {
      long pipes =
          line.chars().filter(c -> c == '|').count() - line.split("\\\\\\|", -1).length + 1;
      assertTrue(line.endsWith("|"), line);
      assertTrue(pipes >= 3, line);
    }
    assertContains(readme, "Ünïcödé 😀");
    assertFalse(
        readme.codePoints().anyMatch(cp -> Character.getType(cp) == Character.FORMAT),
        "bidirectional overrides are shown as escapes, not obeyed");
    assertContains(readme, "## First deployment");
    for (String check :
        List.of(
            "The modules are installed",
            "This is a first deployment",
            "Break-glass accounts and groups are declared",
            "Security Defaults is turned off",
            "Every named location a policy uses",
            "The signed-in user holds")) {
      assertContains(readme, check);
    }
  }

  @Test
  void consoleOutputKeepsOneLinePerApp() {
    Path file = TestSupport.write(tmp, "estate.yaml", estate());
    TestSupport.Run run =
        TestSupport.cli("generate", file.toString(), "--out", tmp.resolve("out").toString());
    assertEquals(0, run.code(), run.err());
    assertFalse(run.out().lines().anyMatch(l -> l.startsWith("INJECTED")), run.out());
    assertFalse(run.err().lines().anyMatch(l -> l.startsWith("INJECTED")), run.err());
  }
}
