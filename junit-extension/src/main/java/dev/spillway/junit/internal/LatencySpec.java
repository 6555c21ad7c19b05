package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A validated {@link dev.spillway.junit.LatencyBound}.
 *
 * @param percentile &gt; 0 and &lt;= 100 (100: the maximum)
 * @param max the longest latency allowed at that percentile, &gt; 0
 */
@API(status = INTERNAL, since = "0.1")
public record LatencySpec(double percentile, Duration max) {

  /** The value of this percentile in {@code latency}, read from its histogram. */
  public Duration valueIn(Percentiles latency) {
    return latency.at(percentile);
  }

  /** The percentile's name, e.g. {@code p95}, {@code p99.9}, {@code max}. */
  public String label() {
    return Percentiles.label(percentile);
  }

  /** The annotation as written. */
  public String describe() {
    return "@LatencyBound(percentile = "
        + ConfigProblems.show(percentile)
        + ", max = \""
        + Durations.format(max)
        + "\")";
  }
}
