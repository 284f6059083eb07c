package org.aisecuritybaseline.purview;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.DataProtection;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.validate.Sections;
import org.aisecuritybaseline.validate.Uniqueness;
import tools.jackson.databind.JsonNode;

/**
 * The estate's data section against Purview's documented rules and limits: references resolve,
 * names fit in 64 characters, at most 125 sensitive information types per rule, conditions and
 * actions that each location supports, the Copilot location on its own, 100 KB per policy and rule,
 * 600 rules per tenant.
 */
public final class DlpCheck {
  public static final int NAME_LIMIT = 64;
  public static final int TYPES_PER_RULE = 125;
  public static final int SIZE_LIMIT = 100 * 1024;
  public static final int RULES_PER_TENANT = 600;

  private final Estate estate;
  private final DataProtection data;
  private final List<Finding> findings = new ArrayList<>();

  private DlpCheck(Estate estate) {
    this.estate = estate;
    this.data = estate.data();
  }

  /** Checks that need only the estate: run before expansion. */
  public static List<Finding> checkEstate(Estate estate, DlpCatalogue catalogue) {
    return checkEstate(estate, catalogue, Sections.ALL);
  }

  /**
   * The checks of the data section, when it is usable; group references only when 'groups' is
   * usable too.
   */
  public static List<Finding> checkEstate(
      Estate estate, DlpCatalogue catalogue, Sections sections) {
    DlpCheck c = new DlpCheck(estate);
    if (sections.usable("data")) {
      c.references(catalogue, sections.usable("groups"));
    }
    return List.copyOf(c.findings);
  }

  /** Checks of what expansion planned: combinations, names and sizes. */
  public static List<Finding> checkPlan(Estate estate, DlpExpansion expansion) {
    DlpCheck c = new DlpCheck(estate);
    c.plan(expansion);
    return List.copyOf(c.findings);
  }

  private void references(DlpCatalogue catalogue, boolean groupsUsable) {
    unique(
        "/data/labels",
        data.labels().stream().map(DataProtection.Label::key).toList(),
        "key",
        "label key");
    unique(
        "/data/labels",
        data.labels().stream()
            .map(l -> l.id() == null ? null : l.id().toLowerCase(Locale.ROOT))
            .toList(),
        "id",
        "label ID");
    labels(groupsUsable);
    for (int i = 0; i < data.labels().size(); i++) {
      if (Uniqueness.NIL_GUID.equals(data.labels().get(i).id())) {
        findings.add(
            Finding.error(
                Code.E305,
                "/data/labels/" + i + "/id",
                "the nil GUID is not a label ID; copy it from Get-Label"));
      }
    }
    sensitiveTypeKeys(
        data.sensitiveInfoTypes().stream()
            .map(Json.NODES::stringNode)
            .map(JsonNode.class::cast)
            .toList(),
        "/data/sensitiveInfoTypes");
    if (data.exclude() != null && groupsUsable) {
      for (int i = 0; i < data.exclude().groups().size(); i++) {
        String key = data.exclude().groups().get(i);
        if (estate.group(key).isEmpty()) {
          findings.add(
              Finding.error(
                  Code.E301,
                  "/data/exclude/groups/" + i,
                  "no group with key '" + key + "' under 'groups'"));
        }
      }
    }
    for (Map.Entry<String, DataProtection.PolicySettings> e : data.policies().entrySet()) {
      String pointer = "/data/policies/" + e.getKey();
      if (catalogue.get(e.getKey()).isEmpty()) {
        findings.add(
            Finding.errorAtKey(
                Code.E308,
                pointer,
                "no baseline DLP policy "
                    + e.getKey()
                    + "; known: "
                    + String.join(", ", catalogue.all().stream().map(DlpTemplate::id).toList())));
        continue;
      }
      DataProtection.PolicySettings s = e.getValue();
      if (s.highVolumeThreshold() != null && !e.getKey().equals("DLP002")) {
        findings.add(
            Finding.errorAtKey(
                Code.E309,
                pointer + "/highVolumeThreshold",
                "highVolumeThreshold applies to DLP002 only"));
      }
      if (s.allowOverride() != null && !e.getKey().equals("DLP002")) {
        findings.add(
            Finding.errorAtKey(
                Code.E309, pointer + "/allowOverride", "allowOverride applies to DLP002 only"));
      }
      if (s.skip() != null && s.stage() != null) {
        findings.add(
            Finding.errorAtKey(
                Code.E309,
                pointer + "/skip",
                "a skipped policy takes no stage; remove one or the other"));
      }
    }
    List<DataProtection.CustomPolicy> custom = data.customPolicies();
    unique(
        "/data/customPolicies",
        custom.stream().map(DataProtection.CustomPolicy::id).toList(),
        "id",
        "DLP policy ID");
    for (int i = 0; i < custom.size(); i++) {
      for (int j = 0; j < custom.get(i).rules().size(); j++) {
        DataProtection.Rule r = custom.get(i).rules().get(j);
        String base = "/data/customPolicies/" + i + "/rules/" + j;
        sensitiveTypeKeys(r.sensitiveInfoTypes(), base + "/sensitiveInfoTypes");
        for (int k = 0; k < r.labels().size(); k++) {
          if (data.label(r.labels().get(k)).isEmpty()) {
            findings.add(
                Finding.error(
                    Code.E301,
                    base + "/labels/" + k,
                    "no label with key '" + r.labels().get(k) + "' under data.labels"));
          }
        }
      }
    }
  }

  private void sensitiveTypeKeys(List<JsonNode> refs, String pointer) {
    SensitiveInfoTypes catalogue = SensitiveInfoTypes.get();
    for (int i = 0; i < refs.size(); i++) {
      JsonNode ref = refs.get(i);
      String key = ref.isString() ? ref.asString() : ref.path("type").asString();
      String p = ref.isString() ? pointer + "/" + i : pointer + "/" + i + "/type";
      var type = catalogue.type(key);
      if (type.isEmpty()) {
        String hint =
            org.aisecuritybaseline.validate.Suggestions.closest(key, catalogue.all().keySet())
                .map(s -> "; did you mean '" + s + "'?")
                .orElse("");
        findings.add(
            Finding.error(Code.E301, p, "unknown sensitive information type '" + key + "'" + hint));
      } else if (!type.get().confirmed()) {
        findings.add(
            Finding.warning(
                Code.W404,
                p,
                "the GUID of '"
                    + type.get().name()
                    + "' comes from third-party lists only;"
                    + " check it with Get-DlpSensitiveInformationType before enabling the policy"));
      }
      if (ref.isObject()
          && ref.has("minCount")
          && ref.has("maxCount")
          && ref.get("maxCount").asInt() < ref.get("minCount").asInt()) {
        findings.add(
            Finding.error(
                Code.E309, pointer + "/" + i + "/maxCount", "maxCount is below minCount"));
      }
    }
  }

  private void plan(DlpExpansion expansion) {
    int totalRules = 0;
    boolean needsMail = false;
    for (PlannedDlpPolicy p : expansion.policies()) {
      String base = p.pointer();
      Set<DlpLocation> locations = EnumSet.copyOf(p.locations());
      needsMail |=
          locations.contains(DlpLocation.EXCHANGE)
              || locations.contains(DlpLocation.ONEDRIVE)
              || locations.contains(DlpLocation.TEAMS);
      if (p.isCopilot() && locations.size() > 1) {
        findings.add(
            Finding.error(
                Code.E310,
                base + "/locations",
                "the Microsoft 365 Copilot location cannot be combined with other locations; put them in another policy"));
      }
      name(p.policyName(), base + "/name");
      for (int i = 0; i < p.rules().size(); i++) {
        DataProtection.Rule r = p.rules().get(i);
        String rp = p.custom() ? base + "/rules/" + i : base;
        totalRules++;
        name(p.ruleName(i), rp + "/name");
        if (r.sensitiveInfoTypes().size() > TYPES_PER_RULE) {
          findings.add(
              Finding.error(
                  Code.E304,
                  rp + "/sensitiveInfoTypes",
                  "a rule can hold at most "
                      + TYPES_PER_RULE
                      + " sensitive information types; this one has "
                      + r.sensitiveInfoTypes().size()
                      + ". Split it into several rules"));
        }
        if (p.isCopilot() && !r.labels().isEmpty() && !r.sensitiveInfoTypes().isEmpty()) {
          findings.add(
              Finding.error(
                  Code.E310,
                  rp,
                  "in the Copilot location a rule cannot combine sensitivity labels and"
                      + " sensitive information types; make two rules"));
        }
        if (!r.labels().isEmpty()) {
          locations.stream()
              .filter(l -> !l.supportsLabels())
              .forEach(
                  l ->
                      findings.add(
                          Finding.error(
                              Code.E310,
                              rp + "/labels",
                              "the "
                                  + l.label()
                                  + " location does not support sensitivity-label conditions; put it in another policy")));
        }
        actions(r, locations, rp, p.isCopilot());
      }
      DefinitionSize size = DefinitionSize.of(DlpRenderer.definition(estate, p));
      // A baseline policy grows with the estate's exclusions (its rules are fixed): point at them.
      boolean excluded = !p.custom() && data.exclude() != null;
      String sizeAt = excluded ? "/data/exclude" : base;
      String because = excluded ? " with these exclusions" : "";
      if (size.policy() > SIZE_LIMIT) {
        findings.add(
            Finding.error(
                Code.E304,
                sizeAt,
                p.id()
                    + " is "
                    + size.policy()
                    + " bytes"
                    + because
                    + "; Purview allows 100 KB per policy"));
      }
      for (int i = 0; i < size.rules().size(); i++) {
        if (size.rules().get(i) > SIZE_LIMIT) {
          findings.add(
              Finding.error(
                  Code.E304,
                  p.custom() ? base + "/rules/" + i : sizeAt,
                  p.ruleName(i)
                      + " is "
                      + size.rules().get(i)
                      + " bytes"
                      + because
                      + "; Purview allows 100 KB per rule"));
        }
      }
    }
    if (totalRules > RULES_PER_TENANT) {
      findings.add(
          Finding.error(
              Code.E304,
              "/data",
              "the estate generates "
                  + totalRules
                  + " DLP rules; a tenant allows "
                  + RULES_PER_TENANT));
    }
    if (needsMail && data.exclude() != null) {
      for (int i = 0; i < data.exclude().groups().size(); i++) {
        estate
            .group(data.exclude().groups().get(i))
            .filter(g -> g.mail() == null)
            .ifPresent(
                g ->
                    findings.add(
                        Finding.error(
                            Code.E301,
                            "/data/exclude/groups/" + data.exclude().groups().indexOf(g.key()),
                            "group '"
                                + g.key()
                                + "' has no 'mail': the Exchange, OneDrive and Teams locations exclude groups by"
                                + " email address; add the group's mail under 'groups'")));
      }
    }
  }

  private void actions(
      DataProtection.Rule r, Set<DlpLocation> locations, String pointer, boolean copilot) {
    DataProtection.Actions a = r.actions();
    Map<DlpAction, Boolean> used = new HashMap<>();
    used.put(
        DlpAction.BLOCK_ACCESS,
        Boolean.TRUE.equals(a.blockAccess()) || a.blockAccessScope() != null);
    used.put(DlpAction.EXTERNAL_ONLY, r.externalOnly());
    used.put(DlpAction.NOTIFY_USER, !a.notifyUser().isEmpty());
    used.put(DlpAction.POLICY_TIP, a.policyTip() != null);
    used.put(DlpAction.ALLOW_OVERRIDE, Boolean.TRUE.equals(a.allowOverride()));
    used.put(DlpAction.ENDPOINT, !a.endpoint().isEmpty());
    used.put(
        DlpAction.RESTRICT_COPILOT_PROCESSING, Boolean.TRUE.equals(a.restrictCopilotProcessing()));
    used.put(DlpAction.RESTRICT_WEB_GROUNDING, Boolean.TRUE.equals(a.restrictWebGrounding()));
    for (DlpAction action : DlpAction.values()) {
      if (used.get(action) && locations.stream().noneMatch(action.locations()::contains)) {
        String where =
            action.locations().stream().map(DlpLocation::key).sorted().toList().toString();
        String at =
            action == DlpAction.EXTERNAL_ONLY
                ? pointer + "/externalOnly"
                : pointer + "/actions/" + action.key();
        findings.add(
            Finding.errorAtKey(
                Code.E310,
                at,
                "'"
                    + action.key()
                    + "' applies to none of this policy's locations;"
                    + " it works in "
                    + where));
      }
    }
    if (Boolean.TRUE.equals(a.allowOverride()) && !Boolean.TRUE.equals(a.blockAccess())) {
      findings.add(
          Finding.errorAtKey(
              Code.E310,
              pointer + "/actions/allowOverride",
              "allowOverride needs blockAccess: true"));
    }
    boolean blocksOnDevice =
        a.endpoint().stream().anyMatch(e -> e.value().equals("Block") || e.value().equals("Warn"));
    if (blocksOnDevice && a.notifyUser().isEmpty()) {
      findings.add(
          Finding.errorAtKey(
              Code.E310,
              pointer + "/actions/endpoint",
              "Block and Warn on devices need 'notifyUser' (New-DlpComplianceRule requires NotifyUser with them)"));
    }
    if (copilot
        && !used.get(DlpAction.RESTRICT_COPILOT_PROCESSING)
        && !used.get(DlpAction.RESTRICT_WEB_GROUNDING)) {
      findings.add(
          Finding.errorAtKey(
              Code.E310,
              pointer + "/actions",
              "a Copilot rule needs a restriction: restrictCopilotProcessing or restrictWebGrounding"));
    }
  }

  private void name(String generated, String pointer) {
    if (generated.length() > NAME_LIMIT) {
      findings.add(
          Finding.error(
              Code.E304,
              pointer,
              "the generated name '"
                  + generated
                  + "' has "
                  + generated.length()
                  + " characters; Purview allows "
                  + NAME_LIMIT
                  + ". Shorten the name"));
    }
  }

  /**
   * Labels the tool manages and label policies: what New-Label and New-LabelPolicy need, names
   * Purview accepts (unique, at most 64 characters), one level of sublabels, parents that exist.
   */
  private void labels(boolean groupsUsable) {
    List<DataProtection.Label> own = data.labels();
    Set<String> presetKeys = new java.util.HashSet<>();
    if (data.labelPreset() != null) {
      org.aisecuritybaseline.model.LabelPresets.labels(data.labelPreset())
          .forEach(l -> presetKeys.add(l.key()));
    }
    Map<String, String> names = new HashMap<>();
    List<DataProtection.Label> all = data.allLabels();
    for (int i = 0; i < all.size(); i++) {
      DataProtection.Label l = all.get(i);
      boolean written = i < own.size();
      String at = "/data/labels/" + i;
      if (written && presetKeys.contains(l.key())) {
        findings.add(
            Finding.error(
                Code.E303,
                at + "/key",
                "key '"
                    + l.key()
                    + "' is also a label of the preset "
                    + data.labelPreset()
                    + "; choose another key (the README lists the preset's keys)"));
      }
      if (!written) {
        at = "/data/labelPreset";
      }
      if (!l.managed()) {
        List<String> managedOnly = new ArrayList<>();
        if (l.tooltip() != null) managedOnly.add("tooltip");
        if (l.parent() != null) managedOnly.add("parent");
        if (l.uniqueName() != null) managedOnly.add("uniqueName");
        if (l.priority() != null) managedOnly.add("priority");
        if (!l.contentType().isEmpty()) managedOnly.add("contentType");
        if (l.marking() != null) managedOnly.add("marking");
        if (l.encryption() != null) managedOnly.add("encryption");
        if (!managedOnly.isEmpty()) {
          findings.add(
              Finding.error(
                  Code.E313,
                  at + "/" + managedOnly.get(0),
                  "label '"
                      + l.key()
                      + "' has an 'id', so it exists already and the tool does not change it: remove "
                      + String.join(", ", managedOnly)
                      + ", or remove 'id' to let the tool create and update the label"));
        }
        continue;
      }
      if (l.tooltip() == null) {
        findings.add(
            Finding.error(
                Code.E313,
                at,
                "label '"
                    + l.key()
                    + "' has no 'id', so the tool creates it, and New-Label needs a 'tooltip' (the"
                    + " description users see); add one, or add the 'id' of the existing label"));
      }
      if (l.parent() != null) {
        var parent = data.label(l.parent());
        int parentIndex = parent.map(all::indexOf).orElse(-1);
        if (parent.isEmpty()) {
          findings.add(
              Finding.error(
                  Code.E301,
                  at + "/parent",
                  "no label with key '" + l.parent() + "' under data.labels"));
        } else if (parent.get().parent() != null) {
          findings.add(
              Finding.error(
                  Code.E313,
                  at + "/parent",
                  "label '"
                      + l.parent()
                      + "' is itself a sublabel; Purview has one level of sublabels: choose a top-level parent"));
        } else if (parentIndex > i && written && parentIndex < own.size()) {
          findings.add(
              Finding.error(
                  Code.E313,
                  at + "/parent",
                  "the parent '" + l.parent() + "' must come before its sublabel in data.labels"));
        }
      }
      String name = Labels.uniqueName(data, l);
      if (name.length() > NAME_LIMIT || !name.matches(Labels.NAME_PATTERN)) {
        findings.add(
            Finding.error(
                Code.E313,
                at + (l.uniqueName() == null ? "/name" : "/uniqueName"),
                "the label's name in the tenant would be '"
                    + name
                    + "': "
                    + (name.length() > NAME_LIMIT
                        ? "over Purview's 64 characters"
                        : "only letters, digits, spaces and - _ . ( ) can be used")
                    + "; set 'uniqueName'"));
      }
      String previous = names.putIfAbsent(name.toLowerCase(Locale.ROOT), l.key());
      if (previous != null) {
        findings.add(
            Finding.error(
                Code.E303,
                at + (l.uniqueName() == null ? "/name" : "/uniqueName"),
                "labels '"
                    + previous
                    + "' and '"
                    + l.key()
                    + "' would both be named '"
                    + name
                    + "' in the tenant (names are unique, in any case); set 'uniqueName'"));
      }
      DataProtection.Encryption e = l.encryption();
      if (e != null
          && e.userDefined() != null
          && (!e.rights().isEmpty()
              || e.offlineAccessDays() != null
              || e.expiresAfterDays() != null)) {
        findings.add(
            Finding.error(
                Code.E313,
                at + "/encryption/userDefined",
                "encryption is either fixed ('rights', with offlineAccessDays and expiresAfterDays) or"
                    + " assigned by users ('userDefined'), not both"));
      } else if (e != null && e.rights().isEmpty() && e.userDefined() == null) {
        findings.add(
            Finding.error(
                Code.E313,
                at + "/encryption",
                "encryption needs 'rights' (who gets which usage rights) or 'userDefined'"));
      }
    }
    unique(
        "/data/labelPolicies",
        data.labelPolicies().stream().map(DataProtection.LabelPolicy::key).toList(),
        "key",
        "label policy key");
    unique(
        "/data/labelPolicies",
        data.labelPolicies().stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList(),
        "name",
        "label policy name");
    for (int i = 0; i < data.labelPolicies().size(); i++) {
      DataProtection.LabelPolicy p = data.labelPolicies().get(i);
      String at = "/data/labelPolicies/" + i;
      for (int k = 0; k < p.labels().size(); k++) {
        if (data.label(p.labels().get(k)).isEmpty()) {
          findings.add(
              Finding.error(
                  Code.E301,
                  at + "/labels/" + k,
                  "no label with key '" + p.labels().get(k) + "' under data.labels or the preset"));
        }
      }
      DataProtection.PublishTo to = p.publishTo();
      boolean everyone = Boolean.TRUE.equals(to.everyone());
      if (everyone && (!to.users().isEmpty() || !to.groups().isEmpty())) {
        findings.add(
            Finding.error(
                Code.E313,
                at + "/publishTo/everyone",
                "a label policy for everyone cannot also name users or groups; leave them out, or"
                    + " use excludeUsers to leave mailboxes out"));
      }
      if (!everyone && !to.excludeUsers().isEmpty()) {
        findings.add(
            Finding.error(
                Code.E313,
                at + "/publishTo/excludeUsers",
                "excludeUsers applies only with everyone: true (ExchangeLocationException)"));
      }
      if (!everyone && to.users().isEmpty() && to.groups().isEmpty()) {
        findings.add(
            Finding.error(
                Code.E313,
                at + "/publishTo",
                "say who gets the labels: everyone: true, users, or groups"));
      }
      if (groupsUsable) {
        for (int k = 0; k < to.groups().size(); k++) {
          String key = to.groups().get(k);
          var g = estate.group(key);
          if (g.isEmpty()) {
            findings.add(
                Finding.error(
                    Code.E301,
                    at + "/publishTo/groups/" + k,
                    "no group with key '" + key + "' under 'groups'"));
          } else if (g.get().mail() == null) {
            findings.add(
                Finding.error(
                    Code.E301,
                    at + "/publishTo/groups/" + k,
                    "group '"
                        + key
                        + "' has no 'mail': a label policy publishes to a Microsoft 365 group by its primary"
                        + " SMTP address (ModernGroupLocation); add it under 'groups'"));
          }
        }
      }
    }
    var readiness = data.copilotReadiness();
    if (readiness != null
        && Boolean.FALSE.equals(readiness.auditLog())
        && data.dspmForAi().collectCopilotInteractions() != null) {
      findings.add(
          Finding.error(
              Code.E313,
              "/data/copilotReadiness/auditLog",
              "the collection policy of data.dspmForAi.collectCopilotInteractions records Copilot"
                  + " interactions in the unified audit log, which 'auditLog: false' leaves"
                  + " unchecked: remove 'auditLog: false', or remove collectCopilotInteractions"));
    }
    if (readiness != null) {
      unique(
          "/data/copilotReadiness/oversharedSites",
          readiness.oversharedSites().stream()
              .map(s -> s.url().replaceAll("/$", "").toLowerCase(Locale.ROOT))
              .toList(),
          "url",
          "site");
    }
  }

  private void unique(String listPointer, List<String> values, String field, String what) {
    findings.addAll(Uniqueness.duplicates(listPointer, values, field, what));
  }

  /** Compact UTF-8 sizes of a definition's policy part and of each rule. */
  private record DefinitionSize(int policy, List<Integer> rules) {
    static DefinitionSize of(JsonNode definition) {
      List<Integer> rules = new ArrayList<>();
      definition.get("rules").forEach(r -> rules.add(bytes(r)));
      return new DefinitionSize(bytes(definition), rules);
    }

    private static int bytes(JsonNode n) {
      return Json.compact(n).getBytes(StandardCharsets.UTF_8).length;
    }
  }
}
