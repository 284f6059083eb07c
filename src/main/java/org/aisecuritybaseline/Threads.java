package org.aisecuritybaseline;

/**
 * What the background threads (pipeline/Preload, render/Templates at start-up; pipeline/Hashes;
 * cli/PlanCommand's read of its --against directory; plan/PlanBuilder's comparison of files;
 * write/OutputWriter's staging and removal of files) share.
 */
public final class Threads {
  private Threads() {}

  /**
   * Starts {@code work} on a daemon thread named {@code name} and returns the thread. Work ahead of
   * need: should it fail, it ends silently, and the code that needs its result does that work
   * itself and reports the problem in the usual way.
   */
  public static Thread startAhead(String name, Runnable work) {
    Thread t =
        new Thread(
            () -> {
              try {
                work.run();
              } catch (RuntimeException | Error e) {
                // Silently: see above.
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * Gives {@code tasks} to the common pool (a thread for each core but one), which takes them from
   * the first; {@link #finish} then shares what is left with the calling thread.
   */
  public static void toPool(java.util.List<? extends java.util.concurrent.FutureTask<?>> tasks) {
    tasks.forEach(java.util.concurrent.ForkJoinPool.commonPool()::execute);
  }

  /**
   * Runs on this thread those of {@code tasks} that no other thread has started, from the last (a
   * task that has started or ended is not run again: FutureTask.run), so that this thread and the
   * pool meet in the middle; then the result of each, in their order. What a task threw is thrown
   * here, as {@link #awaitResult} does, once every task has ended (an error before an exception,
   * else the first in their order).
   */
  public static <T> java.util.List<T> finish(
      java.util.List<? extends java.util.concurrent.FutureTask<T>> tasks) {
    for (int i = tasks.size() - 1; i >= 0; i--) {
      tasks.get(i).run();
    }
    java.util.List<T> results = new java.util.ArrayList<>();
    RuntimeException failed = null;
    Error broken = null;
    for (java.util.concurrent.FutureTask<T> task : tasks) {
      try { // every task has ended before anything is thrown: none goes on behind the caller
        results.add(awaitResult(task));
      } catch (RuntimeException e) {
        failed = failed == null ? e : failed;
      } catch (Error e) {
        broken = broken == null ? e : broken;
      }
    }
    if (broken != null) {
      throw broken;
    }
    if (failed != null) {
      throw failed;
    }
    return results;
  }

  /**
   * Waits for {@code thread} to end, even when interrupted meanwhile (the interruption is kept for
   * the caller): the caller must not go on beside it.
   */
  public static void awaitEnd(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The result of {@code task}, waiting for it even when interrupted meanwhile (the interruption is
   * kept for the caller); what the task threw is thrown here.
   */
  public static <T> T awaitResult(java.util.concurrent.Future<T> task) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
