package org.aisecuritybaseline.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who (members, each guest type, administrators, break-glass, service accounts, the pilot group) x
 * what (all resources, the Microsoft apps, each app of the estate): each cell is the what-if of
 * that sign-in with nothing else given, evaluated by the one {@link Evaluator}.
 */
public record CoverageMatrix(
    String estateName,
    Map<String, String> rows,
    Map<String, String> columns,
    List<Cell> cells,
    List<String> notes) {
  /** Version of the JSON format (schemas/coverage.schema.json). */
  public static final int FORMAT_VERSION = 1;

  public record Cell(String who, String app, Decision enforced, Decision withReportOnly) {}

  public static CoverageMatrix compute(Directory directory) {
    Evaluator engine = new Evaluator(directory);
    List<String> apps = directory.matrixApps();
    List<Cell> cells = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String w : Directory.MATRIX_WHO) {
      Who who = directory.who(w).orElseThrow();
      if (who.note() != null) {
        notes.add(w + ": " + who.note());
      }
      for (String a : apps) {
        Outcome o = engine.evaluate(SignIn.of(who, directory.app(a).orElseThrow()));
        cells.add(new Cell(w, a, o.enforced(), o.withReportOnly()));
      }
    }
    String name = directory.estate().metadata().name();
    return new CoverageMatrix(
        name == null ? "" : name,
        directory.labels(Directory.MATRIX_WHO, false),
        directory.labels(apps, true),
        List.copyOf(cells),
        List.copyOf(notes));
  }

  public Cell cell(String who, String app) {
    return cells.stream()
        .filter(c -> c.who().equals(who) && c.app().equals(app))
        .findFirst()
        .orElseThrow();
  }

  public ObjectNode toJson() {
    ObjectNode root = Json.NODES.objectNode();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("generator", Version.NAME + " " + Version.VALUE);
    root.put("estate", estateName);
    ArrayNode r = root.putArray("rows");
    rows.forEach((k, v) -> r.addObject().put("key", k).put("label", v));
    ArrayNode c = root.putArray("columns");
    columns.forEach((k, v) -> c.addObject().put("key", k).put("label", v));
    ArrayNode list = root.putArray("cells");
    for (Cell cell : cells) {
      ObjectNode o = list.addObject().put("who", cell.who()).put("app", cell.app());
      o.set("enforced", decision(cell.enforced()));
      o.set("withReportOnly", decision(cell.withReportOnly()));
    }
    root.set("notes", Json.stringArray(notes));
    root.set("notEvaluated", Json.stringArray(Evaluator.NOT_EVALUATED));
    return root;
  }

  /** A decision as JSON: the same shape in what-if's and the matrix's output. */
  public static ObjectNode decision(Decision d) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("result", d.result());
    o.put("summary", d.summary());
    o.set("controls", Json.stringArray(d.controls()));
    o.set("session", Json.stringArray(d.session()));
    o.set("policies", Json.stringArray(d.policies()));
    o.set("conditional", Json.stringArray(d.conditional()));
    return o;
  }
}
