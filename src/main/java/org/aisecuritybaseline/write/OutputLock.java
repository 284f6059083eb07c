package org.aisecuritybaseline.write;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run at a time per output directory: an operating-system lock on an empty file next to it
 * ({@code .NAME.baseline-lock}). The lock ends with the process, so a killed run never leaves it
 * held. The file itself stays: removing it would let a run that opened it just before lock a file
 * that no longer has a name while a third run locks a new one, and telling the two apart needs a
 * second descriptor on the file, whose closing releases POSIX locks. It is empty and ignored by the
 * .gitignore that init writes.
 */
final class OutputLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static OutputLock acquire(Path path, Path out) throws OutputWriter.RefusedException {
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // another run in this same process
      }
      if (lock == null) {
        channel.close();
        throw new OutputWriter.RefusedException(
            "another baseline run is writing "
                + OutputWriter.shown(out)
                + " (it holds "
                + OutputWriter.shown(path.getFileName())
                + "); wait for it to finish and run again."
                + " Nothing was changed.");
      }
      return new OutputLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new OutputWriter.RefusedException(
          "cannot write next to "
              + OutputWriter.shown(out)
              + " (the lock file "
              + OutputWriter.shown(path.getFileName())
              + "): "
              + OutputWriter.reason(e)
              + "; choose another --out");
    }
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

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }
}
