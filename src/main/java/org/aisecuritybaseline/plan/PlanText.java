package org.aisecuritybaseline.plan;

import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/** The plan for a terminal: highlights first, then each family, then every changed file. */
public final class PlanText {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";

  private final boolean color;
  private final StringBuilder out = new StringBuilder();

  private PlanText(boolean color) {
    this.color = color;
  }

  public static String render(Plan plan, boolean color) {
    PlanText t = new PlanText(color);
    t.write(plan);
    return t.out.toString();
  }

  private void write(Plan plan) {
    line(
        paint(
            BOLD,
            "Plan: "
                + ConsoleText.oneLine(plan.after())
                + " against "
                + ConsoleText.oneLine(plan.before())));
    if (!plan.hasChanges()) {
      line("");
      line(
          plan.tenant() == null
              ? "No changes. The output is what the estate file generates."
              : "No changes. The tenant holds what the estate deploys.");
      tenant(plan.tenant());
      return;
    }
    if (!plan.highlights().isEmpty()) {
      line("");
      line(paint(BOLD, "Highlights (" + plan.highlights().size() + "):"));
      for (Plan.Highlight h : plan.highlights()) {
        String tag =
            h.severity() == Plan.Severity.HIGH ? paint(RED, "! high  ") : paint(YELLOW, "! medium");
        line(
            "  "
                + tag
                + " "
                + ConsoleText.oneLine(h.id())
                + ": "
                + ConsoleText.oneLine(h.reason()));
      }
    }
    tenant(plan.tenant());
    for (Plan.FamilySummary f : plan.families()) {
      if (f.objects().isEmpty()) {
        continue;
      }
      line("");
      line(
          paint(
              BOLD,
              f.family().label()
                  + ": "
                  + f.added()
                  + " to add, "
                  + f.changed()
                  + " to change, "
                  + f.removed()
                  + " to remove"));
      for (Plan.ObjectChange o : f.objects()) {
        line(
            "  "
                + symbol(o.action())
                + " "
                + ConsoleText.oneLine(o.id())
                + " ("
                + ConsoleText.oneLine(o.kind())
                + ")");
      }
    }
    line("");
    line(paint(BOLD, "Changed files (" + plan.files().size() + "):"));
    for (Plan.FileChange file : plan.files()) {
      line("  " + symbol(file.action()) + " " + ConsoleText.oneLine(file.path()));
      for (Plan.Fact f : file.facts()) {
        line("      " + ConsoleText.oneLine(f.label()) + ": " + ConsoleText.oneLine(f.value()));
      }
      for (JsonDiff.Change c : file.changes()) {
        line(
            "      "
                + ConsoleText.oneLine(c.pointer())
                + ": "
                + value(c.before())
                + " -> "
                + value(c.after()));
      }
      if (file.diff() != null) {
        for (String l : file.diff().lines().toList()) {
          String shown = "      " + ConsoleText.oneLine(l);
          line(
              l.startsWith("+") && !l.startsWith("+++")
                  ? paint(GREEN, shown)
                  : l.startsWith("-") && !l.startsWith("---") ? paint(RED, shown) : shown);
        }
      }
    }
    line("");
    long added = plan.files().stream().filter(f -> f.action() == Plan.Action.ADD).count();
    long changed = plan.files().stream().filter(f -> f.action() == Plan.Action.CHANGE).count();
    long removed = plan.files().stream().filter(f -> f.action() == Plan.Action.REMOVE).count();
    line(
        plan.files().size()
            + " files differ: "
            + added
            + " added, "
            + changed
            + " changed, "
            + removed
            + " removed.");
  }

  /** Against a tenant: what deploying does there, and what it leaves alone. */
  private void tenant(Plan.Tenant t) {
    if (t == null) {
      return;
    }
    line("");
    line(
        paint(
            BOLD,
            "In the tenant"
                + (t.tenantId() == null ? "" : " " + ConsoleText.oneLine(t.tenantId()))
                + (t.exportedAt() == null
                    ? ""
                    : " (exported " + ConsoleText.oneLine(t.exportedAt()) + ")")
                + ":"));
    for (Plan.TenantObjectChange o : t.objects()) {
      line(
          "  "
              + o.action().symbol()
              + " "
              + ConsoleText.oneLine(o.id())
              + " ("
              + o.kind()
              + "): "
              + o.action().key()
              + (o.tenantObjectId() == null ? "" : " " + o.tenantObjectId()));
    }
    if (!t.leftAlone().isEmpty()) {
      line("");
      line(paint(BOLD, "Left alone in the tenant (" + t.leftAlone().size() + "):"));
      for (Plan.LeftAlone l : t.leftAlone()) {
        line(
            "  "
                + ConsoleText.oneLine(l.displayName())
                + " ["
                + ConsoleText.oneLine(l.state())
                + "]: "
                + ConsoleText.oneLine(l.why()));
        if (l.warning() != null) {
          line("      " + paint(YELLOW, "! " + ConsoleText.oneLine(l.warning())));
        }
      }
    }
    t.notes().forEach(n -> line("  " + ConsoleText.oneLine(n)));
  }

  private String symbol(Plan.Action a) {
    return switch (a) {
      case ADD -> paint(GREEN, "+");
      case CHANGE -> paint(YELLOW, "~");
      case REMOVE -> paint(RED, "-");
    };
  }

  static String value(JsonNode n) {
    if (n == null) {
      return "(none)";
    }
    String s = ConsoleText.oneLine(Json.compact(n));
    return s.length() > 160 ? s.substring(0, 157) + "..." : s;
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
