package org.aisecuritybaseline.checks;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The exceptions that expire soon (or have expired), for plan's reminder. */
public final class Expiring {
  public static final int DAYS = 30;

  private Expiring() {}

  /** Exceptions expiring within {@link #DAYS} days of {@code today} or expired, soonest first. */
  public static List<Waiver> soon(List<Waiver> waivers, LocalDate today) {
    LocalDate limit = today.plusDays(DAYS);
    return waivers.stream()
        .filter(w -> !w.expires().isAfter(limit))
        .sorted(Comparator.comparing(Waiver::expires).thenComparingInt(Waiver::index))
        .toList();
  }

  public static long daysLeft(Waiver w, LocalDate today) {
    return ChronoUnit.DAYS.between(today, w.expires());
  }

  /** One line for a person: "exception 1 (...) expires in 12 days" or "expired on ...". */
  public static String line(Waiver w, LocalDate today) {
    long days = daysLeft(w, today);
    return w.place().display()
        + ": "
        + w.label()
        + (days < 0
            ? " expired on " + w.expires() + "; check fails until it is renewed or removed"
            : days == 0
                ? " expires today"
                : " expires in " + days + (days == 1 ? " day" : " days"));
  }

  /** The text (or Markdown) block plan appends; empty when nothing expires soon. */
  public static String text(List<Waiver> soon, LocalDate today, boolean markdown) {
    if (soon.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("\n");
    b.append(markdown ? "**Exceptions expiring within " : "Exceptions expiring within ")
        .append(DAYS)
        .append(markdown ? " days:**\n\n" : " days:\n");
    for (Waiver w : soon) {
      b.append(markdown ? "- " : "  ")
          .append(
              markdown
                  ? org.aisecuritybaseline.render.Markdown.inline(line(w, today))
                  : org.aisecuritybaseline.diag.ConsoleText.oneLine(line(w, today)))
          .append('\n');
    }
    return b.toString();
  }

  public static ArrayNode json(List<Waiver> soon, LocalDate today) {
    ArrayNode out = Json.NODES.arrayNode();
    for (Waiver w : soon) {
      ObjectNode o = out.addObject();
      o.put("index", w.index());
      o.put("rule", w.rule());
      o.put("policy", w.policy());
      o.put("object", w.object());
      o.put("owner", w.owner());
      o.put("expires", w.expires().toString());
      o.put("daysLeft", daysLeft(w, today));
    }
    return out;
  }
}
