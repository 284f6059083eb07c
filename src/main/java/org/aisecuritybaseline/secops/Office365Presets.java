package org.aisecuritybaseline.secops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Defender for Office 365 preset security policies (Standard and Strict): who each preset applies
 * to, as the estate says it ({@code secops.office365Presets}). The presets' own policies are
 * Microsoft's and never changed; the tool manages the two rules of each preset (EOP and Defender
 * for Office 365), named and prioritised as Microsoft documents
 * (docs/reference/office365-presets.md).
 */
public final class Office365Presets {
  private Office365Presets() {}

  /**
   * The estate section {@code secops.office365Presets}: the two presets (either may be absent: the
   * tool then leaves that preset's rules alone) and whether the tenant has Defender for Office 365
   * (Plan 1 or 2), whose rules ({@code *-ATPProtectionPolicyRule}) are managed too.
   *
   * <p>Moves into {@code model/Secops} when the secops family is wired.
   */
  public record Input(Assignment standard, Assignment strict, Boolean defenderForOffice365) {
    public Input {
      defenderForOffice365 = defenderForOffice365 == null || defenderForOffice365;
    }

    public Optional<Assignment> assignment(Preset preset) {
      return Optional.ofNullable(preset == Preset.STANDARD ? standard : strict);
    }
  }

  /**
   * Who one preset applies to. {@code allRecipients: true} is every recipient (no condition: the
   * form CISA's ScubaGear checks for MS.DEFENDER.1.2/1.3); otherwise {@code users} (email
   * addresses), {@code groups} (email addresses of distribution, mail-enabled security or Microsoft
   * 365 groups) or {@code domains} (accepted domains). Exceptions apply in both cases. {@code
   * enabled} (default true) turns the preset on or off without losing the assignment.
   */
  public record Assignment(
      Boolean allRecipients,
      List<String> users,
      List<String> groups,
      List<String> domains,
      List<String> exceptUsers,
      List<String> exceptGroups,
      List<String> exceptDomains,
      Boolean enabled) {
    public Assignment {
      allRecipients = allRecipients != null && allRecipients;
      users = list(users);
      groups = list(groups);
      domains = list(domains);
      exceptUsers = list(exceptUsers);
      exceptGroups = list(exceptGroups);
      exceptDomains = list(exceptDomains);
      enabled = enabled == null || enabled;
    }

    /** The condition lists that are not empty, by their estate key. */
    List<String> conditionKeys() {
      List<String> keys = new ArrayList<>();
      if (!users.isEmpty()) keys.add("users");
      if (!groups.isEmpty()) keys.add("groups");
      if (!domains.isEmpty()) keys.add("domains");
      return keys;
    }
  }

  /**
   * The two presets. Microsoft (Set-EOPProtectionPolicyRule, -Priority): "The default value for the
   * rule that's associated with the Strict preset security policy is 0, and the default value for
   * the rule that's associated with the Standard preset security policy is 1 ... You must use the
   * default value for the rule." Listed in that order: Strict first.
   */
  public enum Preset {
    STRICT("strict", "Strict", 0),
    STANDARD("standard", "Standard", 1);

    private final String key;
    private final String type;
    private final int priority;

    Preset(String key, String type, int priority) {
      this.key = key;
      this.type = type;
      this.priority = priority;
    }

    /** The estate key and the file name stem ({@code standard}, {@code strict}). */
    public String key() {
      return key;
    }

    /** The policies' {@code RecommendedPolicyType} ({@code Standard}, {@code Strict}). */
    public String recommendedPolicyType() {
      return type;
    }

    /** The documented default name of both of the preset's rules. */
    public String ruleName() {
      return type + " Preset Security Policy";
    }

    public int priority() {
      return priority;
    }
  }

  private static List<String> list(List<String> values) {
    return values == null ? List.of() : List.copyOf(values);
  }
}
