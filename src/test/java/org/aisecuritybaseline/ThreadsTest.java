package org.aisecuritybaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ThreadsTest {
  @Test
  void finishReturnsTheResultsInTheTasksOrderWhoeverRanThem() {
    List<FutureTask<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int n = i;
      tasks.add(new FutureTask<>(() -> n * n));
    }
    Threads.toPool(tasks);
    List<Integer> results = Threads.finish(tasks);
    for (int i = 0; i < 50; i++) {
      assertEquals(i * i, results.get(i));
    }
  }

  /**
   * A part that fails does not let the caller go on (to remove a staging directory, say) while
   * another part is still running on a thread of the pool.
   */
  @Test
  void finishThrowsOnlyOnceEveryTaskHasEnded() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean slowEnded = new AtomicBoolean();
    IllegalStateException failure = new IllegalStateException("the first part failed");
    FutureTask<Void> fails =
        new FutureTask<>(
            () -> {
              throw failure;
            });
    FutureTask<Void> slow =
        new FutureTask<>(
            () -> {
              started.countDown();
              Thread.sleep(300);
              slowEnded.set(true);
              return null;
            });
    Thread other = new Thread(slow); // as the pool would: this thread cannot run it any more
    other.start();
    assertTrue(started.await(10, TimeUnit.SECONDS), "the slow part is running on the other thread");
    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> Threads.finish(List.of(fails, slow)));
    assertSame(failure, thrown);
    assertTrue(slowEnded.get(), "the slow part ended before the failure was thrown");
    other.join();
  }
}
