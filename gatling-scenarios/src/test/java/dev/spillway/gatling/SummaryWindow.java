package dev.spillway.gatling;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;

/**
 * A design the run's summary describes, and the window (from the simulation's start) over which its
 * growth is fitted — its spike, its burst.
 *
 * @param design the design's name
 * @param from the window's start; &gt;= 0
 * @param to the window's end; after {@code from}
 */
record SummaryWindow(String design, Duration from, Duration to) {

  /** Validates the components. */
  SummaryWindow {
    Preconditions.notBlank(design, "design");
    Preconditions.notNegative(from, "window start");
    Preconditions.check(to != null && to.compareTo(from) > 0, "window end", "after " + from, to);
  }
}
