package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** What a {@link BoundCheck} bounds, and the unit of its figures. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum BoundKind {
  /** The depth of a queue, in messages: the high-water mark must not exceed the limit. */
  QUEUE("messages"),
  /** The time the judged queue took to drain after the load, in milliseconds. */
  DRAIN("ms"),
  /** A latency percentile of the load, in milliseconds. */
  LATENCY("ms");

  private final String unit;

  BoundKind(String unit) {
    this.unit = unit;
  }

  /** The unit of the limit and the observed figure: {@code "messages"} or {@code "ms"}. */
  public String unit() {
    return unit;
  }
}
