package org.aisecuritybaseline.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link Json#parse(byte[])} reads UTF-8 without decoding it to text first (plan reads both outputs
 * that way); it must give the tree that parsing the text gives.
 */
class JsonParseTest {
  @Test
  void bytesGiveTheTreeOfTheirText() {
    Random random = new Random(16);
    for (int round = 0; round < 300; round++) {
      ObjectNode root = Json.NODES.objectNode();
      for (int i = 0; i < 5; i++) {
        root.put(JsonWriteTest.randomText(random), JsonWriteTest.randomText(random));
        root.putArray(JsonWriteTest.randomText(random))
            .add(random.nextLong())
            .add(random.nextDouble())
            .add(true);
      }
      root.putObject("nested").putNull("nothing").put("n", random.nextInt());
      byte[] bytes = Json.writeBytes(root);
      JsonNode fromText = Json.parse(new String(bytes, StandardCharsets.UTF_8));
      assertEquals(fromText, Json.parse(bytes));
      assertEquals(root, Json.parse(bytes));
    }
  }

  /**
   * Where the two differ, on files no generator writes: bytes that are not UTF-8 fail (the text
   * held U+FFFD instead), and a byte-order mark is skipped (the text failed on it). Either way plan
   * shows such a file as text when it does not parse.
   */
  @Test
  void bytesThatAreNotUtf8FailAndAByteOrderMarkIsSkipped() {
    byte[] notUtf8 = {'{', '"', 'k', '"', ':', '"', (byte) 0xff, '"', '}'};
    assertThrows(RuntimeException.class, () -> Json.parse(notUtf8));
    byte[] bom = "\uFEFF{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
    assertEquals(Json.parse("{\"a\": 1}"), Json.parse(bom));
  }
}
