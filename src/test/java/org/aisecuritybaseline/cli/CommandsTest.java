package org.aisecuritybaseline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command map names each command as its command line does, and the command line holds only the
 * command named first, none for the version alone, or every command when none is named.
 */
class CommandsTest {
  @Test
  void eachCommandIsListedUnderItsOwnName() {
    BufferedReader in = new BufferedReader(new StringReader(""));
    BaselineCommand.COMMANDS.forEach(
        (name, command) -> assertEquals(name, command.apply(in).name()));
    assertEquals(BaselineCommand.SUMMARIES.keySet(), BaselineCommand.COMMANDS.keySet());
  }

  private static List<String> added(String... args) {
    CommandLine cli = Main.commandLine();
    BaselineCommand.addCommands(cli, args, new BufferedReader(new StringReader("")));
    return List.copyOf(cli.getSubcommands().keySet());
  }

  @Test
  void onlyTheNamedCommandIsBuilt() {
    assertEquals(List.of("generate"), added("generate", "estate.yaml", "--out", "out"));
    assertEquals(List.of("validate"), added("validate", "--help"));
    List<String> all = List.copyOf(BaselineCommand.COMMANDS.keySet());
    assertEquals(all, added());
    assertEquals(all, added("--help"));
    // The version alone needs no command: it is the floor every command's time is measured from.
    assertEquals(List.of(), added("--version"));
    assertEquals(List.of(), added("-V"));
    assertEquals(all, added("--version", "generate"));
    assertEquals(all, added("generat"));
    assertEquals(all, added("completion"));
  }

  /**
   * Each command's description is written in paragraphs that picocli wraps, not in lines it wraps
   * again: a line of a paragraph is never so short that the next line's first word would have fit
   * on it (lines broken in the source at 100 characters came out as a full line and a stub).
   */
  @Test
  void eachDescriptionIsWrappedOnceByItsParagraphs() {
    // picocli fills at most one column less than its usage width.
    int columns = new CommandLine.Model.UsageMessageSpec().width() - 1;
    BufferedReader in = new BufferedReader(new StringReader(""));
    for (var command : BaselineCommand.COMMANDS.values()) {
      CommandLine.Model.CommandSpec spec = command.apply(in);
      List<String> lines =
          new CommandLine(spec).getHelp().description().lines().filter(l -> !l.isBlank()).toList();
      for (int i = 0; i + 1 < lines.size(); i++) {
        String next = lines.get(i + 1);
        if (Character.isUpperCase(next.charAt(0)) || next.matches("^[a-z]+: .*")) {
          continue; // a paragraph of its own ("Where to find IDs: ...", "zsh: ...")
        }
        String firstWord = next.split(" ", 2)[0];
        assertTrue(
            lines.get(i).length() + 1 + firstWord.length() > columns,
            spec.name()
                + ": '"
                + firstWord
                + "' would fit on the line before it:\n"
                + lines.get(i));
      }
    }
  }

  @Test
  void anExitCodeIsListedOnce() {
    // picocli keeps a command's exit codes in a map: a second meaning of a code would replace the
    // first in the help.
    assertEquals(
        List.of("0", "2"), List.copyOf(Args.codes("0", "success", "2", "changes").keySet()));
    assertThrows(IllegalArgumentException.class, () -> Args.codes("2", "changes", "2", "fails"));
  }
}
