package org.aisecuritybaseline.entra;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.aisecuritybaseline.family.Recommendation;
import org.aisecuritybaseline.family.ResourceDirectory;
import org.aisecuritybaseline.family.Symbols;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Capability;
import org.aisecuritybaseline.model.Tier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The baseline policies, read once from {@code templates/conditional-access/}. A broken template is
 * a bug in this project, so it fails loudly (the tests load every template).
 */
public final class Catalogue {
  private static final Pattern FILE =
      Pattern.compile("^(CA0[0-9]{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\\.json$");
  private static volatile Catalogue builtIn;

  private final Map<String, PolicyTemplate> templates;

  Catalogue(Map<String, PolicyTemplate> templates) {
    this.templates = Map.copyOf(templates);
  }

  /** The catalogue shipped in this build. */
  public static Catalogue builtIn() {
    Catalogue c = builtIn;
    if (c == null) {
      synchronized (Catalogue.class) {
        c = builtIn;
        if (c == null) {
          c = parse(ResourceDirectory.read("templates/conditional-access", ".json"));
          builtIn = c;
        }
      }
    }
    return c;
  }

  /** Parses template files (name to text); throws {@link IllegalStateException} on any defect. */
  static Catalogue parse(Map<String, String> files) {
    Map<String, PolicyTemplate> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      var m = FILE.matcher(file.getKey());
      if (!m.matches()) {
        throw new IllegalStateException(
            "template file name must be CA0nn-<slug>.json: " + file.getKey());
      }
      PolicyTemplate t = toTemplate(file.getKey(), Json.parse(file.getValue()));
      if (!t.id().equals(m.group(1)) || !t.slug().equals(m.group(2))) {
        throw new IllegalStateException(file.getKey() + ": id and slug must match the file name");
      }
      Symbols.checkKnown(t.policy(), file.getKey(), Symbols.CONDITIONAL_ACCESS, Set.of());
      out.put(t.id(), t);
    }
    return new Catalogue(out);
  }

  private static PolicyTemplate toTemplate(String file, JsonNode n) {
    Set<Tier> tiers = EnumSet.noneOf(Tier.class);
    required(n, "tiers", file).forEach(t -> tiers.add(Tier.fromKey(t.asString())));
    Set<Capability> requires = EnumSet.noneOf(Capability.class);
    n.path("requires").forEach(c -> requires.add(Capability.fromKey(c.asString())));
    JsonNode rec = required(n, "recommendation", file);
    List<String> notes = new ArrayList<>(Json.strings(n.get("notes")));
    JsonNode policy = required(n, "policy", file);
    if (!(policy instanceof ObjectNode body)) {
      throw new IllegalStateException(file + ": policy must be an object");
    }
    for (String reserved : List.of("displayName", "state", "description", "id")) {
      if (body.has(reserved)) {
        throw new IllegalStateException(
            file + ": policy must not set " + reserved + " (the engine sets it)");
      }
    }
    return new PolicyTemplate(
        required(n, "id", file).asString(),
        required(n, "slug", file).asString(),
        required(n, "name", file).asString(),
        required(n, "summary", file).asString(),
        Set.copyOf(tiers),
        requires.isEmpty() ? Set.of() : Set.copyOf(requires),
        new Recommendation(
            required(rec, "title", file).asString(), required(rec, "url", file).asString()),
        List.copyOf(notes),
        Set.copyOf(Json.strings(n.get("profiles"))),
        graphApi(n, file),
        body);
  }

  private static String graphApi(JsonNode n, String file) {
    String api = n.path("graphApi").asString(GraphApi.V1);
    if (!GraphApi.VERSIONS.contains(api)) {
      throw new IllegalStateException(file + ": graphApi must be one of " + GraphApi.VERSIONS);
    }
    return api;
  }

  private static JsonNode required(JsonNode n, String field, String file) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalStateException(file + ": missing '" + field + "'");
    }
    return v;
  }

  /** Templates in ID order. */
  public List<PolicyTemplate> all() {
    return templates.values().stream()
        .sorted(java.util.Comparator.comparing(PolicyTemplate::id))
        .toList();
  }

  public Optional<PolicyTemplate> get(String id) {
    return Optional.ofNullable(templates.get(id));
  }
}
