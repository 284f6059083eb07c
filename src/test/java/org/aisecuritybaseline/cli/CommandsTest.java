package org.aisecuritybaseline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command map names each command as its {@code @Command} does, and the command line holds only
 * the command named first, none for the version alone, or every command when none is named.
 */
class CommandsTest {
  @Test
  void eachCommandIsListedUnderItsOwnName() {
    BaselineCommand.COMMANDS.forEach(
        (name, type) ->
            assertEquals(name, type.getAnnotation(Command.class).name(), type.getName()));
    assertEquals(BaselineCommand.SUMMARIES.keySet(), BaselineCommand.COMMANDS.keySet());
  }

  private static List<String> added(String... args) {
    CommandLine cli = Main.commandLine(new BufferedReader(new StringReader("")));
    BaselineCommand.addCommands(cli, args);
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
}
