package org.aisecuritybaseline.purview;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.aisecuritybaseline.family.ManagedMarker;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.DataProtection;
import org.aisecuritybaseline.model.DataProtection.Label;
import org.aisecuritybaseline.model.DataProtection.LabelPolicy;
import org.aisecuritybaseline.model.Estate;
import tools.jackson.databind.node.ObjectNode;

/**
 * The definitions of the sensitivity labels and label policies the tool manages, in the cmdlets'
 * parameter names: under {@code label} the parameters of Set-Label plus New-Label's {@code Name};
 * under {@code policy} those of New-LabelPolicy (docs/contracts.md section 4).
 */
public final class LabelRenderer {
  public static final String LABELS = "labels/";
  public static final String POLICIES = "labels/policies/";

  private LabelRenderer() {}

  public static String file(Label label) {
    return LABELS + label.key() + ".json";
  }

  public static String file(LabelPolicy policy) {
    return POLICIES + policy.key() + ".json";
  }

  /** What every label and label policy definition starts with: its format version and key. */
  private static ObjectNode header(String key) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("formatVersion", 1);
    root.put("key", key);
    return root;
  }

  public static ObjectNode definition(Estate estate, Label l) {
    DataProtection data = estate.data();
    ObjectNode root = header(l.key());
    ObjectNode label = root.putObject("label");
    label.put("Name", Labels.uniqueName(data, l));
    label.put("DisplayName", l.name());
    label.put("Tooltip", l.tooltip());
    label.put("Comment", "Label " + l.key() + " of the estate file. " + ManagedMarker.TEXT);
    if (l.parent() != null) {
      data.label(l.parent()).ifPresent(p -> label.put("ParentId", Labels.policyReference(data, p)));
    }
    if (!l.contentType().isEmpty()) {
      label.put("ContentType", String.join(", ", l.contentType()));
    }
    if (l.priority() != null) {
      label.put("Priority", l.priority());
    }
    DataProtection.Marking m = l.marking();
    if (m != null) {
      if (m.header() != null) {
        label.put("ApplyContentMarkingHeaderEnabled", true);
        label.put("ApplyContentMarkingHeaderText", m.header().text());
      }
      if (m.footer() != null) {
        label.put("ApplyContentMarkingFooterEnabled", true);
        label.put("ApplyContentMarkingFooterText", m.footer().text());
      }
      if (m.watermark() != null) {
        label.put("ApplyWaterMarkingEnabled", true);
        label.put("ApplyWaterMarkingText", m.watermark().text());
      }
    }
    DataProtection.Encryption e = l.encryption();
    if (e != null) {
      label.put("EncryptionEnabled", true);
      if (e.userDefined() != null) {
        label.put("EncryptionProtectionType", "UserDefined");
        DataProtection.UserDefined u = e.userDefined();
        if ("doNotForward".equals(u.outlook())) {
          label.put("EncryptionDoNotForward", true);
        } else if ("encryptOnly".equals(u.outlook())) {
          label.put("EncryptionEncryptOnly", true);
        }
        if (u.promptUser() != null) {
          label.put("EncryptionPromptUser", u.promptUser());
        }
      } else {
        label.put("EncryptionProtectionType", "Template");
        label.put("EncryptionRightsDefinitions", rightsDefinitions(estate, e));
        label.put(
            "EncryptionContentExpiredOnDateInDaysOrNever",
            e.expiresAfterDays() == null ? "Never" : String.valueOf(e.expiresAfterDays()));
        if (e.offlineAccessDays() != null) {
          label.put("EncryptionOfflineAccessDays", e.offlineAccessDays());
        }
      }
    }
    return (ObjectNode) Json.sortKeys(root);
  }

  /**
   * New-Label's syntax {@code Identity1:Rights1,Rights2;Identity2:Rights3}; a grant without {@code
   * to} (the presets' "all users and groups in the organisation") goes to the tenant's primary
   * domain.
   */
  static String rightsDefinitions(Estate estate, DataProtection.Encryption e) {
    return e.rights().stream()
        .map(
            g ->
                (g.to() == null ? estate.tenant().primaryDomain() : g.to())
                    + ":"
                    + String.join(",", g.rights()))
        .collect(Collectors.joining(";"));
  }

  public static ObjectNode definition(Estate estate, LabelPolicy p) {
    DataProtection data = estate.data();
    ObjectNode root = header(p.key());
    ObjectNode policy = root.putObject("policy");
    policy.put("Name", p.name());
    policy.put("Comment", "Label policy " + p.key() + " of the estate file. " + ManagedMarker.TEXT);
    policy.set(
        "Labels",
        Json.stringArray(
            Labels.published(data, p).stream().map(l -> Labels.policyReference(data, l)).toList()));
    DataProtection.PublishTo to = p.publishTo();
    if (Boolean.TRUE.equals(to.everyone())) {
      policy.set("ExchangeLocation", Json.stringArray(List.of("All")));
      if (!to.excludeUsers().isEmpty()) {
        policy.set("ExchangeLocationException", Json.stringArray(to.excludeUsers()));
      }
    } else {
      if (!to.users().isEmpty()) {
        policy.set("ExchangeLocation", Json.stringArray(to.users()));
      }
      List<String> mails = new ArrayList<>();
      for (String key : to.groups()) {
        estate.group(key).map(Estate.Group::mail).ifPresent(mails::add);
      }
      if (!mails.isEmpty()) {
        policy.set("ModernGroupLocation", Json.stringArray(mails));
      }
    }
    return (ObjectNode) Json.sortKeys(root);
  }

  /**
   * Whether the deploy script checks (and turns on) unified audit log ingestion: as the estate
   * says, else when the tenant has Microsoft 365 Copilot or the estate asks for a collection
   * policy.
   */
  public static boolean auditLogReadiness(Estate estate) {
    DataProtection.CopilotReadiness r = estate.data().copilotReadiness();
    if (r != null && r.auditLog() != null) {
      return r.auditLog();
    }
    return (estate.tenant().services() != null && estate.tenant().services().microsoft365Copilot())
        || CollectionPolicies.copilot(estate).isPresent();
  }
}
