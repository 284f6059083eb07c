package org.aisecuritybaseline.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.render.Generator;
import tools.jackson.databind.JsonNode;

/**
 * Replaces the output directory as a whole: everything is written to a new sibling directory first,
 * then swapped in by renames. A failed run leaves the previous output as it was. The writer only
 * replaces a directory that is empty or that this tool created (it holds our manifest.json), and
 * never one that contains an input file.
 */
public final class OutputWriter {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The output directory cannot be used; the message says why and what to do. */
  public static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
      super(message);
    }
  }

  private OutputWriter() {}

  public static void write(Path outDir, List<Artifact> files, List<Path> inputs) throws RefusedException, IOException {
    Path out = outDir.toAbsolutePath().normalize();
    checkTarget(out, inputs);
    Path parent = out.getParent();
    if (parent == null) {
      throw new RefusedException("cannot write to the file system root; name a directory such as ./out");
    }
    Files.createDirectories(parent);
    String suffix = HexFormat.of().formatHex(RANDOM.generateSeed(4));
    Path staging = parent.resolve("." + out.getFileName() + ".baseline-new-" + suffix);
    Path previous = parent.resolve("." + out.getFileName() + ".baseline-old-" + suffix);
    try {
      Files.createDirectory(staging);
      for (Artifact a : files) {
        Path target = staging.resolve(a.path()).normalize();
        if (!target.startsWith(staging)) {
          throw new IllegalStateException("artifact escapes the output directory: " + a.path());
        }
        Files.createDirectories(target.getParent());
        Files.write(target, a.bytes());
        if (a.path().endsWith(".sh")) {
          makeExecutable(target);
        }
      }
      boolean existed = Files.exists(out, LinkOption.NOFOLLOW_LINKS);
      if (existed) {
        move(out, previous);
      }
      try {
        move(staging, out);
      } catch (IOException e) {
        if (existed) {
          move(previous, out);
        }
        throw e;
      }
      if (existed) {
        deleteTree(previous);
      }
    } finally {
      if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(staging);
      }
    }
  }

  private static void checkTarget(Path out, List<Path> inputs) throws RefusedException, IOException {
    for (Path input : inputs) {
      Path in = input.toAbsolutePath().normalize();
      if (in.startsWith(out)) {
        throw new RefusedException("the output directory " + out.getFileName() + " contains the input " + input
            + "; the whole directory is replaced on every run, so choose another one, such as ./out");
      }
    }
    if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isSymbolicLink(out) || !Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
      throw new RefusedException(out + " exists and is not a directory; choose another --out");
    }
    try (Stream<Path> entries = Files.list(out)) {
      if (entries.findAny().isEmpty()) {
        return;
      }
    }
    if (!isOurs(out.resolve(Generator.MANIFEST))) {
      throw new RefusedException(out + " is not empty and was not created by baseline (it has no "
          + Version.NAME + " manifest.json); choose an empty or new directory, so that nothing of yours is replaced");
    }
  }

  private static boolean isOurs(Path manifest) {
    if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      JsonNode root = Json.parse(Files.readString(manifest, StandardCharsets.UTF_8));
      return Version.NAME.equals(root.path("generator").asString(""));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Shell scripts are written executable where the file system knows POSIX permissions. */
  private static void makeExecutable(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
