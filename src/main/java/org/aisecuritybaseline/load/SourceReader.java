package org.aisecuritybaseline.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Diagnostic;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.diag.Location;
import org.aisecuritybaseline.diag.Severity;
import org.aisecuritybaseline.diag.SourceFile;

/** Reads an input file as strict UTF-8, refusing oversized files before reading them. */
public final class SourceReader {
  private SourceReader() {}

  public static Optional<SourceFile> read(Path path, String displayPath, Diagnostics diagnostics) {
    SourceFile named = new SourceFile(displayPath, "");
    try {
      if (Files.isDirectory(path)) {
        diagnostics.add(error(named, Code.E100, "is a directory; name the estate YAML file"));
        return Optional.empty();
      }
      Optional<byte[]> read = BoundedRead.readAll(path, YamlLoader.MAX_BYTES);
      if (read.isEmpty()) {
        diagnostics.add(
            error(
                named,
                Code.E102,
                "the file is larger than 1 MiB: estate files are limited to "
                    + YamlLoader.MAX_BYTES
                    + " bytes; split it, or check that it is the estate you meant"));
        return Optional.empty();
      }
      byte[] bytes = read.get();
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
      } catch (CharacterCodingException e) {
        diagnostics.add(error(named, Code.E101, "the file is not valid UTF-8; save it as UTF-8"));
        return Optional.empty();
      }
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      return Optional.of(new SourceFile(displayPath, text));
    } catch (NoSuchFileException e) {
      diagnostics.add(error(named, Code.E100, "no such file"));
    } catch (IOException e) {
      diagnostics.add(error(named, Code.E100, "cannot read the file: " + e.getMessage()));
    }
    return Optional.empty();
  }

  private static Diagnostic error(SourceFile file, Code code, String message) {
    return new Diagnostic(Severity.ERROR, code, message, file, Location.START, "");
  }
}
