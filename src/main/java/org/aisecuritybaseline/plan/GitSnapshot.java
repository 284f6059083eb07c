package org.aisecuritybaseline.plan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The output directory as committed at a git ref, read with {@code git ls-tree} and
 * {@code git cat-file}: the working tree and the index are not touched.
 */
public final class GitSnapshot {
  /** git failed or the ref does not exist; the message is git's. */
  public static final class GitException extends Exception {
    private static final long serialVersionUID = 1L;

    public GitException(String message) {
      super(message);
    }
  }

  private GitSnapshot() {}

  /**
   * @param workDir where git runs (inside the repository)
   * @param ref a commit, branch or tag
   * @param dir the output directory, relative to {@code workDir}
   */
  public static Snapshot read(Path workDir, String ref, String dir) throws GitException, IOException {
    if (ref.startsWith("-") || dir.startsWith("-")) {
      throw new GitException("a ref or directory cannot start with '-'");
    }
    String prefix = dir.endsWith("/") ? dir : dir + "/";
    String listing = new String(run(workDir, "git", "ls-tree", "-r", "-z", "--name-only", ref, "--", prefix),
        StandardCharsets.UTF_8);
    Map<String, byte[]> files = new TreeMap<>();
    for (String name : listing.split("\0")) {
      if (name.isEmpty()) {
        continue;
      }
      String relative = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
      files.put(relative, run(workDir, "git", "cat-file", "blob", ref + ":./" + name));
    }
    return new Snapshot(ref + ":" + dir, files);
  }

  private static byte[] run(Path workDir, String... command) throws GitException, IOException {
    List<String> cmd = new ArrayList<>(List.of(command));
    Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).start();
    byte[] out;
    byte[] err;
    try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      o.transferTo(buffer);
      out = buffer.toByteArray();
      err = e.readAllBytes();
    }
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new GitException("git did not answer within 60 seconds");
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new GitException("interrupted");
    }
    if (p.exitValue() != 0) {
      throw new GitException(new String(err, StandardCharsets.UTF_8).strip());
    }
    return out;
  }
}
