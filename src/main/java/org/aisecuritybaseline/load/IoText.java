package org.aisecuritybaseline.load;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.aisecuritybaseline.diag.ConsoleText;

/** What an I/O failure means, in the file system's words and without Java's exception names. */
public final class IoText {
  private IoText() {}

  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException a) {
      return "permission denied" + file(a.getFile());
    }
    if (e instanceof NoSuchFileException n) {
      return "no such file or directory" + file(n.getFile());
    }
    if (e instanceof FileAlreadyExistsException f) {
      return ConsoleText.oneLine(f.getFile()) + " already exists (and is not a directory)";
    }
    if (e instanceof NotDirectoryException n) {
      return ConsoleText.oneLine(n.getFile()) + " is not a directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return ConsoleText.oneLine(f.getReason()) + file(f.getFile());
    }
    return ConsoleText.oneLine(String.valueOf(e.getMessage()));
  }

  private static String file(String name) {
    return name == null ? "" : " (" + ConsoleText.oneLine(name) + ")";
  }
}
