package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 14: every generated PowerShell script parses. The scripts cannot run here (no
 * PowerShell); tree-sitter's PowerShell grammar is the parser (see {@link PowerShellParser}). A
 * syntax error is reported as {@code example/path:line:col}.
 */
class PowerShellParseTest {
  @TempDir Path tmp;

  @Test
  void everyGeneratedScriptOfEveryExampleParses() {
    List<Path> scripts = new ArrayList<>();
    for (Path estate : TestSupport.examples()) {
      String example = estate.getParent().getFileName().toString();
      for (Artifact a : TestSupport.generate(estate)) {
        if (a.path().endsWith(".ps1")) {
          scripts.add(TestSupport.write(tmp, example + "/" + a.path(), a.text()));
        }
      }
    }
    // deploy-all, Conditional Access, DLP and Defender for Cloud scripts of both examples.
    assertTrue(scripts.size() >= 8, "scripts: " + scripts);
    PowerShellParser.Result result = PowerShellParser.parse(scripts);
    String report = result.output().replace(tmp + "/", "");
    assertEquals(
        List.of(),
        result.errors().stream().map(l -> l.replace(tmp + "/", "")).toList(),
        "syntax errors in the generated PowerShell scripts:\n" + report);
    assertEquals(0, result.code(), report);
    TestSupport.assertContains(
        result.output(), "parsed " + scripts.size() + " file(s), 0 syntax error(s)");
  }

  /** The test can fail: broken scripts are reported with file, line and column. */
  @Test
  void brokenScriptsAreReportedWithTheirPosition() {
    Path unclosedBrace =
        TestSupport.write(
            tmp,
            "unclosed-brace.ps1",
            """
        function Test-Thing {
            param([string]$Name)
            if ($Name) {
                Write-Host $Name
        }
        """);
    Path badParam =
        TestSupport.write(
            tmp,
            "bad-param.ps1",
            """
        [CmdletBinding()]
        param(
            [string]$Root
            [switch]$Force
        )
        """);
    Path dangling = TestSupport.write(tmp, "dangling-operator.ps1", "$total = 1 +\n");
    Path unclosedHashtable =
        TestSupport.write(
            tmp, "unclosed-hashtable.ps1", "$h = @{ Name = 'x'\nWrite-Host 'after'\n");
    Path clean =
        TestSupport.write(
            tmp,
            "clean.ps1",
            """
        $parameters = @{ Root = $PSScriptRoot; WhatIf = $true }
        $text = @'
        {"a": [1, 2]}
        '@
        & $PSCommandPath @parameters `
            -Verbose
        Write-Host ("{0} {1}" -f $text.Length, $(Get-Date).Year)
        """);

    PowerShellParser.Result result =
        PowerShellParser.parse(
            List.of(unclosedBrace, badParam, dangling, unclosedHashtable, clean));

    assertEquals(1, result.code(), result.output());
    List<String> errors = result.errors();
    for (Path broken : List.of(unclosedBrace, badParam, dangling, unclosedHashtable)) {
      assertTrue(
          errors.stream().anyMatch(l -> l.matches("\\Q" + broken + "\\E:\\d+:\\d+: error: .+")),
          broken.getFileName() + " is reported with line and column:\n" + result.output());
    }
    assertTrue(errors.stream().noneMatch(l -> l.startsWith(clean.toString())), result.output());
    // The comma after [string]$Root is missing: the parser reports the parameter it cannot close.
    assertTrue(errors.stream().anyMatch(l -> l.startsWith(badParam + ":3:5: ")), result.output());
  }
}
