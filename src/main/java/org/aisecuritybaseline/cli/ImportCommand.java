package org.aisecuritybaseline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.importer.ImportResult;
import org.aisecuritybaseline.importer.Importer;
import org.aisecuritybaseline.importer.SnapshotSource;
import org.aisecuritybaseline.init.InitWriter;
import org.aisecuritybaseline.tenant.SnapshotReader;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import org.aisecuritybaseline.write.OutputWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Write an estate that reproduces a tenant, from a snapshot of it (export/export-tenant.sh or",
      "Export-Tenant.ps1), or from a folder of policy JSON files.",
      "Conditional Access policies the baseline generates as they are keep their baseline IDs; every other",
      "policy becomes a custom policy; named locations are imported. Everything the estate cannot express is",
      "listed with why, here and at the top of the file. Break-glass is proposed, never chosen for you.",
      "Never overwrites a file without --force, never writes through a symbolic link, writes all or nothing."
    })
public final class ImportCommand implements Callable<Integer> {
  /** The tenant readers (a snapshot folder, loose exports); tests give their own. */
  static final SnapshotSource READER = SnapshotReader::read;

  private final SnapshotSource reader;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SNAPSHOT",
      description = "The snapshot folder, or a folder or file of policy JSON.")
  Path snapshot;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The estate file to write, such as estate.yaml.")
  Path out;

  @Option(names = "--force", description = "Replace FILE if it exists (a regular file only).")
  boolean force;

  @Option(
      names = "--tenant-id",
      paramLabel = "GUID",
      description = "The tenant's ID, when the snapshot does not say (loose policy files).")
  String tenantId;

  @Option(
      names = "--adopt-break-glass",
      description =
          "Declare the accounts and groups excluded from every imported policy as break-glass. Without"
              + " it they are only proposed, in a comment, and validate fails until you decide.")
  boolean adoptBreakGlass;

  @Option(
      names = "--deployment-location",
      paramLabel = "REGION",
      description =
          "The region recorded for the Defender subscription deployments (threat.azure.deploymentLocation),"
              + " such as westeurope; the snapshot has none.")
  String deploymentLocation;

  ImportCommand() {
    this(READER);
  }

  ImportCommand(SnapshotSource reader) {
    this.reader = reader;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    Path dir = out.toAbsolutePath().getParent();
    String name = out.getFileName().toString();
    String shown = ConsoleText.oneLine(out.toString());
    try {
      InitWriter.check(dir, List.of(name), force);
      TenantSnapshot s = reader.read(snapshot);
      if (Inputs.report(
          snapshot,
          s.diagnostics() == null ? List.of() : s.diagnostics(),
          err,
          "nothing was written")) {
        return ExitCodes.INVALID_INPUT;
      }
      ImportResult r =
          Importer.run(s, new Importer.Options(tenantId, adoptBreakGlass, deploymentLocation));
      for (ImportResult.Note n : r.notes()) {
        err.println(
            "warning["
                + n.code()
                + "]: "
                + ConsoleText.oneLine(n.subject())
                + ": "
                + ConsoleText.oneLine(n.message()));
      }
      InitWriter.write(dir, Map.of(name, r.bytes()), force);
      long notImported = r.notes(Code.W650).size();
      stdout.println(
          "Wrote "
              + shown
              + ": "
              + r.adopted().size()
              + " baseline "
              + (r.adopted().size() == 1 ? "policy" : "policies")
              + " adopted, "
              + r.customPolicies()
              + " custom, "
              + r.namedLocations()
              + " named locations; "
              + (notImported == 0
                  ? "everything imported."
                  : notImported + " not imported (listed above and at the top of the file)."));
      stdout.println(
          r.breakGlassDecided()
              ? "Next: review it, then  baseline validate " + shown
              : "Next: decide breakGlass (see the file), then  baseline validate " + shown);
      stdout.flush();
      err.flush();
      return ExitCodes.OK;
    } catch (Importer.Refused e) {
      err.println(
          "baseline import: error[" + e.code() + "]: " + ConsoleText.oneLine(e.getMessage()));
      err.flush();
      return ExitCodes.INVALID_INPUT;
    } catch (OutputWriter.RefusedException e) {
      err.println("baseline: cannot write " + shown + ": " + ConsoleText.oneLine(e.getMessage()));
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
  }
}
