package org.aisecuritybaseline.plan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.load.IoText;
import org.aisecuritybaseline.load.RealPath;

/**
 * The output directory as committed at a git ref, read with {@code git ls-tree} and {@code git
 * cat-file}: the working tree and the index are not touched. The ref is resolved to a commit first,
 * so that nothing in it is read as an option or a path; sizes are bounded as for a directory.
 */
public final class GitSnapshot {
  /** git failed or the ref does not exist; the message is git's. */
  public static class GitException extends Exception {
    private static final long serialVersionUID = 1L;

    public GitException(String message) {
      super(message);
    }
  }

  /**
   * Nothing is committed below the directory at the ref: a wrong path, or a ref from before the
   * output was first committed. git keeps no empty directories, so the two cannot be told apart.
   */
  public static final class MissingException extends GitException {
    private static final long serialVersionUID = 1L;

    public MissingException(String message) {
      super(message);
    }
  }

  private GitSnapshot() {}

  /**
   * @param dir the output directory as named on the command line; it need not exist in the working
   *     tree. git runs in its nearest existing ancestor.
   * @param ref a commit, branch or tag
   */
  public static Snapshot read(Path dir, String ref) throws GitException {
    if (ref.isEmpty()
        || ref.startsWith("-")
        || ref.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ':')) {
      throw new GitException(
          "'"
              + ConsoleText.oneLine(ref)
              + "' is not a ref: name a branch, tag or commit (no leading"
              + " '-', no ':' or control characters)");
    }
    try {
      Path real = RealPath.of(dir);
      if (real.getParent() == null) {
        throw new GitException(
            "name the output directory inside the repository, not the file system root");
      }
      Path workDir = real.getParent();
      List<String> below = new ArrayList<>(List.of(real.getFileName().toString()));
      while (!Files.isDirectory(workDir)) {
        below.add(0, workDir.getFileName().toString());
        workDir = workDir.getParent();
      }
      String prefix = String.join("/", below) + "/";
      String commit = resolve(workDir, ref);
      String listing =
          new String(
              run(
                  workDir,
                  Snapshot.MAX_FILE_BYTES,
                  "git",
                  "ls-tree",
                  "-r",
                  "-z",
                  "--name-only",
                  commit,
                  "--",
                  "./" + prefix),
              StandardCharsets.UTF_8);
      Map<String, byte[]> files = new TreeMap<>();
      long total = 0;
      for (String name : listing.split("\0")) {
        if (name.isEmpty()) {
          continue;
        }
        if (files.size() >= Snapshot.MAX_FILES) {
          throw new GitException(
              "the directory holds more than "
                  + Snapshot.MAX_FILES
                  + " files at "
                  + commit
                  + "; is it the output directory?");
        }
        byte[] blob =
            run(workDir, Snapshot.MAX_FILE_BYTES, "git", "cat-file", "blob", commit + ":./" + name);
        total += blob.length;
        if (total > Snapshot.MAX_TOTAL_BYTES) {
          throw new GitException(
              "the directory holds more than "
                  + (Snapshot.MAX_TOTAL_BYTES >> 20)
                  + " MiB at "
                  + commit
                  + "; is it the output directory?");
        }
        files.put(name.startsWith(prefix) ? name.substring(prefix.length()) : name, blob);
      }
      if (files.isEmpty()) {
        throw new MissingException(
            ConsoleText.oneLine(dir.toString())
                + " does not exist at "
                + ConsoleText.oneLine(ref)
                + " (commit "
                + commit.substring(0, 12)
                + ")");
      }
      return new Snapshot(ref + ":" + real.getFileName(), files);
    } catch (IOException e) {
      throw new GitException("cannot run git: " + IoText.reason(e));
    }
  }

  private static String resolve(Path workDir, String ref) throws GitException, IOException {
    String commit;
    try {
      commit =
          new String(
                  run(
                      workDir,
                      4096,
                      "git",
                      "rev-parse",
                      "--verify",
                      "--quiet",
                      "--end-of-options",
                      ref + "^{commit}"),
                  StandardCharsets.UTF_8)
              .strip();
    } catch (GitException e) {
      commit = "";
      if (!e.getMessage().startsWith("git exited with")) {
        throw e;
      }
    }
    if (!commit.matches("[0-9a-f]{40,64}")) {
      throw new GitException(
          "'"
              + ConsoleText.oneLine(ref)
              + "' names no commit in the repository of "
              + ConsoleText.oneLine(workDir.toString()));
    }
    return commit;
  }

  /** Runs git, reading at most {@code limit} bytes of its output. */
  private static byte[] run(Path workDir, int limit, String... command)
      throws GitException, IOException {
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).start();
    p.getOutputStream().close();
    byte[] out;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread errors = new Thread(() -> drain(p.getErrorStream(), err));
    errors.start();
    try (InputStream o = p.getInputStream()) {
      out = o.readNBytes(limit + 1);
    }
    try {
      if (out.length > limit) {
        p.destroyForcibly();
        throw new GitException(
            "a file at the ref is larger than "
                + (limit >> 20)
                + " MiB, which no generated file is;"
                + " is the directory the output directory?");
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new GitException("git did not answer within 60 seconds");
      }
      errors.join();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new GitException("interrupted");
    }
    if (p.exitValue() != 0) {
      String message =
          ConsoleText.oneLine(new String(err.toByteArray(), StandardCharsets.UTF_8).strip());
      throw new GitException(message.isEmpty() ? "git exited with " + p.exitValue() : message);
    }
    return out;
  }

  /**
   * Keeps the first 4 KiB of git's messages and discards the rest, so git never blocks on a full
   * pipe.
   */
  private static void drain(InputStream in, ByteArrayOutputStream into) {
    try (in) {
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (into.size() < 4096) {
          into.write(buffer, 0, Math.min(n, 4096 - into.size()));
        }
      }
    } catch (IOException e) {
      // git ended; what it said so far is enough
    }
  }
}
