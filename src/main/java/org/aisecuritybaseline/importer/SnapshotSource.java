package org.aisecuritybaseline.importer;

import java.io.IOException;
import java.nio.file.Path;
import org.aisecuritybaseline.tenant.TenantSnapshot;

/**
 * Where {@code baseline import} gets its snapshot: a folder written by the export scripts, or loose
 * policy files (docs/contracts.md section 9). The command reads through this, so the importer and
 * its tests never need files.
 */
@FunctionalInterface
public interface SnapshotSource {
  /**
   * The snapshot at {@code path}, canonical; what reading found is in its diagnostics.
   *
   * @throws IOException when the path cannot be read at all
   */
  TenantSnapshot read(Path path) throws IOException;
}
