package org.aisecuritybaseline.importer;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.diag.Code;

/** What an import tells its user, in the order found. */
final class Notes {
  private final List<ImportResult.Note> all = new ArrayList<>();

  void add(Code code, String subject, String message) {
    all.add(new ImportResult.Note(code, subject, message));
  }

  List<ImportResult.Note> all() {
    return List.copyOf(all);
  }
}
