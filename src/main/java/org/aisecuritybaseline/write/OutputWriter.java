package org.aisecuritybaseline.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.aisecuritybaseline.Threads;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.load.BoundedRead;
import org.aisecuritybaseline.load.IoText;
import org.aisecuritybaseline.load.RealPath;
import org.aisecuritybaseline.render.Artifact;
import tools.jackson.databind.JsonNode;

/**
 * Replaces the output directory as a whole: everything is written to a new sibling directory first,
 * then swapped in by renames, under a lock that keeps parallel runs apart. A failed run leaves the
 * previous output as it was. The writer only replaces a directory that is empty or that this tool
 * created (it holds our manifest.json), never one that holds an input file or the current
 * directory, compared by where the paths really lead. Siblings left by a killed run are cleaned up
 * (or the previous output restored) by the next one. An output that already holds exactly what the
 * run would write is left as it is ({@link UpToDate}).
 */
public final class OutputWriter {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** File names are at most 255 bytes on common file systems; the sibling names keep well below. */
  private static final int NAME_PREFIX_BYTES = 100;

  private static final int MAX_NAME_BYTES = 255;

  /** The output directory cannot be used or written; the message says why and what to do. */
  public static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
      super(message);
    }
  }

  /**
   * What a successful run wants the user to know besides the files: cleaned leftovers, a stuck old
   * copy; and whether it wrote anything (false: the directory already held exactly these files).
   */
  public record Result(Path directory, List<String> notes, boolean written) {}

  /**
   * How an old tree is judged and removed; the tests replace it to simulate a previous output that
   * cannot be deleted (as root, nothing on a writable file system is).
   */
  public interface Disposal {
    /** Why {@code tree} could not be deleted as a whole, or null when it can. */
    String blocker(Path tree);

    void delete(Path tree) throws IOException;
  }

  /** The real file system: every directory of the tree must be writable and searchable. */
  public static final Disposal FILE_SYSTEM =
      new Disposal() {
        @Override
        public String blocker(Path tree) {
          return undeletable(tree);
        }

        @Override
        public void delete(Path tree) throws IOException {
          deleteTree(tree);
        }
      };

  private OutputWriter() {}

  public static Result write(Path outDir, List<Artifact> files, List<Path> inputs)
      throws RefusedException {
    return write(outDir, files, inputs, FILE_SYSTEM);
  }

  public static Result write(
      Path outDir, List<Artifact> files, List<Path> inputs, Disposal disposal)
      throws RefusedException {
    Path out = target(outDir, inputs);
    Path parent = out.getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new RefusedException(
          "cannot create " + shown(parent) + ": " + reason(e) + "; choose another --out");
    }
    Siblings siblings = new Siblings(parent, out.getFileName().toString());
    List<String> notes = new ArrayList<>();
    // Before the lock file is made: nothing is left next to a directory that is not ours. Checked
    // again under the lock, where another run cannot change it.
    refuseForeign(out);
    try (OutputLock lock = OutputLock.acquire(siblings.lock(), out)) {
      cleanLeftovers(out, siblings, disposal, notes);
      if (UpToDate.holds(out, files)) {
        return new Result(out, List.copyOf(notes), false);
      }
      checkReplaceable(out, disposal);
      Path staging = stage(out, siblings, files);
      swap(out, staging, siblings, disposal, notes);
    }
    return new Result(out, List.copyOf(notes), true);
  }

  /** The real output path, after every refusal that can be decided without writing. */
  private static Path target(Path outDir, List<Path> inputs) throws RefusedException {
    Path out;
    try {
      if (Files.isSymbolicLink(outDir)) {
        throw new RefusedException(
            shown(outDir) + " is a symbolic link; name the directory it points to, or another one");
      }
      out = RealPath.of(outDir);
      if (out.getParent() == null) {
        throw new RefusedException(
            "cannot write to the file system root; name a directory such as ./out");
      }
      if (out.getFileName().toString().getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        throw new RefusedException(
            "the output directory's name is longer than "
                + MAX_NAME_BYTES
                + " bytes, which file"
                + " systems do not allow; choose a shorter one, such as ./out");
      }
      if (RealPath.isKernelFileSystem(out)) {
        throw new RefusedException(
            shown(outDir)
                + " is on a kernel file system ("
                + shown(out)
                + "); name a directory in"
                + " your project, such as ./out");
      }
      if (RealPath.currentDirectory().startsWith(out)) {
        throw new RefusedException(
            shown(outDir)
                + " is the current directory or contains it; the output directory is"
                + " replaced as a whole, so name a new directory, such as ./out");
      }
      for (Path input : inputs) {
        if (!Files.exists(input, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (RealPath.of(input).startsWith(out) || RealPath.ofLink(input).startsWith(out)) {
          throw new RefusedException(
              "the output directory "
                  + shown(outDir)
                  + " contains the input "
                  + shown(input)
                  + "; the whole directory is replaced on every run, so choose another one, such as ./out");
        }
      }
    } catch (IOException e) {
      throw new RefusedException(
          "cannot use " + shown(outDir) + " as the output directory: " + reason(e));
    }
    return out;
  }

  /**
   * Refuses an output that exists and is not a directory, or is a directory neither empty nor ours;
   * returns whether it holds anything.
   */
  private static boolean refuseForeign(Path out) throws RefusedException {
    if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
      throw new RefusedException(
          shown(out) + " exists and is not a directory; choose another --out");
    }
    try (Stream<Path> entries = Files.list(out)) {
      if (entries.findAny().isEmpty()) {
        return false;
      }
    } catch (IOException e) {
      throw new RefusedException(
          "cannot read " + shown(out) + ": " + reason(e) + "; nothing was changed");
    }
    if (!isOutputDirectory(out)) {
      throw new RefusedException(
          shown(out)
              + " is not empty and was not created by baseline (it has no "
              + Version.NAME
              + " manifest.json); choose an empty or new directory, so that nothing of yours is replaced");
    }
    return true;
  }

  /** An existing output must be a directory that is empty or ours, and one we can replace. */
  private static void checkReplaceable(Path out, Disposal disposal) throws RefusedException {
    if (!refuseForeign(out)) {
      return;
    }
    String stuck = disposal.blocker(out);
    if (stuck != null) {
      throw new RefusedException(
          "the previous output cannot be replaced: "
              + stuck
              + "; nothing was changed. Fix the"
              + " permissions (or run as the user who wrote it), or choose another --out");
    }
  }

  /**
   * Every directory of the old tree must let us remove its entries, or the swap would leave it
   * behind.
   */
  private static String undeletable(Path out) {
    try (Stream<Path> walk = Files.walk(out)) {
      return walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .filter(d -> !Files.isWritable(d) || !Files.isExecutable(d))
          .findFirst()
          .map(d -> shown(d) + " is not writable")
          .orElse(null);
    } catch (IOException | java.io.UncheckedIOException e) {
      return "cannot read it: " + e.getMessage();
    }
  }

  /** Files staged by one task: at the platform limits about a hundred tasks shared by the cores. */
  static final int CHUNK = 32;

  /**
   * Writes every artifact into a new staging directory, its folders and then its files on both
   * cores in parts (creating a file is mostly the kernel's work). A file that the previous output
   * already holds with the same bytes is not written again but linked ({@link Kept}): the staged
   * tree is still complete and new, and the swap still replaces the output as a whole.
   */
  private static Path stage(Path out, Siblings siblings, List<Artifact> files)
      throws RefusedException {
    Path staging = siblings.fresh("new");
    try {
      Files.createDirectory(staging);
      boolean permissions = knowsPermissions(staging); // once: every file is on its file system
      Kept kept = Kept.from(out, staging);
      List<Path> targets = new ArrayList<>(files.size());
      java.util.Set<Path> seen = new java.util.HashSet<>();
      List<List<Path>> folders = new ArrayList<>(); // the folders to create, by depth
      for (Artifact a : files) {
        Path target = staging.resolve(a.path()).normalize();
        if (!target.startsWith(staging) || target.equals(staging)) {
          throw new IllegalStateException("artifact escapes the output directory: " + a.path());
        }
        for (Path f = target.getParent(); !f.equals(staging) && seen.add(f); f = f.getParent()) {
          atDepth(folders, staging.relativize(f).getNameCount() - 1, f);
        }
        targets.add(target);
      }
      for (List<Path> level : folders) { // each depth once the one above it is there
        inParts(level.size(), i -> Files.createDirectory(level.get(i)));
      }
      inParts(
          files.size(),
          i -> {
            Artifact a = files.get(i);
            if (!kept.link(a, targets.get(i))) {
              writeFile(targets.get(i), a, permissions);
            }
          });
      return staging;
    } catch (IOException e) {
      removeQuietly(staging);
      throw new RefusedException(
          "cannot write " + shown(out) + ": " + reason(e) + "; nothing was changed");
    }
  }

  private static void writeFile(Path target, Artifact a, boolean permissions) throws IOException {
    Files.write(target, a.bytes());
    if (permissions && a.path().endsWith(".sh")) {
      Files.setPosixFilePermissions(target, SCRIPT);
    }
  }

  /** Adds {@code folder} to the list of folders at {@code depth} (0: the top) of {@code levels}. */
  private static void atDepth(List<List<Path>> levels, int depth, Path folder) {
    while (levels.size() <= depth) {
      levels.add(new ArrayList<>());
    }
    levels.get(depth).add(folder);
  }

  /** One step on the file system: the {@code i}th of a list. */
  private interface Step {
    void run(int i) throws IOException;
  }

  /**
   * Runs {@code step} for 0 to {@code count - 1}, in parts of {@link #CHUNK} that this thread and
   * the common pool share (most of the work of creating, linking or removing a file is the
   * kernel's); the first failure is thrown once every part has ended.
   */
  private static void inParts(int count, Step step) throws IOException {
    List<java.util.concurrent.FutureTask<Void>> parts = new ArrayList<>();
    for (int from = 0; from < count; from += CHUNK) {
      int first = from;
      int end = Math.min(count, from + CHUNK);
      parts.add(
          new java.util.concurrent.FutureTask<>(
              () -> {
                for (int i = first; i < end; i++) {
                  step.run(i);
                }
                return null;
              }));
    }
    if (parts.size() > 1) {
      Threads.toPool(parts);
    }
    try {
      Threads.finish(parts);
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof IOException io) { // Threads.awaitResult wraps what a part threw
        throw io;
      }
      throw e;
    }
  }

  private static void swap(
      Path out, Path staging, Siblings siblings, Disposal disposal, List<String> notes)
      throws RefusedException {
    boolean existed = Files.exists(out, LinkOption.NOFOLLOW_LINKS);
    Path previous = siblings.fresh("old");
    try {
      if (existed) {
        move(out, previous);
      }
    } catch (IOException e) {
      removeQuietly(staging);
      throw new RefusedException(
          "cannot move the previous output "
              + shown(out)
              + " aside: "
              + reason(e)
              + "; nothing was changed");
    }
    try {
      move(staging, out);
    } catch (IOException e) {
      String restored = "";
      if (existed) {
        try {
          move(previous, out);
        } catch (IOException again) {
          restored =
              "; the previous output is at " + shown(previous) + " and the next run puts it back";
        }
      }
      removeQuietly(staging);
      throw new RefusedException(
          "cannot put the new output in place at "
              + shown(out)
              + ": "
              + reason(e)
              + (restored.isEmpty() ? "; the previous output is unchanged" : restored));
    }
    if (existed) {
      try {
        disposal.delete(previous);
      } catch (IOException e) {
        notes.add(
            "the new output is in place, but the previous one could not be deleted ("
                + reason(e)
                + "); it is"
                + " left at "
                + shown(previous)
                + ": delete it by hand (the next run also tries)");
      }
    }
  }

  /** A killed run leaves its staging directory, and may have moved the previous output aside. */
  private static void cleanLeftovers(
      Path out, Siblings siblings, Disposal disposal, List<String> notes) throws RefusedException {
    List<Path> staged = siblings.leftovers("new");
    List<Path> old = siblings.leftovers("old");
    if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !old.isEmpty()) {
      if (old.size() > 1) {
        throw new RefusedException(
            shown(out)
                + " is missing and "
                + old.size()
                + " earlier outputs were left by"
                + " interrupted runs ("
                + String.join(", ", old.stream().map(OutputWriter::shown).toList())
                + "); rename the one to keep to "
                + shown(out.getFileName())
                + " and delete the others");
      }
      try {
        move(old.get(0), out);
        notes.add(
            "restored the previous output "
                + shown(out)
                + " that an interrupted run had moved aside");
      } catch (IOException e) {
        throw new RefusedException(
            "cannot restore the previous output from "
                + shown(old.get(0))
                + ": "
                + reason(e)
                + "; rename it to "
                + shown(out.getFileName())
                + " by hand");
      }
      old = List.of();
    }
    List<Path> all = new ArrayList<>(staged);
    all.addAll(old);
    for (Path leftover : all) {
      try {
        disposal.delete(leftover);
        notes.add("removed " + shown(leftover.getFileName()) + ", left by an interrupted run");
      } catch (IOException e) {
        notes.add(
            "could not remove "
                + shown(leftover)
                + ", left by an interrupted run ("
                + reason(e)
                + "); delete it"
                + " by hand");
      }
    }
  }

  /**
   * Whether {@code dir} holds the manifest.json that this tool writes into every output directory.
   */
  public static boolean isOutputDirectory(Path dir) {
    Path manifest = dir.resolve(Artifact.MANIFEST);
    if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      java.util.Optional<byte[]> bytes =
          BoundedRead.readAll(manifest, BoundedRead.OUTPUT_FILE_LIMIT);
      if (bytes.isEmpty()) {
        return false;
      }
      JsonNode root = Json.parse(new String(bytes.get(), StandardCharsets.UTF_8));
      return Version.NAME.equals(root.path("generator").asString(""));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** What each shell script is given where the file system knows POSIX permissions. */
  static final java.util.Set<java.nio.file.attribute.PosixFilePermission> SCRIPT =
      java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x");

  static boolean knowsPermissions(Path file) throws IOException {
    return Files.getFileStore(file).supportsFileAttributeView("posix");
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void removeQuietly(Path dir) {
    try {
      if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(dir);
      }
    } catch (IOException e) {
      // The next run finds it by its name and removes it.
    }
  }

  /**
   * Removes {@code root} and everything in it without following links: its files (and links) in
   * parts on both cores, then its folders, deepest first, each depth in parts.
   */
  private static void deleteTree(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    List<List<Path>> folders = new ArrayList<>(); // by depth
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          private int depth;

          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            atDepth(folders, depth++, dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            files.add(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            if (exc != null) {
              throw exc;
            }
            depth--;
            return FileVisitResult.CONTINUE;
          }
        });
    inParts(files.size(), i -> Files.delete(files.get(i)));
    for (int d = folders.size() - 1; d >= 0; d--) {
      List<Path> level = folders.get(d);
      inParts(level.size(), i -> Files.delete(level.get(i)));
    }
  }

  /** A path for a message: one line, control characters shown escaped. */
  static String shown(Path p) {
    return ConsoleText.oneLine(p.toString());
  }

  static String reason(IOException e) {
    return IoText.reason(e);
  }

  /**
   * The names next to the output directory that one run uses: lock, staging and previous copies.
   */
  private static final class Siblings {
    private static final HexFormat HEX = HexFormat.of();
    private final Path parent;
    private final String prefix;

    Siblings(Path parent, String name) {
      this.parent = parent;
      this.prefix = "." + truncate(name) + ".baseline-";
    }

    Path lock() {
      return parent.resolve(prefix + "lock");
    }

    Path fresh(String kind) {
      return parent.resolve(prefix + kind + "-" + HEX.formatHex(RANDOM.generateSeed(4)));
    }

    List<Path> leftovers(String kind) throws RefusedException {
      Pattern name = Pattern.compile(Pattern.quote(prefix + kind + "-") + "[0-9a-f]{8}");
      List<Path> found = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
        for (Path p : entries) {
          if (name.matcher(p.getFileName().toString()).matches()
              && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            found.add(p);
          }
        }
      } catch (IOException e) {
        throw new RefusedException("cannot read " + shown(parent) + ": " + reason(e));
      }
      found.sort(null);
      return found;
    }

    /** At most NAME_PREFIX_BYTES of UTF-8, cut between code points. */
    private static String truncate(String name) {
      StringBuilder b = new StringBuilder();
      int bytes = 0;
      for (int i = 0; i < name.length(); ) {
        int cp = name.codePointAt(i);
        int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
        if (bytes + n > NAME_PREFIX_BYTES) {
          break;
        }
        b.appendCodePoint(cp);
        bytes += n;
        i += Character.charCount(cp);
      }
      return b.toString();
    }
  }
}
