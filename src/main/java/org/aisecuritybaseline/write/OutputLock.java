package org.aisecuritybaseline.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One run at a time per output directory: an operating-system lock on a file next to it. The lock
 * ends with the process, so a killed run never leaves it held; the file is removed when the run
 * ends. Because another run may have opened the file just before it was removed, a run checks after
 * locking that the path still names the file it locked (by a random token written into it).
 */
final class OutputLock implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int ATTEMPTS = 5;

  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  static OutputLock acquire(Path path, Path out) throws OutputWriter.RefusedException {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      FileChannel channel = null;
      try {
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null; // another run in this same process
        }
        if (lock == null) {
          channel.close();
          throw busy(path, out);
        }
        byte[] token = HexFormat.of().formatHex(RANDOM.generateSeed(16)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(token), 0);
        channel.force(false);
        if (names(path, token)) {
          return new OutputLock(path, channel, lock);
        }
        channel.close(); // the file was removed or replaced after we opened it: try again
      } catch (IOException e) {
        closeQuietly(channel);
        throw new OutputWriter.RefusedException("cannot write next to " + OutputWriter.shown(out) + " (the lock file "
            + OutputWriter.shown(path.getFileName()) + "): " + OutputWriter.reason(e) + "; choose another --out");
      }
    }
    throw busy(path, out);
  }

  private static boolean names(Path path, byte[] token) throws IOException {
    try {
      return !Files.isSymbolicLink(path) && Arrays.equals(Files.readAllBytes(path), token);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static OutputWriter.RefusedException busy(Path path, Path out) {
    return new OutputWriter.RefusedException("another baseline run is writing " + OutputWriter.shown(out) + " (it holds "
        + OutputWriter.shown(path.getFileName()) + "); wait for it to finish and run again. Nothing was changed.");
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to do
      }
    }
  }

  /** Removes the file while still holding the lock, then releases it. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A stale lock file is harmless: the next run locks and reuses it.
    }
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }
}
