package dev.spillway.toolkit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Failure causes, rejection reasons, work done on the caller's thread, and whole-bucket rates. */
class OutcomeCausesTest {

  @Test
  void failures_areTalliedByCauseClass_withTheFirstDistinctMessages_mostFrequentFirst() {
    MessageLedger ledger = MessageLedger.create();
    for (int i = 0; i < 5; i++) {
      ledger.sent();
      ledger.failed(new IllegalStateException("down " + (i % 4)));
    }
    ledger.sent();
    ledger.failed(new java.io.UncheckedIOException(new java.io.IOException("reset")));
    ledger.sent();
    ledger.failed("HTTP 500");

    LedgerSnapshot books = ledger.snapshot(0);

    assertThat(books.failed()).isEqualTo(7);
    assertThat(books.failureCauses())
        .containsExactly(
            new CauseCount(
                "java.lang.IllegalStateException",
                5,
                java.util.List.of("down 0", "down 1", "down 2")),
            new CauseCount("HTTP 500", 1, java.util.List.of()),
            new CauseCount(
                "java.io.UncheckedIOException",
                1,
                java.util.List.of("java.io.IOException: reset")));
    assertThat(books.describeCauses())
        .isEqualTo(
            "failures: 5 × java.lang.IllegalStateException (e.g. \"down 0\"), 1 × HTTP 500, 1 ×"
                + " java.io.UncheckedIOException (e.g. \"java.io.IOException: reset\")");
    assertThat(books.isBalanced()).isTrue();
  }

  @Test
  void rejections_areTalliedByReasonOrRefusalClass() {
    MessageLedger ledger = MessageLedger.create();
    ledger.sent();
    ledger.rejected("mailbox full");
    ledger.sent();
    ledger.rejected(new java.util.concurrent.RejectedExecutionException("pool saturated"));
    ledger.sent();
    ledger.rejected();

    LedgerSnapshot books = ledger.snapshot(0);

    assertThat(books.rejected()).isEqualTo(3);
    assertThat(books.rejectionReasons())
        .extracting(CauseCount::cause)
        .containsExactlyInAnyOrder(
            "mailbox full", "java.util.concurrent.RejectedExecutionException");
    assertThat(books.describeCauses()).startsWith("rejections: 1 × ");
  }

  @Test
  void beyondTheMostCauses_theRestIsFiledUnderOtherCauses_withTheirNames() {
    MessageLedger ledger = MessageLedger.create();
    IntStream.range(0, CauseTally.MAX_CAUSES + 3)
        .forEach(
            i -> {
              ledger.sent();
              ledger.failed("cause " + i);
            });

    LedgerSnapshot books = ledger.snapshot(0);

    assertThat(books.failureCauses()).hasSize(CauseTally.MAX_CAUSES + 1);
    CauseCount other =
        books.failureCauses().stream()
            .filter(c -> c.cause().equals(CauseCount.OTHER_CAUSES))
            .findFirst()
            .orElseThrow();
    assertThat(other.count()).isEqualTo(3);
    assertThat(other.examples()).allMatch(e -> e.startsWith("cause "));
    assertThat(books.failureCauses().stream().mapToLong(CauseCount::count).sum())
        .isEqualTo(books.failed());
  }

  @Test
  void longExceptionMessages_areCut() {
    MessageLedger ledger = MessageLedger.create();
    ledger.sent();
    ledger.failed(new IllegalStateException("x".repeat(500)));
    String example = ledger.snapshot(0).failureCauses().get(0).examples().get(0);
    assertThat(example).hasSize(CauseCount.MAX_EXAMPLE_LENGTH).endsWith("…");
  }

  @Test
  void workDoneOnTheCallersThread_isCountedAsSuch_andLeftOutOfTheServiceRate() {
    FakeClock clock = new FakeClock();
    MessageLedger ledger = MessageLedger.builder().nanoClock(clock).build();
    long from = clock.getAsLong();
    for (int i = 0; i < 10; i++) {
      ledger.sent();
      if (i % 5 == 0) {
        ledger.processedByCaller();
      } else {
        ledger.processed();
      }
      clock.advanceMillis(100);
    }
    ledger.sent();
    ledger.failedByCaller(new IllegalStateException("boom"));

    LedgerSnapshot books = ledger.snapshot(0);
    Rates rates = ledger.ratesBetween(from, from + Duration.ofSeconds(1).toNanos());

    assertThat(books.processed()).isEqualTo(10);
    assertThat(books.failed()).isEqualTo(1);
    assertThat(books.byCaller()).isEqualTo(3);
    assertThat(books.isBalanced()).isTrue();
    assertThat(rates.arrivalPerSecond()).isEqualTo(10.0);
    assertThat(rates.servicePerSecond()).isEqualTo(8.0); // 2 of the 10 ran on the caller
  }

  @Test
  void inFlight_countsAsAccounted_andIsShownInTheBreakdown() {
    MessageLedger ledger = MessageLedger.create();
    for (int i = 0; i < 3; i++) {
      ledger.sent();
    }
    ledger.processed();

    LedgerSnapshot books = ledger.snapshot(QueueProbeStub.of(1), () -> 1);

    assertThat(books.inFlight()).isEqualTo(1);
    assertThat(books.unaccounted()).isZero();
    assertThat(books.backlog()).isEqualTo(2);
    assertThat(books.describe())
        .isEqualTo("no message lost: 3 sent = 1 processed + 1 queued + 1 in flight");
    assertThatThrownBy(() -> ledger.snapshot(QueueProbeStub.of(0), () -> -1))
        .hasMessage("messages in flight must be >= 0, but was -1");
  }

  @Test
  void wholeBucketRates_leaveOutBucketsOnlyPartlyInside() {
    FakeClock clock = new FakeClock();
    MessageLedger ledger = MessageLedger.builder().nanoClock(clock).build();
    long start = clock.getAsLong();
    clock.advanceMillis(50);
    for (int bucket = 0; bucket < 5; bucket++) {
      for (int i = 0; i < 10 * (bucket + 1); i++) {
        ledger.sent();
      }
      clock.advanceMillis(100);
    }
    // buckets [0,100) .. [400,500): 10, 20, 30, 40, 50 sent; the window [50, 450] holds only the
    // whole buckets [100,200), [200,300) and [300,400)
    Rates whole = ledger.wholeBucketRates(start + 50_000_000L, start + 450_000_000L).orElseThrow();
    assertThat(whole.window()).isEqualTo(Duration.ofMillis(300));
    assertThat(whole.arrivalPerSecond()).isEqualTo((20 + 30 + 40) / 0.3);
    assertThat(ledger.wholeBucketRates(start + 10_000_000L, start + 90_000_000L)).isEmpty();
    // the span they cover, as one bucket: what a growth compared with λ − μ is fitted over
    RateBucket span = ledger.wholeBuckets(start + 50_000_000L, start + 450_000_000L).orElseThrow();
    assertThat(span.startNanos()).isEqualTo(start + 100_000_000L);
    assertThat(span.length()).isEqualTo(Duration.ofMillis(300));
    assertThat(span.sent()).isEqualTo(20 + 30 + 40);
  }

  @Test
  void ratesOver_wholeBucketsFirst_elseProRated_elseEmptyOffTheLedgersClock() {
    FakeClock clock = new FakeClock();
    MessageLedger ledger = MessageLedger.builder().nanoClock(clock).build();
    long start = clock.getAsLong();
    for (int bucket = 0; bucket < 3; bucket++) {
      for (int i = 0; i < 10 * (bucket + 1); i++) {
        ledger.sent();
      }
      clock.advanceMillis(100);
    }
    // [0, 300] holds three whole buckets: 60 sent over 0.3 s
    Rates whole = ledger.ratesOver(start, start + 300_000_000L).orElseThrow();
    assertThat(whole.window()).isEqualTo(Duration.ofMillis(300));
    assertThat(whole.arrivalPerSecond()).isEqualTo(60 / 0.3);
    // [120, 180] lies inside one bucket (20 sent over 100 ms): pro-rated over its 60 ms
    Rates part = ledger.ratesOver(start + 120_000_000L, start + 180_000_000L).orElseThrow();
    assertThat(part.window()).isEqualTo(Duration.ofMillis(60));
    assertThat(part.arrivalPerSecond()).isCloseTo(200, within(1e-6));
    // instants on another clock (in the future of this one, or empty) cannot be measured
    assertThat(ledger.ratesOver(start + 10_000_000_000L, start + 11_000_000_000L)).isEmpty();
    assertThat(ledger.ratesOver(start + 150_000_000L, start + 150_000_000L)).isEmpty();
  }

  /** Probes of a fixed depth. */
  private static final class QueueProbeStub {
    static dev.spillway.toolkit.probe.QueueProbe of(long depth) {
      return dev.spillway.toolkit.probe.QueueProbe.of("q", () -> depth);
    }
  }
}
