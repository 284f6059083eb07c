package org.aisecuritybaseline.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link Json#writeBytes} writes bytes directly; it must give the bytes of the canonical text that
 * Jackson writes as characters, for every string the estate can hold.
 */
class JsonWriteTest {
  /** The canonical text as it was written before: characters (same printer), then encoded. */
  private static byte[] viaText(JsonNode node) {
    String text =
        Json.mapper().writerWithDefaultPrettyPrinter().with(Json.PRINTER).writeValueAsString(node);
    return (text + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void bytesAreTheCanonicalTextForAnyStringWithoutLoneSurrogates() {
    Random random = new Random(16);
    for (int round = 0; round < 300; round++) {
      ObjectNode root = Json.NODES.objectNode();
      ArrayNode list = root.putArray("list");
      for (int i = 0; i < 5; i++) {
        list.add(randomText(random));
        root.put(randomText(random), randomText(random));
      }
      root.putObject("empty");
      root.putArray("none");
      root.put("number", random.nextLong()).put("decimal", random.nextDouble());
      root.put("yes", true).putNull("nothing");
      byte[] bytes = Json.writeBytes(root);
      assertArrayEquals(viaText(root), bytes, new String(bytes, StandardCharsets.UTF_8));
      assertEquals(new String(bytes, StandardCharsets.UTF_8), Json.write(root));
    }
  }

  @Test
  void aLoneSurrogateIsEscapedNotReplaced() {
    ObjectNode node = Json.NODES.objectNode().put("k", "a\ud800b");
    assertEquals("{\n  \"k\": \"a\\uD800b\"\n}\n", Json.write(node));
  }

  /** Code points from every range: ASCII, controls, Latin-1, BMP (no surrogates), supplementary. */
  static String randomText(Random random) {
    StringBuilder b = new StringBuilder();
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      int cp =
          switch (random.nextInt(5)) {
            case 0 -> random.nextInt(0x80);
            case 1 -> random.nextInt(0x20);
            case 2 -> 0x80 + random.nextInt(0x780);
            case 3 -> {
              int c = 0x800 + random.nextInt(0xF800);
              yield Character.isSurrogate((char) c) ? 0x2028 : c;
            }
            default -> 0x10000 + random.nextInt(0x100000);
          };
      b.appendCodePoint(cp);
    }
    return b.toString();
  }
}
