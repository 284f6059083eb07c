package org.aisecuritybaseline.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * Label sets the estate can name in {@code data.labelPreset} instead of writing each label out
 * (data/label-presets.json, with its source). Preset labels are labels the tool manages; each is
 * scoped to files and emails, as Microsoft's defaults are.
 */
public final class LabelPresets {
  public static final String RESOURCE = "/data/label-presets.json";

  private static final Map<String, List<DataProtection.Label>> CACHE = new ConcurrentHashMap<>();

  private LabelPresets() {}

  /** The names the estate schema accepts. */
  public static Set<String> names() {
    return Set.of("microsoftDefault");
  }

  /** The estate's labels followed by the preset's ({@code preset} null: none). */
  static List<DataProtection.Label> withPreset(List<DataProtection.Label> own, String preset) {
    if (preset == null) {
      return own;
    }
    List<DataProtection.Label> all = new ArrayList<>(own);
    all.addAll(labels(preset));
    return List.copyOf(all);
  }

  /** The labels of one preset, parents before their sublabels. */
  public static List<DataProtection.Label> labels(String preset) {
    return CACHE.computeIfAbsent(preset, LabelPresets::load);
  }

  private static List<DataProtection.Label> load(String preset) {
    JsonNode list = Json.parseResource(RESOURCE).path("presets").path(preset);
    if (!list.isArray()) {
      throw new IllegalArgumentException("no label preset " + preset);
    }
    List<DataProtection.Label> out = new ArrayList<>();
    for (JsonNode node : list) {
      DataProtection.Label l = Json.bind(node, DataProtection.Label.class);
      out.add(
          new DataProtection.Label(
              l.key(),
              l.name(),
              null,
              l.highlySensitive(),
              l.tooltip(),
              l.parent(),
              l.uniqueName(),
              l.priority(),
              List.of("File", "Email"),
              l.marking(),
              l.encryption()));
    }
    return List.copyOf(out);
  }
}
