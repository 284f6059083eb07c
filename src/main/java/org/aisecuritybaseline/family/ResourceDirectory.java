package org.aisecuritybaseline.family;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads every file of one resource folder, whether the classes run from a folder or from the jar.
 */
public final class ResourceDirectory {
  private ResourceDirectory() {}

  /** File name to UTF-8 text, sorted by name. */
  public static Map<String, String> read(String folder, String suffix) {
    URL url = ResourceDirectory.class.getResource("/" + folder);
    if (url == null) {
      throw new IllegalStateException("resource folder missing from the build: " + folder);
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
          fs = FileSystems.newFileSystem(uri, Map.of());
        }
        return readAll(fs.getPath("/" + folder), suffix);
      }
      return readAll(Path.of(uri), suffix);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> readAll(Path dir, String suffix) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(suffix)) {
          files.put(name, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return files;
  }
}
