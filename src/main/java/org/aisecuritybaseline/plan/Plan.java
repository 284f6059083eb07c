package org.aisecuritybaseline.plan;

import java.util.List;

/** The difference between an existing output and what the estate generates now. */
public record Plan(String before, String after, List<FamilySummary> families, List<Highlight> highlights,
    List<FileChange> files) {

  public static final int FORMAT_VERSION = 1;

  public boolean hasChanges() {
    return !files.isEmpty();
  }

  /**
   * Objects (policies, named locations, subscriptions, connectors) of one family to add, change or
   * remove; for {@link Family#OTHER}, the files themselves (the output's README, manifest.json).
   */
  public record FamilySummary(Family family, int added, int changed, int removed, List<ObjectChange> objects) {}

  public record ObjectChange(String id, String kind, Action action, String path) {}

  /** A change a reviewer must not miss, computed from the configuration, not from text. */
  public record Highlight(Severity severity, Family family, String id, String reason) {}

  /** One changed file: its structural changes for JSON, a unified diff for text. */
  public record FileChange(String path, Action action, Family family, List<JsonDiff.Change> changes, String diff) {}

  public enum Action {
    ADD("add", "+"),
    CHANGE("change", "~"),
    REMOVE("remove", "-");

    private final String key;
    private final String symbol;

    Action(String key, String symbol) {
      this.key = key;
      this.symbol = symbol;
    }

    public String key() {
      return key;
    }

    public String symbol() {
      return symbol;
    }
  }

  public enum Severity {
    HIGH("high"),
    MEDIUM("medium");

    private final String key;

    Severity(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  public enum Family {
    IDENTITY("identity", "Identity and device access"),
    DATA("data", "Data protection"),
    THREAT("threat", "Threat protection"),
    OTHER("other", "Output docs and manifest");

    private final String key;
    private final String label;

    Family(String key, String label) {
      this.key = key;
      this.label = label;
    }

    public String key() {
      return key;
    }

    public String label() {
      return label;
    }

    static Family of(String path) {
      if (path.startsWith("entra/")) {
        return IDENTITY;
      }
      if (path.startsWith("purview/")) {
        return DATA;
      }
      if (path.startsWith("defender/")) {
        return THREAT;
      }
      return OTHER;
    }
  }
}
