package org.aisecuritybaseline.checks;

import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.rules.Rule;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The check for bots, in the format of schemas/check.schema.json (formatVersion 1). */
public final class CheckJson {
  public static final int FORMAT_VERSION = 1;

  private CheckJson() {}

  public static String render(CheckReport report) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("generator", Version.NAME + " " + Version.VALUE);
    root.put("subject", report.subject());
    root.put("against", report.tenant() ? "tenant" : "estate");
    ObjectNode summary = root.putObject("summary");
    for (Status s : Status.values()) {
      summary.put(s.json, report.count(s));
    }
    ArrayNode results = root.putArray("results");
    for (Result r : report.results()) {
      ObjectNode o = results.addObject();
      Rule rule = r.rule();
      o.put("rule", rule.id());
      o.put("title", rule.title());
      o.put("status", r.status().json);
      o.put("severity", rule.severity());
      o.put("criticality", rule.criticality());
      ArrayNode refs = o.putArray("references");
      rule.references()
          .forEach(
              ref ->
                  refs.addObject()
                      .put("framework", ref.framework())
                      .put("id", ref.id())
                      .put("relation", ref.relation())
                      .put("url", ref.url()));
      o.put("helpUri", rule.helpUri());
      if (r.policy() == null) {
        o.putNull("policy");
      } else {
        o.putObject("policy")
            .put("id", r.policy().id())
            .put("displayName", r.policy().displayName());
      }
      o.put("message", r.message());
      o.set("location", location(r.place()));
      ArrayNode findings = o.putArray("findings");
      r.findings()
          .forEach(
              f -> {
                ObjectNode x = findings.addObject().put("message", f.message());
                x.set("location", location(f.place()));
              });
      if (r.waiver() == null) {
        o.putNull("exception");
      } else {
        o.set("exception", waiver(r.waiver()));
      }
    }
    ArrayNode expired = root.putArray("expiredExceptions");
    report.expired().forEach(w -> expired.add(waiver(w)));
    return Json.write(root);
  }

  static ObjectNode waiver(Waiver w) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("index", w.index());
    o.put("rule", w.rule());
    o.put("policy", w.policy());
    o.put("object", w.object());
    o.put("reason", w.reason());
    o.put("owner", w.owner());
    o.put("expires", w.expires().toString());
    o.set("location", location(w.place()));
    return o;
  }

  static ObjectNode location(Place p) {
    return Json.NODES
        .objectNode()
        .put("file", p.file())
        .put("line", p.line())
        .put("column", p.column())
        .put("pointer", p.pointer());
  }
}
