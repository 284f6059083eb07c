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
import picocli.CommandLine.Model.CommandSpec;

public final class ImportCommand implements Callable<Integer> {
  /** The command line of {@code import}, bound to {@code c}. */
  static CommandSpec spec(ImportCommand c) {
    CommandSpec spec =
        Args.command(
            c,
            "import",
            "Write an estate that reproduces a tenant, from a snapshot of it (export/export-tenant.sh or"
                + " Export-Tenant.ps1), or from a folder of policy JSON files.",
            "Conditional Access policies the baseline generates as they are keep their baseline IDs;"
                + " every other policy becomes a custom policy; named locations are imported."
                + " Everything the estate cannot express is listed with why, here and at the top of the"
                + " file. Break-glass is proposed, never chosen for you.",
            "Never overwrites a file without --force, never writes through a symbolic link, writes all"
                + " or nothing.");
    spec.addPositional(
        Args.positional(
                "0",
                Path.class,
                v -> c.snapshot = v,
                "SNAPSHOT",
                "The snapshot folder, or a folder or file of policy JSON.")
            .build());
    spec.addOption(
        Args.option(Path.class, v -> c.out = v, "--out")
            .required(true)
            .paramLabel("FILE")
            .description("The estate file to write, such as estate.yaml.")
            .build());
    spec.addOption(
        Args.flag(v -> c.force = v, "Replace FILE if it exists (a regular file only).", "--force"));
    spec.addOption(
        Args.option(String.class, v -> c.tenantId = v, "--tenant-id")
            .paramLabel("GUID")
            .description("The tenant's ID, when the snapshot does not say (loose policy files).")
            .build());
    spec.addOption(
        Args.flag(
            v -> c.adoptBreakGlass = v,
            "Declare the accounts and groups excluded from every imported policy as break-glass. Without"
                + " it they are only proposed, in a comment, and validate fails until you decide.",
            "--adopt-break-glass"));
    spec.addOption(
        Args.option(String.class, v -> c.deploymentLocation = v, "--deployment-location")
            .paramLabel("REGION")
            .description(
                "The region recorded for the Defender subscription deployments (threat.azure.deploymentLocation),"
                    + " such as westeurope; the snapshot has none.")
            .build());
    c.spec = Args.standardHelp(spec);
    return c.spec;
  }

  /** The tenant readers (a snapshot folder, loose exports); tests give their own. */
  static final SnapshotSource READER = SnapshotReader::read;

  private final SnapshotSource reader;

  CommandSpec spec;

  Path snapshot;

  Path out;

  boolean force;

  String tenantId;

  boolean adoptBreakGlass;

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
