package org.aisecuritybaseline.cli;

import java.util.concurrent.Callable;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.validate.Schemas;
import picocli.CommandLine.Model.CommandSpec;

public final class SchemaCommand implements Callable<Integer> {
  /** The command line of {@code schema}, bound to {@code c}. */
  static CommandSpec spec(SchemaCommand c) {
    CommandSpec spec =
        Args.command(
            c, "schema", "Print the JSON Schema of the estate file (for editors and other tools).");
    c.spec = Args.standardHelp(spec);
    return c.spec;
  }

  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(Json.write(Json.parseResource(Schemas.ESTATE)));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
