package org.aisecuritybaseline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.aisecuritybaseline.render.Artifact;
import org.junit.jupiter.api.Test;

class HashesTest {
  private static List<Artifact> files(String dir, int count, Random random) {
    List<Artifact> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] bytes = new byte[random.nextInt(3000)];
      random.nextBytes(bytes);
      files.add(new Artifact(dir + "/f" + i, bytes));
    }
    return files;
  }

  /**
   * Large families hashed in the background, small ones and the rest on the spot: every hash is the
   * file's own, in the order asked, however the files were sorted meanwhile.
   */
  @Test
  void everyFileGetsItsOwnHashWhereverItWasHashed() {
    Random random = new Random(16);
    List<Artifact> large = files("large", Hashes.BACKGROUND_FROM * 3 + 7, random);
    List<Artifact> small = files("small", Hashes.BACKGROUND_FROM - 1, random);
    List<Artifact> later = files("later", 5, random);
    Hashes hashes = new Hashes();
    hashes.startInBackground(large);
    hashes.startInBackground(small);
    List<Artifact> all = new ArrayList<>(large);
    all.addAll(small);
    all.addAll(later);
    Collections.shuffle(all, random);
    List<String> expected = all.stream().map(a -> Generator.sha256(a.bytes())).toList();
    assertEquals(expected, hashes.of(all));
  }

  @Test
  void aKnownHash() {
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        new Hashes().of(List.of(new Artifact("empty", new byte[0]))).get(0));
  }
}
