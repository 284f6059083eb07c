package org.aisecuritybaseline.write;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.aisecuritybaseline.render.Artifact;

/**
 * The files of the previous output that a new one can share instead of writing them again. When an
 * estate changes, most of its output does not (at the platform limits, one edited policy changes
 * two of 3,500 files); creating a file costs the kernel far more than linking one, and on ext4
 * without a journal creating thousands of files shortly after thousands were deleted (the previous
 * output, by the last run) costs more still: each new inode skips every one freed in the last
 * minute. So the staging directory gets a hard link to each previous file that holds exactly the
 * artifact's bytes, and a new file for everything else.
 *
 * <p>A previous file is linked only when all of this holds, read without following links: it is a
 * regular file with the artifact's size and bytes, it has no other link (nothing outside the output
 * shares it, so no later edit of the new output can reach another file), it belongs to the user who
 * runs the tool (the new output is owned as if written), and a shell script is {@code rwxr-xr-x}.
 * After linking, the link must lead to the same file, unmodified since it was compared (device,
 * inode, size, modification time and two links), or it is removed and the file written. Any doubt,
 * a file system without hard links or Unix attributes (Windows, FAT), or any error means the file
 * is written as usual. Linked files keep their modification time; nothing is ever written to them.
 */
final class Kept {
  private static final String ATTRIBUTES =
      "unix:isRegularFile,size,nlink,uid,mode,dev,ino,lastModifiedTime";
  private static final String AFTER = "unix:isRegularFile,size,nlink,dev,ino,lastModifiedTime";
  private static final int TYPE_AND_PERMISSIONS = 0170777;
  private static final int SCRIPT_MODE = 0100755; // a regular file, rwxr-xr-x
  private static final Kept NONE = new Kept(null, null);

  private final Path previous;
  private final Object owner;

  private Kept(Path previous, Object owner) {
    this.previous = previous;
    this.owner = owner;
  }

  /**
   * The previous output {@code out} as a source of links for {@code staging}, or nothing to link
   * when there is no previous output or the file system cannot tell what linking needs.
   */
  static Kept from(Path out, Path staging) {
    try {
      if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)
          || !Files.getFileStore(staging).supportsFileAttributeView("unix")) {
        return NONE;
      }
      // The staging directory was just created by this process: its owner is the running user.
      return new Kept(out, Files.getAttribute(staging, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
  }

  /**
   * Links {@code target} to the previous output's copy of {@code a} when that copy can be shared
   * (see the class comment); false when the caller must write the file.
   */
  boolean link(Artifact a, Path target) {
    if (previous == null) {
      return false;
    }
    Path file = previous.resolve(a.path());
    try {
      Map<String, Object> before =
          Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      if (!Boolean.TRUE.equals(before.get("isRegularFile"))
          || !Long.valueOf(a.bytes().length).equals(before.get("size"))
          || !Integer.valueOf(1).equals(before.get("nlink"))
          || !owner.equals(before.get("uid"))
          || a.path().endsWith(".sh")
              && !Integer.valueOf(SCRIPT_MODE)
                  .equals(((Integer) before.get("mode")) & TYPE_AND_PERMISSIONS)) {
        return false;
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readNBytes(a.bytes().length + 1); // one more: a file that grew meanwhile
      }
      if (!Arrays.equals(bytes, a.bytes())) {
        return false;
      }
      Files.createLink(target, file);
      Map<String, Object> after = Files.readAttributes(target, AFTER, LinkOption.NOFOLLOW_LINKS);
      if (Boolean.TRUE.equals(after.get("isRegularFile"))
          && before.get("dev").equals(after.get("dev"))
          && before.get("ino").equals(after.get("ino"))
          && before.get("size").equals(after.get("size"))
          && Integer.valueOf(2).equals(after.get("nlink"))
          && before.get("lastModifiedTime").equals(after.get("lastModifiedTime"))) {
        return true;
      }
      Files.delete(target); // changed or replaced meanwhile: write it instead
      return false;
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(target);
      } catch (IOException again) {
        // The write that follows fails on it and is reported.
      }
      return false;
    }
  }
}
