package org.aisecuritybaseline.cli;

import org.aisecuritybaseline.validate.EstateValidator;

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
    return count(v.expansion().policies().size(), "Conditional Access policy", "Conditional Access policies") + ", "
        + count(v.dlp().policies().size(), "DLP policy", "DLP policies") + ", Defender on "
        + count(v.defender().subscriptions().size(), "Azure subscription", "Azure subscriptions") + ", "
        + count(threat.awsAccounts().size(), "AWS account", "AWS accounts") + " and "
        + count(threat.gcpProjects().size(), "GCP project", "GCP projects") + "; " + leftOut + " left out";
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
