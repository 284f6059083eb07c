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
 * apart), on random texts of few distinct lines, where many edit scripts tie; among those it picks
 * the one plan has always shown.
 */
class TextDiffTest {
  private static final Pattern HUNK = Pattern.compile("@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@");

  /**
   * Fewest lines, and among the edit scripts that tie, the one a full table of subsequence lengths
   * picks, as plan always showed: the table is kept as one bit a cell, and existing plans must not
   * change.
   */
  @Test
  void theDiffTurnsTheOldTextIntoTheNewWithTheFewestLines() {
    Random random = new Random(16);
    for (int round = 0; round < 1000; round++) {
      List<String> before = text(random);
      List<String> after = random.nextInt(4) == 0 ? edited(before, random) : text(random);
      String diff = TextDiff.unified("a/f", "b/f", joined(before), joined(after));
      List<String> edits = edits(before, after, diff);
      assertEquals(
          before.size() + after.size() - 2 * commonLines(before, after), edits.size(), diff);
      assertEquals(fullTableEdits(before, after), edits, diff);
    }
  }

  @Test
  void theEditScriptIsTheOneTheFullTablePicksOnLongTexts() {
    Random random = new Random(61);
    // Rows of more than 64 lines: the bits of one row span several words.
    for (int round = 0; round < 20; round++) {
      List<String> before = longText(random);
      List<String> after = edited(longText(random), random);
      String diff = TextDiff.unified("a/f", "b/f", joined(before), joined(after));
      assertEquals(fullTableEdits(before, after), edits(before, after, diff), diff);
    }
  }

  /** Past the table's size the whole changed middle is replaced, and the diff still applies. */
  @Test
  void aMiddleTooLargeForTheTableIsReplacedWhole() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<String> before = text(random);
      List<String> after = edited(before, random);
      int[] ends = commonEnds(before, after);
      int middle = before.size() + after.size() - 2 * (ends[0] + ends[1]);
      String diff = TextDiff.unified("a/f", "b/f", joined(before), joined(after), 0);
      assertEquals(middle, edits(before, after, diff).size(), diff);
    }
    List<String> before = List.of("a", "b", "x", "c", "d");
    List<String> after = List.of("a", "x", "y", "d");
    assertEquals(
        "--- a/f\n+++ b/f\n@@ -1,5 +1,4 @@\n a\n-b\n-x\n-c\n+x\n+y\n d\n",
        TextDiff.unified("a/f", "b/f", joined(before), joined(after), 5));
    assertEquals(
        "--- a/f\n+++ b/f\n@@ -1,5 +1,4 @@\n a\n-b\n x\n-c\n+y\n d\n",
        TextDiff.unified("a/f", "b/f", joined(before), joined(after), 6));
  }

  /**
   * Applies {@code diff} to {@code before}, checking that it gives {@code after}, and returns its
   * removed and added lines, each as its sign, then where it is in the old and in the new text.
   */
  private static List<String> edits(List<String> before, List<String> after, String diff) {
    List<String> lines = diff.lines().toList();
    assertEquals(List.of("--- a/f", "+++ b/f"), lines.subList(0, 2));
    List<String> applied = new ArrayList<>();
    List<String> edits = new ArrayList<>();
    int at = 0; // the next line of the old text, from 0
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
            assertEquals(before.get(at), body, diff);
            edits.add("-" + at++ + "," + applied.size());
          }
          case '+' -> {
            edits.add("+" + at + "," + applied.size());
            applied.add(body);
          }
          default -> throw new AssertionError("line " + line + " in\n" + diff);
        }
      }
    }
    applied.addAll(before.subList(at, before.size()));
    assertEquals(after, applied, diff);
    return edits;
  }

  /**
   * The edits of the script that plan has always shown, in the form of {@link #edits}: the common
   * first and last lines kept, then a full table of the middle's longest common subsequences,
   * followed from the start, removing first where removing and adding tie.
   */
  private static List<String> fullTableEdits(List<String> a, List<String> b) {
    int[] ends = commonEnds(a, b);
    int prefix = ends[0];
    int suffix = ends[1];
    int n = a.size() - prefix - suffix;
    int m = b.size() - prefix - suffix;
    int[][] t = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        t[i][j] =
            a.get(prefix + i).equals(b.get(prefix + j))
                ? t[i + 1][j + 1] + 1
                : Math.max(t[i + 1][j], t[i][j + 1]);
      }
    }
    List<String> edits = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(prefix + i).equals(b.get(prefix + j))) {
        i++;
        j++;
      } else if (i < n && (j == m || t[i + 1][j] >= t[i][j + 1])) {
        edits.add("-" + (prefix + i++) + "," + (prefix + j));
      } else {
        edits.add("+" + (prefix + i) + "," + (prefix + j++));
      }
    }
    return edits;
  }

  /**
   * How many first lines the two texts share, then how many last lines of the rest (as the differ
   * trims them).
   */
  private static int[] commonEnds(List<String> a, List<String> b) {
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix
        && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    return new int[] {prefix, suffix};
  }

  /** 100 to 300 lines, each one of four. */
  private static List<String> longText(Random random) {
    List<String> lines = new ArrayList<>();
    for (int i = 100 + random.nextInt(201); i > 0; i--) {
      lines.add("line " + (char) ('a' + random.nextInt(4)));
    }
    return lines;
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
