package org.aisecuritybaseline;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 ("Scripts that fail or misbehave"). The scripts cannot run here (no PowerShell): these tests
 * read the generated script text, take the data-driven parts out of it (constants, lists) and check them
 * against their sources; {@link PowerShellParseTest} checks that every script parses.
 */
class DeployScriptsTest {
  static final Path ENTERPRISE = TestSupport.root().resolve("examples/enterprise-p2/estate.yaml");

  static Map<String, String> files(Path estate) {
    return TestSupport.generate(estate).stream().collect(Collectors.toMap(Artifact::path, Artifact::text));
  }

  /** The single-quoted strings of the PowerShell assignment {@code $name = ...} (one statement, may span lines). */
  static List<String> constant(String script, String name) {
    Matcher m = Pattern.compile("(?m)^\\$" + Pattern.quote(name) + " = (.*?)$(?!\\n\\s{4})", Pattern.DOTALL).matcher(script);
    assertTrue(m.find(), "the script defines $" + name);
    List<String> values = new ArrayList<>();
    Matcher q = Pattern.compile("'((?:[^']|'')*)'").matcher(m.group(1));
    while (q.find()) {
      values.add(q.group(1).replace("''", "'"));
    }
    return values;
  }

  static int[] version(String text) {
    return Arrays.stream(text.split("\\.")).mapToInt(Integer::parseInt).toArray();
  }

  static boolean atLeast(String actual, String minimum) {
    return Arrays.compare(version(actual), version(minimum)) >= 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Item 6: Connect-MgGraph -NoWelcome needs Microsoft.Graph.Authentication 2.4.0 or later
  // ---------------------------------------------------------------------------------------------

  @Test
  void everyScriptThatUsesNoWelcomeRequiresGraphAuthentication240() {
    Pattern requires = Pattern.compile(
        "(?m)^#Requires -Modules @\\{ ModuleName = 'Microsoft\\.Graph\\.Authentication'; ModuleVersion = '([0-9.]+)' }$");
    int checked = 0;
    for (Map.Entry<String, String> f : files(ENTERPRISE).entrySet()) {
      String script = f.getValue();
      if (!f.getKey().endsWith(".ps1") || !Pattern.compile("Connect-MgGraph [^\\n]*-NoWelcome").matcher(script).find()) {
        continue;
      }
      checked++;
      Matcher r = requires.matcher(script);
      if (r.find()) {
        assertTrue(atLeast(r.group(1), "2.4.0"), f.getKey() + " requires " + r.group(1));
      } else {
        // deploy-all.ps1 checks the installed versions itself (pre-flight check 1).
        List<String> minimum = constant(script, "GraphMinimumVersion");
        assertEquals(List.of("2.4.0"), minimum, f.getKey());
        assertContains(script, "($version.Major -eq 2) -and ($version -ge $GraphMinimumVersion)");
        assertContains(script, "($graphLoadedVersion -lt $GraphMinimumVersion)");
      }
    }
    assertEquals(2, checked, "deploy-all.ps1 and entra/deploy-conditional-access.ps1 sign in with -NoWelcome");
  }

  @Test
  void theDocumentationNamesTheMinimumGraphVersion() {
    Map<String, String> files = files(ENTERPRISE);
    assertContains(files.get("README.md"), "Microsoft.Graph.Authentication 2.4.0 or later");
    assertContains(files.get("deploy-all.ps1"), "Microsoft.Graph.Authentication 2.4.0 or later");
    assertContains(files.get("entra/deploy-conditional-access.ps1"), "Install-Module Microsoft.Graph.Authentication -MinimumVersion 2.4.0");
    assertFalse(files.get("entra/deploy-conditional-access.ps1").contains("ModuleVersion = '2.0.0'"));
  }
}
