package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.load.Percentiles;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A validated {@link dev.spillway.junit.LatencyBound}.
 *
 * @param percentile one of 50, 90, 99, 99.9, 100
 * @param max the longest latency allowed at that percentile, &gt; 0
 */
@API(status = INTERNAL, since = "0.1")
public record LatencySpec(double percentile, Duration max) {

  /** The percentiles a load report keeps. */
  public static final double[] ALLOWED = {50, 90, 99, 99.9, 100};

  /** The value of this percentile in {@code latency}. */
  public Duration valueIn(Percentiles latency) {
    if (percentile == 50) {
      return latency.p50();
    }
    if (percentile == 90) {
      return latency.p90();
    }
    if (percentile == 99) {
      return latency.p99();
    }
    if (percentile == 99.9) {
      return latency.p999();
    }
    return latency.max();
  }

  /** The percentile's name, e.g. {@code p99}, {@code p99.9}, {@code max}. */
  public String label() {
    return percentile == 100 ? "max" : "p" + ConfigProblems.show(percentile);
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
