package org.aisecuritybaseline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

  @Test
  void anExitCodeIsListedOnce() {
    // picocli keeps a command's exit codes in a map: a second meaning of a code would replace the
    // first in the help.
    assertEquals(
        List.of("0", "2"), List.copyOf(Args.codes("0", "success", "2", "changes").keySet()));
    assertThrows(IllegalArgumentException.class, () -> Args.codes("2", "changes", "2", "fails"));
  }
}
