package org.aisecuritybaseline.entra;

import java.util.List;
import org.aisecuritybaseline.family.Recommendation;

/**
 * One conformance profile in an estate: each of its requirements with whether the generated
 * policies meet it, and every change the profile made to Microsoft's baseline.
 */
public record ConformanceReport(
    String profile,
    String name,
    Recommendation source,
    Recommendation checks,
    List<Row> items,
    List<Difference> differences) {

  /** Whether a requirement is met. */
  public enum Status {
    MET("met"),
    WHEN_ENFORCED("met once enforced"),
    NOT_MET("not met"),
    TENANT_SETTING("tenant setting");

    public final String label;

    Status(String label) {
      this.label = label;
    }
  }

  /**
   * A requirement of the profile's source.
   *
   * @param detail why it is not met, what is not enforced yet, or the tenant setting
   */
  public record Row(
      String id, String requirement, List<String> policies, Status status, String detail) {}

  /** A change the profile made to one policy, where Microsoft's recommendation differs. */
  public record Difference(
      String profile,
      String policyId,
      List<String> cisa,
      String microsoft,
      String change,
      String why) {}
}
