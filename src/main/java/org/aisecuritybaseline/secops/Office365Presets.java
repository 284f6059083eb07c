package org.aisecuritybaseline.secops;

import java.util.Optional;
import org.aisecuritybaseline.model.Secops;

/**
 * Defender for Office 365 preset security policies (Standard and Strict): who each preset applies
 * to, as the estate says it ({@code secops.office365Presets}). The presets' own policies are
 * Microsoft's and never changed; the tool manages the two rules of each preset (EOP and Defender
 * for Office 365), named and prioritised as Microsoft documents
 * (docs/reference/office365-presets.md).
 */
public final class Office365Presets {
  private Office365Presets() {}

  /** The assignment of one preset, if the estate makes one. */
  public static Optional<Secops.PresetAssignment> assignment(
      Secops.Office365Presets input, Preset preset) {
    return Optional.ofNullable(preset == Preset.STANDARD ? input.standard() : input.strict());
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
}
