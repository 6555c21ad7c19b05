package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * The figures the {@link BaselineGate} compares, each worse when higher. Their keys and units are
 * those of the baseline file.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Figure {
  /** The judged queue's high-water mark, in messages (exact when known). */
  HIGH_WATER_MARK("highWaterMark", "messages"),
  /** How long the judged queue took to drain after the load, in milliseconds. */
  DRAIN_TIME("drainTimeMs", "ms"),
  /** The latency's 99th percentile, in milliseconds. */
  P99("p99Ms", "ms"),
  /** The share of sent messages that were rejected or dropped, from 0 to 1. */
  SHED_RATIO("shedRatio", "ratio");

  private final String key;
  private final String unit;

  Figure(String key, String unit) {
    this.key = key;
    this.unit = unit;
  }

  /** The figure's key in the baseline file, e.g. {@code "p99Ms"}. */
  public String key() {
    return key;
  }

  /** The figure's unit: {@code "messages"}, {@code "ms"} or {@code "ratio"}. */
  public String unit() {
    return unit;
  }

  /** The figure of a run, in this figure's unit; empty when the run does not have it. */
  public OptionalDouble of(RunFigures figures) {
    return switch (this) {
      case HIGH_WATER_MARK ->
          figures.highWaterMark().isPresent()
              ? OptionalDouble.of(figures.highWaterMark().getAsLong())
              : OptionalDouble.empty();
      case DRAIN_TIME ->
          figures.drainTime().isPresent()
              ? OptionalDouble.of(Numbers.millis(figures.drainTime().get()))
              : OptionalDouble.empty();
      case P99 ->
          figures.p99().isPresent()
              ? OptionalDouble.of(Numbers.millis(figures.p99().get()))
              : OptionalDouble.empty();
      case SHED_RATIO -> figures.shedRatio();
    };
  }

  /**
   * {@code value} rounded as a baseline keeps it: messages to a whole number, milliseconds to the
   * microsecond, a ratio to six decimals.
   */
  double round(double value) {
    int scale = this == SHED_RATIO ? 6 : this == HIGH_WATER_MARK ? 0 : 3;
    return java.math.BigDecimal.valueOf(value)
        .setScale(scale, java.math.RoundingMode.HALF_UP)
        .doubleValue();
  }

  /** The figure whose key is {@code key}, or null. */
  static Figure byKey(String key) {
    for (Figure f : values()) {
      if (f.key.equals(key)) {
        return f;
      }
    }
    return null;
  }

  /** A value of this figure for people: {@code "202"}, {@code "12.5 ms"}, {@code "15.4%"}. */
  String format(double value) {
    return switch (this) {
      case HIGH_WATER_MARK -> Numbers.plain(value);
      case DRAIN_TIME, P99 -> Numbers.plain(value) + " ms";
      case SHED_RATIO -> Numbers.percent(value);
    };
  }

  /**
   * A difference of this figure for people: {@code "+58"}, {@code "+2.5 ms"}, {@code "+3.1 pts"}.
   */
  String formatDelta(double delta) {
    String sign = delta > 0 ? "+" : delta < 0 ? "-" : "±";
    double a = Math.abs(delta);
    return switch (this) {
      case HIGH_WATER_MARK -> sign + Numbers.plain(a);
      case DRAIN_TIME, P99 -> sign + Numbers.plain(a) + " ms";
      case SHED_RATIO -> sign + Numbers.plain(a * 100) + " pts";
    };
  }
}
