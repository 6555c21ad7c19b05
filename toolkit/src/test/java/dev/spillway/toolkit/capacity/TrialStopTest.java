package dev.spillway.toolkit.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.record.DepthSeries;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrialStopTest {

  private static final TrialPlan AT_200 =
      new TrialPlan(200, Duration.ofMillis(500), Duration.ofSeconds(2));

  private static TrialProgress progress(long depth, MessageLedger ledger) {
    return progress(AT_200, Duration.ofMillis(1_300), depth, ledger);
  }

  private static TrialProgress progress(
      TrialPlan plan, Duration elapsed, long depth, MessageLedger ledger) {
    return new TrialProgress(
        plan,
        elapsed,
        depth,
        ledger.snapshot(depth),
        DepthSeries.of("q", new long[] {0}, new long[] {depth}),
        Duration.ZERO,
        Optional.empty());
  }

  @Test
  void clearBreach_stopsPastOneSecondOfArrivals_andNotBefore() {
    MessageLedger ledger = MessageLedger.create();
    assertThat(TrialStop.clearBreach().call(progress(200, ledger))).isEmpty();
    assertThat(TrialStop.clearBreach().call(progress(201, ledger)))
        .hasValue(
            TrialCall.breach(
                "the queue held 201 messages after 1.3 s, more than 1 s of arrivals at 200.0/s"
                    + " (200)"));
  }

  @Test
  void clearBreach_neverStopsBelowItsLeastDepth_atLowRates() {
    TrialPlan slow = new TrialPlan(5, Duration.ZERO, Duration.ofSeconds(2));
    TrialProgress twenty = progress(slow, Duration.ofSeconds(1), 20, MessageLedger.create());
    assertThat(TrialStop.clearBreach().call(twenty)).isEmpty();
  }

  @Test
  void clearBreach_stopsAtTheFirstShedOrFailedMessage() {
    MessageLedger ledger = MessageLedger.create();
    ledger.sent();
    ledger.rejected("full");
    assertThat(TrialStop.clearBreach().call(progress(0, ledger)))
        .hasValue(TrialCall.breach("1 messages were shed and 0 failed after 1.3 s"));
  }

  @Test
  void never_letsEveryTrialRun() {
    assertThat(TrialStop.never().call(progress(1_000_000, MessageLedger.create()))).isEmpty();
  }

  @Test
  void aBacklogThatIsNotPositive_isRefused() {
    assertThatThrownBy(() -> TrialStop.clearBreach(Duration.ZERO))
        .hasMessage("stop backlog must be a positive duration, but was PT0S");
  }
}
