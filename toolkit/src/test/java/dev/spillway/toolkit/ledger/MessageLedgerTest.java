package dev.spillway.toolkit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MessageLedgerTest {

  @Test
  void books_balanceWhenEveryMessageHasOneOutcome() {
    MessageLedger ledger = MessageLedger.create();
    for (int i = 0; i < 3000; i++) {
      ledger.sent();
    }
    for (int i = 0; i < 2000; i++) {
      ledger.processed();
    }
    for (int i = 0; i < 1000; i++) {
      ledger.rejected();
    }

    LedgerSnapshot books = ledger.snapshot(0);

    assertThat(books.unaccounted()).isZero();
    assertThat(books.isBalanced()).isTrue();
    assertThat(books.describe())
        .isEqualTo("no message lost: 3,000 sent = 2,000 processed + 1,000 rejected");
  }

  @Test
  void books_countQueuedMessagesAsAccounted() {
    MessageLedger ledger = MessageLedger.create();
    for (int i = 0; i < 10; i++) {
      ledger.sent();
    }
    ledger.processed();
    ledger.dropped();
    ledger.failed();

    LedgerSnapshot books = ledger.snapshot(7);

    assertThat(books.unaccounted()).isZero();
    assertThat(books.completed()).isEqualTo(2);
    assertThat(books.shed()).isEqualTo(1);
    assertThat(books.describe())
        .isEqualTo("no message lost: 10 sent = 1 processed + 1 dropped + 1 failed + 7 queued");
  }

  @Test
  void drops_withAReason_areTalliedByReason_besideFailuresAndRejections() {
    MessageLedger ledger = MessageLedger.create();
    for (int i = 0; i < 5; i++) {
      ledger.sent();
    }
    ledger.dropped("discarded as the oldest: the caller was not told");
    ledger.dropped("discarded as the oldest: the caller was not told");
    ledger.rejected("mailbox full");
    ledger.failed(new IllegalStateException("down"));
    ledger.processed();

    LedgerSnapshot books = ledger.snapshot(0);

    assertThat(books.dropped()).isEqualTo(2);
    assertThat(books.dropReasons())
        .containsExactly(
            new CauseCount("discarded as the oldest: the caller was not told", 2, List.of()));
    assertThat(books.describeCauses())
        .isEqualTo(
            "failures: 1 × java.lang.IllegalStateException (e.g. \"down\"); rejections: 1 ×"
                + " mailbox full; drops: 2 × discarded as the oldest: the caller was not told");
    assertThat(books.isBalanced()).isTrue();
    assertThatThrownBy(() -> ledger.dropped(" "))
        .hasMessage("drop reason must not be blank, but was ' '");
  }

  @Test
  void aMessageWithoutOutcome_afterTheDrain_isASilentLoss() {
    MessageLedger ledger = MessageLedger.create();
    for (int i = 0; i < 3000; i++) {
      ledger.sent();
    }
    for (int i = 0; i < 2000; i++) {
      ledger.processed();
    }
    for (int i = 0; i < 988; i++) {
      ledger.rejected();
    }

    LedgerSnapshot books = ledger.snapshot(0);

    assertThat(books.unaccounted()).isEqualTo(12);
    assertThat(books.isBalanced()).isFalse();
    assertThat(books.describe())
        .isEqualTo(
            "12 messages unaccounted for: 3,000 sent, but only 2,988 accounted for"
                + " (2,000 processed + 988 rejected)");
  }

  @Test
  void anOutcomeCountedTwice_isDoubleCounting() {
    MessageLedger ledger = MessageLedger.create();
    ledger.sent();
    ledger.processed();
    ledger.failed();

    LedgerSnapshot books = ledger.snapshot(0);

    assertThat(books.unaccounted()).isEqualTo(-1);
    assertThat(books.describe())
        .isEqualTo("1 message counted twice: 1 sent, but 2 accounted for (1 processed + 1 failed)");
  }

  @Test
  void strictLedger_namesTheIdsLostAndCountedTwice() {
    MessageLedger ledger = MessageLedger.builder().strict().build();
    for (long id = 1; id <= 5; id++) {
      ledger.sent(id);
    }
    ledger.outcome(1, FinalOutcome.PROCESSED);
    ledger.outcome(2, FinalOutcome.PROCESSED);
    ledger.outcome(2, FinalOutcome.FAILED); // twice
    ledger.outcome(9, FinalOutcome.REJECTED); // never sent
    ledger.sent(3);
    ledger.outcome(3, FinalOutcome.DROPPED);
    // 4 and 5 never accounted

    LedgerSnapshot books = ledger.snapshot(0);

    assertThat(books.anomalies())
        .extracting(LedgerAnomaly::describe)
        .containsExactly(
            "id 2 accounted twice (PROCESSED then FAILED)",
            "id 9 accounted but never sent (REJECTED)",
            "id 3 sent twice");
    assertThat(books.outstandingIds()).containsExactly(4L, 5L);
    assertThat(books.isBalanced()).isFalse();
    // 6 sent; 5 outcomes: 2 processed, 1 failed, 1 rejected, 1 dropped
    assertThat(books.unaccounted()).isEqualTo(1);
    assertThat(books.describe())
        .isEqualTo(
            "1 message unaccounted for: 6 sent, but only 5 accounted for"
                + " (2 processed + 1 rejected + 1 dropped + 1 failed); 3 anomalies: id 2 accounted"
                + " twice (PROCESSED then FAILED), id 9 accounted but never sent (REJECTED), id 3"
                + " sent twice; never accounted: ids 4, 5");
  }

  @Test
  void strictLedger_seesErrorsThatCancelOutInTheCounts() {
    MessageLedger ledger = MessageLedger.builder().strict().build();
    ledger.sent(1);
    ledger.sent(2);
    ledger.outcome(1, FinalOutcome.PROCESSED);
    ledger.outcome(1, FinalOutcome.PROCESSED);

    LedgerSnapshot books = ledger.snapshot(0);

    assertThat(books.unaccounted()).isZero();
    assertThat(books.isBalanced()).isFalse();
    assertThat(books.outstandingIds()).containsExactly(2L);
  }

  @Test
  void strictLedger_withQueuedMessages_saysTheOutstandingIdsMayBeQueued() {
    MessageLedger ledger = MessageLedger.builder().strict().build();
    ledger.sent(1);
    ledger.sent(2);
    assertThat(ledger.snapshot(1).describe())
        .isEqualTo(
            "1 message unaccounted for: 2 sent, but only 1 accounted for"
                + " (0 processed + 1 queued); not accounted yet (queued or lost): ids 1, 2");
  }

  @Test
  void strictLedger_refusesCallsWithoutAnId() {
    MessageLedger ledger = MessageLedger.builder().strict().named("orders").build();
    assertThatThrownBy(ledger::sent)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ledger 'orders' is strict: every message needs an id; use sent(id)");
    assertThatThrownBy(ledger::processed)
        .hasMessage(
            "ledger 'orders' is strict: every message needs an id; use outcome(id, outcome)");
  }

  @Test
  void plainLedger_acceptsIdsAndJustCounts() {
    MessageLedger ledger = MessageLedger.create();
    ledger.sent(1);
    ledger.outcome(1, FinalOutcome.PROCESSED);
    ledger.outcome(1, FinalOutcome.PROCESSED);
    LedgerSnapshot books = ledger.snapshot(0);
    assertThat(books.unaccounted()).isEqualTo(-1);
    assertThat(books.anomalies()).isEmpty();
    assertThat(ledger.isStrict()).isFalse();
  }

  @Test
  void concurrentProducersAndAConsumer_balanceExactlyAndNeverLookDoubleCountedMidway()
      throws Exception {
    MessageLedger ledger = MessageLedger.builder().strict().build();
    InstrumentedQueue<Long> queue = InstrumentedQueue.bounded("q", 500);
    int producers = 3;
    int each = 20_000;
    long total = (long) producers * each;
    CyclicBarrier start = new CyclicBarrier(producers + 1);
    AtomicLong worstLive = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      long base = (long) p * each;
      threads.add(
          new Thread(
              () -> {
                await(start);
                for (long id = base; id < base + each; id++) {
                  ledger.sent(id);
                  if (!queue.offer(id)) {
                    ledger.outcome(id, FinalOutcome.REJECTED);
                  }
                }
              }));
    }
    threads.add(
        new Thread(
            () -> {
              await(start);
              long taken = 0;
              while (true) {
                Long id = queue.poll();
                if (id != null) {
                  ledger.outcome(id, id % 10 == 0 ? FinalOutcome.FAILED : FinalOutcome.PROCESSED);
                  taken++;
                }
                if (id == null || taken % 2_000 == 0) {
                  LedgerSnapshot live = ledger.snapshot(queue.probe());
                  worstLive.accumulateAndGet(live.unaccounted(), Math::min);
                  if (live.completed() + live.rejected() == total) {
                    return;
                  }
                }
              }
            }));
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(20));
      assertThat(t.isAlive()).as("thread finished").isFalse();
    }

    LedgerSnapshot books = ledger.snapshot(queue.probe());
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
    assertThat(books.sent()).isEqualTo(total);
    assertThat(books.outstandingIds()).isEmpty();
    assertThat(worstLive.get()).as("a live snapshot never shows double counting").isZero();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void snapshot_fromAProbe_readsTheQueuedMessages() {
    MessageLedger ledger = MessageLedger.create();
    ledger.sent();
    ledger.sent();
    LedgerSnapshot books = ledger.snapshot(QueueProbe.of("q", () -> 2));
    assertThat(books.queued()).isEqualTo(2);
    assertThat(books.isBalanced()).isTrue();
  }

  @Test
  void sinceLastCompletion_isMeasuredOnTheLedgersClock() {
    FakeClock clock = new FakeClock();
    MessageLedger ledger = MessageLedger.builder().nanoClock(clock).build();
    clock.advanceMillis(500);
    assertThat(ledger.snapshot(0).sinceLastCompletion()).isEqualTo(Duration.ofMillis(500));
    ledger.sent();
    ledger.rejected(); // not a completion
    clock.advanceMillis(100);
    ledger.sent();
    ledger.processed();
    clock.advanceMillis(2000);
    assertThat(ledger.snapshot(0).sinceLastCompletion()).isEqualTo(Duration.ofMillis(2000));
  }

  @Test
  void rates_overAWindow_areTheArrivalAndCompletionRates() {
    FakeClock clock = new FakeClock();
    MessageLedger ledger = MessageLedger.builder().nanoClock(clock).build();
    // 2 s at λ = 250/s, μ = 200/s, in 1 ms steps
    for (int ms = 0; ms < 2000; ms++) {
      if (ms % 4 == 0) {
        ledger.sent();
      }
      if (ms % 5 == 0) {
        ledger.processed();
      }
      clock.advanceMillis(1);
    }

    Rates last = ledger.rates(Duration.ofSeconds(1));

    assertThat(last.arrivalPerSecond()).isCloseTo(250, within(0.5));
    assertThat(last.servicePerSecond()).isCloseTo(200, within(0.5));
    assertThat(last.window()).isEqualTo(Duration.ofSeconds(1));
    assertThat(last.excessPerSecond()).isCloseTo(50, within(1.0));
    assertThat(ledger.rates(500, TimeUnit.MILLISECONDS).arrivalPerSecond())
        .isCloseTo(250, within(0.5));
  }

  @Test
  void rates_countAStraddlingBucketInProportionToItsOverlap() {
    FakeClock clock = new FakeClock();
    MessageLedger ledger = MessageLedger.builder().nanoClock(clock).build(); // 100 ms buckets
    long start = clock.getAsLong();
    for (int i = 0; i < 100; i++) {
      ledger.sent(); // 100 in the first bucket, at its start
    }
    clock.advanceMillis(200);

    // [50 ms, 150 ms] holds half of bucket 0 (50 of its messages as if spread) and half of bucket 1
    Rates r = ledger.ratesBetween(start + 50_000_000, start + 150_000_000);

    assertThat(r.arrivalPerSecond()).isCloseTo(500, within(1e-6)); // 50 in 0.1 s
    assertThat(r.window()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void rates_inTheCurrentBucket_useOnlyItsElapsedPart() {
    FakeClock clock = new FakeClock();
    MessageLedger ledger = MessageLedger.builder().nanoClock(clock).build();
    clock.advanceMillis(20);
    for (int i = 0; i < 10; i++) {
      ledger.sent();
    }
    clock.advanceMillis(20); // 40 ms into the first bucket

    Rates r = ledger.rates(Duration.ofMillis(40));

    assertThat(r.arrivalPerSecond()).isCloseTo(250, within(1e-6));
  }

  @Test
  void rates_beforeTheLedgerExisted_areMeasuredFromItsCreation() {
    FakeClock clock = new FakeClock();
    MessageLedger ledger = MessageLedger.builder().nanoClock(clock).build();
    for (int i = 0; i < 30; i++) {
      ledger.sent();
    }
    clock.advanceMillis(300);

    Rates r = ledger.rates(Duration.ofSeconds(10));

    assertThat(r.window()).isEqualTo(Duration.ofMillis(300));
    assertThat(r.arrivalPerSecond()).isCloseTo(100, within(1e-6));
  }

  @Test
  void rateSeries_listsTheCompleteBucketsAndForgetsBeyondTheHistory() {
    FakeClock clock = new FakeClock();
    MessageLedger ledger =
        MessageLedger.builder().nanoClock(clock).bucket(Duration.ofMillis(10)).buckets(4).build();
    for (int b = 0; b < 6; b++) {
      for (int i = 0; i <= b; i++) {
        ledger.sent();
      }
      ledger.processed();
      clock.advanceMillis(10);
    }
    clock.advanceMillis(5);

    List<RateBucket> series = ledger.rateSeries();

    // buckets 3, 4, 5 are complete and kept (6 is current); 0-2 were forgotten
    assertThat(series).extracting(RateBucket::sent).containsExactly(4L, 5L, 6L);
    assertThat(series.get(0).arrivalPerSecond()).isCloseTo(400, within(1e-9));
    assertThat(series.get(0).servicePerSecond()).isCloseTo(100, within(1e-9));
    assertThat(series.get(1).startNanos() - series.get(0).startNanos()).isEqualTo(10_000_000);
    long now = clock.getAsLong();
    assertThatThrownBy(() -> ledger.ratesBetween(now - 60_000_000, now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rate window start must be within the history kept");
  }

  @Test
  void rates_afterAQuietGap_doNotReuseStaleBuckets() {
    FakeClock clock = new FakeClock();
    MessageLedger ledger =
        MessageLedger.builder().nanoClock(clock).bucket(Duration.ofMillis(10)).buckets(4).build();
    for (int i = 0; i < 50; i++) {
      ledger.sent();
    }
    clock.advanceMillis(45); // four buckets later, the ring has wrapped over bucket 0's slot

    assertThat(ledger.rates(Duration.ofMillis(30)).arrivalPerSecond()).isZero();
    assertThat(ledger.rateSeries()).extracting(RateBucket::sent).containsExactly(0L, 0L, 0L);
  }

  @Test
  void rateWindows_outOfRange_areRejected() {
    FakeClock clock = new FakeClock();
    MessageLedger ledger = MessageLedger.builder().nanoClock(clock).build();
    clock.advanceMillis(100);
    long now = clock.getAsLong();
    assertThatThrownBy(() -> ledger.rates(Duration.ZERO))
        .hasMessage("rate window must be a positive duration, but was PT0S");
    assertThatThrownBy(() -> ledger.rates(0, TimeUnit.SECONDS))
        .hasMessage("rate window must be > 0, but was 0");
    assertThatThrownBy(() -> ledger.ratesBetween(now - 10, now + 1))
        .hasMessage("rate window end must be not after now (" + now + "), but was " + (now + 1));
    assertThatThrownBy(() -> ledger.ratesBetween(now, now - 10))
        .hasMessage("rate window end must be after its start " + now + ", but was " + (now - 10));
  }

  @Test
  void settings_outOfRange_areRejected() {
    MessageLedger.Builder b = MessageLedger.builder();
    assertThatThrownBy(() -> b.bucket(Duration.ofNanos(999_999)))
        .hasMessage("rate bucket must be in [PT0.001S, PT1M], but was PT0.000999999S");
    assertThatThrownBy(() -> b.bucket(61, TimeUnit.SECONDS))
        .hasMessage("rate bucket must be in [PT0.001S, PT1M], but was PT1M1S");
    assertThatThrownBy(() -> b.buckets(1))
        .hasMessage("rate buckets must be in [2, 1000000], but was 1");
    assertThatThrownBy(() -> b.named(" ")).hasMessage("ledger name must not be blank, but was ' '");
    assertThatThrownBy(() -> b.nanoClock(null)).hasMessage("nano clock must not be null");
    MessageLedger ledger = b.build();
    assertThatThrownBy(() -> ledger.snapshot(-1))
        .hasMessage("queued messages must be >= 0, but was -1");
    assertThatThrownBy(() -> ledger.outcome(null)).hasMessage("outcome must not be null");
    assertThatThrownBy(() -> ledger.snapshot(QueueProbe.of("q", () -> -2)))
        .hasMessage("queued messages must be >= 0, but was -2");
  }

  @Test
  void toString_listsTheSettingsAndCounts() {
    MessageLedger ledger = MessageLedger.builder().named("orders").build();
    ledger.sent();
    assertThat(ledger.toString())
        .isEqualTo(
            "MessageLedger[name=orders, strict=false, bucket=PT0.1S, sent=1, processed=0,"
                + " rejected=0, dropped=0, failed=0]");
    assertThat(MessageLedger.builder().strict().toString())
        .isEqualTo("MessageLedger.Builder[name=ledger, bucket=PT0.1S, buckets=3000, strict=true]");
  }

  @Test
  void sendingAfterTheLastCompletion_isHowLongMessagesKeptArrivingWithNoneCompleted() {
    FakeClock clock = new FakeClock();
    MessageLedger ledger = MessageLedger.builder().nanoClock(clock).build();
    clock.advanceMillis(100);
    ledger.sent();
    assertThat(ledger.snapshot(0).sendingAfterLastCompletion())
        .as("none completed yet: since the ledger's creation")
        .isEqualTo(Duration.ofMillis(100));
    ledger.processed();
    assertThat(ledger.snapshot(0).sendingAfterLastCompletion()).isZero();

    clock.advanceMillis(500);
    ledger.sent();
    ledger.rejected();
    clock.advanceMillis(1500);
    ledger.sent();
    ledger.rejected();
    clock.advanceMillis(700); // nothing sent meanwhile: this is not a stretch of sending
    assertThat(ledger.snapshot(0).sendingAfterLastCompletion()).isEqualTo(Duration.ofMillis(2000));
    assertThat(ledger.snapshot(0).sinceLastCompletion()).isEqualTo(Duration.ofMillis(2700));

    ledger.sent();
    ledger.processed();
    assertThat(ledger.snapshot(0).sendingAfterLastCompletion()).isZero();
  }
}
