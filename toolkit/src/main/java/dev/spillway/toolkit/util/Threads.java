package dev.spillway.toolkit.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/** Bounded waits for threads, as every close in Spillway's modules waits for its own. */
@API(status = INTERNAL, since = "0.1")
public final class Threads {

  private Threads() {}

  /**
   * Waits until {@code thread} ends or {@code deadline} (a {@link System#nanoTime()} instant)
   * passes, whichever comes first; an interrupt of the waiting thread ends the wait early and is
   * kept in its flag.
   *
   * @return whether the thread has ended
   */
  public static boolean joinUntil(Thread thread, long deadline) {
    long left;
    while (thread.isAlive() && (left = deadline - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.timedJoin(thread, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return !thread.isAlive();
  }
}
