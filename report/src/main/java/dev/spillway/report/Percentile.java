package dev.spillway.report;

import dev.spillway.toolkit.load.Percentiles;
import java.time.Duration;

/** The percentiles a load report keeps, by label ({@code "p99"}, {@code "max"}). Stateless. */
final class Percentile {

  private Percentile() {}

  /**
   * The label of {@code percentile}: {@code "p50"}, {@code "p90"}, {@code "p99"}, {@code "p99.9"}
   * or {@code "max"} (100).
   *
   * @throws IllegalArgumentException for any other percentile
   */
  static String label(double percentile) {
    if (percentile == 50) {
      return "p50";
    } else if (percentile == 90) {
      return "p90";
    } else if (percentile == 99) {
      return "p99";
    } else if (percentile == 99.9) {
      return "p99.9";
    } else if (percentile == 100) {
      return "max";
    }
    throw new IllegalArgumentException(
        "latency bound percentile must be one of 50, 90, 99, 99.9 and 100, but was " + percentile);
  }

  /** The value of the percentile labelled {@code label} (see {@link #label}). */
  static Duration value(Percentiles percentiles, String label) {
    switch (label) {
      case "p50":
        return percentiles.p50();
      case "p90":
        return percentiles.p90();
      case "p99":
        return percentiles.p99();
      case "p99.9":
        return percentiles.p999();
      case "max":
        return percentiles.max();
      default:
        throw new IllegalArgumentException(
            "percentile label must be one of p50, p90, p99, p99.9 and max, but was '"
                + label
                + "'");
    }
  }
}
