package org.aisecuritybaseline.rules;

import java.util.List;

/**
 * One rule of the check catalogue ({@code data/checks/rules.json}).
 *
 * @param evaluation how the rule is evaluated (a key the engine knows), or {@code notEvaluable} for
 *     a rule that needs tenant settings rather than Conditional Access
 * @param statement the framework's own statement of the requirement, verbatim
 */
public record Rule(
    String id,
    String title,
    String statement,
    String criticality,
    String severity,
    String evaluation,
    String evaluates,
    String helpUri,
    String source,
    List<Reference> references) {

  public static final String NOT_EVALUABLE = "notEvaluable";

  public Rule {
    references = List.copyOf(references);
  }

  public boolean evaluable() {
    return !NOT_EVALUABLE.equals(evaluation);
  }

  /** The SCuBA policy ID the rule implements (such as MS.AAD.1.1v1), or null. */
  public String scubaId() {
    return references.stream()
        .filter(r -> r.framework().equals("CISA SCuBA"))
        .map(Reference::id)
        .findFirst()
        .orElse(null);
  }

  /** "CISA SCuBA MS.AAD.1.1v1, Maester MT.1009" */
  public String referenceList() {
    return String.join(", ", references.stream().map(r -> r.framework() + " " + r.id()).toList());
  }

  /**
   * A framework's control this rule implements ({@code implements}) or relates to ({@code related}:
   * a test of a neighbouring criterion).
   */
  public record Reference(String framework, String id, String relation, String url) {}
}
