package dev.spillway.toolkit.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.MessageLedger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrialStopTest {

  private static final TrialPlan AT_200 =
      new TrialPlan(200, Duration.ofMillis(500), Duration.ofSeconds(2));

  private static TrialProgress progress(long depth, MessageLedger ledger) {
    return new TrialProgress(AT_200, Duration.ofMillis(1_300), depth, ledger.snapshot(depth));
  }

  @Test
  void clearBreach_stopsPastOneSecondOfArrivals_andNotBefore() {
    MessageLedger ledger = MessageLedger.create();
    assertThat(TrialStop.clearBreach().breach(progress(200, ledger))).isEmpty();
    assertThat(TrialStop.clearBreach().breach(progress(201, ledger)))
        .hasValue(
            "the queue held 201 messages after 1.3 s, more than 1 s of arrivals at 200.0/s (200)");
  }

  @Test
  void clearBreach_neverStopsBelowItsLeastDepth_atLowRates() {
    TrialPlan slow = new TrialPlan(5, Duration.ZERO, Duration.ofSeconds(2));
    TrialProgress twenty =
        new TrialProgress(slow, Duration.ofSeconds(1), 20, MessageLedger.create().snapshot(20));
    assertThat(TrialStop.clearBreach().breach(twenty)).isEmpty();
  }

  @Test
  void clearBreach_stopsAtTheFirstShedOrFailedMessage() {
    MessageLedger ledger = MessageLedger.create();
    ledger.sent();
    ledger.rejected("full");
    assertThat(TrialStop.clearBreach().breach(progress(0, ledger)))
        .hasValue("1 messages were shed and 0 failed after 1.3 s");
  }

  @Test
  void never_letsEveryTrialRun() {
    assertThat(TrialStop.never().breach(progress(1_000_000, MessageLedger.create()))).isEmpty();
  }

  @Test
  void aBacklogThatIsNotPositive_isRefused() {
    assertThatThrownBy(() -> TrialStop.clearBreach(Duration.ZERO))
        .hasMessage("stop backlog must be a positive duration, but was PT0S");
  }
}
