package org.aisecuritybaseline.cli;

import java.util.concurrent.Callable;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.validate.Schemas;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Print the JSON Schema of the estate file (for editors and other tools).")
public final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(Json.write(Json.parseResource(Schemas.ESTATE)));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
