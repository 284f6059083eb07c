package org.aisecuritybaseline.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * The licences an estate may name in {@code tenant.licences} and the capabilities each grants, from
 * {@code data/licences.json}, where every grant carries the Microsoft source that says so. The
 * estate schema's enum, init's licence list and the README's licence table agree with this one
 * list.
 */
public final class Licences {
  /** Capabilities a licence can grant; the others come from services in use or the data section. */
  public static final Set<Capability> LICENSABLE =
      Collections.unmodifiableSet(
          EnumSet.of(
              Capability.ENTRA_ID_P1,
              Capability.ENTRA_ID_P2,
              Capability.PURVIEW_DLP,
              Capability.PURVIEW_DLP_ADVANCED));

  /**
   * One licence: its key in the estate, Microsoft's product name, and each capability it grants
   * with its source.
   */
  public record Licence(
      String key, String name, Map<Capability, String> grants, List<String> notes) {}

  private static final class Holder {
    static final Licences INSTANCE = load(Json.parseResource("/data/licences.json"));
  }

  private final Map<String, Licence> byKey;

  private Licences(Map<String, Licence> byKey) {
    this.byKey = byKey;
  }

  public static Licences get() {
    return Holder.INSTANCE;
  }

  /** Every licence, in the data file's order. */
  public List<Licence> all() {
    return List.copyOf(byKey.values());
  }

  public List<String> keys() {
    return List.copyOf(byKey.keySet());
  }

  public Optional<Licence> find(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** What {@code key} grants; a key outside the list is a bug (the schema refuses it first). */
  public Set<Capability> grants(String key) {
    Licence l = byKey.get(key);
    if (l == null) {
      throw new IllegalStateException("licence not in data/licences.json: " + key);
    }
    return l.grants().isEmpty()
        ? EnumSet.noneOf(Capability.class)
        : EnumSet.copyOf(l.grants().keySet());
  }

  /** The product names of the licences that grant {@code c}, in the data file's order. */
  public List<String> namesGranting(Capability c) {
    return byKey.values().stream()
        .filter(l -> l.grants().containsKey(c))
        .map(Licence::name)
        .toList();
  }

  static Licences load(JsonNode root) {
    Map<String, Licence> byKey = new LinkedHashMap<>();
    for (JsonNode l : root.get("licences")) {
      String key = l.get("key").asString();
      Map<Capability, String> grants = new EnumMap<>(Capability.class);
      for (Map.Entry<String, JsonNode> g : l.get("grants").properties()) {
        Capability c = Capability.fromKey(g.getKey());
        if (!LICENSABLE.contains(c)) {
          throw new IllegalStateException(
              "licence " + key + " grants " + c.key() + ", which no licence can grant");
        }
        if (g.getValue().asString("").isBlank()) {
          throw new IllegalStateException(
              "licence " + key + " grants " + c.key() + " without a source");
        }
        grants.put(c, g.getValue().asString());
      }
      List<String> notes = new ArrayList<>(Json.strings(l.get("notes")));
      if (byKey.put(
              key,
              new Licence(
                  key,
                  l.get("name").asString(),
                  Collections.unmodifiableMap(grants),
                  List.copyOf(notes)))
          != null) {
        throw new IllegalStateException("licence listed twice: " + key);
      }
    }
    return new Licences(Collections.unmodifiableMap(byKey));
  }
}
