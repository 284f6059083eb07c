package org.aisecuritybaseline.plan;

import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The plan for bots, in the format of schemas/plan.schema.json (formatVersion 1). */
public final class PlanJson {
  private PlanJson() {}

  private static ObjectNode tenant(Plan.Tenant t) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("tenantId", t.tenantId());
    o.put("exportedAt", t.exportedAt());
    ArrayNode objects = o.putArray("objects");
    for (Plan.TenantObjectChange c : t.objects()) {
      objects
          .addObject()
          .put("id", c.id())
          .put("kind", c.kind())
          .put("action", c.action().key())
          .put("tenantObjectId", c.tenantObjectId())
          .put("path", c.path());
    }
    ArrayNode left = o.putArray("leftAlone");
    for (Plan.LeftAlone l : t.leftAlone()) {
      ObjectNode x =
          left.addObject()
              .put("tenantObjectId", l.tenantObjectId())
              .put("displayName", l.displayName())
              .put("state", l.state())
              .put("why", l.why());
      x.set("overlaps", Json.stringArray(l.overlaps()));
      x.put("warning", l.warning());
    }
    o.set("notes", Json.stringArray(t.notes()));
    return o;
  }

  public static String render(Plan plan) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("formatVersion", Plan.FORMAT_VERSION);
    root.put("generator", Version.NAME + " " + Version.VALUE);
    root.put("before", plan.before());
    root.put("after", plan.after());
    root.put("changes", plan.hasChanges());
    ArrayNode summary = root.putArray("summary");
    for (Plan.FamilySummary f : plan.families()) {
      ObjectNode s = summary.addObject();
      s.put("family", f.family().key());
      s.put("added", f.added());
      s.put("changed", f.changed());
      s.put("removed", f.removed());
      ArrayNode objects = s.putArray("objects");
      f.objects()
          .forEach(
              o ->
                  objects
                      .addObject()
                      .put("id", o.id())
                      .put("kind", o.kind())
                      .put("action", o.action().key())
                      .put("path", o.path()));
    }
    ArrayNode highlights = root.putArray("highlights");
    for (Plan.Highlight h : plan.highlights()) {
      ObjectNode highlight =
          highlights
              .addObject()
              .put("severity", h.severity().key())
              .put("family", h.family().key())
              .put("kind", h.kind().key())
              .put("id", h.id())
              .put("reason", h.reason());
      highlight.set("objects", Json.stringArray(h.objects()));
    }
    ArrayNode files = root.putArray("files");
    for (Plan.FileChange f : plan.files()) {
      ObjectNode file = files.addObject();
      file.put("path", f.path());
      file.put("action", f.action().key());
      file.put("family", f.family().key());
      ArrayNode changes = file.putArray("changes");
      for (JsonDiff.Change c : f.changes()) {
        ObjectNode change = changes.addObject();
        change.put("pointer", c.pointer());
        change.set("before", c.before() == null ? Json.NODES.nullNode() : c.before());
        change.set("after", c.after() == null ? Json.NODES.nullNode() : c.after());
      }
      if (f.diff() != null) {
        file.put("diff", f.diff());
      }
      if (!f.facts().isEmpty()) {
        ArrayNode facts = file.putArray("facts");
        f.facts().forEach(x -> facts.addObject().put("label", x.label()).put("value", x.value()));
      }
    }
    if (plan.tenant() != null) {
      root.set("tenant", tenant(plan.tenant()));
    }
    return Json.write(root);
  }
}
