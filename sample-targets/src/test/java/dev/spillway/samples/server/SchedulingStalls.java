package dev.spillway.samples.server;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * How long the machine kept a runnable thread of this JVM off the CPU: a daemon thread parks for 1
 * ms again and again and notes when it wakes; a gap between two wakes longer than the park is time
 * the scheduler did not run it. A latency measured on a shared, loaded machine can then be compared
 * with what the machine itself took from the same run at the same moment, instead of with a
 * wall-clock figure alone: a server blocked by its clients leaves this thread running on time.
 *
 * <p>Bounded: keeps the last {@value #KEPT} wakes (about a minute); {@link #close()} stops the
 * thread. Thread-safety: {@link #longestWithin} may be called from any thread.
 */
final class SchedulingStalls implements AutoCloseable {

  private static final long PARK_NANOS = Duration.ofMillis(1).toNanos();
  private static final int KEPT = 1 << 16;

  private final long[] wakes = new long[KEPT];
  private volatile long count; // wakes written; the newest is at (count - 1) % KEPT
  private volatile boolean running = true;
  private final Thread thread;

  private SchedulingStalls() {
    thread =
        new Thread(
            () -> {
              while (running) {
                LockSupport.parkNanos(PARK_NANOS);
                long c = count;
                wakes[(int) (c % KEPT)] = System.nanoTime();
                count = c + 1; // volatile write after the array write: readers see the wake
              }
            },
            "scheduling-stalls");
    thread.setDaemon(true);
  }

  /** Starts watching at once. */
  static SchedulingStalls start() {
    SchedulingStalls stalls = new SchedulingStalls();
    stalls.wakes[0] = System.nanoTime();
    stalls.count = 1;
    stalls.thread.start();
    return stalls;
  }

  /**
   * The longest time, beyond its 1 ms park, the watching thread waited for the CPU in a gap between
   * two wakes that overlaps [{@code fromNanos}, {@code toNanos}] ({@link System#nanoTime()}); 0 if
   * none was longer than the park. A gap that began before {@code fromNanos} counts whole: the
   * allowance it gives is at most the stall itself.
   */
  long longestWithin(long fromNanos, long toNanos) {
    long c = count;
    long longest = 0;
    long first = Math.max(1, c - KEPT + 1);
    for (long k = c - 1; k >= first; k--) {
      long woke = wakes[(int) (k % KEPT)];
      long before = wakes[(int) ((k - 1) % KEPT)];
      if (woke - fromNanos < 0) {
        break; // this gap and every earlier one ended before the span
      }
      if (before - toNanos <= 0) {
        longest = Math.max(longest, woke - before - PARK_NANOS);
      }
    }
    // the gap still open at the end of the span, if the thread has not woken since
    long newest = wakes[(int) ((c - 1) % KEPT)];
    if (newest - toNanos < 0) {
      longest = Math.max(longest, toNanos - newest - PARK_NANOS);
    }
    return Math.max(0, longest);
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop waiting; the thread is a daemon and was told
    }
  }
}
