package org.aisecuritybaseline.defender;

import org.aisecuritybaseline.model.ThreatProtection;
import tools.jackson.databind.node.ObjectNode;

/**
 * The security connectors an estate generates, for what reads connectors back (the import): the
 * connector resource of an AWS account or GCP project exactly as {@code defender/aws/<id>/
 * connector.json} and {@code defender/gcp/<project>/connector.json} hold it, and the inverse of
 * what generation derives from the estate.
 */
public final class ConnectorTemplates {
  private ConnectorTemplates() {}

  /** The Microsoft.Security/securityConnectors resource generated for an AWS account. */
  public static ObjectNode aws(ThreatProtection.AwsAccount account) {
    return (ObjectNode) Connectors.awsTemplate(account).get("resources").get(0);
  }

  /** The Microsoft.Security/securityConnectors resource generated for a GCP project. */
  public static ObjectNode gcp(ThreatProtection.GcpProject project) {
    return (ObjectNode) Connectors.gcpTemplate(project).get("resources").get(0);
  }

  /**
   * The GCP organization ID a generated organization connector's onboarding service account names
   * (its management project is the prefix and the organization ID), or null when {@code email} is
   * not such an address.
   */
  public static String gcpOrganizationId(String email) {
    String start =
        Multicloud.gcpOrganization("onboardingServiceAccount")
            + "@"
            + Multicloud.gcpOrganization("managementProjectPrefix");
    String end = ".iam.gserviceaccount.com";
    if (email == null || !email.startsWith(start) || !email.endsWith(end)) {
      return null;
    }
    String id = email.substring(start.length(), email.length() - end.length());
    return id.matches("[0-9]{6,20}") ? id : null;
  }
}
