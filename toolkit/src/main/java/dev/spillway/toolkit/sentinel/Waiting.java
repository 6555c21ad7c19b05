package dev.spillway.toolkit.sentinel;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Bounded waits of a sentinel's {@link Sentinel#close()}. Stateless. */
final class Waiting {

  private Waiting() {}

  /**
   * Waits until {@code thread} ends or {@code deadline} (a {@link System#nanoTime()} instant)
   * passes, whichever comes first; an interrupt of the waiting thread ends the wait early and is
   * kept in its flag.
   *
   * @return whether the thread has ended
   */
  static boolean joinUntil(Thread thread, long deadline) {
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

  /** {@code 5s}, {@code 1500ms}: whole seconds when they are whole, else milliseconds. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
