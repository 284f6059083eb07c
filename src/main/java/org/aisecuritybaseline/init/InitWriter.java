package org.aisecuritybaseline.init;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aisecuritybaseline.write.OutputWriter;
import org.aisecuritybaseline.write.OutputWriter.RefusedException;

/**
 * Writes the files of {@code baseline init} (and the estate of {@code baseline import}) into a
 * project directory: all of them or none, and never through a symbolic link. The directory is taken
 * as the user named it, so a link to a directory is followed there, as {@code cd link && baseline
 * init} would; but no file or directory that init writes inside it may be a link, with or without
 * --force, since writing through the link would change a file outside the project. --force replaces
 * regular files only. Every file is first written to a new temporary file beside it (created
 * exclusively, so never through a link); only when all are written are they renamed over their
 * names, and a rename replaces a link that appeared meanwhile instead of following it. On failure
 * the temporary files, new files and the directories this run created are removed again.
 */
public final class InitWriter {
  private static final SecureRandom RANDOM = new SecureRandom();

  private InitWriter() {}

  /**
   * Refuses, before anything is asked or written, a directory that init cannot use: the root of the
   * file system, a path under a file, a link or something other than a regular file where init
   * writes a file, and (without {@code force}) files that exist. {@code names} are relative, such
   * as ci/README.md.
   */
  public static void check(Path dir, Collection<String> names, boolean force)
      throws RefusedException {
    try {
      Path absolute = dir.toAbsolutePath().normalize();
      if (absolute.getParent() == null) {
        throw new RefusedException(
            "it is the root of the file system; name a directory for the project, such as ./contoso");
      }
      Path existing = absolute;
      while (!Files.exists(existing)) {
        if (Files.isSymbolicLink(existing)) {
          throw new RefusedException(existing + " is a symbolic link to nothing");
        }
        existing = existing.getParent();
      }
      if (!Files.isDirectory(existing)) {
        String what = Files.isRegularFile(existing) ? "a regular file" : "not a directory";
        throw new RefusedException(
            existing.equals(absolute) ? "it is " + what : existing + " is " + what);
      }
      if (existing.equals(absolute) && OutputWriter.isOutputDirectory(dir)) {
        throw new RefusedException(
            "it is an output directory that generate wrote (it holds baseline's manifest.json) and"
                + " is replaced on every run; write beside it, such as in its parent directory");
      }
      List<Path> present = new ArrayList<>();
      for (String name : names) {
        Path relative = dir.getFileSystem().getPath(name);
        for (int i = 1; i <= relative.getNameCount(); i++) {
          Path p = dir.resolve(relative.subpath(0, i));
          BasicFileAttributes a = attributes(p);
          boolean file = i == relative.getNameCount();
          if (a == null) {
            break;
          } else if (a.isSymbolicLink()) {
            throw new RefusedException(
                p
                    + " is a symbolic link; baseline never writes through a link, since that would change a file"
                    + " outside the project. Remove the link, or choose another directory");
          } else if (!file && !a.isDirectory()) {
            throw new RefusedException(p + " is not a directory");
          } else if (file && !a.isRegularFile()) {
            throw new RefusedException(
                p + " is not a regular file; --force replaces regular files only");
          } else if (file) {
            present.add(p);
          }
        }
      }
      if (!force && !present.isEmpty()) {
        throw new RefusedException(
            "these files exist and were left as they are: "
                + present
                + ". Use --force to overwrite them, or choose another directory");
      }
    } catch (IOException e) {
      throw new RefusedException(reason(e));
    }
  }

  /**
   * Checks again, then writes {@code files} (relative name to content) into {@code dir}: all or
   * none.
   */
  public static void write(Path dir, Map<String, byte[]> files, boolean force)
      throws RefusedException {
    check(dir, files.keySet(), force);
    Deque<Path> created = new ArrayDeque<>();
    Map<Path, Path> staged = new LinkedHashMap<>();
    List<Path> added = new ArrayList<>();
    Path step = dir;
    try {
      createDirectories(dir, created);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path relative = dir.getFileSystem().getPath(f.getKey());
        for (int i = 1; i < relative.getNameCount(); i++) {
          step = dir.resolve(relative.subpath(0, i));
          if (!Files.isDirectory(step, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(step);
            created.push(step);
          }
        }
        step = dir.resolve(relative);
        Path temp =
            step.resolveSibling(
                "." + step.getFileName() + ".baseline-init-" + Long.toHexString(RANDOM.nextLong()));
        staged.put(step, temp);
        Files.write(temp, f.getValue(), StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS);
      }
      for (Map.Entry<Path, Path> s : staged.entrySet()) {
        step = s.getKey();
        boolean isNew = !Files.exists(step, LinkOption.NOFOLLOW_LINKS);
        move(s.getValue(), step);
        if (isNew) {
          added.add(step);
        }
      }
    } catch (IOException e) {
      staged.values().forEach(InitWriter::deleteQuietly);
      added.forEach(InitWriter::deleteQuietly);
      created.forEach(InitWriter::deleteQuietly);
      throw new RefusedException((step.equals(dir) ? "" : step + ": ") + reason(e));
    }
  }

  /**
   * Creates {@code dir} and its missing parents (following links, as the user named it), innermost
   * first in {@code created}.
   */
  private static void createDirectories(Path dir, Deque<Path> created) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      createDirectories(parent, created);
    }
    Files.createDirectory(dir);
    created.push(dir);
  }

  /**
   * A rename in one directory: it replaces the name itself, never the file a link at that name
   * points to.
   */
  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // left behind; the refusal that follows names the first problem
    }
  }

  /** The operating system's reason, in words (permission denied, read-only file system, ...). */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "it exists already";
    }
    String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    return reason == null ? e.getClass().getSimpleName() : reason.toLowerCase(Locale.ROOT);
  }
}
