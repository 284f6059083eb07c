package org.aisecuritybaseline.entra;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * The Conditional Access policies Microsoft creates in tenants itself (data/microsoft-managed-
 * policies.json, with Microsoft's source): what each does and which baseline policies it overlaps.
 * They start in report-only and Microsoft turns them on no less than 45 days later unless set to
 * Off; administrators can change only their state and exclusions.
 */
public final class MicrosoftManaged {
  /** One Microsoft-managed policy: its name (without the display-name prefix), what it does. */
  public record Policy(String name, String what, boolean preview, List<String> overlaps) {}

  private static final JsonNode DATA = Json.parseResource("/data/microsoft-managed-policies.json");
  private static final List<Policy> ALL = load();

  private MicrosoftManaged() {}

  private static List<Policy> load() {
    List<Policy> out = new ArrayList<>();
    for (JsonNode p : DATA.path("policies")) {
      out.add(
          new Policy(
              p.path("name").asString(),
              p.path("what").asString(),
              p.path("preview").asBoolean(false),
              Json.strings(p.path("overlaps"))));
    }
    return List.copyOf(out);
  }

  public static List<Policy> all() {
    return ALL;
  }

  /** Where Microsoft documents them (the data's source). */
  public static String source() {
    return "https://learn.microsoft.com/entra/identity/conditional-access/managed-policies";
  }

  /** The Microsoft-managed policies that overlap a baseline policy. */
  public static List<Policy> overlapping(String baselineId) {
    return ALL.stream().filter(p -> p.overlaps().contains(baselineId)).toList();
  }

  /**
   * The Microsoft-managed policy a tenant policy is, by its display name ("Microsoft-managed: " and
   * a name this list knows, in any case, with or without " (Preview)"); a policy with the prefix
   * that the list does not know is reported as one Microsoft added since.
   */
  public static Optional<Policy> byDisplayName(String displayName) {
    String prefix = DATA.path("displayNamePrefix").asString();
    if (!displayName.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return Optional.empty();
    }
    String name = displayName.substring(prefix.length()).trim().toLowerCase(Locale.ROOT);
    if (name.endsWith("(preview)")) {
      name = name.substring(0, name.length() - "(preview)".length()).trim();
    }
    for (Policy p : ALL) {
      if (p.name().toLowerCase(Locale.ROOT).equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.of(
        new Policy(
            name, "a policy Microsoft added after this tool's list was written", false, List.of()));
  }
}
