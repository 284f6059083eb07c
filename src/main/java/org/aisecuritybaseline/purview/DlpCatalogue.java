package org.aisecuritybaseline.purview;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.aisecuritybaseline.family.Recommendation;
import org.aisecuritybaseline.family.ResourceDirectory;
import org.aisecuritybaseline.family.Symbols;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Capability;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The baseline DLP policies, read once from {@code templates/dlp/}; a broken template is a bug and
 * fails loudly.
 */
public final class DlpCatalogue {
  static final Set<String> SYMBOLS = Set.of("labels.highlySensitive", "sensitiveInfoTypes");
  static final Set<String> SETTINGS = Set.of("highVolumeThreshold", "allowOverride");
  private static final Pattern FILE =
      Pattern.compile("^(DLP0[0-9]{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\\.json$");
  private static volatile DlpCatalogue builtIn;

  private final Map<String, DlpTemplate> templates;

  private DlpCatalogue(Map<String, DlpTemplate> templates) {
    this.templates = java.util.Collections.unmodifiableMap(templates);
  }

  public static DlpCatalogue builtIn() {
    DlpCatalogue c = builtIn;
    if (c == null) {
      synchronized (DlpCatalogue.class) {
        c = builtIn;
        if (c == null) {
          c = parse(ResourceDirectory.read("templates/dlp", ".json"));
          builtIn = c;
        }
      }
    }
    return c;
  }

  static DlpCatalogue parse(Map<String, String> files) {
    Map<String, DlpTemplate> out = new TreeMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      var m = FILE.matcher(file.getKey());
      if (!m.matches()) {
        throw new IllegalStateException(
            "DLP template file name must be DLP0nn-<slug>.json: " + file.getKey());
      }
      JsonNode n = Json.parse(file.getValue());
      Set<Capability> requires = EnumSet.noneOf(Capability.class);
      n.path("requires").forEach(c -> requires.add(Capability.fromKey(c.asString())));
      JsonNode rec = n.get("recommendation");
      DlpTemplate t =
          new DlpTemplate(
              n.get("id").asString(),
              n.get("slug").asString(),
              n.get("name").asString(),
              n.get("summary").asString(),
              requires.isEmpty() ? Set.of() : Set.copyOf(requires),
              new Recommendation(rec.get("title").asString(), rec.get("url").asString()),
              List.copyOf(new ArrayList<>(Json.strings(n.get("notes")))),
              (ObjectNode) n.get("policy"));
      if (!t.id().equals(m.group(1)) || !t.slug().equals(m.group(2))) {
        throw new IllegalStateException(file.getKey() + ": id and slug must match the file name");
      }
      Symbols.checkKnown(t.policy(), file.getKey(), SYMBOLS, SETTINGS);
      out.put(t.id(), t);
    }
    return new DlpCatalogue(out);
  }

  public List<DlpTemplate> all() {
    return List.copyOf(templates.values());
  }

  public Optional<DlpTemplate> get(String id) {
    return Optional.ofNullable(templates.get(id));
  }
}
