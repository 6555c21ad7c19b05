package dev.spillway.toolkit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.probe.QueueProbes;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the books settle after a load: at rest, still draining, stalled, or read at once. */
class SettlingTest {

  private static final SettleRules RULES = SettleRules.defaults();

  private Thread consumer;

  @AfterEach
  void stopConsumer() throws InterruptedException {
    if (consumer != null) {
      consumer.interrupt();
      consumer.join(TimeUnit.SECONDS.toMillis(5));
      assertThat(consumer.isAlive()).as("consumer thread stopped").isFalse();
    }
  }

  /**
   * A consumer that takes each message, holds it for {@code millis} (counted in flight) and then
   * counts it processed: out of the queue before in flight, out of flight before the outcome.
   */
  private AtomicLong consume(
      LinkedBlockingQueue<Integer> queue, MessageLedger ledger, long millis) {
    AtomicLong inside = new AtomicLong();
    consumer =
        new Thread(
            () -> {
              try {
                while (true) {
                  queue.take();
                  inside.incrementAndGet();
                  Thread.sleep(millis);
                  inside.decrementAndGet();
                  ledger.processed();
                }
              } catch (InterruptedException stopped) {
                // closed
              }
            },
            "settling-test-consumer");
    consumer.setDaemon(true);
    consumer.start();
    return inside;
  }

  private static void send(MessageLedger ledger, LinkedBlockingQueue<Integer> queue, int n) {
    for (int i = 0; i < n; i++) {
      ledger.sent();
      queue.add(i);
    }
  }

  @Test
  void booksThatBalanceWithNothingQueued_areAtRestAtOnce() throws InterruptedException {
    MessageLedger ledger = MessageLedger.create();
    ledger.sent();
    ledger.processed();

    SettledBooks settled =
        Settling.settle(ledger, QueueProbe.of("q", () -> 0), InFlight.unknown(), 200, RULES);

    assertThat(settled.settlement()).isEqualTo(Settlement.AT_REST);
    assertThat(settled.reads()).isEqualTo(1);
    assertThat(settled.provenLost()).isZero();
    assertThat(settled.describe()).startsWith("at rest after ").endsWith("(1 reading)");
  }

  @Test
  void aDrainingConsumer_isWaitedFor_untilAtRest_evenThoughTheBooksBalanceBetweenTwoMessages()
      throws InterruptedException {
    // one consumer, 10 ms a message, 30 queued: between two messages the books balance (nothing in
    // a handler) while 29, 28, … are still queued; only the drained queue ends the wait
    MessageLedger ledger = MessageLedger.create();
    LinkedBlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
    send(ledger, queue, 30);
    consume(queue, ledger, 10);

    // μ not given (0): the wait may take the whole limit (10 s), not twice what a nominal 100/s
    // would need (the 1 s floor), so a consumer slowed by a loaded machine is still waited for;
    // the drain itself takes 0.3 s at least
    SettledBooks settled =
        Settling.settle(
            ledger, QueueProbes.blockingQueue("q", queue), InFlight.atMost(1), 0, RULES);

    assertThat(settled.settlement()).isEqualTo(Settlement.AT_REST);
    assertThat(settled.books().processed()).isEqualTo(30);
    assertThat(settled.books().isBalanced()).isTrue();
    assertThat(settled.reads()).isGreaterThan(1);
  }

  @Test
  void aBacklogThatOutlastsTheTimeAllowed_isStillDraining_andNothingIsProvenLost()
      throws InterruptedException {
    MessageLedger ledger = MessageLedger.create();
    LinkedBlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
    send(ledger, queue, 200); // 200 × 20 ms = 4 s of work
    AtomicLong inside = consume(queue, ledger, 20);
    SettleRules short300ms = RULES.withLimit(Duration.ofMillis(300));

    SettledBooks unknown =
        Settling.settle(
            ledger, QueueProbes.blockingQueue("q", queue), InFlight.unknown(), 50, short300ms);
    SettledBooks counted =
        Settling.settle(
            ledger,
            QueueProbes.blockingQueue("q", queue),
            InFlight.counted(inside::get),
            50,
            short300ms);

    for (SettledBooks settled : new SettledBooks[] {unknown, counted}) {
      assertThat(settled.settlement()).isEqualTo(Settlement.STILL_DRAINING);
      assertThat(settled.allowed()).isEqualTo(Duration.ofMillis(300));
      assertThat(settled.books().queued()).isPositive();
      assertThat(settled.provenLost()).isZero();
      assertThat(settled.describe()).startsWith("still draining after ");
    }
    // the reading kept is the one with the fewest unaccounted: with the one message inside the
    // consumer counted, none; with it unknown, at most that one
    assertThat(counted.books().unaccounted()).isZero();
    assertThat(unknown.books().unaccounted()).isBetween(0L, 1L);
  }

  @Test
  void aConsumerThatServesNothing_withMessagesQueued_isStalled() throws InterruptedException {
    MessageLedger ledger = MessageLedger.create();
    LinkedBlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
    send(ledger, queue, 5); // nobody takes them
    SettleRules quick =
        RULES.withStallWindow(Duration.ofMillis(200)).withLimit(Duration.ofSeconds(1));

    SettledBooks settled =
        Settling.settle(
            ledger, QueueProbes.blockingQueue("q", queue), InFlight.unknown(), 0, quick);

    assertThat(settled.settlement()).isEqualTo(Settlement.STALLED);
    assertThat(settled.books().queued()).isEqualTo(5);
    assertThat(settled.describe()).startsWith("stalled: nothing completed for ");
  }

  @Test
  void messagesMissingOnceAtRest_areProvenLost() throws InterruptedException {
    MessageLedger ledger = MessageLedger.create();
    for (int i = 0; i < 10; i++) {
      ledger.sent();
    }
    for (int i = 0; i < 9; i++) {
      ledger.processed();
    }

    SettledBooks counted =
        Settling.settle(ledger, QueueProbe.of("q", () -> 0), InFlight.counted(() -> 0), 100, RULES);

    assertThat(counted.settlement()).isEqualTo(Settlement.AT_REST);
    assertThat(counted.provenLost()).isEqualTo(1);
    assertThat(counted.possiblyInFlight()).isZero();
  }

  @Test
  void aZeroLimit_readsOnce_andProvesNothing() throws InterruptedException {
    MessageLedger ledger = MessageLedger.create();
    ledger.sent();

    SettledBooks settled =
        Settling.settle(
            ledger,
            QueueProbe.of("q", () -> 0),
            InFlight.counted(() -> 0),
            0,
            RULES.withLimit(Duration.ZERO));

    assertThat(settled.settlement()).isEqualTo(Settlement.NOT_WAITED);
    assertThat(settled.reads()).isEqualTo(1);
    assertThat(settled.provenLost()).isZero();
    assertThat(settled.possiblyInFlight()).isEqualTo(1);
  }

  @Test
  void anInterrupt_endsTheWait() {
    MessageLedger ledger = MessageLedger.create();
    ledger.sent();
    Thread.currentThread().interrupt();
    assertThatThrownBy(
            () ->
                Settling.settle(ledger, QueueProbe.of("q", () -> 1), InFlight.unknown(), 0, RULES))
        .isInstanceOf(InterruptedException.class)
        .hasMessageContaining("settling the books of ledger");
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void theTimeAllowed_isTwiceWhatMuNeeds_withinFloorAndLimit() {
    SettleRules rules = SettleRules.defaults(); // floor 1 s, limit 10 s
    assertThat(rules.allowedFor(1_000, 200)).isEqualTo(Duration.ofSeconds(10)); // 10 s needed: cap
    assertThat(rules.allowedFor(300, 200)).isEqualTo(Duration.ofSeconds(3));
    assertThat(rules.allowedFor(10, 200)).isEqualTo(Duration.ofSeconds(1)); // floor
    assertThat(rules.allowedFor(10, 0)).isEqualTo(Duration.ofSeconds(10)); // μ unknown: the limit
    assertThat(rules.withLimit(Duration.ofMillis(500)).allowedFor(10, 200))
        .isEqualTo(Duration.ofMillis(500)); // a floor above the limit is cut to it
  }

  @Test
  void settleRules_outOfRange_areRejected() {
    assertThatThrownBy(() -> RULES.withLimit(Duration.ofHours(2)))
        .hasMessage("settle limit must be in [PT0S, PT1H], but was PT2H");
    assertThatThrownBy(() -> RULES.withStallWindow(Duration.ZERO))
        .hasMessage("stall window must be a positive duration, but was PT0S");
    assertThatThrownBy(() -> InFlight.atMost(0))
        .hasMessage("consumer concurrency must be > 0, but was 0");
  }

  @Test
  void inFlightKnowledge_describesItself_andSaysWhatCanBeInFlight() {
    assertThat(InFlight.unknown().allowance()).isEmpty();
    assertThat(InFlight.atMost(4).allowance()).hasValue(4);
    assertThat(InFlight.counted(() -> 3).allowance()).hasValue(0);
    assertThat(InFlight.counted(() -> 3).read()).isEqualTo(3);
    assertThat(InFlight.atMost(4).read()).isZero();
    assertThat(InFlight.atMost(4).describe()).isEqualTo("at most 4");
    assertThat(InFlight.counted(() -> 3).toString()).isEqualTo("InFlight[counted]");
  }
}
