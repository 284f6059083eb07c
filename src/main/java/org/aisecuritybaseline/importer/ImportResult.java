package org.aisecuritybaseline.importer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.aisecuritybaseline.diag.Code;

/**
 * What an import produced: the estate's YAML text and everything its user must know about it.
 *
 * @param yaml the estate file, UTF-8 text with LF line ends
 * @param notes in the order found: W650 what could not be imported (with why), W651 the break-glass
 *     proposal, W652 what to review
 * @param adopted baseline policy IDs adopted, each with the tenant policy's ID ("CA001 <- id")
 * @param customPolicies how many tenant policies became custom policies
 * @param namedLocations how many named locations were imported
 * @param breakGlassDecided whether the estate declares break-glass (else it fails validation with
 *     E302 until its user decides)
 */
public record ImportResult(
    String yaml,
    List<Note> notes,
    List<String> adopted,
    int customPolicies,
    int namedLocations,
    boolean breakGlassDecided) {
  public ImportResult {
    notes = List.copyOf(notes);
    adopted = List.copyOf(adopted);
  }

  public byte[] bytes() {
    return yaml.getBytes(StandardCharsets.UTF_8);
  }

  /** The notes with one code. */
  public List<Note> notes(Code code) {
    return notes.stream().filter(n -> n.code() == code).toList();
  }

  /**
   * One thing the user must know.
   *
   * @param subject what it is about: {@code policy "Name" (id)}, {@code named location ...}
   */
  public record Note(Code code, String subject, String message) {}
}
