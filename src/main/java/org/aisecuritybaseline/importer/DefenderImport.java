package org.aisecuritybaseline.importer;

import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;
import tools.jackson.databind.node.ObjectNode;

/** Defender for Cloud pricings and connectors as the estate's {@code threat} section. */
final class DefenderImport {
  private DefenderImport() {}

  /** The threat section, or null; what it cannot hold is a W650 note. */
  static ObjectNode convert(TenantSnapshot snapshot, Notes notes) {
    for (TenantObject p : Importer.sorted(Importer.list(snapshot.pricings()))) {
      notes.add(
          Code.W650,
          "Defender plan " + p.id() + " on subscription " + p.scope(),
          "not imported: not implemented yet");
    }
    for (TenantObject c : Importer.sorted(Importer.list(snapshot.connectors()))) {
      notes.add(
          Code.W650,
          "security connector " + Importer.quotedName(c),
          "not imported: not implemented yet");
    }
    return null;
  }
}
