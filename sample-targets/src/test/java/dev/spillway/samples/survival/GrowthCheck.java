package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.spillway.junit.OverloadResult;
import dev.spillway.samples.EventTracker;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.verdict.Assessment;
import java.util.Locale;

/**
 * The check of an unbounded single-consumer queue under the seed spike: over the late half of the
 * spike (the window its verdict measures growth over, snapped to the ledger's whole buckets), 250/s
 * arrive, about 200/s are served, and the queue grows at the λ − μ measured over that same window,
 * within ±15 %.
 */
final class GrowthCheck {

  private GrowthCheck() {}

  /** Checks {@code design}'s only queue in {@code result}; returns the window for reporting. */
  static RateWindow growsAtArrivalMinusService(OverloadResult result, EventTracker design) {
    String queue = design.queues().get(0).name();
    Assessment verdict = result.assessment(queue);
    RateWindow window =
        RateWindow.within(
            design.ledger(), result.trace(), verdict.growth().from(), verdict.growth().to());
    Growth growth = window.growthOf(result.trace().series(queue));
    System.out.printf(
        Locale.ROOT,
        "[survival] %s: growth %.1f/s vs λ − μ %.1f/s (%s)%n",
        design.name(),
        growth.slopePerSecond(),
        window.excessPerSecond(),
        window.describe());
    assertThat(window.seconds()).as(window.describe()).isGreaterThanOrEqualTo(1.5);
    // the physics: 250/s offered to a consumer that serves about 200/s
    assertThat(window.arrivalPerSecond()).as(window.describe()).isCloseTo(250, withinPercentage(5));
    assertThat(window.servicePerSecond())
        .as(window.describe())
        .isCloseTo(Survival.NOMINAL_MU, withinPercentage(10));
    // the queue grew at λ − μ
    assertThat(growth.slopePerSecond())
        .as("growth %s vs %s", growth, window.describe())
        .isCloseTo(window.excessPerSecond(), withinPercentage(15));
    return window;
  }
}
