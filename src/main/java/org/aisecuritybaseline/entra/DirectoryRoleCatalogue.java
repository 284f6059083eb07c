package org.aisecuritybaseline.entra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/** Directory role keys, their template IDs, and Microsoft's recommended role sets. */
public final class DirectoryRoleCatalogue {
  private static final DirectoryRoleCatalogue INSTANCE = load();

  private final Map<String, String> templateIds;
  private final Map<String, String> names;
  private final Map<String, List<String>> sets;

  private DirectoryRoleCatalogue(
      Map<String, String> templateIds, Map<String, String> names, Map<String, List<String>> sets) {
    this.templateIds = templateIds;
    this.names = names;
    this.sets = sets;
  }

  public static DirectoryRoleCatalogue get() {
    return INSTANCE;
  }

  private static DirectoryRoleCatalogue load() {
    JsonNode root = Json.parseResource("/data/directory-roles.json");
    Map<String, String> ids = new TreeMap<>();
    Map<String, String> names = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : root.get("roles").properties()) {
      ids.put(e.getKey(), e.getValue().get("templateId").asString());
      names.put(e.getKey(), e.getValue().get("name").asString());
    }
    Map<String, List<String>> sets = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : root.get("sets").properties()) {
      List<String> keys = Json.strings(e.getValue());
      keys.forEach(
          k -> {
            if (!ids.containsKey(k)) {
              throw new IllegalStateException(
                  "role set " + e.getKey() + " names unknown role " + k);
            }
          });
      sets.put(e.getKey(), List.copyOf(keys));
    }
    return new DirectoryRoleCatalogue(Map.copyOf(ids), Map.copyOf(names), Map.copyOf(sets));
  }

  /** A role key or a GUID to a role template ID. */
  public Optional<String> templateId(String keyOrId) {
    if (templateIds.containsKey(keyOrId)) {
      return Optional.of(templateIds.get(keyOrId));
    }
    return keyOrId.matches("[0-9a-fA-F-]{36}")
        ? Optional.of(keyOrId.toLowerCase(java.util.Locale.ROOT))
        : Optional.empty();
  }

  public List<String> set(String name) {
    return sets.get(name).stream().map(templateIds::get).toList();
  }

  /** The display names of a role set's roles, in the set's order. */
  public List<String> setNames(String name) {
    return sets.get(name).stream().map(names::get).toList();
  }

  public Map<String, String> names() {
    return names;
  }

  /** The display name of a role template ID the catalogue knows. */
  public Optional<String> name(String templateId) {
    return templateIds.entrySet().stream()
        .filter(e -> e.getValue().equalsIgnoreCase(templateId))
        .findFirst()
        .map(e -> names.get(e.getKey()));
  }
}
