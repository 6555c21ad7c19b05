package dev.spillway.gatling;

import dev.spillway.toolkit.util.Preconditions;
import org.HdrHistogram.Histogram;

/**
 * Response-time percentiles in milliseconds, the ones Gatling's console shows.
 *
 * @param count values recorded; &gt;= 0
 * @param min the smallest
 * @param p50 the median
 * @param p75 the 75th percentile
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the largest
 * @param mean the mean
 */
record ResponseTimes(
    long count, long min, long p50, long p75, long p95, long p99, long max, double mean) {

  /** Validates the components. */
  ResponseTimes {
    Preconditions.notNegative(count, "count");
    Preconditions.check(
        0 <= min && min <= p50 && p50 <= p75 && p75 <= p95 && p95 <= p99 && p99 <= max,
        "percentiles",
        "non-decreasing from min to max and >= 0",
        min + " " + p50 + " " + p75 + " " + p95 + " " + p99 + " " + max);
    Preconditions.notNegative(mean, "mean");
  }

  /** The percentiles of {@code h} (values in milliseconds); all zero when it is empty. */
  static ResponseTimes of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new ResponseTimes(0, 0, 0, 0, 0, 0, 0, 0);
    }
    return new ResponseTimes(
        h.getTotalCount(),
        h.getMinValue(),
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(75),
        h.getValueAtPercentile(95),
        h.getValueAtPercentile(99),
        h.getMaxValue(),
        h.getMean());
  }
}
