package org.aisecuritybaseline.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a file whole, but never more than a limit: the size a file system reports is not trusted,
 * since devices ({@code /dev/zero}), pipes, FIFOs and {@code /dev/stdin} report none.
 */
public final class BoundedRead {
  /**
   * The most any generated file may hold when read back (the largest at the platform limits is a
   * few MB).
   */
  public static final int OUTPUT_FILE_LIMIT = 32 << 20;

  private BoundedRead() {}

  /** The file's bytes, or empty when it holds more than {@code limit} bytes. */
  public static Optional<byte[]> readAll(Path path, int limit) throws IOException {
    if (Files.isRegularFile(path) && Files.size(path) > limit) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(path)) {
      return readAll(in, limit);
    }
  }

  /**
   * The stream's bytes, or empty when it holds more than {@code limit} bytes; reads at most limit +
   * 1.
   */
  public static Optional<byte[]> readAll(InputStream in, int limit) throws IOException {
    byte[] bytes = in.readNBytes(limit + 1);
    return bytes.length > limit ? Optional.empty() : Optional.of(bytes);
  }
}
