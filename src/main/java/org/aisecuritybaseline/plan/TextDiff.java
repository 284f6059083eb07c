package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A unified diff of two texts, by lines, with three lines of context. */
public final class TextDiff {
  private static final int CONTEXT = 3;

  private TextDiff() {}

  private record Op(char kind, String line, int beforeLine, int afterLine) {}

  public static String unified(String pathBefore, String pathAfter, String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<Op> ops = ops(a, b);
    StringBuilder out = new StringBuilder();
    // A file name is one line, whatever it holds: it cannot end the header or start a line of its
    // own.
    out.append("--- ")
        .append(org.aisecuritybaseline.diag.ConsoleText.oneLine(pathBefore))
        .append('\n')
        .append("+++ ")
        .append(org.aisecuritybaseline.diag.ConsoleText.oneLine(pathAfter))
        .append('\n');
    int i = 0;
    while (i < ops.size()) {
      if (ops.get(i).kind() == ' ') {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      int lastChange = i;
      while (end < ops.size()) {
        if (ops.get(end).kind() != ' ') {
          lastChange = end;
        } else if (end - lastChange > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(ops.size(), lastChange + CONTEXT + 1);
      hunk(out, ops.subList(start, end));
      i = end;
    }
    return out.toString();
  }

  private static void hunk(StringBuilder out, List<Op> hunk) {
    int beforeStart = 0;
    int afterStart = 0;
    int beforeCount = 0;
    int afterCount = 0;
    for (Op op : hunk) {
      if (op.kind() != '+') {
        if (beforeCount++ == 0) {
          beforeStart = op.beforeLine();
        }
      }
      if (op.kind() != '-') {
        if (afterCount++ == 0) {
          afterStart = op.afterLine();
        }
      }
    }
    if (beforeCount == 0) {
      beforeStart = hunk.get(0).beforeLine() - 1;
    }
    if (afterCount == 0) {
      afterStart = hunk.get(0).afterLine() - 1;
    }
    out.append("@@ -")
        .append(beforeStart)
        .append(',')
        .append(beforeCount)
        .append(" +")
        .append(afterStart)
        .append(',')
        .append(afterCount)
        .append(" @@\n");
    for (Op op : hunk) {
      out.append(op.kind()).append(op.line()).append('\n');
    }
  }

  /** Edit script by longest common subsequence, after trimming the common prefix and suffix. */
  private static List<Op> ops(List<String> a, List<String> b) {
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
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < prefix; i++) {
      ops.add(new Op(' ', a.get(i), i + 1, i + 1));
    }
    List<String> ma = a.subList(prefix, a.size() - suffix);
    List<String> mb = b.subList(prefix, b.size() - suffix);
    // Each distinct line as a number: the table compares numbers, not text.
    Map<String, Integer> numbers = new HashMap<>();
    int[] na = new int[ma.size()];
    int[] nb = new int[mb.size()];
    for (int k = 0; k < na.length; k++) {
      na[k] = numbers.computeIfAbsent(ma.get(k), line -> numbers.size());
    }
    for (int k = 0; k < nb.length; k++) {
      nb[k] = numbers.computeIfAbsent(mb.get(k), line -> numbers.size());
    }
    int[][] lcs = new int[na.length + 1][nb.length + 1];
    for (int i = na.length - 1; i >= 0; i--) {
      int[] row = lcs[i];
      int[] below = lcs[i + 1];
      int line = na[i];
      for (int j = nb.length - 1; j >= 0; j--) {
        row[j] = line == nb[j] ? below[j + 1] + 1 : Math.max(below[j], row[j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < ma.size() || j < mb.size()) {
      if (i < ma.size() && j < mb.size() && na[i] == nb[j]) {
        ops.add(new Op(' ', ma.get(i), prefix + i + 1, prefix + j + 1));
        i++;
        j++;
      } else if (i < ma.size() && (j == mb.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.add(new Op('-', ma.get(i), prefix + i + 1, prefix + j + 1));
        i++;
      } else {
        ops.add(new Op('+', mb.get(j), prefix + i + 1, prefix + j + 1));
        j++;
      }
    }
    for (int k = 0; k < suffix; k++) {
      int ai = a.size() - suffix + k;
      int bi = b.size() - suffix + k;
      ops.add(new Op(' ', a.get(ai), ai + 1, bi + 1));
    }
    return ops;
  }

  private static List<String> lines(String text) {
    return text == null || text.isEmpty() ? List.of() : text.lines().toList();
  }
}
