package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A summary of a timing distribution (lateness or latency), read from an HdrHistogram with three
 * significant digits.
 *
 * @param count how many values were recorded
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param p999 the 99.9th percentile
 * @param max the largest value (to the histogram's precision)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Percentiles(
    long count, Duration p50, Duration p90, Duration p99, Duration p999, Duration max) {

  /** No values. */
  public static final Percentiles EMPTY =
      new Percentiles(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  /** Validates the components. */
  public Percentiles {
    Preconditions.notNegative(count, "percentiles count");
    Preconditions.notNegative(p50, "p50");
    Preconditions.notNegative(p90, "p90");
    Preconditions.notNegative(p99, "p99");
    Preconditions.notNegative(p999, "p99.9");
    Preconditions.notNegative(max, "max");
  }

  /** One readable line: {@code "p50 65µs, p90 80µs, p99 150µs, p99.9 210µs, max 1.2ms (2000)"}. */
  public String describe() {
    return "p50 "
        + Format.duration(p50)
        + ", p90 "
        + Format.duration(p90)
        + ", p99 "
        + Format.duration(p99)
        + ", p99.9 "
        + Format.duration(p999)
        + ", max "
        + Format.duration(max)
        + " ("
        + Format.count(count)
        + " values)";
  }
}
