package org.aisecuritybaseline.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.aisecuritybaseline.render.Artifact;

/** The files of one output directory, by relative path with forward slashes. */
public record Snapshot(String label, Map<String, byte[]> files) {
  public Snapshot {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }

  public static Snapshot of(String label, List<Artifact> artifacts) {
    Map<String, byte[]> files = new TreeMap<>();
    artifacts.forEach(a -> files.put(a.path(), a.bytes()));
    return new Snapshot(label, files);
  }

  /** Every regular file below {@code dir}; a missing directory is an empty snapshot (a first plan). */
  public static Snapshot read(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
          files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
      }
    }
    return new Snapshot(dir.toString(), files);
  }

  public String text(String path) {
    byte[] b = files.get(path);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }
}
