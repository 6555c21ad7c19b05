package dev.spillway.toolkit.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.probe.QueueProbe;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Settling} against a backlog drained by a thread of its own at a known pace: at rest when
 * it is gone, even when it drains more slowly than the μ given predicted; still draining when it
 * cannot be served within the limit; stalled when nothing comes out.
 */
class SettlingPaceTest {

  private final MessageLedger ledger = MessageLedger.create();
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong inside = new AtomicLong();
  private final QueueProbe queue = QueueProbe.of("queue", queued::get);
  private final InFlight counted = InFlight.counted(inside::get);
  private Thread consumer;

  @AfterEach
  void stopTheConsumer() throws InterruptedException {
    if (consumer != null) {
      consumer.interrupt();
      consumer.join(5000);
    }
  }

  /** {@code backlog} messages sent and queued. */
  private void backlog(int backlog) {
    for (int i = 0; i < backlog; i++) {
      ledger.sent();
    }
    queued.set(backlog);
  }

  /** A consumer that takes one message every {@code every}: out of the queue, in, out, done. */
  private void drainEvery(Duration every) {
    drainEvery(every, Integer.MAX_VALUE, Duration.ZERO);
  }

  /** The same, holding the message it took after the first {@code before} for {@code pause}. */
  private void drainEvery(Duration every, int before, Duration pause) {
    consumer =
        new Thread(
            () -> {
              int taken = 0;
              while (queued.get() > 0 && !Thread.currentThread().isInterrupted()) {
                queued.decrementAndGet();
                inside.incrementAndGet();
                LockSupport.parkNanos((taken++ == before ? pause : every).toNanos());
                inside.decrementAndGet();
                ledger.processed();
              }
            },
            "settling-test-consumer");
    consumer.start();
  }

  @Test
  void aBacklogThatDrainsMoreSlowlyThanPredicted_isWaitedFor_untilItIsAtRest() throws Exception {
    backlog(30);
    drainEvery(Duration.ofMillis(20)); // 50/s: 0.6 s or more
    // μ said 300/s: 2 × 30 / 300 = 0.2 s allowed at first
    SettleRules rules = SettleRules.defaults().withFloor(Duration.ZERO);

    SettledBooks settled = Settling.settle(ledger, queue, counted, 300, rules);

    assertThat(settled.settlement()).isEqualTo(Settlement.AT_REST);
    assertThat(settled.books().processed()).isEqualTo(30);
    assertThat(settled.books().isBalanced()).isTrue();
    assertThat(settled.waited()).isGreaterThan(rules.allowedFor(30, 300));
  }

  @Test
  void aBacklogTheConsumerCannotServeWithinTheLimit_isStillDraining_atTheLimit() throws Exception {
    backlog(100);
    drainEvery(Duration.ofMillis(20)); // 2 s or more
    SettleRules rules = SettleRules.defaults().withLimit(Duration.ofMillis(300));

    SettledBooks settled = Settling.settle(ledger, queue, counted, 50, rules);

    assertThat(settled.settlement()).isEqualTo(Settlement.STILL_DRAINING);
    assertThat(settled.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(settled.allowed()).isLessThanOrEqualTo(Duration.ofMillis(300));
    assertThat(settled.books().backlog()).isPositive();
    assertThat(settled.provenLost()).isZero();
  }

  @Test
  void aConsumerHeldOffItsWorkLongerThanTheStallWindow_thatResumes_hasNotStopped()
      throws Exception {
    backlog(20);
    // the 6th message takes three stall windows: a busy machine held the consumer off its work
    SettleRules rules = SettleRules.defaults().withStallWindow(Duration.ofMillis(150));
    drainEvery(Duration.ofMillis(5), 5, rules.stallWindow().multipliedBy(3));

    SettledBooks settled = Settling.settle(ledger, queue, counted, 200, rules);

    assertThat(settled.settlement()).isEqualTo(Settlement.AT_REST);
    assertThat(settled.books().processed()).isEqualTo(20);
    assertThat(settled.waited()).isGreaterThan(rules.stallWindow().multipliedBy(3));
  }

  @Test
  void aConsumerThatStopped_isStalled_onceTheLimitHasPassedWithoutItResuming() throws Exception {
    backlog(10);
    SettleRules rules =
        SettleRules.defaults()
            .withStallWindow(Duration.ofMillis(100))
            .withLimit(Duration.ofMillis(400));

    SettledBooks settled = Settling.settle(ledger, queue, counted, 200, rules);

    assertThat(settled.settlement()).isEqualTo(Settlement.STALLED);
    assertThat(settled.waited()).isGreaterThanOrEqualTo(rules.limit());
    assertThat(settled.books().sinceLastCompletion()).isGreaterThanOrEqualTo(rules.limit());
  }

  @Test
  void aConsumerThatServesNothing_earnsNoMoreTime() throws Exception {
    backlog(10);
    SettleRules rules = SettleRules.defaults().withFloor(Duration.ZERO);

    SettledBooks settled = Settling.settle(ledger, queue, counted, 1000, rules);

    // 2 × 10 / 1000 = 20 ms allowed; nothing came out, so the deadline was not moved
    assertThat(settled.settlement()).isEqualTo(Settlement.STILL_DRAINING);
    assertThat(settled.allowed()).isEqualTo(rules.allowedFor(10, 1000));
    assertThat(settled.books().queued()).isEqualTo(10);
  }
}
