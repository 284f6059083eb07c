package org.aisecuritybaseline.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link TextDiff#unified}: applied to the old text, the diff gives the new one, and it adds and
 * removes as few lines as any diff can (the two texts' longest common subsequence, computed here
 * apart), on random texts of few distinct lines, where many edit scripts tie.
 */
class TextDiffTest {
  private static final Pattern HUNK = Pattern.compile("@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@");

  @Test
  void theDiffTurnsTheOldTextIntoTheNewWithTheFewestLines() {
    Random random = new Random(16);
    for (int round = 0; round < 500; round++) {
      List<String> before = text(random);
      List<String> after = random.nextInt(4) == 0 ? edited(before, random) : text(random);
      String diff = TextDiff.unified("a/f", "b/f", joined(before), joined(after));
      List<String> lines = diff.lines().toList();
      assertEquals(List.of("--- a/f", "+++ b/f"), lines.subList(0, 2));
      List<String> applied = new ArrayList<>();
      int at = 0; // the next line of the old text, from 0
      int edits = 0;
      for (int k = 2; k < lines.size(); ) {
        Matcher hunk = HUNK.matcher(lines.get(k++));
        assertEquals(true, hunk.matches(), diff);
        int start = Integer.parseInt(hunk.group(1));
        int from = Integer.parseInt(hunk.group(2)) == 0 ? start : start - 1;
        applied.addAll(before.subList(at, from));
        at = from;
        while (k < lines.size() && !lines.get(k).startsWith("@@")) {
          String line = lines.get(k++);
          String body = line.substring(1);
          switch (line.charAt(0)) {
            case ' ' -> {
              assertEquals(before.get(at++), body, diff);
              applied.add(body);
            }
            case '-' -> {
              assertEquals(before.get(at++), body, diff);
              edits++;
            }
            case '+' -> {
              applied.add(body);
              edits++;
            }
            default -> throw new AssertionError("line " + line + " in\n" + diff);
          }
        }
      }
      applied.addAll(before.subList(at, before.size()));
      assertEquals(after, applied, diff);
      assertEquals(before.size() + after.size() - 2 * commonLines(before, after), edits, diff);
    }
  }

  /** 0 to 30 lines, each one of four. */
  private static List<String> text(Random random) {
    List<String> lines = new ArrayList<>();
    for (int i = random.nextInt(31); i > 0; i--) {
      lines.add("line " + (char) ('a' + random.nextInt(4)));
    }
    return lines;
  }

  /** The text with a few lines changed, removed or added. */
  private static List<String> edited(List<String> text, Random random) {
    List<String> lines = new ArrayList<>(text);
    for (int i = random.nextInt(4); i >= 0; i--) {
      int at = lines.isEmpty() ? 0 : random.nextInt(lines.size());
      switch (random.nextInt(3)) {
        case 0 -> lines.add(at, "new " + i);
        case 1 -> {
          if (!lines.isEmpty()) {
            lines.remove(at);
          }
        }
        default -> {
          if (!lines.isEmpty()) {
            lines.set(at, "changed " + i);
          }
        }
      }
    }
    return lines;
  }

  private static String joined(List<String> lines) {
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  /** The length of the longest common subsequence of lines. */
  private static int commonLines(List<String> a, List<String> b) {
    int[][] t = new int[a.size() + 1][b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        t[i][j] =
            a.get(i - 1).equals(b.get(j - 1))
                ? t[i - 1][j - 1] + 1
                : Math.max(t[i - 1][j], t[i][j - 1]);
      }
    }
    return t[a.size()][b.size()];
  }
}
