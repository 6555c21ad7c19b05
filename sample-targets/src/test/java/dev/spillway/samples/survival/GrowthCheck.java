package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.spillway.junit.OverloadResult;
import dev.spillway.samples.EventTracker;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.verdict.Assessment;
import java.util.Locale;

/**
 * The check of an unbounded single-consumer queue under the seed spike: over the late half of the
 * spike (the window its verdict measures growth over, snapped to the ledger's whole buckets), the
 * driver's peak rate (250/s in the seed spike) arrives (shifted at the window's edges by no more
 * than the run's own send latency), the one 5 ms consumer serves at its capacity (it has a backlog
 * throughout, and no consumer can serve more than {@link Survival#serviceCeiling}), and the queue
 * grows at the λ − μ measured over that same window: its depth and the books' sent − completed,
 * read at the same instants, grow at slopes within ±15 % of each other (λ − μ when messages come
 * evenly, and still the right comparison when a frozen process sends in a burst).
 */
final class GrowthCheck {

  /** The seed spike's rate ({@link SeedIncident}): what the driver is asked to send. */
  static final double PEAK_RATE = 250;

  private GrowthCheck() {}

  /**
   * Checks {@code design}'s first queue in {@code result} under the seed spike; returns the window
   * for reporting.
   */
  static RateWindow growsAtArrivalMinusService(OverloadResult result, EventTracker design) {
    return growsAtArrivalMinusService(result, design, PEAK_RATE);
  }

  /**
   * Checks {@code design}'s first queue in {@code result} under a spike whose peak sends {@code
   * peakRate} per second; returns the window for reporting.
   */
  static RateWindow growsAtArrivalMinusService(
      OverloadResult result, EventTracker design, double peakRate) {
    String queue = design.queues().get(0).name();
    Assessment verdict = result.assessment(queue);
    RateWindow window =
        RateWindow.within(
            design.ledger(), result.trace(), verdict.growth().from(), verdict.growth().to());
    DepthSeries depth = result.trace().series(queue);
    Growth growth = window.growthOf(depth);
    System.out.printf(
        Locale.ROOT,
        "[survival] %s: growth %.1f/s vs λ − μ %.1f/s (%s)%n",
        design.name(),
        growth.slopePerSecond(),
        window.excessPerSecond(),
        window.describe());
    assertThat(window.seconds()).as(window.describe()).isGreaterThanOrEqualTo(1.5);
    // λ: the driver sends at the peak rate, each message counted by the design while its send is
    // under
    // way, at most the run's largest latency after it was due; so the window holds the messages
    // due in it, give or take those due within that latency of its two edges (and one for rounding)
    double latency = result.load().latency().max().toNanos() / 1e9;
    assertThat(window.from().minus(result.load().latency().max()))
        .as("the window, moved back by the largest latency, lies in the spike")
        .isGreaterThanOrEqualTo(verdict.loadStart());
    assertThat(window.to()).isLessThanOrEqualTo(verdict.loadEnd());
    assertThat((double) window.sent())
        .as("sent in %s, largest latency %.1f ms", window.describe(), latency * 1e3)
        .isBetween(
            peakRate * (window.seconds() - latency) - 1,
            peakRate * (window.seconds() + latency) + 1);
    // μ: the consumer's capacity, whatever the machine made of it: busy all along, and no more
    // than one 5 ms consumer can serve
    assertThat(Survival.lowestDepth(depth, window.from(), window.to()))
        .as("the queue keeps a backlog, so that μ is the consumer's capacity")
        .isPositive();
    assertThat(window.servicePerSecond())
        .as(window.describe())
        .isPositive()
        .isLessThanOrEqualTo(Survival.serviceCeiling(1, window));
    // the queue grew at λ − μ, as the books count it
    assertThat(growth.slopePerSecond()).as("growth %s", growth).isPositive();
    assertThat(window.excessPerSecond()).as(window.describe()).isPositive();
    followsTheBooks(depth, window, design.ledger(), result);
    return window;
  }

  /**
   * Checks that {@code depth} grew as fast as the books say the design filled over {@code window},
   * within ±15 %: the least-squares slopes of the depth and of sent − completed, both read at the
   * window's start and its bucket ends. When messages come evenly that slope is λ − μ; when the
   * machine froze the process and the driver caught up in a burst (seen: 1.05 s without a sample, a
   * send or a completion, then 445 sends in 100 ms), a slope is no longer λ − μ (216/s against
   * 378/s), but the queue must still follow the books (446/s against 444/s).
   */
  static void followsTheBooks(
      DepthSeries depth, RateWindow window, MessageLedger ledger, OverloadResult result) {
    DepthSeries books = window.inDesign(ledger, result.trace());
    Growth filled = books.growth();
    Growth followed = RateWindow.readAt(depth, books).growth();
    assertThat(followed.slopePerSecond())
        .as(
            "growth at the bucket ends %s vs the books' %s, %s",
            followed, filled, window.describe())
        .isCloseTo(filled.slopePerSecond(), withinPercentage(15));
  }
}
