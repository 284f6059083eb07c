package org.aisecuritybaseline;

/** What the start-up's background threads (pipeline/Preload, render/Templates) share. */
public final class Threads {
  private Threads() {}

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
