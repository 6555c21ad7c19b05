package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.UniformKeys;
import dev.spillway.samples.Designs;
import dev.spillway.samples.SyncAsyncSwitch;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.verdict.Verdict;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * Lager's switch from async to sync under the seed spike: the mailbox grows at λ − μ until it
 * reaches the sync threshold, then every caller waits for its own event — the spike is pushed back
 * onto the caller, and the mailbox stops growing — and once the spike is over and the mailbox has
 * fallen to the async threshold, callers fire and forget again.
 */
@Tag(Survival.TAG)
@Order(13) // the survival matrix lists designs and scenarios in the order they ran
@ReportAs(design = "sync-async(100/50)")
class SyncAsyncSurvivalTest {

  private static final int SYNC_AT = 100;
  private static final int ASYNC_AT = 50;

  @SeedIncident
  @ReportAs(scenario = SeedIncident.SCENARIO)
  @UniformKeys(keys = 1_000, seed = 7)
  @DrainsWithin("3s")
  @ExpectVerdict(Verdict.PUSHED_BACK)
  void syncAsync_underTheSeedSpike_switchesToSync_pushesBack_andSwitchesBack(
      OverloadHarness harness) {
    SyncAsyncSwitch design =
        Survival.flood(harness, Designs.syncAsync(SYNC_AT, ASYNC_AT, Survival.fiveMillis()));

    OverloadResult result = Survival.run(harness);

    // it reached the sync threshold, and past it grew by no more than the one event of the one
    // caller that found it just below (the driver sends from one thread)
    assertThat(design.queues().get(0).highWaterMark()).isBetween((long) SYNC_AT, SYNC_AT + 1L);
    assertThat(design.switchesToSync()).isPositive();
    // the waiting shows where it happened: from the middle of the spike on, the driver's one thread
    // waited inside the target, so the peak fell short of its planned rate; the mode stays sync
    // until the backlog is down to the async threshold, so the waiting may last into the recovery,
    // and the phase held most is one of the two
    Survival.assertPeakHeldBack(result);
    // after the spike (150/s, below μ) the mailbox fell to the async threshold: callers stopped
    // waiting before the load ended
    assertThat(design.switchesToAsync()).isPositive();
    assertThat(design.synchronous()).isFalse();
    // nothing turned away, nothing lost
    LedgerSnapshot books = Survival.idleBooks(design);
    assertThat(books.shed()).isZero();
    assertThat(books.processed()).isEqualTo(books.sent()).isEqualTo(result.load().sent());
  }
}
