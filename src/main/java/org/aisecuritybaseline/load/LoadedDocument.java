package org.aisecuritybaseline.load;

import java.util.Map;
import org.aisecuritybaseline.diag.Location;
import org.aisecuritybaseline.diag.SourceFile;
import tools.jackson.databind.JsonNode;

/**
 * A parsed YAML file as a JSON tree plus, for every JSON pointer in it, where its value (and, for
 * object members, its key) starts in the source.
 */
public record LoadedDocument(
    SourceFile source,
    JsonNode root,
    Map<String, Location> valueLocations,
    Map<String, Location> keyLocations) {

  /**
   * Where the value at {@code pointer} starts, falling back to the nearest parent that is known.
   */
  public Location valueLocation(String pointer) {
    return nearest(valueLocations, pointer);
  }

  /**
   * Where the key of the member at {@code pointer} starts; for array items and the root, the value.
   */
  public Location keyLocation(String pointer) {
    Location key = keyLocations.get(pointer);
    return key != null ? key : valueLocation(pointer);
  }

  private static Location nearest(Map<String, Location> map, String pointer) {
    String p = pointer;
    while (true) {
      Location l = map.get(p);
      if (l != null) {
        return l;
      }
      if (p.isEmpty()) {
        return Location.START;
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }
}
