package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    // changesTo is sorted by path: the order Risks lists its findings in.
    Map<String, Action> changes = before.changesTo(after);
    // Names every user, group, role and app, changed or not.
    JsonNode deploymentBefore = tree(before, Risks.DEPLOYMENT);
    JsonNode deploymentAfter = tree(after, Risks.DEPLOYMENT);
    Names names = Names.of(deploymentAfter, deploymentBefore);
    Risks risks = new Risks(deploymentBefore, deploymentAfter, names);
    // Each file is parsed once and its trees dropped after it: at the platform limits the trees
    // of every changed file, kept together, were most of the heap (and of the collector's work).
    for (Map.Entry<String, Action> change : changes.entrySet()) {
      String path = change.getKey();
      Action action = change.getValue();
      Family.Info family = familyOf(all, path);
      JsonNode b = path.equals(Risks.DEPLOYMENT) ? deploymentBefore : tree(before, path);
      JsonNode a = path.equals(Risks.DEPLOYMENT) ? deploymentAfter : tree(after, path);
      files.add(fileChange(path, action, family, before, after, b, a, names));
      if (b != null || a != null) {
        risks.file(path, b, a);
      }
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
    List<Plan.Highlight> highlights = new ArrayList<>(risks.highlights());
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
      Snapshot before,
      Snapshot after,
      JsonNode b,
      JsonNode a,
      Names names) {
    boolean inBefore = before.files().containsKey(path);
    boolean inAfter = after.files().containsKey(path);
    if (path.endsWith(".json") && (!inBefore || b != null) && (!inAfter || a != null)) {
      List<JsonDiff.Change> changes =
          action == Action.CHANGE ? JsonDiff.diff(path, b, a) : List.of();
      List<Plan.Fact> facts =
          action == Action.CHANGE ? List.of() : Facts.of(path, a != null ? a : b, names);
      return new Plan.FileChange(path, action, family, changes, null, facts);
    }
    String diff =
        TextDiff.unified(
            inBefore ? "a/" + path : "/dev/null",
            inAfter ? "b/" + path : "/dev/null",
            before.text(path),
            after.text(path));
    return new Plan.FileChange(path, action, family, List.of(), diff, List.of());
  }

  /**
   * A JSON file of the snapshot, parsed from its bytes; null when the snapshot has no such file or
   * it does not parse (edited by hand: its text diff shows it).
   */
  private static JsonNode tree(Snapshot snapshot, String path) {
    byte[] bytes = snapshot.files().get(path);
    if (bytes == null || !path.endsWith(".json")) {
      return null;
    }
    try {
      return Json.parse(bytes);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
