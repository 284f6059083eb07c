package org.aisecuritybaseline.write;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.aisecuritybaseline.render.Artifact;

/**
 * Whether an output directory already holds exactly what a run would write: the same files with the
 * same bytes, shell scripts executable as {@link OutputWriter} makes them, and nothing else (no
 * other file, directory or link). Then the writer leaves it alone: regenerating an unchanged
 * estate, the usual case in a pull request's check, neither rewrites thousands of files nor changes
 * their times. Any doubt (a file that cannot be read, a size or byte that differs) means "not up to
 * date", and the directory is replaced as usual.
 */
final class UpToDate {
  private UpToDate() {}

  static boolean holds(Path out, Iterable<Artifact> files) {
    if (!Files.isDirectory(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return false; // a new output: nothing to compare
    }
    Map<String, Artifact> expected = new HashMap<>();
    Set<String> folders = new HashSet<>();
    for (Artifact a : files) {
      expected.put(a.path(), a);
      for (int slash = a.path().indexOf('/'); slash > 0; slash = a.path().indexOf('/', slash + 1)) {
        folders.add(a.path().substring(0, slash));
      }
    }
    try {
      Walk walk = new Walk(out, expected, folders, OutputWriter.knowsPermissions(out));
      Files.walkFileTree(out, walk);
      return walk.same && walk.matched == expected.size();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Stops at the first difference; every file of the output is found by the walk or it differs. */
  private static final class Walk extends SimpleFileVisitor<Path> {
    private final Path out;
    private final Map<String, Artifact> expected;
    private final Set<String> folders;
    private final boolean permissions;
    boolean same = true;
    int matched;

    Walk(Path out, Map<String, Artifact> expected, Set<String> folders, boolean permissions) {
      this.out = out;
      this.expected = expected;
      this.folders = folders;
      this.permissions = permissions;
    }

    private String name(Path p) {
      return out.relativize(p).toString().replace('\\', '/');
    }

    private FileVisitResult differs() {
      same = false;
      return FileVisitResult.TERMINATE;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      return dir.equals(out) || folders.contains(name(dir)) ? FileVisitResult.CONTINUE : differs();
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
      Artifact a = expected.get(name(file));
      if (a == null || !attrs.isRegularFile() || attrs.size() != a.bytes().length) {
        return differs();
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(a.bytes().length + 1); // one more: a file that grew meanwhile
      }
      if (!Arrays.equals(bytes, a.bytes())
          || permissions
              && a.path().endsWith(".sh")
              && !Files.getPosixFilePermissions(file).equals(OutputWriter.SCRIPT)) {
        return differs();
      }
      matched++;
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException exc) {
      return differs();
    }
  }
}
