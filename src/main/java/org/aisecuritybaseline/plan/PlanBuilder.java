package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.plan.Plan.Action;
import tools.jackson.databind.JsonNode;

/**
 * Compares two snapshots of the output: what changes, per family and per file, and what to look at
 * first.
 */
public final class PlanBuilder {
  private PlanBuilder() {}

  /**
   * {@code families} are the registered families in their order (pipeline/Families); a file belongs
   * to the family whose folder holds it, or else to {@link Plan#OTHER}.
   */
  public static Plan build(List<Family.Info> families, Snapshot before, Snapshot after) {
    List<Family.Info> all = new ArrayList<>(families);
    all.add(Plan.OTHER);
    List<Plan.FileChange> files = new ArrayList<>();
    Map<Family.Info, List<Plan.ObjectChange>> objects = new LinkedHashMap<>();
    for (Family.Info f : all) {
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
      Family.Info family = familyOf(all, path);
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
          family == Plan.OTHER ? Optional.of(Objects.document(path)) : Objects.of(path);
      object.ifPresent(
          ref ->
              objects.get(family).add(new Plan.ObjectChange(ref.id(), ref.kind(), action, path)));
    }
    files.sort(
        Comparator.comparing((Plan.FileChange f) -> all.indexOf(f.family()))
            .thenComparing(Plan.FileChange::path));
    List<Plan.FamilySummary> summaries = new ArrayList<>();
    for (Family.Info f : all) {
      List<Plan.ObjectChange> o = objects.get(f);
      summaries.add(
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
            .thenComparing(h -> all.indexOf(h.family()))
            .thenComparing(Plan.Highlight::kind)
            .thenComparing(Plan.Highlight::id));
    return new Plan(
        before.label(),
        after.label(),
        List.copyOf(summaries),
        List.copyOf(highlights),
        List.copyOf(files),
        null);
  }

  private static Family.Info familyOf(List<Family.Info> all, String path) {
    return all.stream()
        .filter(f -> !f.folder().isEmpty() && path.startsWith(f.folder()))
        .findFirst()
        .orElse(Plan.OTHER);
  }

  private static int count(List<Plan.ObjectChange> objects, Action action) {
    return (int) objects.stream().filter(o -> o.action() == action).count();
  }

  private static Plan.FileChange fileChange(
      String path,
      Action action,
      Family.Info family,
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
