package org.aisecuritybaseline.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which previous files a new output shares by a hard link, and which it must write. */
class KeptTest {
  @TempDir Path tmp;
  private Path previous;
  private Path staging;

  @BeforeEach
  void directories() throws IOException {
    previous = Files.createDirectory(tmp.resolve("out"));
    staging = Files.createDirectory(tmp.resolve("staging"));
  }

  private Path previousFile(String name, String text) throws IOException {
    return Files.writeString(previous.resolve(name), text);
  }

  private boolean link(String name, String text) {
    return Kept.from(previous, staging).link(Artifact.text(name, text), staging.resolve(name));
  }

  private static Object inode(Path p) throws IOException {
    return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
  }

  @Test
  void aFileWithTheSameBytesIsLinkedAndKeepsItsTime() throws IOException {
    Path old = previousFile("a.json", "{}\n");
    var time = java.nio.file.attribute.FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(old, time);
    assertTrue(link("a.json", "{}\n"));
    Path linked = staging.resolve("a.json");
    assertEquals(inode(old), inode(linked));
    assertEquals(time, Files.getLastModifiedTime(linked));
    assertEquals(2, Files.getAttribute(linked, "unix:nlink"));
  }

  @Test
  void otherBytesOfTheSameSizeAreWrittenNotLinked() throws IOException {
    previousFile("a.json", "{1}\n");
    assertFalse(link("a.json", "{2}\n"));
    assertFalse(Files.exists(staging.resolve("a.json"), LinkOption.NOFOLLOW_LINKS));
    assertFalse(link("a.json", "{22}\n"), "another size");
    assertFalse(link("missing.json", "{}"), "no previous file");
  }

  @Test
  void aFileThatIsAlsoLinkedElsewhereIsNotShared() throws IOException {
    Path old = previousFile("a.json", "{}");
    Files.createLink(tmp.resolve("backup.json"), old);
    assertFalse(link("a.json", "{}"), "an edit of the new output would reach backup.json");
    assertEquals(2, Files.getAttribute(old, "unix:nlink"));
  }

  @Test
  void linksAndFoldersAreNotFollowed() throws IOException {
    Path target = Files.writeString(tmp.resolve("elsewhere.json"), "{}");
    Files.createSymbolicLink(previous.resolve("a.json"), target);
    assertFalse(link("a.json", "{}"));
    assertFalse(Files.exists(staging.resolve("a.json"), LinkOption.NOFOLLOW_LINKS));
    Files.createDirectory(previous.resolve("b.json"));
    assertFalse(link("b.json", ""));
  }

  @Test
  void aShellScriptIsLinkedOnlyWhenItIsExecutableAsGenerated() throws IOException {
    assumeTrue(OutputWriter.knowsPermissions(tmp), "a file system with POSIX permissions");
    Path script = previousFile("run.sh", "echo\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
    assertFalse(link("run.sh", "echo\n"));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertFalse(link("run.sh", "echo\n"));
    Files.setPosixFilePermissions(script, OutputWriter.SCRIPT);
    assertTrue(link("run.sh", "echo\n"));
    assertEquals(OutputWriter.SCRIPT, Files.getPosixFilePermissions(staging.resolve("run.sh")));
  }

  @Test
  void aFileOfAnotherUserIsNotShared() throws IOException {
    assumeTrue(
        Integer.valueOf(0).equals(Files.getAttribute(staging, "unix:uid")),
        "only root can give a file to another user");
    Path old = previousFile("a.json", "{}");
    Files.setAttribute(old, "unix:uid", 4242);
    assertFalse(link("a.json", "{}"));
  }

  @Test
  void nothingIsLinkedWithoutAPreviousOutput() throws IOException {
    Path none = tmp.resolve("none");
    Kept kept = Kept.from(none, staging);
    assertFalse(kept.link(Artifact.text("a.json", "{}"), staging.resolve("a.json")));
    Files.write(tmp.resolve("file"), "x".getBytes(StandardCharsets.UTF_8));
    assertFalse(
        Kept.from(tmp.resolve("file"), staging)
            .link(Artifact.text("a.json", "{}"), staging.resolve("a.json")),
        "the previous output is a file");
  }
}
