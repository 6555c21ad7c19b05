package dev.spillway.gatling;

import dev.spillway.toolkit.internal.Preconditions;
import java.time.Duration;
import java.util.List;

/**
 * What a run's summary says about queues: which designs, and the window (from the simulation's
 * start) over which their growth is fitted — the spike, the burst.
 *
 * @param designs the designs to describe; at least one
 * @param from the window's start; &gt;= 0
 * @param to the window's end; after {@code from}
 */
record SummaryWindow(List<String> designs, Duration from, Duration to) {

  /** Validates the components. */
  SummaryWindow {
    designs = List.copyOf(Preconditions.notEmpty(designs, "designs"));
    Preconditions.notNegative(from, "window start");
    Preconditions.check(to != null && to.compareTo(from) > 0, "window end", "after " + from, to);
  }
}
