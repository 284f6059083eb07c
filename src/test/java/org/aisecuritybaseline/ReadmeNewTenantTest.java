package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisecuritybaseline.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README, "A new tenant in three commands": the commands run as shown (placeholders filled in), and
 * generate prints the summary the README shows and writes the files it lists.
 */
class ReadmeNewTenantTest {
  private static final Map<String, String> PLACEHOLDERS =
      Map.of(
          "<tenant-id>",
          "6f1c2a4e-3b7d-4e8f-9a0b-1c2d3e4f5a6b",
          "<account-1>",
          "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
          "<account-2>",
          "1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e",
          "<label-guid>",
          "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");

  @TempDir Path tmp;

  @Test
  void theThreeCommandsProduceWhatTheReadmeShows() {
    String readme = TestSupport.read(TestSupport.root().resolve("README.md"));
    String section = readme.substring(readme.indexOf("## A new tenant in three commands"));
    section = section.substring(0, section.indexOf("\n## "));
    List<String> blocks = blocks(section);
    List<String> commands = List.of(blocks.get(0).replace("\\\n", " ").split("\n"));
    assertEquals(3, commands.size(), blocks.get(0));
    String generated = "";
    for (String command : commands) {
      List<String> words = words(command.replaceAll("\\s+#.*$", ""));
      assertEquals("./baseline", words.get(0), command);
      String[] args =
          words.subList(1, words.size()).stream().map(this::fill).toArray(String[]::new);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          Main.run(
              args,
              new BufferedReader(new StringReader("")),
              new PrintWriter(out),
              new PrintWriter(err));
      assertEquals(0, code, command + "\n" + out + err);
      if (args[0].equals("generate")) {
        generated = out.toString().replace(tmp + "/", "");
      }
    }
    String summary = blocks.get(1).strip();
    assertTrue(
        generated.lines().anyMatch(summary::equals),
        "README shows\n  " + summary + "\ngenerate printed\n" + generated);
    Matcher file = Pattern.compile("[\\w-]+\\.(json|ps1|md)").matcher(blocks.get(2));
    Path out = tmp.resolve("contoso/out");
    List<String> names = new ArrayList<>();
    TestSupport.files(out).forEach(p -> names.add(p.getFileName().toString()));
    int listed = 0;
    while (file.find()) {
      listed++;
      assertTrue(
          names.contains(file.group()),
          "README lists " + file.group() + ", which generate did not write: " + names);
    }
    assertTrue(listed >= 10, blocks.get(2));
    assertTrue(Files.isDirectory(out));
  }

  /** Placeholders filled in; paths under contoso/ moved into the test's directory. */
  private String fill(String word) {
    for (Map.Entry<String, String> p : PLACEHOLDERS.entrySet()) {
      word = word.replace(p.getKey(), p.getValue());
    }
    return word.equals("contoso") || word.startsWith("contoso/")
        ? tmp.resolve(word).toString()
        : word;
  }

  /** The fenced code blocks of {@code text}, in order. */
  private static List<String> blocks(String text) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("(?s)```\\w*\\n(.*?)```").matcher(text);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  /** Shell words: split at spaces outside double quotes, quotes removed. */
  private static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : command.strip().toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any || word.length() > 0) {
          words.add(word.toString());
        }
        word.setLength(0);
        any = false;
      } else {
        word.append(c);
      }
    }
    if (any || word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }
}
