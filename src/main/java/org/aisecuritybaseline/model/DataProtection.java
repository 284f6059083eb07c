package org.aisecuritybaseline.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The estate's {@code data} section: labels, sensitive information types and DLP policies.
 *
 * @param dspmForAi what the tenant made in DSPM for AI that the baseline verifies; never null
 */
public record DataProtection(
    List<Label> labels,
    String labelPreset,
    List<LabelPolicy> labelPolicies,
    CopilotReadiness copilotReadiness,
    List<String> sensitiveInfoTypes,
    Estate.Waiver cisaMinimumWaiver,
    boolean devicesOnboarded,
    DspmForAi dspmForAi,
    Exclusion exclude,
    DlpStage defaultStage,
    Map<String, PolicySettings> policies,
    List<CustomPolicy> customPolicies) {

  /** CISA MS.SECURITYSUITE.3.1: at least credit card numbers, U.S. ITIN and U.S. SSN. */
  public static final List<String> DEFAULT_SENSITIVE_INFO_TYPES =
      List.of(
          "creditCardNumber", "usIndividualTaxpayerIdentificationNumber", "usSocialSecurityNumber");

  public DataProtection {
    labels = Estate.list(labels);
    labelPolicies = Estate.list(labelPolicies);
    sensitiveInfoTypes = protectedTypes(sensitiveInfoTypes, cisaMinimumWaiver);
    dspmForAi = dspmForAi == null ? DspmForAi.NONE : dspmForAi;
    defaultStage = defaultStage == null ? DlpStage.SIMULATION : defaultStage;
    policies =
        policies == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(policies));
    customPolicies = Estate.list(customPolicies);
  }

  public static DataProtection empty() {
    return new DataProtection(
        null, null, null, null, null, null, false, null, null, null, null, null);
  }

  /**
   * {@code data.dspmForAi}: Microsoft Purview DSPM for AI: what the tenant made in the portal that
   * the baseline does not generate but verifies (plan and check against a tenant snapshot), and the
   * collection policy it does generate.
   *
   * @param aiSitesPolicy the name of the tenant's own DLP policy that restricts pasting and
   *     uploading sensitive data to generative-AI websites, looked for beside DSPM for AI's
   *     one-click policies; null when the estate names none
   * @param collectCopilotInteractions the collection policy for Copilot interactions to create
   *     (New-FeatureConfiguration, public preview); null for none
   */
  public record DspmForAi(
      String aiSitesPolicy, CollectCopilotInteractions collectCopilotInteractions) {
    public static final DspmForAi NONE = new DspmForAi(null, null);
  }

  /**
   * A collection policy (KnowYourData) for the prompts and responses of Copilot experiences and
   * Microsoft Copilot, for all users.
   *
   * @param captureContent whether the text of prompts and responses is captured too
   *     (ScenarioConfig's IsIngestionEnabled), not only the activity
   */
  public record CollectCopilotInteractions(boolean captureContent) {}

  /**
   * The estate's types with the CISA minimum added where the estate leaves one out: the minimum
   * goes only with an explicit waiver, never by listing other types.
   */
  private static List<String> protectedTypes(List<String> listed, Estate.Waiver waiver) {
    if (listed == null || listed.isEmpty()) {
      return DEFAULT_SENSITIVE_INFO_TYPES;
    }
    List<String> types = new java.util.ArrayList<>(listed);
    if (waiver == null) {
      DEFAULT_SENSITIVE_INFO_TYPES.stream().filter(t -> !types.contains(t)).forEach(types::add);
    }
    return List.copyOf(types);
  }

  /** The estate's own labels, then those of its preset (LabelPresets), in deployment order. */
  public List<Label> allLabels() {
    return LabelPresets.withPreset(labels, labelPreset);
  }

  public Optional<Label> label(String key) {
    return allLabels().stream().filter(l -> l.key().equals(key)).findFirst();
  }

  /**
   * A sensitivity label: an existing one (with its GUID, {@code id}), which the tool only refers
   * to, or one the tool creates and updates (no {@code id}; {@code tooltip} is required then).
   */
  public record Label(
      String key,
      String name,
      String id,
      boolean highlySensitive,
      String tooltip,
      String parent,
      String uniqueName,
      Integer priority,
      List<String> contentType,
      Marking marking,
      Encryption encryption) {
    public Label {
      contentType = Estate.list(contentType);
    }

    /** An existing label, referred to by GUID. */
    public static Label existing(String key, String name, String id, boolean highlySensitive) {
      return new Label(key, name, id, highlySensitive, null, null, null, null, null, null, null);
    }

    /** The tool creates and updates this label (it has no GUID in the estate). */
    public boolean managed() {
      return id == null;
    }
  }

  /** Visual markings: the text of each, where wanted. */
  public record Marking(MarkingText header, MarkingText footer, MarkingText watermark) {}

  public record MarkingText(String text) {}

  /**
   * Encryption: either fixed rights ({@code rights}, New-Label's EncryptionProtectionType Template)
   * or permissions users assign ({@code userDefined}, UserDefined).
   */
  public record Encryption(
      List<Grant> rights,
      Integer offlineAccessDays,
      Integer expiresAfterDays,
      UserDefined userDefined) {
    public Encryption {
      rights = Estate.list(rights);
    }
  }

  /** Who ({@code to}: an email address or a domain) gets which usage rights. */
  public record Grant(String to, List<String> rights) {
    public Grant {
      rights = Estate.list(rights);
    }
  }

  /** {@code outlook}: doNotForward or encryptOnly; {@code promptUser}: Word, Excel, PowerPoint. */
  public record UserDefined(String outlook, Boolean promptUser) {}

  /** A label policy: which labels it publishes, to whom. */
  public record LabelPolicy(String key, String name, List<String> labels, PublishTo publishTo) {
    public LabelPolicy {
      labels = Estate.list(labels);
    }
  }

  /**
   * {@code everyone}: all mailboxes (ExchangeLocation All), minus {@code excludeUsers}; otherwise
   * {@code users} (mailboxes) and {@code groups} (keys of Microsoft 365 groups, by their mail).
   */
  public record PublishTo(
      Boolean everyone, List<String> users, List<String> groups, List<String> excludeUsers) {
    public PublishTo {
      users = Estate.list(users);
      groups = Estate.list(groups);
      excludeUsers = Estate.list(excludeUsers);
    }
  }

  /**
   * Tenant settings Microsoft 365 Copilot's data protections depend on. {@code auditLog}: make sure
   * unified audit log ingestion is on (null: when the tenant has Microsoft 365 Copilot).
   */
  public record CopilotReadiness(Boolean auditLog, List<OversharedSite> oversharedSites) {
    public CopilotReadiness {
      oversharedSites = Estate.list(oversharedSites);
    }
  }

  /**
   * A SharePoint site to hide from organisation-wide search and Copilot (Restricted Content
   * Discovery).
   */
  public record OversharedSite(String url, String reason) {}

  public record Exclusion(List<String> groups, List<String> users, String reason) {
    public Exclusion {
      groups = Estate.list(groups);
      users = Estate.list(users);
    }
  }

  public record PolicySettings(
      DlpStage stage, Estate.Skip skip, Integer highVolumeThreshold, Boolean allowOverride) {}

  public record CustomPolicy(
      String id,
      String name,
      String summary,
      DlpStage stage,
      List<String> locations,
      List<Rule> rules) {
    public CustomPolicy {
      locations = Estate.list(locations);
      rules = Estate.list(rules);
    }
  }

  /**
   * A rule in the estate's (and the templates') vocabulary; sensitive types are keys or objects.
   */
  public record Rule(
      String name,
      List<JsonNode> sensitiveInfoTypes,
      List<String> labels,
      Integer minCount,
      boolean externalOnly,
      Actions actions) {
    public Rule {
      sensitiveInfoTypes = Estate.list(sensitiveInfoTypes);
      labels = Estate.list(labels);
    }
  }

  public record Actions(
      Boolean blockAccess,
      String blockAccessScope,
      List<String> notifyUser,
      String policyTip,
      Boolean allowOverride,
      List<String> incidentReport,
      List<String> alert,
      String severity,
      List<EndpointRestriction> endpoint,
      Boolean restrictCopilotProcessing,
      Boolean restrictWebGrounding) {
    public Actions {
      notifyUser = Estate.list(notifyUser);
      incidentReport = Estate.list(incidentReport);
      alert = Estate.list(alert);
      endpoint = Estate.list(endpoint);
    }
  }

  public record EndpointRestriction(String setting, String value) {}
}
