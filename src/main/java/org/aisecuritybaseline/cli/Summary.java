package org.aisecuritybaseline.cli;

import org.aisecuritybaseline.pipeline.EstateValidator;

/** The counts that generate and validate print: every output family, then what was left out. */
final class Summary {
  private Summary() {}

  /**
   * "19 Conditional Access policies, 3 DLP policies, Defender on 3 Azure subscriptions, 2 AWS accounts
   * and 2 GCP projects; 1 left out".
   */
  static String of(EstateValidator.Validated v) {
    var threat = v.estate().threat();
    int leftOut = v.expansion().leftOut().size() + v.dlp().leftOut().size();
    java.util.List<String> defender = new java.util.ArrayList<>();
    addCount(defender, v.defender().subscriptions().size(), "Azure subscription", "Azure subscriptions");
    addCount(defender, threat.awsAccounts().size(), "AWS account", "AWS accounts");
    addCount(defender, threat.gcpProjects().size(), "GCP project", "GCP projects");
    String threatPart = defender.isEmpty() ? "no Defender for Cloud"
        : "Defender on " + (defender.size() == 1 ? defender.get(0)
            : String.join(", ", defender.subList(0, defender.size() - 1)) + " and " + defender.get(defender.size() - 1));
    return count(v.expansion().policies().size(), "Conditional Access policy", "Conditional Access policies") + ", "
        + count(v.dlp().policies().size(), "DLP policy", "DLP policies") + ", " + threatPart + "; " + leftOut + " left out";
  }

  private static void addCount(java.util.List<String> into, int n, String one, String many) {
    if (n > 0) {
      into.add(count(n, one, many));
    }
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
