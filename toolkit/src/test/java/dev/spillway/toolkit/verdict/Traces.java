package dev.spillway.toolkit.verdict;

import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.QueueTrace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Synthetic traces for verdict tests. */
final class Traces {

  static final long START_NANOS = 1_000_000_000_000L;

  private Traces() {}

  /**
   * A one-probe trace named "q" sampled every 10 ms for {@code seconds}, with depth(t) rounded
   * down; t in seconds.
   */
  static QueueTrace trace(double seconds, DoubleUnaryOperator depth) {
    int n = (int) Math.round(seconds * 100) + 1;
    long[] t = new long[n];
    long[] d = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * 10_000_000L;
      d[i] = Math.max(0, (long) Math.floor(depth.applyAsDouble(i / 100.0)));
    }
    return new QueueTrace(
        "rec",
        Instant.EPOCH,
        START_NANOS,
        Duration.ofNanos(t[n - 1]),
        Duration.ofMillis(10),
        List.of(DepthSeries.of("q", t, d)),
        List.of(),
        0,
        0);
  }

  /** A small deterministic jitter in [-2, 2] for sample time t. */
  static double jitter(double t) {
    long i = Math.round(t * 100);
    return ((i * 7919) % 5) - 2;
  }
}
