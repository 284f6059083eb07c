package org.aisecuritybaseline.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.aisecuritybaseline.model.Capability;

/** The lines `baseline explain` prints for one object, built by the family that owns it. */
public final class Explanation {
  private final List<String> lines = new ArrayList<>();

  public Explanation head(String id, String name, String kind) {
    lines.add(id + "  " + name);
    lines.add("  " + kind);
    lines.add("");
    return this;
  }

  public Explanation line(String text) {
    lines.add(text);
    return this;
  }

  public Explanation notes(List<String> notes) {
    if (!notes.isEmpty()) {
      lines.add("Notes:");
      notes.forEach(n -> lines.add("  - " + n));
    }
    return this;
  }

  /** The start of the part about one estate, named as the user gave it. */
  public Explanation inEstate(String label) {
    lines.add("");
    lines.add("In this estate (" + label + "):");
    return this;
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  public static String needs(Set<Capability> caps) {
    return caps.isEmpty()
        ? "nothing beyond the family's licence"
        : caps.stream().map(Capability::description).collect(Collectors.joining("; "));
  }
}
