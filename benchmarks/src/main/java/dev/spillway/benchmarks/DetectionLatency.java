package dev.spillway.benchmarks;

import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.sentinel.Mitigation;
import dev.spillway.toolkit.sentinel.Sentinel;
import dev.spillway.toolkit.sentinel.SentinelBuilder;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * P2: the sentinel's detection latency, from just before the enqueue that reaches the enable
 * threshold to the first instruction of its callback mitigation. Not JMH (it is a latency
 * distribution of rare events, not a throughput): the crossing is repeated, each time after the
 * sentinel re-armed, and the latencies go into an HdrHistogram.
 *
 * <p>Three sentinels: event-driven with its actions on the detecting thread ({@code
 * actionsInline()}), event-driven with the default hand-off to the sentinel's thread, and polling
 * at 10 ms (each crossing at a random phase of the polling interval).
 *
 * <p>Run: {@code ./mvnw -q -B -pl benchmarks -am package -DskipTests && java -cp
 * benchmarks/target/benchmarks.jar dev.spillway.benchmarks.DetectionLatency}
 */
public final class DetectionLatency {

  static final int ENABLE = 64;
  static final int DISABLE = 8;

  private DetectionLatency() {}

  /** Measures {@code crossings} crossings of an event-driven sentinel. */
  static Latencies eventDriven(int crossings, boolean inline) {
    InstrumentedQueue<Integer> q = InstrumentedQueue.unbounded("p2-event");
    Probe probe = new Probe();
    SentinelBuilder b =
        Sentinel.watching(q)
            .enableAt(ENABLE)
            .disableAt(DISABLE)
            .mitigate(Mitigation.callback(x -> probe.called()));
    if (inline) {
      b = b.actionsInline();
    }
    Histogram h = new Histogram(3);
    try (Sentinel s = b.start()) {
      for (int i = 0; i < crossings + crossings / 10; i++) {
        for (int k = 1; k < ENABLE; k++) {
          q.offer(k);
        }
        probe.arm();
        long t0 = System.nanoTime();
        q.offer(ENABLE);
        long at = probe.await();
        if (i >= crossings / 10) { // the first tenth warms up
          h.recordValue(Math.max(0, at - t0));
        }
        q.clear(); // falls back to 0 <= DISABLE: re-arms
        while (!s.isArmed()) {
          Thread.onSpinWait();
        }
      }
    }
    return Latencies.of(inline ? "event-driven, inline" : "event-driven, hand-off", h);
  }

  /** Measures {@code crossings} crossings of a sentinel polling every {@code interval}. */
  static Latencies polling(int crossings, Duration interval) {
    InstrumentedQueue<Integer> q = InstrumentedQueue.unbounded("p2-poll");
    Probe probe = new Probe();
    Histogram h = new Histogram(3);
    SplittableRandom random = new SplittableRandom(42);
    try (Sentinel s =
        Sentinel.polling(q.probe())
            .every(interval)
            .enableAt(ENABLE)
            .disableAt(DISABLE)
            .mitigate(Mitigation.callback(x -> probe.called()))
            .start()) {
      for (int i = 0; i < crossings; i++) {
        for (int k = 1; k < ENABLE; k++) {
          q.offer(k);
        }
        LockSupport.parkNanos(random.nextLong(interval.toNanos())); // a random phase
        probe.arm();
        long t0 = System.nanoTime();
        q.offer(ENABLE);
        long at = probe.await();
        h.recordValue(Math.max(0, at - t0));
        q.clear();
        while (!s.isArmed()) {
          LockSupport.parkNanos(100_000);
        }
      }
    }
    return Latencies.of("polling every " + interval.toMillis() + " ms", h);
  }

  /** Prints the three distributions and the ratio of the p99s. */
  public static void main(String[] args) {
    boolean quick = Profile.quick();
    Latencies inline = eventDriven(quick ? 500 : 5000, true);
    Latencies handoff = eventDriven(quick ? 500 : 5000, false);
    Latencies poll = polling(quick ? 20 : 100, Duration.ofMillis(10));
    for (Latencies r : new Latencies[] {inline, handoff, poll}) {
      System.out.printf(
          "%-26s n=%d p50 %.1f µs, p99 %.1f µs, max %.1f µs%n",
          r.what(), r.count(), r.p50() / 1e3, r.p99() / 1e3, r.max() / 1e3);
    }
    System.out.printf("p99 ratio polling/inline: %.0f×%n", (double) poll.p99() / inline.p99());
  }

  /** The callback's timestamp, handed from the callback's thread to the measuring thread. */
  private static final class Probe {
    private volatile long calledAt;

    void arm() {
      calledAt = 0;
    }

    void called() {
      calledAt = System.nanoTime();
    }

    long await() {
      long at;
      while ((at = calledAt) == 0) {
        Thread.onSpinWait();
      }
      return at;
    }
  }
}
