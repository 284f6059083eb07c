package org.aisecuritybaseline;

import static org.aisecuritybaseline.DeployScriptsTest.block;
import static org.aisecuritybaseline.DeployScriptsTest.code;
import static org.aisecuritybaseline.DeployScriptsTest.constant;
import static org.aisecuritybaseline.LabelScriptTest.hashtableKeys;
import static org.aisecuritybaseline.LabelScriptTest.variableKeys;
import static org.aisecuritybaseline.Office365PresetsTest.documented;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Secops.PresetAssignment;
import org.aisecuritybaseline.render.Templates;
import org.aisecuritybaseline.secops.Office365Presets.Preset;
import org.aisecuritybaseline.secops.Office365PresetsRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: deploy-office365-presets.ps1 parses (tree-sitter's PowerShell grammar), is static,
 * passes only documented parameters to each cmdlet (data/secops/exo-cmdlet-parameters.json), and
 * reads the tenant before 'Pre-flight checks passed.' and writes after it, each write behind the
 * script's ShouldProcess.
 */
class Office365PresetsScriptTest {
  @TempDir Path tmp;

  static String script() {
    return Templates.renderStatic(Office365PresetsRenderer.SCRIPT_TEMPLATE, "9.9.9");
  }

  static final String[] KINDS = {"EOP", "ATP"};

  @Test
  void theScriptParses() {
    Path file = TestSupport.write(tmp, Office365PresetsRenderer.SCRIPT, script());
    PowerShellParser.Result result = PowerShellParser.parse(List.of(file));
    assertEquals(List.of(), result.errors(), result.output());
    assertEquals(0, result.code(), result.output());
    TestSupport.assertContains(result.output(), "parsed 1 file(s), 0 syntax error(s)");
    List<String> names =
        PowerShellParser.functions(List.of(file)).stream()
            .map(PowerShellParser.Function::name)
            .toList();
    assertTrue(names.contains("Get-MemberValue"), "the shared helpers are included: " + names);
    assertTrue(names.contains("Resolve-EntryFile"), names.toString());
    assertEquals(names.size(), new TreeSet<>(names).size(), "no function twice: " + names);
  }

  @Test
  void theScriptIsStaticOnlyTheVersionVaries() {
    String a = Templates.renderStatic(Office365PresetsRenderer.SCRIPT_TEMPLATE, "1.0.0");
    String b = Templates.renderStatic(Office365PresetsRenderer.SCRIPT_TEMPLATE, "2.0.0");
    assertEquals(a.replace("1.0.0", "2.0.0"), b);
    TestSupport.assertContains(a, "[CmdletBinding(SupportsShouldProcess = $true)]");
    TestSupport.assertContains(
        a,
        "#Requires -Modules @{ ModuleName = 'ExchangeOnlineManagement'; ModuleVersion = '3.2.0' }");
  }

  @Test
  void everyCmdletTheScriptCallsIsDocumentedWithEveryParameterItPasses() {
    String script = script();
    String code = code(script);
    List<String> problems = new ArrayList<>();
    // The cmdlet tables: every name documented.
    Set<String> tabled = new TreeSet<>();
    for (String table : List.of("$RuleCommands = @{", "$PolicyCommands = @{")) {
      Matcher m = Pattern.compile("'([A-Z][a-z]+-[A-Za-z]+)'").matcher(block(code, table));
      while (m.find()) {
        tabled.add(m.group(1));
      }
    }
    assertEquals(
        15, tabled.size(), "5 cmdlets for each of two rules, 5 policy readers besides: " + tabled);
    for (String cmdlet : tabled) {
      if (!Office365PresetsTest.PARAMETERS.at("/cmdlets/" + cmdlet).isObject()) {
        problems.add(cmdlet + " is not in the data file");
      }
    }
    for (String kind : KINDS) {
      Set<String> newKeys = documented("New-" + kind + "ProtectionPolicyRule");
      Set<String> setKeys = documented("Set-" + kind + "ProtectionPolicyRule");
      // Recipient keys: New- (create) and Set- (update).
      for (String key : constant(script, "RecipientKeys")) {
        if (!newKeys.contains(key) || !setKeys.contains(key)) {
          problems.add("$RecipientKeys: " + key + " is not a parameter of New- and Set-" + kind);
        }
      }
      // New-PresetRule: its literal keys and the policy keys of the rule.
      List<String> create =
          new ArrayList<>(
              variableKeys(code(block(script, "function New-PresetRule {")), "parameters"));
      create.addAll(constant(script, kind.equals("EOP") ? "EopPolicyKeys" : "AtpPolicyKeys"));
      assertTrue(
          create.containsAll(List.of("Name", "Priority", "Enabled")), "not vacuous: " + create);
      for (String key : create) {
        if (!newKeys.contains(key)) {
          problems.add(key + " is not a New-" + kind + "ProtectionPolicyRule parameter");
        }
      }
      // Set-PresetRule: Identity, plus the keys Get-PresetChange produces (recipient keys,
      // Priority).
      List<String> update =
          new ArrayList<>(
              variableKeys(code(block(script, "function Set-PresetRule {")), "parameters"));
      update.addAll(literalIndexKeys(block(script, "function Get-PresetChange {"), "changes"));
      assertTrue(update.containsAll(List.of("Identity", "Priority")), "not vacuous: " + update);
      for (String key : update) {
        if (!setKeys.contains(key)) {
          problems.add(key + " is not a Set-" + kind + "ProtectionPolicyRule parameter");
        }
      }
      for (String verb : List.of("Enable", "Disable")) {
        Set<String> documented = documented(verb + "-" + kind + "ProtectionPolicyRule");
        assertEquals(
            List.of("Identity"), inlineKeys(block(script, "function Set-PresetRuleState {")));
        for (String key : inlineKeys(block(script, "function Set-PresetRuleState {"))) {
          if (!documented.contains(key)) {
            problems.add(key + " is not a " + verb + "-" + kind + "ProtectionPolicyRule parameter");
          }
        }
      }
    }
    // The policy keys are the documented required parameters; their readers take no parameter here.
    assertEquals(
        List.of("HostedContentFilterPolicy", "AntiPhishPolicy", "MalwareFilterPolicy"),
        constant(script, "EopPolicyKeys"));
    assertEquals(
        List.of("SafeAttachmentPolicy", "SafeLinksPolicy"), constant(script, "AtpPolicyKeys"));
    for (String reader : List.of("function Get-PresetRule {", "function Find-PresetPolicy {")) {
      assertEquals(List.of(), inlineKeys(block(script, reader)), reader);
    }
    // Connect-ExchangeOnline.
    Set<String> connect = documented("Connect-ExchangeOnline");
    for (String key :
        variableKeys(code(block(script, "function Connect-PresetSession {")), "connect")) {
      if (!connect.contains(key)) {
        problems.add(key + " is not a Connect-ExchangeOnline parameter");
      }
    }
    TestSupport.assertContains(code, "Connect-ExchangeOnline @connect");
    assertEquals(List.of(), problems);
  }

  @Test
  void theScriptAcceptsExactlyTheKeysTheRendererWrites() {
    var definition =
        Office365PresetsRenderer.definition(
            Preset.STRICT,
            new PresetAssignment(
                null, List.of("ceo@contoso.com"), null, null, null, null, null, null));
    assertEquals(
        new TreeSet<>(definition.propertyNames()),
        new TreeSet<>(constant(script(), "DefinitionKeys")));
    assertEquals(
        new TreeSet<>(constant(script(), "RecipientKeys")),
        new TreeSet<>(
            List.of(
                "SentTo",
                "SentToMemberOf",
                "RecipientDomainIs",
                "ExceptIfSentTo",
                "ExceptIfSentToMemberOf",
                "ExceptIfRecipientDomainIs")));
    TestSupport.assertContains(script(), "$PresetPriorities = @{ 'Strict' = 0; 'Standard' = 1 }");
    assertEquals(
        Preset.STRICT.priority(), definition.get("Priority").asInt(), Json.write(definition));
  }

  @Test
  void readsComeBeforePreflightAndEveryWriteIsBehindShouldProcess() {
    String script = script();
    int main = script.indexOf("# 1. Parameters, deployment.json");
    assertTrue(main > 0);
    String body = script.substring(main);
    int passed = body.indexOf("Write-Host 'Pre-flight checks passed.'");
    assertTrue(passed > 0);
    for (String read :
        List.of(
            "Assert-PresetTenant -TenantId", "Get-PresetRule -Command", "Find-PresetPolicy -Key")) {
      int at = body.indexOf(read);
      assertTrue(at > 0 && at < passed, read + " before the pre-flight line");
    }
    List<String> lines = body.lines().toList();
    int writes = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.startsWith("New-PresetRule ")
          || line.startsWith("Set-PresetRule ")
          || line.startsWith("Set-PresetRuleState ")) {
        writes++;
        assertTrue(body.indexOf(lines.get(i)) > passed, line + " after the pre-flight line");
        assertTrue(
            lines.get(i - 1).contains("$ScriptCmdlet.ShouldProcess("),
            line + " is directly inside a ShouldProcess check");
      }
    }
    assertEquals(3, writes, "create, update, enable or disable");
    // The write cmdlets are called once each, from the three write functions.
    String code = code(script);
    for (String call :
        List.of(
            "$RuleCommands[$Kind]['New']",
            "$RuleCommands[$Kind]['Set']",
            "$RuleCommands[$Kind][$verb]")) {
      assertEquals(1, DeployScriptsTest.count(code, call), call);
    }
  }

  /** Keys of inline hashtables passed as {@code -Parameters @{...}}. */
  static List<String> inlineKeys(String text) {
    List<String> keys = new ArrayList<>();
    Matcher m = Pattern.compile("-Parameters @\\{([^}]*)\\}").matcher(code(text));
    while (m.find()) {
      keys.addAll(hashtableKeys(m.group(1)));
    }
    return keys;
  }

  /** The literal keys {@code $name['Key'] =} of a block. */
  static List<String> literalIndexKeys(String text, String name) {
    List<String> keys = new ArrayList<>();
    Matcher m =
        Pattern.compile("\\$" + Pattern.quote(name) + "\\['([A-Za-z]+)'\\] =").matcher(code(text));
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }
}
