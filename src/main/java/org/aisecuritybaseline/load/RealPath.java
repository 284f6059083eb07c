package org.aisecuritybaseline.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Where a path really leads, for comparing paths as the operating system sees them: symbolic links
 * resolved (also on the way to the current directory), {@code ..} applied after them, not as text.
 */
public final class RealPath {
  /** Kernel file systems: nothing the tool reads or writes lives there. */
  private static final List<Path> KERNEL =
      List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

  private RealPath() {}

  /**
   * The real path of {@code path}: its longest existing prefix resolved by the file system, the
   * rest (which does not exist yet, so holds no link) appended as named. A last element that is
   * itself a symbolic link is resolved too; callers that must not follow it check that first.
   */
  public static Path of(Path path) throws IOException {
    Path p = path.toAbsolutePath();
    Deque<Path> missing = new ArrayDeque<>();
    while (p != null && !Files.exists(p)) {
      missing.push(p.getFileName());
      p = p.getParent();
    }
    Path real =
        p == null ? path.getFileSystem().getRootDirectories().iterator().next() : p.toRealPath();
    for (Path name : missing) {
      String n = name.toString();
      if (n.equals("..")) {
        real = real.getParent() == null ? real : real.getParent();
      } else if (!n.equals(".")) {
        real = real.resolve(n);
      }
    }
    return real;
  }

  /** The real location of a link itself: its directory resolved, its own name kept. */
  public static Path ofLink(Path path) throws IOException {
    Path abs = path.toAbsolutePath();
    String name = abs.getFileName() == null ? "" : abs.getFileName().toString();
    if (abs.getParent() == null || name.equals("..") || name.equals(".")) {
      return of(abs);
    }
    return of(abs.getParent()).resolve(name);
  }

  public static boolean isKernelFileSystem(Path real) {
    return KERNEL.stream().anyMatch(real::startsWith);
  }

  /** The current directory, as the file system names it. */
  public static Path currentDirectory() throws IOException {
    return Path.of("").toAbsolutePath().toRealPath();
  }
}
