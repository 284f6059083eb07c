package org.aisecuritybaseline.render;

import java.nio.charset.StandardCharsets;

/** One output file: a relative path with forward slashes, and its bytes. */
public record Artifact(String path, byte[] bytes) {
  /** The file every output directory has: every other file with its sha256, and the generator. */
  public static final String MANIFEST = "manifest.json";

  public Artifact {
    if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
      throw new IllegalArgumentException("artifact path must be relative and clean: " + path);
    }
  }

  public static Artifact text(String path, String text) {
    return new Artifact(path, text.getBytes(StandardCharsets.UTF_8));
  }

  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
