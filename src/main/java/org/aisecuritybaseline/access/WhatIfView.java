package org.aisecuritybaseline.access;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** What-if's two views: text for a terminal, JSON for a script. */
public final class WhatIfView {
  private WhatIfView() {}

  public static String text(Outcome o) {
    SignIn s = o.signIn();
    StringBuilder b = new StringBuilder();
    b.append("What if ").append(line(s.who().label())).append(" signs in to ");
    b.append(line(s.app().label())).append('\n');
    b.append("  ").append(String.join(", ", given(s))).append('\n');
    if (s.who().note() != null) {
      b.append("  note: ").append(line(s.who().note())).append('\n');
    }
    section(b, "Enforced policies", o.policies().stream().filter(PolicyResult::enforced).toList());
    section(
        b, "Report-only policies", o.policies().stream().filter(PolicyResult::reportOnly).toList());
    List<PolicyResult> off =
        o.policies().stream().filter(p -> !p.enforced() && !p.reportOnly()).toList();
    if (!off.isEmpty()) {
      b.append("\nDisabled (not evaluated): ");
      b.append(String.join(", ", off.stream().map(PolicyResult::id).toList())).append('\n');
    }
    decision(b, "Result (enforced policies)", o.enforced());
    decision(b, "Result once report-only policies are enforced", o.withReportOnly());
    b.append("\nNot evaluated:\n");
    Evaluator.NOT_EVALUATED.forEach(n -> b.append("  - ").append(n).append('\n'));
    return b.toString();
  }

  private static void section(StringBuilder b, String title, List<PolicyResult> list) {
    b.append('\n').append(title).append(" (").append(list.size()).append("):\n");
    for (PolicyResult p : list) {
      String verdict =
          switch (p.verdict()) {
            case APPLIES -> "applies      ";
            case DEPENDS -> "applies when ";
            default -> "does not apply";
          };
      b.append("  ").append(verdict).append(' ').append(p.id()).append(' ');
      b.append(line(p.name()));
      if (p.verdict() != PolicyResult.Verdict.DOES_NOT_APPLY) {
        b.append(" -> ").append(Evaluator.effect(p.controls()));
      }
      b.append('\n');
      p.why().forEach(w -> b.append("      ").append(line(w)).append('\n'));
    }
  }

  private static void decision(StringBuilder b, String title, Decision d) {
    b.append('\n').append(title).append(": ").append(line(d.summary())).append('\n');
    if (!d.policies().isEmpty()) {
      b.append("  by ").append(String.join(", ", d.policies())).append('\n');
    }
    for (String c : d.conditional()) {
      b.append("  and if ").append(line(c)).append('\n');
    }
  }

  private static List<String> given(SignIn s) {
    List<String> out = new ArrayList<>();
    out.add("platform: " + or(s.platform()));
    out.add("location: " + or(s.location()));
    out.add("sign-in risk: " + or(s.signInRisk()));
    out.add("user risk: " + or(s.userRisk()));
    out.add("insider risk: " + or(s.insiderRisk()));
    if (s.who().subject() != Who.Subject.PERSON || s.agentRisk() != null) {
      out.add("agent risk: " + or(s.agentRisk()));
    }
    out.add("client app: " + or(s.clientApp()));
    return out;
  }

  private static String or(String v) {
    return v == null ? "not given" : line(v);
  }

  private static String line(String s) {
    return ConsoleText.oneLine(s);
  }

  public static ObjectNode json(Outcome o) {
    SignIn s = o.signIn();
    ObjectNode root = Json.NODES.objectNode();
    root.put("formatVersion", 1);
    root.put("generator", Version.NAME + " " + Version.VALUE);
    ObjectNode in = root.putObject("signIn");
    in.put("user", s.who().key()).put("userLabel", s.who().label());
    in.put("app", s.app().key()).put("appLabel", s.app().label());
    in.put("platform", s.platform()).put("location", s.location());
    in.put("signInRisk", s.signInRisk()).put("userRisk", s.userRisk());
    in.put("insiderRisk", s.insiderRisk()).put("clientApp", s.clientApp());
    if (s.who().subject() != Who.Subject.PERSON || s.agentRisk() != null) {
      in.put("agentRisk", s.agentRisk()).put("subject", s.who().subject().name());
    }
    if (s.who().note() != null) {
      in.put("note", s.who().note());
    }
    ArrayNode list = root.putArray("policies");
    for (PolicyResult p : o.policies()) {
      ObjectNode e = list.addObject().put("id", p.id()).put("name", p.name());
      e.put("state", p.state()).put("verdict", p.verdict().json);
      e.put("effect", Evaluator.effect(p.controls()));
      e.set("why", Json.stringArray(p.why()));
    }
    root.set("enforced", CoverageMatrix.decision(o.enforced()));
    root.set("withReportOnly", CoverageMatrix.decision(o.withReportOnly()));
    root.set("notEvaluated", Json.stringArray(Evaluator.NOT_EVALUATED));
    return root;
  }
}
