package org.aisecuritybaseline.entra;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.aisecuritybaseline.family.Recommendation;
import org.aisecuritybaseline.family.ResourceDirectory;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Capability;
import org.aisecuritybaseline.model.Tier;
import tools.jackson.databind.JsonNode;

/**
 * A conformance profile ({@code templates/conformance/<id>.json}): what it changes in Microsoft's
 * baseline, template by template, each change with the requirement IDs of its source, and the
 * requirements it covers (by policy, or by a tenant setting outside Conditional Access). Applied by
 * {@link Expander} when the estate lists the profile under {@code baseline.conformance}.
 */
public record ConformanceProfile(
    String id,
    String name,
    Recommendation source,
    Recommendation checks,
    String privilegedRoleSet,
    List<Change> rules,
    Map<String, Change> policies,
    List<Item> items) {

  /** The profile that CISA's SCuBA Microsoft Entra ID baseline defines. */
  public static final String CISA_SCUBA = "cisa-scuba";

  /** A rule applied to every baseline template: excluding by object instead of by role. */
  public static final String DIRECTORY_SYNC_BY_OBJECT_ID = "directorySyncByObjectId";

  /** A rule applied to every baseline template: guests excluded by type, not by keyword. */
  public static final String GUESTS_BY_TYPE = "guestsByType";

  private static volatile Map<String, ConformanceProfile> builtIn;

  /**
   * One change of the profile: to every template (a rule) or to one template (its policy body
   * patched with {@code set} and {@code remove}, its tiers replaced, or the policy left out).
   *
   * @param cisa the requirement IDs the change is for (such as MS.AAD.3.1v1)
   * @param microsoft what Microsoft's default is
   * @param change what the profile does instead
   * @param why why the profile does it
   * @param requires capabilities the change needs; without them the template stays Microsoft's and
   *     the requirements are reported as not met
   * @param tiers the tiers the policy is part of under the profile, or null (the template's)
   * @param set JSON Pointers into the template's {@code policy} and the value each gets
   * @param remove JSON Pointers into the template's {@code policy} to remove
   * @param dropNotes the template notes (by their beginning) that no longer hold
   * @param notes notes added to the policy
   * @param omit the policy is left out under the profile
   */
  public record Change(
      String id,
      List<String> cisa,
      String microsoft,
      String change,
      String why,
      Set<Capability> requires,
      Set<Tier> tiers,
      Map<String, JsonNode> set,
      List<String> remove,
      List<String> dropNotes,
      List<String> notes,
      boolean omit) {

    /** The note that says, in the policy's notes, what the profile changed and why. */
    public String note(String profile) {
      return "Conformance profile "
          + profile
          + " ("
          + String.join(", ", cisa)
          + "): "
          + change
          + ". Microsoft's default: "
          + microsoft
          + ". Why: "
          + why
          + ".";
    }
  }

  /**
   * One requirement of the source document.
   *
   * @param policies the baseline policies that meet it when enforced (empty: a tenant setting)
   * @param tenantSetting what to set in the tenant when no Conditional Access policy can meet it
   * @param allowsExcludedApplications the source's check accepts a policy that leaves out
   *     applications (a user-action policy); no check accepts an excluded role
   */
  public record Item(
      String id,
      String requirement,
      List<String> policies,
      String tenantSetting,
      boolean allowsExcludedApplications) {}

  /** The profiles shipped in this build, by ID. */
  public static Map<String, ConformanceProfile> builtIn() {
    Map<String, ConformanceProfile> p = builtIn;
    if (p == null) {
      synchronized (ConformanceProfile.class) {
        p = builtIn;
        if (p == null) {
          p = parse(ResourceDirectory.read("templates/conformance", ".json"));
          builtIn = p;
        }
      }
    }
    return p;
  }

  public static Optional<ConformanceProfile> get(String id) {
    return Optional.ofNullable(builtIn().get(id));
  }

  /** Parses profile files (name to text); throws {@link IllegalStateException} on any defect. */
  static Map<String, ConformanceProfile> parse(Map<String, String> files) {
    Map<String, ConformanceProfile> out = new TreeMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      JsonNode n = Json.parse(file.getValue());
      String id = text(n, "id", file.getKey());
      if (!file.getKey().equals(id + ".json")) {
        throw new IllegalStateException(file.getKey() + ": id must match the file name");
      }
      List<Change> rules = new ArrayList<>();
      n.path("rules").forEach(r -> rules.add(change(text(r, "id", file.getKey()), r, file)));
      Map<String, Change> policies = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : n.path("policies").properties()) {
        policies.put(e.getKey(), change(e.getKey(), e.getValue(), file));
      }
      List<Item> items = new ArrayList<>();
      for (JsonNode i : n.path("items")) {
        List<String> covered = Json.strings(i.get("policies"));
        String setting = i.path("tenantSetting").asString(null);
        if (covered.isEmpty() == (setting == null)) {
          throw new IllegalStateException(
              file.getKey() + ": item " + i.path("id") + " needs policies or a tenantSetting");
        }
        items.add(
            new Item(
                text(i, "id", file.getKey()),
                text(i, "requirement", file.getKey()),
                List.copyOf(covered),
                setting,
                i.path("allowsExcludedApplications").asBoolean(false)));
      }
      out.put(
          id,
          new ConformanceProfile(
              id,
              text(n, "name", file.getKey()),
              recommendation(n.get("source"), file.getKey()),
              recommendation(n.get("checks"), file.getKey()),
              n.path("privilegedRoleSet").asString(null),
              List.copyOf(rules),
              java.util.Collections.unmodifiableMap(policies),
              List.copyOf(items)));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static Change change(String id, JsonNode c, Map.Entry<String, String> file) {
    Set<Capability> requires = EnumSet.noneOf(Capability.class);
    c.path("requires").forEach(r -> requires.add(Capability.fromKey(r.asString())));
    Set<Tier> tiers = null;
    if (c.has("tiers")) {
      tiers = EnumSet.noneOf(Tier.class);
      for (JsonNode t : c.get("tiers")) {
        tiers.add(Tier.fromKey(t.asString()));
      }
    }
    Map<String, JsonNode> set = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : c.path("set").properties()) {
      set.put(e.getKey(), e.getValue());
    }
    List<String> cisa = Json.strings(c.get("cisa"));
    if (cisa.isEmpty()) {
      throw new IllegalStateException(file.getKey() + ": " + id + " names no requirement (cisa)");
    }
    return new Change(
        id,
        List.copyOf(cisa),
        text(c, "microsoft", file.getKey()),
        text(c, "change", file.getKey()),
        text(c, "why", file.getKey()),
        requires.isEmpty() ? Set.of() : Set.copyOf(requires),
        tiers == null ? null : Set.copyOf(tiers),
        java.util.Collections.unmodifiableMap(set),
        List.copyOf(Json.strings(c.get("remove"))),
        List.copyOf(Json.strings(c.get("dropNotes"))),
        List.copyOf(Json.strings(c.get("notes"))),
        c.path("omit").asBoolean(false));
  }

  private static Recommendation recommendation(JsonNode n, String file) {
    if (n == null) {
      throw new IllegalStateException(file + ": missing source or checks");
    }
    return new Recommendation(text(n, "title", file), text(n, "url", file));
  }

  private static String text(JsonNode n, String field, String file) {
    JsonNode v = n.get(field);
    if (v == null || !v.isString() || v.asString().isBlank()) {
      throw new IllegalStateException(file + ": missing '" + field + "'");
    }
    return v.asString();
  }

  public Optional<Change> rule(String ruleId) {
    return rules.stream().filter(r -> r.id().equals(ruleId)).findFirst();
  }
}
