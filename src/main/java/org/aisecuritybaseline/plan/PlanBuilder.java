package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.plan.Plan.Action;
import org.aisecuritybaseline.plan.Plan.Family;
import tools.jackson.databind.JsonNode;

/**
 * Compares two snapshots of the output: what changes, per family and per file, and what to look at
 * first.
 */
public final class PlanBuilder {
  private PlanBuilder() {}

  public static Plan build(Snapshot before, Snapshot after) {
    List<Plan.FileChange> files = new ArrayList<>();
    Map<Family, List<Plan.ObjectChange>> objects = new EnumMap<>(Family.class);
    for (Family f : Family.values()) {
      objects.put(f, new ArrayList<>());
    }
    Map<String, Action> changes = before.changesTo(after);
    Set<String> changed = changes.keySet();
    Set<String> parsed = new TreeSet<>(changed);
    parsed.add(Risks.DEPLOYMENT); // names every user, group, role and app, changed or not
    Map<String, JsonNode> treesBefore = trees(before, parsed);
    Map<String, JsonNode> treesAfter = trees(after, parsed);
    Names names = Names.of(treesAfter.get(Risks.DEPLOYMENT), treesBefore.get(Risks.DEPLOYMENT));
    for (String path : changed) {
      Action action = changes.get(path);
      Family family = Family.of(path);
      files.add(
          fileChange(
              path,
              action,
              family,
              before.text(path),
              after.text(path),
              treesBefore.get(path),
              treesAfter.get(path),
              names));
      Optional<Objects.Ref> object =
          family == Family.OTHER ? Optional.of(Objects.document(path)) : Objects.of(path);
      object.ifPresent(
          ref ->
              objects.get(family).add(new Plan.ObjectChange(ref.id(), ref.kind(), action, path)));
    }
    files.sort(
        Comparator.comparing((Plan.FileChange f) -> f.family().ordinal())
            .thenComparing(Plan.FileChange::path));
    List<Plan.FamilySummary> families = new ArrayList<>();
    for (Family f : Family.values()) {
      List<Plan.ObjectChange> o = objects.get(f);
      families.add(
          new Plan.FamilySummary(
              f,
              count(o, Action.ADD),
              count(o, Action.CHANGE),
              count(o, Action.REMOVE),
              List.copyOf(o)));
    }
    List<Plan.Highlight> highlights = new ArrayList<>(Risks.of(treesBefore, treesAfter, names));
    highlights.sort(
        Comparator.comparing(Plan.Highlight::severity)
            .thenComparing(h -> h.family().ordinal())
            .thenComparing(Plan.Highlight::kind)
            .thenComparing(Plan.Highlight::id));
    return new Plan(
        before.label(),
        after.label(),
        List.copyOf(families),
        List.copyOf(highlights),
        List.copyOf(files));
  }

  private static int count(List<Plan.ObjectChange> objects, Action action) {
    return (int) objects.stream().filter(o -> o.action() == action).count();
  }

  private static Plan.FileChange fileChange(
      String path,
      Action action,
      Family family,
      String before,
      String after,
      JsonNode b,
      JsonNode a,
      Names names) {
    if (path.endsWith(".json")) {
      if ((before == null || b != null) && (after == null || a != null)) {
        List<JsonDiff.Change> changes =
            action == Action.CHANGE ? JsonDiff.diff(path, b, a) : List.of();
        List<Plan.Fact> facts =
            action == Action.CHANGE ? List.of() : Facts.of(path, a != null ? a : b, names);
        return new Plan.FileChange(path, action, family, changes, null, facts);
      }
    }
    String diff =
        TextDiff.unified(
            before == null ? "/dev/null" : "a/" + path,
            after == null ? "/dev/null" : "b/" + path,
            before,
            after);
    return new Plan.FileChange(path, action, family, List.of(), diff, List.of());
  }

  /**
   * The JSON files among {@code paths} that the snapshot holds, each parsed once; a file that does
   * not parse is left out (its text diff shows it).
   */
  private static Map<String, JsonNode> trees(Snapshot snapshot, Set<String> paths) {
    Map<String, JsonNode> trees = new HashMap<>();
    for (String path : paths) {
      if (path.endsWith(".json") && snapshot.files().containsKey(path)) {
        try {
          trees.put(path, Json.parse(snapshot.text(path)));
        } catch (RuntimeException e) {
          // not JSON (edited by hand)
        }
      }
    }
    return trees;
  }
}
