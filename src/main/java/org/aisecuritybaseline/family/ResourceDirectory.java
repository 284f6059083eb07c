package org.aisecuritybaseline.family;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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
        // The jar's own entries, read with JarFile: a zip file system costs a start-up's worth of
        // classes and a second reading of the jar's directory.
        String spec = uri.getRawSchemeSpecificPart();
        Path jar = Path.of(URI.create(spec.substring(0, spec.indexOf("!/"))));
        return readJar(jar, folder + "/", suffix);
      }
      return readAll(Path.of(uri), suffix);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> readJar(Path jar, String prefix, String suffix)
      throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      var entries = file.entries();
      while (entries.hasMoreElements()) {
        java.util.jar.JarEntry e = entries.nextElement();
        String name = e.getName();
        if (name.startsWith(prefix)
            && name.endsWith(suffix)
            && name.indexOf('/', prefix.length()) < 0
            && !e.isDirectory()) {
          try (var in = file.getInputStream(e)) {
            files.put(
                name.substring(prefix.length()),
                new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return files;
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
