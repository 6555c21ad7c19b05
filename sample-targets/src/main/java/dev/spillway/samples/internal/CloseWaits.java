package dev.spillway.samples.internal;

import dev.spillway.samples.EventTracker;
import dev.spillway.toolkit.util.Threads;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** The bounded waits every design's close is made of. */
final class CloseWaits {

  private static final long POLL_NANOS = 100_000;
  private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE / 2);

  private CloseWaits() {}

  /** The {@link System#nanoTime()} instant {@code timeout} from now, at most ~146 years away. */
  static long deadlineAfter(Duration timeout) {
    return System.nanoTime() + (timeout.compareTo(LONGEST) > 0 ? LONGEST : timeout).toNanos();
  }

  /** Waits until {@code count} is 0 or {@code deadlineNanos} has passed. */
  static void awaitZero(AtomicLong count, long deadlineNanos) {
    while (count.get() > 0 && System.nanoTime() - deadlineNanos < 0) {
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /**
   * Waits until {@code deadlineNanos} for the interrupted {@code thread} to end. An interrupt of
   * the waiting thread ends the wait (and stays set).
   *
   * @return empty when it ended; otherwise how it did not stop, for a log line: {@code "within 2000
   *     ms of being interrupted"} or {@code "before the wait for it was interrupted"}
   */
  static Optional<String> awaitEnd(Thread thread, long deadlineNanos) {
    if (Threads.joinUntil(thread, deadlineNanos)) {
      return Optional.empty();
    }
    return Optional.of(
        Thread.currentThread().isInterrupted()
            ? "before the wait for it was interrupted"
            : "within "
                + EventTracker.CONSUMER_STOP_TIMEOUT.toMillis()
                + " ms of being interrupted");
  }
}
