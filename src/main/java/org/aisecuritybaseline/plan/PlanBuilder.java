package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import org.aisecuritybaseline.Threads;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.plan.Plan.Action;
import tools.jackson.databind.JsonNode;

/**
 * Compares two snapshots of the output: what changes, per family and per file, and what to look at
 * first.
 */
public final class PlanBuilder {
  /**
   * Changed files compared per task. At the platform limits (about 1,500 changed files) this thread
   * and the common pool's threads share about 50 tasks; a plan of this many files or fewer stays on
   * this thread.
   */
  static final int CHUNK = 32;

  private PlanBuilder() {}

  /**
   * {@code families} are the registered families in their order (pipeline/Families); a file belongs
   * to the family whose folder holds it, or else to {@link Plan#OTHER}.
   */
  public static Plan build(List<Family.Info> families, Snapshot before, Snapshot after) {
    return build(families, before, after, CHUNK);
  }

  /** {@code chunk}: changed files per task (tests compare plans built with different values). */
  static Plan build(List<Family.Info> families, Snapshot before, Snapshot after, int chunk) {
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
    List<String> paths = List.copyOf(changes.keySet());
    List<FutureTask<Part>> parts = new ArrayList<>();
    for (int from = 0, to; from < paths.size(); from = to) {
      to = (int) Math.min(paths.size(), (long) from + chunk);
      List<String> some = paths.subList(from, to);
      Risks part = risks.part();
      parts.add(
          new FutureTask<>(
              () ->
                  compare(
                      some,
                      changes,
                      all,
                      before,
                      after,
                      deploymentBefore,
                      deploymentAfter,
                      names,
                      part)));
    }
    // The parts are joined in their order, so the plan is the same whichever thread compared what.
    if (parts.size() > 1) {
      Threads.toPool(parts);
    }
    for (Part part : Threads.finish(parts)) {
      files.addAll(part.files());
      risks.addAll(part.risks());
    }
    for (Map.Entry<String, Action> change : changes.entrySet()) {
      String path = change.getKey();
      Family.Info family = familyOf(all, path);
      Optional<Objects.Ref> object =
          family == Plan.OTHER ? Optional.of(Objects.document(path)) : Objects.of(path);
      object.ifPresent(
          ref ->
              objects
                  .get(family)
                  .add(new Plan.ObjectChange(ref.id(), ref.kind(), change.getValue(), path)));
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

  /** The comparison of some of the changed files, in their order. */
  private record Part(List<Plan.FileChange> files, Risks risks) {}

  /**
   * Compares {@code paths}, given to {@code risks} (a {@link Risks#part}) in their order. Reads
   * only what no thread changes: the snapshots, the parsed deployments and the names.
   */
  private static Part compare(
      List<String> paths,
      Map<String, Action> changes,
      List<Family.Info> all,
      Snapshot before,
      Snapshot after,
      JsonNode deploymentBefore,
      JsonNode deploymentAfter,
      Names names,
      Risks risks) {
    List<Plan.FileChange> files = new ArrayList<>();
    for (String path : paths) {
      JsonNode b = path.equals(Risks.DEPLOYMENT) ? deploymentBefore : tree(before, path);
      JsonNode a = path.equals(Risks.DEPLOYMENT) ? deploymentAfter : tree(after, path);
      files.add(
          fileChange(path, changes.get(path), familyOf(all, path), before, after, b, a, names));
      if (b != null || a != null) {
        risks.file(path, b, a);
      }
    }
    return new Part(files, risks);
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
