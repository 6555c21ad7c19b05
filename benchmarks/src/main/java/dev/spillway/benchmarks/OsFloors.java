package dev.spillway.benchmarks;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The operating system's floors under P2 and P4, measured in the same run as the figures they
 * bound, so that a goal missed by the toolkit can be told from a goal below what the machine does
 * at all:
 *
 * <ul>
 *   <li>{@link #wakeUp(int)}: from {@code LockSupport.unpark} of a parked thread to that thread's
 *       first instruction — the least a hand-off to another thread can cost (P2's hand-off sentinel
 *       does exactly this, plus its own work).
 *   <li>{@link #parkOvershoot(int, long)}: how much later than asked {@code parkNanos} returns —
 *       the least lateness a load driver that parks between messages can have (P4 at 10,000/s parks
 *       for up to 100 µs between messages).
 * </ul>
 *
 * <p>Run: {@code ./mvnw -q -B -pl benchmarks -am package -DskipTests && java -cp
 * benchmarks/target/benchmarks.jar dev.spillway.benchmarks.OsFloors}
 */
public final class OsFloors {

  private OsFloors() {}

  /**
   * Unparks a parked thread {@code wakeUps} times, each time after it has been parked for about a
   * millisecond (as a sentinel's thread waits for a crossing), and records unpark → running.
   */
  static Latencies wakeUp(int wakeUps) {
    AtomicLong unparkedAt = new AtomicLong();
    AtomicLong runningAt = new AtomicLong();
    Thread sleeper =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park();
                if (unparkedAt.get() != 0 && runningAt.get() == 0) {
                  runningAt.set(System.nanoTime());
                }
              }
            },
            "spillway-bench-sleeper");
    sleeper.setDaemon(true);
    sleeper.start();
    Histogram h = new Histogram(3);
    int warmUp = wakeUps / 10;
    for (int i = 0; i < wakeUps + warmUp; i++) {
      while (sleeper.getState() != Thread.State.WAITING) {
        Thread.onSpinWait();
      }
      LockSupport.parkNanos(1_000_000); // let it sink into its wait, as a real idle thread does
      runningAt.set(0);
      long t0 = System.nanoTime();
      unparkedAt.set(t0);
      LockSupport.unpark(sleeper);
      long at;
      while ((at = runningAt.get()) == 0) {
        Thread.onSpinWait();
      }
      unparkedAt.set(0);
      if (i >= warmUp) {
        h.recordValue(Math.max(0, at - t0));
      }
    }
    sleeper.interrupt();
    return Latencies.of("unpark → running (a parked thread)", h);
  }

  /** Parks {@code parks} times for {@code nanos} each and records how much later it returned. */
  static Latencies parkOvershoot(int parks, long nanos) {
    Histogram h = new Histogram(3);
    int warmUp = parks / 10;
    for (int i = 0; i < parks + warmUp; i++) {
      long t0 = System.nanoTime();
      LockSupport.parkNanos(nanos);
      long late = System.nanoTime() - t0 - nanos;
      if (i >= warmUp) {
        h.recordValue(Math.max(0, late));
      }
    }
    return Latencies.of("parkNanos(" + nanos / 1000 + " µs) overshoot", h);
  }

  /** Prints both floors. */
  public static void main(String[] args) {
    boolean quick = Profile.quick();
    System.out.println(wakeUp(quick ? 500 : 5000).describe() + "  unpark → running");
    System.out.println(
        parkOvershoot(quick ? 2000 : 20_000, 50_000).describe() + "  parkNanos(50 µs) overshoot");
  }
}
