package org.aisecuritybaseline.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A unified diff of two texts, by lines, with three lines of context. */
public final class TextDiff {
  private static final int CONTEXT = 3;

  /**
   * The most cells of the table (lines of the changed middle of one text times those of the other)
   * diffed line by line: 2^28, 32 MiB of bits and about 1.6 s here. Generated files stay well under
   * it: the largest text file at the platform limits, defender/aws/check-aws.sh (7,649 lines),
   * changed at both ends is 5.9 * 10^7. Past it, as for a hand-edited file of a million lines, the
   * diff removes the whole changed middle and adds the new one.
   */
  static final long TABLE_CELLS = 1L << 28;

  private TextDiff() {}

  private record Op(char kind, String line, int beforeLine, int afterLine) {}

  public static String unified(String pathBefore, String pathAfter, String before, String after) {
    return unified(pathBefore, pathAfter, before, after, TABLE_CELLS);
  }

  /** As {@link #unified(String, String, String, String)}, with a table of at most {@code cells}. */
  static String unified(
      String pathBefore, String pathAfter, String before, String after, long cells) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<Op> ops = ops(a, b, cells);
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

  /**
   * Edit script by longest common subsequence, after trimming the common prefix and suffix; past
   * {@code cells}, the whole middle replaced.
   */
  private static List<Op> ops(List<String> a, List<String> b, long cells) {
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
    int n = na.length;
    int m = nb.length;
    if ((long) n * m > cells) {
      // Too large a middle for the table: all of it removed, then all of it added.
      for (int k = 0; k < n; k++) {
        ops.add(new Op('-', ma.get(k), prefix + k + 1, prefix + 1));
      }
      for (int k = 0; k < m; k++) {
        ops.add(new Op('+', mb.get(k), prefix + n + 1, prefix + k + 1));
      }
    } else {
      long[] removeFirst = removeFirst(na, nb);
      int words = (m + 63) >>> 6;
      int i = 0;
      int j = 0;
      while (i < n || j < m) {
        if (i < n && j < m && na[i] == nb[j]) {
          ops.add(new Op(' ', ma.get(i), prefix + i + 1, prefix + j + 1));
          i++;
          j++;
        } else if (i < n && (j == m || (removeFirst[i * words + (j >>> 6)] & (1L << j)) != 0)) {
          ops.add(new Op('-', ma.get(i), prefix + i + 1, prefix + j + 1));
          i++;
        } else {
          ops.add(new Op('+', mb.get(j), prefix + i + 1, prefix + j + 1));
          j++;
        }
      }
    }
    for (int k = 0; k < suffix; k++) {
      int ai = a.size() - suffix + k;
      int bi = b.size() - suffix + k;
      ops.add(new Op(' ', a.get(ai), ai + 1, bi + 1));
    }
    return ops;
  }

  /**
   * The longest-common-subsequence table of two line sequences, kept two rows at a time. Of each
   * cell where the lines differ the edit script needs one bit, set here: removing the old line
   * keeps a common subsequence at least as long as adding the new one does (ties remove first). One
   * bit a cell instead of a table of ints: 32 times less memory, the same edit script.
   */
  private static long[] removeFirst(int[] na, int[] nb) {
    int n = na.length;
    int m = nb.length;
    int words = (m + 63) >>> 6;
    long[] bits = new long[n * words];
    int[] below = new int[m + 1]; // row i + 1; row n and column m are 0
    int[] row = new int[m + 1];
    for (int i = n - 1; i >= 0; i--) {
      int line = na[i];
      int base = i * words;
      for (int j = m - 1; j >= 0; j--) {
        if (line == nb[j]) {
          row[j] = below[j + 1] + 1;
        } else if (below[j] >= row[j + 1]) {
          row[j] = below[j];
          bits[base + (j >>> 6)] |= 1L << j;
        } else {
          row[j] = row[j + 1];
        }
      }
      int[] done = row;
      row = below;
      below = done;
    }
    return bits;
  }

  private static List<String> lines(String text) {
    return text == null || text.isEmpty() ? List.of() : text.lines().toList();
  }
}
