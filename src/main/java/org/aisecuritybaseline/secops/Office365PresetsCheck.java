package org.aisecuritybaseline.secops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.model.Secops;
import org.aisecuritybaseline.model.Secops.PresetAssignment;
import org.aisecuritybaseline.secops.Office365Presets.Preset;

/**
 * The semantic checks of {@code secops.office365Presets}, each finding at the estate's JSON
 * pointer: addresses and domains in the forms the tool writes (E312), a value twice in one list
 * (E303), and assignments the rules cannot express as meant (E309): nobody assigned, "all
 * recipients" together with conditions, several condition types (Microsoft ANDs them: a user must
 * match every one), a value both included and excepted.
 */
public final class Office365PresetsCheck {
  private Office365PresetsCheck() {}

  /**
   * A domain name: labels of letters, digits and hyphens, a top-level label of letters (or xn--).
   */
  static final Pattern DOMAIN =
      Pattern.compile(
          "(?=.{1,253}\\z)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
              + "(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})\\z");

  /**
   * An email address as the tool accepts it: a dot-atom local part of common characters (no quotes,
   * spaces or control characters) and a domain name.
   */
  static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

  static boolean isAddress(String value) {
    int at = value.lastIndexOf('@');
    return at > 0
        && at <= 64
        && value.length() <= 254
        && ADDRESS.matcher(value.substring(0, at)).matches()
        && DOMAIN.matcher(value.substring(at + 1)).matches();
  }

  static boolean isDomain(String value) {
    return DOMAIN.matcher(value).matches();
  }

  /** The findings for the section at {@code pointer} (such as {@code /secops/office365Presets}). */
  public static List<Finding> check(Secops.Office365Presets input, String pointer) {
    List<Finding> findings = new ArrayList<>();
    if (input.standard() == null && input.strict() == null) {
      findings.add(
          Finding.error(
              Code.E309,
              pointer,
              "office365Presets assigns neither preset: add 'standard' (CISA MS.DEFENDER.1.2/1.3: all"
                  + " users in Standard or Strict) and 'strict' (MS.DEFENDER.1.4/1.5: sensitive"
                  + " accounts), or remove the section"));
    }
    for (Preset preset : Preset.values()) {
      Office365Presets.assignment(input, preset)
          .ifPresent(a -> check(a, pointer + "/" + preset.key(), preset, findings));
    }
    return findings;
  }

  private static void check(PresetAssignment a, String at, Preset preset, List<Finding> findings) {
    List<String> conditions = a.conditionKeys();
    if (a.allRecipients() && !conditions.isEmpty()) {
      findings.add(
          Finding.error(
              Code.E309,
              at + "/" + conditions.get(0),
              "'allRecipients: true' applies the "
                  + preset.recommendedPolicyType()
                  + " preset to everyone; remove "
                  + String.join(", ", conditions)
                  + " (use the except lists to leave recipients out), or remove 'allRecipients'"));
    } else if (!a.allRecipients() && conditions.isEmpty()) {
      findings.add(
          Finding.error(
              Code.E309,
              at,
              "the "
                  + preset.recommendedPolicyType()
                  + " preset is assigned to nobody: set 'allRecipients: true' or list users, groups"
                  + " or domains"));
    } else if (conditions.size() > 1) {
      findings.add(
          Finding.error(
              Code.E309,
              at + "/" + conditions.get(1),
              "Microsoft combines different recipient conditions with AND: the preset would apply"
                  + " only to recipients that match "
                  + String.join(" and ", conditions)
                  + "; use one of them (the values of one list are combined with OR)"));
    }
    addresses(a.users(), at + "/users", "user", findings);
    addresses(a.groups(), at + "/groups", "group", findings);
    domains(a.domains(), at + "/domains", findings);
    addresses(a.exceptUsers(), at + "/exceptUsers", "user", findings);
    addresses(a.exceptGroups(), at + "/exceptGroups", "group", findings);
    domains(a.exceptDomains(), at + "/exceptDomains", findings);
    overlap(a.users(), a.exceptUsers(), at, "users", "exceptUsers", findings);
    overlap(a.groups(), a.exceptGroups(), at, "groups", "exceptGroups", findings);
    overlap(a.domains(), a.exceptDomains(), at, "domains", "exceptDomains", findings);
  }

  private static void addresses(
      List<String> values, String at, String what, List<Finding> findings) {
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (!isAddress(v)) {
        findings.add(
            Finding.error(
                Code.E312,
                at + "/" + i,
                "'"
                    + v
                    + "' is not an email address: give the "
                    + what
                    + " by its primary email address (such as "
                    + ("user".equals(what) ? "ceo@contoso.com" : "executives@contoso.com")
                    + ")"));
      }
    }
    duplicates(values, at, findings);
  }

  private static void domains(List<String> values, String at, List<Finding> findings) {
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (!isDomain(v)) {
        findings.add(
            Finding.error(
                Code.E312, at + "/" + i, "'" + v + "' is not a domain name (such as contoso.com)"));
      }
    }
    duplicates(values, at, findings);
  }

  private static void duplicates(List<String> values, String at, List<Finding> findings) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      Integer first = seen.putIfAbsent(values.get(i).toLowerCase(Locale.ROOT), i);
      if (first != null) {
        findings.add(
            Finding.error(
                Code.E303,
                at + "/" + i,
                "'" + values.get(i) + "' is already in this list (item " + first + ")"));
      }
    }
  }

  private static void overlap(
      List<String> included,
      List<String> excepted,
      String at,
      String includeKey,
      String exceptKey,
      List<Finding> findings) {
    List<String> lower = included.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    for (int i = 0; i < excepted.size(); i++) {
      if (lower.contains(excepted.get(i).toLowerCase(Locale.ROOT))) {
        findings.add(
            Finding.error(
                Code.E309,
                at + "/" + exceptKey + "/" + i,
                "'"
                    + excepted.get(i)
                    + "' is in both "
                    + includeKey
                    + " and "
                    + exceptKey
                    + ": the exception wins and the preset does not apply; remove it from one"));
      }
    }
  }
}
