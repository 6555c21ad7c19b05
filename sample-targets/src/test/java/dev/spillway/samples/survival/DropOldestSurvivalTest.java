package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.StopWhenCertain;
import dev.spillway.junit.UniformKeys;
import dev.spillway.samples.Designs;
import dev.spillway.samples.DropOldestBuffer;
import dev.spillway.toolkit.ledger.CauseCount;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.verdict.Verdict;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * The drop-oldest buffer (pobox) under the seed spike: it never refuses its caller and never grows
 * past its capacity; what the consumer cannot take is dropped — oldest first — and every drop is
 * counted with its reason and announced to the consumer with its next batch. Spillway calls that
 * SHED, never LOST: the loss is deliberate and accounted for.
 */
@Tag(Survival.TAG)
@Order(12) // the survival matrix lists designs and scenarios in the order they ran
@ReportAs(design = "drop-oldest(50, batch 10)")
class DropOldestSurvivalTest {

  private static final int CAPACITY = 50;
  private static final int BATCH = 10;

  @SeedIncident
  @ReportAs(scenario = SeedIncident.SCENARIO)
  @UniformKeys(keys = 1_000, seed = 7)
  @DrainsWithin("2s")
  @ExpectVerdict(Verdict.SHED)
  @StopWhenCertain(minimumObservation = "1500ms")
  void dropOldest_underTheSeedSpike_dropsTheExcess_countedAndAnnounced(OverloadHarness harness) {
    DropOldestBuffer buffer =
        Survival.flood(harness, Designs.dropOldest(CAPACITY, BATCH, Survival.fiveMillis()));

    OverloadResult result = Survival.run(harness);

    // full, never above; the caller was never turned away
    assertThat(buffer.queues().get(0).highWaterMark()).isEqualTo(CAPACITY);
    assertThat(result.load().rejected()).isZero();
    LedgerSnapshot books = Survival.idleBooks(buffer);
    assertThat(books.rejected()).isZero();
    // what did not fit was dropped: counted, each with its reason…
    assertThat(books.dropped()).isPositive();
    assertThat(books.dropReasons().stream().mapToLong(CauseCount::count).sum())
        .isEqualTo(books.dropped());
    assertThat(books.dropReasons().get(0).cause()).startsWith("dropped as the oldest");
    // …and told to the consumer: once idle, every drop was announced with a later batch
    assertThat(buffer.announcedDrops()).isEqualTo(books.dropped());
    // every event sent is processed or dropped: nothing silent
    assertThat(books.processed() + books.dropped()).isEqualTo(books.sent());
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
  }
}
