package dev.spillway.benchmarks;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution in nanoseconds, as the measurement mains report it: what was measured, how
 * many samples, p50, p99 and the maximum.
 */
record Latencies(String what, long count, long p50, long p99, long max) {

  /** The figures of {@code h}, recorded in nanoseconds. */
  static Latencies of(String what, Histogram h) {
    return new Latencies(
        what,
        h.getTotalCount(),
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(99),
        h.getMaxValue());
  }

  /** {@code p50 1.5 µs, p99 8.9 µs (n=5000)}. */
  String describe() {
    return String.format("p50 %.1f µs, p99 %.1f µs (n=%d)", p50 / 1e3, p99 / 1e3, count);
  }
}
