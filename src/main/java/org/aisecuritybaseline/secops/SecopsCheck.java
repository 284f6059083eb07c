package org.aisecuritybaseline.secops;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.model.Secops;
import org.aisecuritybaseline.validate.Uniqueness;

/**
 * The secops section beyond its schema: the subscription IDs are not the nil GUID (E305), a
 * Defender for Cloud connector has subscriptions to connect and the tenant-scope deployment of the
 * Entra ID diagnostic settings has a region (E314).
 */
final class SecopsCheck {
  private SecopsCheck() {}

  static List<Finding> check(Estate estate, boolean threatUsable) {
    Secops s = estate.secops();
    List<Finding> findings = new ArrayList<>();
    if (!s.present()) {
      for (String member : new String[] {"sentinel", "deploymentLocation"}) {
        if (member.equals("sentinel") ? s.sentinel() != null : s.deploymentLocation() != null) {
          findings.add(
              Finding.error(
                  Code.E314,
                  "/secops/" + member,
                  "'"
                      + member
                      + "' belongs to Microsoft Sentinel, which needs a workspace: add"
                      + " secops.workspace (resourceId or create), or remove '"
                      + member
                      + "'"));
        }
      }
      return findings;
    }
    Secops.Workspace w = s.workspace();
    if (w.create() != null && Uniqueness.NIL_GUID.equals(w.create().subscription())) {
      findings.add(
          Finding.error(
              Code.E305,
              "/secops/workspace/create/subscription",
              "the nil GUID is not a subscription ID"));
    }
    if (w.resourceId() != null && w.resourceId().split("/")[2].equals(Uniqueness.NIL_GUID)) {
      findings.add(
          Finding.error(
              Code.E305, "/secops/workspace/resourceId", "the nil GUID is not a subscription ID"));
    }
    List<String> named = s.sentinel() == null ? null : s.sentinel().connectors();
    if (named != null) {
      int i = named.indexOf("defenderForCloud");
      if (i >= 0 && threatUsable && estate.threat().subscriptions().isEmpty()) {
        findings.add(
            Finding.error(
                Code.E314,
                "/secops/sentinel/connectors/" + i,
                "the Defender for Cloud connector connects the subscriptions under threat.azure, and"
                    + " there are none; declare them there or remove defenderForCloud"));
      }
    }
    boolean entra = named == null || named.contains("entraId");
    if (entra && w.create() == null && s.deploymentLocation() == null) {
      findings.add(
          Finding.error(
              Code.E314,
              "/secops/workspace",
              "the Entra ID connector is deployed at tenant scope, which needs a region: set"
                  + " secops.deploymentLocation (such as westeurope) for an existing workspace"));
    }
    return findings;
  }
}
