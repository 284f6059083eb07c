package org.aisecuritybaseline;

import static org.aisecuritybaseline.DeployScriptsTest.block;
import static org.aisecuritybaseline.DeployScriptsTest.code;
import static org.aisecuritybaseline.DeployScriptsTest.constant;
import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisecuritybaseline.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The label, label policy, feature configuration and readiness steps of purview/deploy-dlp.ps1 use
 * only parameters that Microsoft documents for their cmdlets
 * (src/main/resources/data/dlp-cmdlet-parameters.json, read from office-docs-powershell): every
 * {@code -Param} the script passes to these cmdlets, literally or from one of its static key lists.
 */
class LabelScriptTest {
  private static final JsonNode PARAMETERS = Json.parseResource("/data/dlp-cmdlet-parameters.json");

  /** The cmdlets of the new steps; each must be in the data file and used by the script. */
  static final Set<String> CMDLETS =
      new TreeSet<>(
          List.of(
              "New-Label",
              "Set-Label",
              "Get-Label",
              "New-LabelPolicy",
              "Set-LabelPolicy",
              "Get-LabelPolicy",
              "New-FeatureConfiguration",
              "Set-FeatureConfiguration",
              "Get-FeatureConfiguration",
              "Get-AdminAuditLogConfig",
              "Set-AdminAuditLogConfig",
              "Connect-ExchangeOnline"));

  static final String COMMAND =
      "-Command (?:'([A-Za-z-]+)'|\\$exchangeCommands\\['([A-Za-z-]+)'\\])";
  static final String GAP = "\\s*(?:`\\s*)?";
  static final String HASHTABLE = "@\\{([^}]*)\\}";

  static String script() {
    return DeployScriptsTest.files(DeployScriptsTest.ENTERPRISE).get("purview/deploy-dlp.ps1");
  }

  static Set<String> documented(String cmdlet) {
    JsonNode list = PARAMETERS.at("/cmdlets/" + cmdlet + "/parameters");
    assertTrue(list.isArray(), "the data file lists the parameters of " + cmdlet);
    return new HashSet<>(Json.strings(list));
  }

  /** The keys of a PowerShell hashtable literal's text ({@code Key = value; Key2 = value}). */
  static List<String> hashtableKeys(String body) {
    List<String> keys = new ArrayList<>();
    Matcher m = Pattern.compile("(?:^|;)\\s*([A-Za-z]+)\\s*=").matcher(body);
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }

  /** The keys the script gives the hashtable variable {@code $name}, literally. */
  static List<String> variableKeys(String code, String name) {
    List<String> keys = new ArrayList<>();
    Matcher index =
        Pattern.compile("\\$" + Pattern.quote(name) + "\\['([A-Za-z]+)'\\] =").matcher(code);
    while (index.find()) {
      keys.add(index.group(1));
    }
    Matcher literal =
        Pattern.compile("\\$" + Pattern.quote(name) + " = " + HASHTABLE).matcher(code);
    while (literal.find()) {
      keys.addAll(hashtableKeys(literal.group(1)));
    }
    return keys;
  }

  static void use(Map<String, Set<String>> used, String cmdlet, List<String> keys) {
    used.computeIfAbsent(cmdlet, c -> new TreeSet<>()).addAll(keys);
  }

  /**
   * Cmdlet -> the parameter names the script passes to it: inline hashtables, hashtable variables,
   * the fixed keys of Invoke-ManagedCreate / Invoke-ManagedUpdate and the literal keys of the
   * change functions that Invoke-ManagedUpdate sends.
   */
  static Map<String, Set<String>> usedParameters(String script) {
    String code = code(script);
    Map<String, Set<String>> used = new TreeMap<>();
    // -Command 'X' (or $exchangeCommands['X']), optionally followed by -Parameters @{...} or $var.
    Matcher call =
        Pattern.compile(COMMAND + "(?:" + GAP + "-Parameters (?:" + HASHTABLE + "|\\$(\\w+)))?")
            .matcher(code);
    while (call.find()) {
      String cmdlet = call.group(1) != null ? call.group(1) : call.group(2);
      List<String> keys = new ArrayList<>();
      if (call.group(3) != null) {
        keys.addAll(hashtableKeys(call.group(3)));
      } else if (call.group(4) != null) {
        keys.addAll(variableKeys(code, call.group(4)));
      }
      use(used, cmdlet, keys);
    }
    Matcher exists =
        Pattern.compile("-ExistsCommand '([A-Za-z-]+)' -ExistsParameters " + HASHTABLE)
            .matcher(code);
    while (exists.find()) {
      use(used, exists.group(1), hashtableKeys(exists.group(2)));
    }
    // Invoke-ManagedCreate adds Confirm to whatever it creates.
    List<String> createKeys =
        variableKeys(code(block(script, "function Invoke-ManagedCreate {")), "Parameters");
    Matcher create =
        Pattern.compile("Invoke-ManagedCreate [^{}]*?-Command '([A-Za-z-]+)'").matcher(code);
    while (create.find()) {
      use(used, create.group(1), createKeys);
    }
    // Invoke-ManagedUpdate: Identity and Confirm, plus the literal keys of the change function.
    List<String> updateKeys =
        variableKeys(code(block(script, "function Invoke-ManagedUpdate {")), "setParameters");
    Matcher update =
        Pattern.compile(
                "Invoke-ManagedUpdate [^{}]*?-Command '([A-Za-z-]+)'"
                    + GAP
                    + "-Identity \\S+"
                    + GAP
                    + "-Changes @\\(([A-Za-z-]+) ")
            .matcher(code);
    while (update.find()) {
      String changes = code(block(script, "function " + update.group(2) + " {"));
      List<String> keys = new ArrayList<>(updateKeys);
      Matcher literal = Pattern.compile("Parameters = @\\{ ([A-Za-z]+) = ").matcher(changes);
      while (literal.find()) {
        keys.add(literal.group(1));
      }
      use(used, update.group(1), keys);
    }
    // Connect-ExchangeOnline: the sign-in of the script plus the keys of the readiness connection.
    List<String> connect = new ArrayList<>();
    connect.addAll(variableKeys(code(block(script, "function Get-SignIn {")), "connect"));
    connect.addAll(
        variableKeys(code(block(script, "function Connect-ExchangeOnlineSession {")), "connect"));
    assertContains(code, "Connect-ExchangeOnline @connect");
    use(used, "Connect-ExchangeOnline", connect);
    return used;
  }

  /** Static key lists of the script, each with the cmdlets that must document every key. */
  static List<String> staticListProblems(String script) {
    List<String> problems = new ArrayList<>();
    Set<String> newLabel = documented("New-Label");
    Set<String> setLabel = documented("Set-Label");
    // Set-Label-only keys: on Set-Label, not on New-Label (the label is created without them).
    List<String> setOnly = constant(script, "SetLabelOnlyKeys");
    if (!setOnly.contains("Priority")) {
      problems.add("$SetLabelOnlyKeys lacks Priority");
    }
    for (String key : setOnly) {
      if (!setLabel.contains(key) || newLabel.contains(key)) {
        problems.add("$SetLabelOnlyKeys: " + key + " is not a Set-Label-only parameter");
      }
    }
    for (String list :
        List.of(
            "LabelHashtableKeys",
            "LabelReferenceKeys",
            "LabelFlagsKeys",
            "LabelFreeTextKeys",
            "LabelReadBackKeys")) {
      for (String key : constant(script, list)) {
        if (!setLabel.contains(key) || !newLabel.contains(key)) {
          problems.add("$" + list + ": " + key + " is not a parameter of New-Label and Set-Label");
        }
      }
    }
    // Label policies: every key is a New-LabelPolicy parameter; the lists change through
    // Add<Key> (and Remove<Key> in the printed hint) of Set-LabelPolicy.
    Set<String> newPolicy = documented("New-LabelPolicy");
    Set<String> setPolicy = documented("Set-LabelPolicy");
    List<String> policyKeys = new ArrayList<>(constant(script, "LabelPolicyKeys"));
    policyKeys.addAll(constant(script, "LabelPolicyHashtableKeys"));
    policyKeys.addAll(constant(script, "LabelPolicyListKeys"));
    for (String key : policyKeys) {
      if (!newPolicy.contains(key)) {
        problems.add("label policy key " + key + " is not a New-LabelPolicy parameter");
      }
    }
    for (String key : constant(script, "LabelPolicyListKeys")) {
      for (String delta : List.of("Add" + key, "Remove" + key)) {
        if (!setPolicy.contains(delta)) {
          problems.add(delta + " is not a Set-LabelPolicy parameter");
        }
      }
    }
    for (String key : constant(script, "LabelPolicyHashtableKeys")) {
      if (!setPolicy.contains(key)) {
        problems.add(key + " is not a Set-LabelPolicy parameter");
      }
    }
    for (String key : constant(script, "LabelPolicyReadBackKeys")) {
      if (!newPolicy.contains(key)) {
        problems.add("$LabelPolicyReadBackKeys: " + key + " is not a New-LabelPolicy parameter");
      }
    }
    // Feature configurations: New- takes every key; Set- changes exactly the settable ones.
    Set<String> newFeature = documented("New-FeatureConfiguration");
    Set<String> setFeature = documented("Set-FeatureConfiguration");
    for (String key : constant(script, "FeatureConfigurationKeys")) {
      if (!newFeature.contains(key)) {
        problems.add(key + " is not a New-FeatureConfiguration parameter");
      }
    }
    Set<String> settable = new TreeSet<>(setFeature);
    settable.removeAll(List.of("Identity", "Confirm", "WhatIf"));
    if (!settable.equals(new TreeSet<>(constant(script, "FeatureConfigurationSettableKeys")))) {
      problems.add(
          "$FeatureConfigurationSettableKeys "
              + constant(script, "FeatureConfigurationSettableKeys")
              + " differs from what Set-FeatureConfiguration documents "
              + settable);
    }
    if (setFeature.contains("FeatureScenario")) {
      problems.add("Set-FeatureConfiguration documents FeatureScenario: it could change after all");
    }
    for (String key : constant(script, "FeatureConfigurationJsonKeys")) {
      if (!newFeature.contains(key) || !setFeature.contains(key)) {
        problems.add("$FeatureConfigurationJsonKeys: " + key + " is not settable");
      }
    }
    // Readiness: the audit log cmdlets are documented, and imported by their documented names.
    for (String name : constant(script, "ExchangeCommandNames")) {
      if (!PARAMETERS.at("/cmdlets/" + name).isObject()) {
        problems.add("$ExchangeCommandNames: " + name + " is not in the data file");
      }
    }
    return problems;
  }

  static List<String> problems(String script) {
    List<String> problems = new ArrayList<>(staticListProblems(script));
    Map<String, Set<String>> used = usedParameters(script);
    for (String cmdlet : CMDLETS) {
      if (!used.containsKey(cmdlet)) {
        problems.add("the script does not call " + cmdlet);
      }
    }
    for (Map.Entry<String, Set<String>> e : used.entrySet()) {
      if (!CMDLETS.contains(e.getKey())) {
        continue;
      }
      Set<String> unknown = new TreeSet<>(e.getValue());
      unknown.removeAll(documented(e.getKey()));
      if (!unknown.isEmpty()) {
        problems.add(e.getKey() + " has no documented parameter " + unknown);
      }
    }
    return problems;
  }

  @Test
  void theDataFileListsTheNewCmdletsFromTheMirrorCommit() {
    for (String cmdlet : CMDLETS) {
      assertEquals(
          "93336da2bca96c31c0fc8acc52658a30ef8a6c94",
          PARAMETERS.at("/cmdlets/" + cmdlet + "/commit").asString(),
          cmdlet);
      // The common parameters are listed as the pages list them.
      assertFalse(documented(cmdlet).isEmpty(), cmdlet);
    }
    assertTrue(documented("Set-Label").contains("Priority"));
    assertFalse(documented("New-Label").contains("Priority"));
    assertTrue(documented("Set-AdminAuditLogConfig").contains("UnifiedAuditLogIngestionEnabled"));
    assertTrue(documented("Get-FeatureConfiguration").contains("FeatureScenario"));
  }

  @Test
  void everyParameterTheScriptPassesIsDocumented() {
    String script = script();
    assertEquals(List.of(), problems(script));
    // The extraction sees the parameters that matter (it is not vacuous).
    Map<String, Set<String>> used = usedParameters(script);
    assertTrue(used.get("Set-AdminAuditLogConfig").contains("UnifiedAuditLogIngestionEnabled"));
    assertTrue(used.get("Get-FeatureConfiguration").contains("FeatureScenario"));
    assertTrue(used.get("Set-Label").containsAll(List.of("Identity", "Confirm")));
    assertTrue(used.get("Set-LabelPolicy").containsAll(List.of("Identity", "Comment")));
    assertTrue(used.get("New-Label").contains("Confirm"));
    assertTrue(used.get("Get-Label").contains("Identity"));
    assertTrue(
        used.get("Connect-ExchangeOnline")
            .containsAll(List.of("Prefix", "CommandName", "ShowBanner", "AppId")));
  }

  @Test
  void theCheckFindsAnUndocumentedParameterOrAWrongSetLabelOnlyKey() {
    String script = script();
    String wrongParameter =
        script.replace(
            "-Parameters @{ FeatureScenario = $scenario }",
            "-Parameters @{ Scenario = $scenario }");
    assertTrue(!wrongParameter.equals(script));
    assertTrue(
        problems(wrongParameter)
            .contains("Get-FeatureConfiguration has no documented parameter [Scenario]"),
        problems(wrongParameter).toString());
    String wrongList =
        script.replace(
            "$SetLabelOnlyKeys = @('Priority')", "$SetLabelOnlyKeys = @('Priority', 'Tooltip')");
    assertTrue(!wrongList.equals(script));
    assertTrue(
        problems(wrongList)
            .contains("$SetLabelOnlyKeys: Tooltip is not a Set-Label-only parameter"),
        problems(wrongList).toString());
    String wrongChange =
        script.replace(
            "Parameters = @{ Comment = $desiredComment } }\n    }\n    foreach ($key in $LabelPolicyHashtableKeys)",
            "Parameters = @{ Description = $desiredComment } }\n    }\n    foreach ($key in $LabelPolicyHashtableKeys)");
    assertTrue(!wrongChange.equals(script));
    assertTrue(
        problems(wrongChange).contains("Set-LabelPolicy has no documented parameter [Description]"),
        problems(wrongChange).toString());
  }

  /**
   * Every read of the new steps comes before "Pre-flight checks passed." (which follows the check
   * of every managed name); the writes come after it, in the deployment order of the contract:
   * readiness, labels, label policies, DLP policies, feature configurations, then verification.
   */
  @Test
  void theStepsReadFirstThenDeployInTheContractsOrder() {
    String code = code(script());
    int passed = code.indexOf("Write-Host 'Pre-flight checks passed.'");
    assertTrue(passed > 0);
    for (String read :
        List.of(
            "Invoke-SccCommand -Command $exchangeCommands['Get-AdminAuditLogConfig']",
            "$liveLabels = @(Invoke-SccCommand -Command 'Get-Label')",
            "$liveLabelPolicies = @(Invoke-SccCommand -Command 'Get-LabelPolicy')",
            "Invoke-SccCommand -Command 'Get-FeatureConfiguration' -Parameters @{ FeatureScenario = $scenario }",
            "Set-PlanStatus -Plan $labelPlan",
            "Set-PlanStatus -Plan $labelPolicyPlan",
            "Set-PlanStatus -Plan $featurePlan")) {
      int at = code.indexOf(read);
      assertTrue(at > 0 && at < passed, "read before the pre-flight ends: " + read);
    }
    List<String> writes =
        List.of(
            "-Command $exchangeCommands['Set-AdminAuditLogConfig']",
            "-Command 'New-Label'",
            "-Command 'New-LabelPolicy'",
            "Invoke-SccCommand -Command 'New-DlpCompliancePolicy'",
            "-Command 'New-FeatureConfiguration'",
            "$allPolicies = @(Invoke-SccCommand -Command 'Get-DlpCompliancePolicy')\n    foreach ($check");
    int previous = passed;
    for (String write : writes) {
      int at = code.indexOf(write, previous);
      assertTrue(at > previous, "in deployment order after the pre-flight: " + write);
      previous = at;
    }
    // The writes of the new steps ask ShouldProcess first (the cmdlets' own -WhatIf does nothing).
    assertContains(
        code(block(script(), "function Invoke-ManagedCreate {")),
        "if (-not $ScriptCmdlet.ShouldProcess($Target, $Action)) {");
    assertContains(
        code(block(script(), "function Invoke-ManagedUpdate {")),
        "if (-not $ScriptCmdlet.ShouldProcess($Target, $change.Action)) {");
    assertContains(
        code,
        "elseif ($ScriptCmdlet.ShouldProcess($target, 'Turn on (Set-AdminAuditLogConfig"
            + " -UnifiedAuditLogIngestionEnabled $true)')) {");
    assertContains(code, "$ScriptCmdlet = $PSCmdlet");
  }

  @Test
  void theAuditLogCmdletsAreNeverCalledByTheirBareNames() {
    // In Security & Compliance PowerShell, Get-AdminAuditLogConfig always reports
    // UnifiedAuditLogIngestionEnabled False: the script calls the cmdlets of the Exchange Online
    // connection's module, resolved by Resolve-ExchangeCommand.
    String code = code(script());
    for (String name : List.of("Get-AdminAuditLogConfig", "Set-AdminAuditLogConfig")) {
      assertFalse(code.contains("-Command '" + name + "'"), name);
      assertContains(code, "-Command $exchangeCommands['" + name + "']");
    }
    assertContains(
        script(),
        "Security & Compliance PowerShell it is always False, and Set-AdminAuditLogConfig is not available");
  }
}
