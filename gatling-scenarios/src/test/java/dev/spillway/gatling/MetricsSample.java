package dev.spillway.gatling;

import dev.spillway.toolkit.util.Preconditions;
import java.util.Map;

/**
 * One poll of {@code /metrics.json}: when it was answered and every design's figures.
 *
 * @param offsetNanos when the answer arrived, in nanoseconds from the simulation's start; &gt;= 0
 * @param designs the designs' figures by name
 */
record MetricsSample(long offsetNanos, Map<String, DesignSample> designs) {

  /** Validates the components. */
  MetricsSample {
    Preconditions.notNegative(offsetNanos, "sample offset");
    designs = Map.copyOf(Preconditions.notNull(designs, "designs"));
  }

  /** The figures of {@code design}. */
  DesignSample design(String design) {
    DesignSample d = designs.get(design);
    Preconditions.check(
        d != null,
        "design",
        "one of " + designs.keySet() + " in /metrics.json",
        "'" + design + "'");
    return d;
  }
}
