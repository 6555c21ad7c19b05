package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.QueueBound;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.UniformKeys;
import dev.spillway.samples.Designs;
import dev.spillway.samples.EventTracker;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.load.PhaseReport;
import dev.spillway.toolkit.verdict.Verdict;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * The caller-waits design — one consumer, a mailbox of 100, and callers that wait for room when it
 * is full (a synchronous {@code GenServer.call}) — pushes the seed incident back onto its caller:
 * nothing is turned away and nothing piles up past 100, but once the mailbox is full every send
 * waits for the consumer, so the spike is not delivered as planned. That is PUSHED_BACK, not
 * SURVIVED: the excess now waits in the caller.
 */
@Tag(Survival.TAG)
@Order(8) // the survival matrix lists designs and scenarios in the order they ran
@ReportAs(design = "caller-waits(100)")
class CallerWaitsSurvivalTest {

  private static final int CAPACITY = 100;

  @SeedIncident
  @ReportAs(scenario = SeedIncident.SCENARIO)
  @UniformKeys(keys = 1_000, seed = 7)
  @QueueBound(max = CAPACITY)
  @DrainsWithin("3s")
  @ExpectVerdict(Verdict.PUSHED_BACK)
  void callerWaits_underTheSeedSpike_pushesTheExcessBackOntoTheCaller(OverloadHarness harness) {
    EventTracker design =
        Survival.flood(harness, Designs.callerWaits(CAPACITY, Survival.fiveMillis()));

    OverloadResult result = Survival.run(harness);

    // the spike outran the consumer (λ − μ > 0 with μ at most 200/s) long enough to fill the
    // mailbox: its exact mark is its capacity, and from then on the caller waited
    assertThat(design.queues().get(0).highWaterMark()).isEqualTo(CAPACITY);
    // the waiting shows where it happened: the peak, which fell short of its planned rate
    PhaseReport held = result.assessment().heldPhase().orElseThrow();
    assertThat(held.name()).startsWith("spike peak");
    assertThat(held.fellShort()).as(held.describe()).isTrue();
    // the summary names the phase it held: its sends held one after another, or how long
    assertThat(result.summary())
        .contains("; held ", "'" + result.assessment().heldPhase().orElseThrow().name() + "'");
    // nothing turned away, nothing lost: every event sent was handled
    LedgerSnapshot books = result.books();
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
    assertThat(books.shed()).isZero();
    assertThat(books.processed()).isEqualTo(books.sent()).isEqualTo(result.load().sent());
  }
}
