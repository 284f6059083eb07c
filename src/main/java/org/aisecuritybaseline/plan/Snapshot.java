package org.aisecuritybaseline.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.load.BoundedRead;
import org.aisecuritybaseline.load.IoText;
import org.aisecuritybaseline.load.RealPath;
import org.aisecuritybaseline.render.Artifact;

/** The files of one output directory, by relative path with forward slashes. */
public record Snapshot(String label, Map<String, byte[]> files) {
  public static final int MAX_FILE_BYTES = BoundedRead.OUTPUT_FILE_LIMIT;

  /** Far above the output at the platform limits (about 3,500 files). */
  public static final int MAX_FILES = 20_000;

  public static final long MAX_TOTAL_BYTES = 512L << 20;

  /** The directory cannot be read as an output directory; the message says why. */
  public static class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableException(String message) {
      super(message);
    }
  }

  /**
   * The directory does not exist (for {@link #readExisting}): a wrong path, or nothing generated
   * yet.
   */
  public static final class MissingException extends UnreadableException {
    private static final long serialVersionUID = 1L;

    public MissingException(String message) {
      super(message);
    }
  }

  public Snapshot {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }

  public static Snapshot of(String label, List<Artifact> artifacts) {
    Map<String, byte[]> files = new TreeMap<>();
    artifacts.forEach(a -> files.put(a.path(), a.bytes()));
    return new Snapshot(label, files);
  }

  /** Nothing: what a first plan compares with. */
  public static Snapshot empty(String label) {
    return new Snapshot(label, Map.of());
  }

  /**
   * Every regular file below {@code dir} (links are not followed); a missing directory is an empty
   * snapshot (for {@code generate --check}, where every file is then missing). Sizes and counts are
   * bounded, so that a wrong directory is refused instead of read whole.
   */
  public static Snapshot read(Path dir) throws UnreadableException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return new Snapshot(dir.toString(), Map.of());
    }
    return readExisting(dir);
  }

  /**
   * As {@link #read}, but a directory that does not exist is refused with a {@link
   * MissingException}: a plan against a mistyped path must not show every file as new.
   */
  public static Snapshot readExisting(Path dir) throws UnreadableException {
    String shown = ConsoleText.oneLine(dir.toString());
    Map<String, byte[]> files = new TreeMap<>();
    try {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new MissingException(shown + " does not exist");
      }
      if (!Files.isDirectory(dir)) {
        throw new UnreadableException(
            shown + " is not a directory; name the output directory that generate wrote");
      }
      Path real = RealPath.of(dir);
      if (real.getParent() == null || RealPath.isKernelFileSystem(real)) {
        throw new UnreadableException(
            shown
                + " ("
                + ConsoleText.oneLine(real.toString())
                + ") cannot be an output"
                + " directory; name the one that generate wrote");
      }
      long total = 0;
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p :
            (Iterable<Path>)
                walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))::iterator) {
          String name = dir.relativize(p).toString().replace('\\', '/');
          if (files.size() >= MAX_FILES) {
            throw new UnreadableException(
                shown + " holds more than " + MAX_FILES + " files; is it the output directory?");
          }
          Optional<byte[]> bytes = BoundedRead.readAll(p, MAX_FILE_BYTES);
          if (bytes.isEmpty()) {
            throw new UnreadableException(
                ConsoleText.oneLine(p.toString())
                    + " is larger than "
                    + (MAX_FILE_BYTES >> 20)
                    + " MiB, which no generated file is; is "
                    + shown
                    + " the output directory?");
          }
          total += bytes.get().length;
          if (total > MAX_TOTAL_BYTES) {
            throw new UnreadableException(
                shown
                    + " holds more than "
                    + (MAX_TOTAL_BYTES >> 20)
                    + " MiB; is it the output"
                    + " directory?");
          }
          files.put(name, bytes.get());
        }
      }
    } catch (IOException e) {
      throw new UnreadableException("cannot read " + shown + ": " + IoText.reason(e));
    } catch (UncheckedIOException e) {
      throw new UnreadableException("cannot read " + shown + ": " + IoText.reason(e.getCause()));
    }
    return new Snapshot(dir.toString(), files);
  }

  /**
   * Whether this can be an output directory: empty (a first plan), or holding the manifest.json
   * that generate writes. Comparing with anything else would list every file of it as removed.
   */
  public boolean isOutput() {
    if (files.isEmpty()) {
      return true;
    }
    String manifest = text(Artifact.MANIFEST);
    try {
      return manifest != null
          && Version.NAME.equals(Json.parse(manifest).path("generator").asString(""));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Every file that differs between this snapshot and {@code after}, by path, with what generating
   * {@code after} would do to it: the one comparison plan and {@code generate --check} share.
   */
  public java.util.SortedMap<String, Plan.Action> changesTo(Snapshot after) {
    java.util.SortedMap<String, Plan.Action> changes = new TreeMap<>();
    java.util.Set<String> paths = new java.util.TreeSet<>(files.keySet());
    paths.addAll(after.files().keySet());
    for (String path : paths) {
      byte[] b = files.get(path);
      byte[] a = after.files().get(path);
      if (!java.util.Arrays.equals(b, a)) {
        changes.put(
            path,
            b == null ? Plan.Action.ADD : a == null ? Plan.Action.REMOVE : Plan.Action.CHANGE);
      }
    }
    return changes;
  }

  public String text(String path) {
    byte[] b = files.get(path);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }
}
