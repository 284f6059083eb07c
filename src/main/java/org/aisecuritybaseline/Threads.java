package org.aisecuritybaseline;

/** What the start-up's background threads (pipeline/Preload, render/Templates) share. */
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
}
