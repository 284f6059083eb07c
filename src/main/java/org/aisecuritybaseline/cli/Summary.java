package org.aisecuritybaseline.cli;

import org.aisecuritybaseline.pipeline.EstateValidator;

/** The counts that generate and validate print: every output family, then what was left out. */
final class Summary {
  private Summary() {}

  /**
   * "19 Conditional Access policies, 3 DLP policies, Defender on 3 Azure subscriptions, 2 AWS
   * accounts and 2 GCP projects; 1 left out".
   */
  static String of(EstateValidator.Validated v) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    v.families().forEach(f -> parts.addAll(f.counts(v.estate())));
    return String.join(", ", parts) + "; " + v.leftOut().size() + " left out";
  }
}
