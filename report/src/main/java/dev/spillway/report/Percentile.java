package dev.spillway.report;

import dev.spillway.toolkit.load.Percentiles;
import java.time.Duration;

/**
 * A latency bound's percentile by its label, the one {@link Percentiles#label} gives ({@code
 * "p95"}, {@code "p99.9"}, {@code "max"}). Stateless.
 */
final class Percentile {

  private Percentile() {}

  /**
   * The value of the percentile labelled {@code label} in {@code percentiles}.
   *
   * @throws IllegalStateException when {@code percentiles} has no histogram and the percentile is
   *     not one of its five figures
   */
  static Duration value(Percentiles percentiles, String label) {
    return percentiles.at(of(label));
  }

  /** The percentile labelled {@code label}: 100 for {@code "max"}, 95 for {@code "p95"}. */
  static double of(String label) {
    if (label.equals("max")) {
      return 100;
    }
    try {
      double percentile = label.startsWith("p") ? Double.parseDouble(label.substring(1)) : -1;
      if (Percentiles.label(percentile).equals(label)) {
        return percentile;
      }
    } catch (IllegalArgumentException e) { // not a number, or out of range
      // reported below
    }
    throw new IllegalArgumentException(
        "percentile label must be \"max\" or \"p\" and a percentile in (0, 100) such as \"p95\","
            + " but was '"
            + label
            + "'");
  }
}
