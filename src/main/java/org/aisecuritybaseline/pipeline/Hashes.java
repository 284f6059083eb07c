package org.aisecuritybaseline.pipeline;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import org.aisecuritybaseline.Threads;
import org.aisecuritybaseline.render.Artifact;

/**
 * The SHA-256 of each generated file, for the manifest. At the platform limits (thousands of files,
 * about 20 MB) hashing costs more than any one family's rendering: SHA-256 has no fast path under
 * the launcher's client compiler. So a family's large output is hashed on the other core while the
 * next families render; whatever is still waiting when the manifest is written, this thread and the
 * background one finish from opposite ends. Small outputs are hashed when the manifest is written,
 * where a thread would cost more than it saves.
 */
final class Hashes {
  /** From this many files in one family's output they are hashed in the background. */
  static final int BACKGROUND_FROM = 200;

  /**
   * Files per background task: small, so that the manifest's thread can take a share at the end.
   */
  static final int CHUNK = 64;

  private record Chunk(List<Artifact> files, FutureTask<List<String>> task) {}

  private final List<Chunk> chunks = new ArrayList<>();

  /** Starts hashing {@code files} on the other core when there are many of them. */
  void startInBackground(List<Artifact> files) {
    if (files.size() < BACKGROUND_FROM) {
      return;
    }
    List<FutureTask<List<String>>> tasks = new ArrayList<>();
    for (int from = 0; from < files.size(); from += CHUNK) {
      List<Artifact> part = List.copyOf(files.subList(from, Math.min(files.size(), from + CHUNK)));
      FutureTask<List<String>> task = new FutureTask<>(() -> hash(part));
      chunks.add(new Chunk(part, task));
      tasks.add(task);
    }
    Threads.toPool(tasks);
  }

  /** The hash of each of {@code files}, in their order. */
  List<String> of(List<Artifact> files) {
    // The chunks still queued are taken here from the end while the pool goes on from the start.
    List<List<String>> hashed = Threads.finish(chunks.stream().map(Chunk::task).toList());
    Map<Artifact, String> known = new IdentityHashMap<>();
    for (int c = 0; c < chunks.size(); c++) {
      List<Artifact> part = chunks.get(c).files();
      for (int i = 0; i < part.size(); i++) {
        known.put(part.get(i), hashed.get(c).get(i));
      }
    }
    return files.stream()
        .map(a -> known.computeIfAbsent(a, f -> Generator.sha256(f.bytes())))
        .toList();
  }

  private static List<String> hash(List<Artifact> files) {
    return files.stream().map(a -> Generator.sha256(a.bytes())).toList();
  }
}
