package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.ledger.CauseCount;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Settlement;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * The outcome model through the harness, against consumers that really are slow (no injection): a
 * backlog that drains after the load, a target that pushes back, one whose caller runs the work,
 * one that fails, and a loss that is expected.
 */
class OutcomeModelTests {

  private static OverloadResult result() {
    return Runs.lastResult.get();
  }

  private static void sleep5ms() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Test
  void aBacklogLeftByARealSlowConsumer_drainsAfterTheLoad_andIsNeverCountedLost() {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, "slowConsumer");

    assertThat(outcome.status()).as(outcome.failure().toString()).isEqualTo(Status.SUCCESSFUL);
    OverloadResult result = result();
    Assessment a = result.assessment();
    assertThat(a.verdict()).isEqualTo(Verdict.OVERFLOWED);
    assertThat(a.settled().settlement()).isEqualTo(Settlement.AT_REST);
    LedgerSnapshot books = result.books();
    assertThat(books.processed()).isEqualTo(books.sent());
    assertThat(books.isBalanced()).isTrue();
    // the trace goes on through the settle: the backlog left at the end of the load drains in the
    // trace, at the consumer's own pace: one message at a time, each taking at least its 5 ms
    // sleep (how much longer is the machine's business, not the design's)
    long backlog = result.trace().series("mailbox").depthAt(result.loadEnd()).orElseThrow();
    Duration drain = result.drainTime("mailbox").orElseThrow();
    assertThat(backlog).isGreaterThan(50);
    assertThat(drain).isGreaterThanOrEqualTo(Duration.ofMillis(5).multipliedBy(backlog - 1));
  }

  @Test
  void aBacklogThatOutlastsTheSettleLimit_isStillDraining_anOverflow_notALoss() {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, "slowConsumerShortSettle");

    assertThat(outcome.status()).as(outcome.failure().toString()).isEqualTo(Status.SUCCESSFUL);
    Assessment a = result().assessment();
    assertThat(a.verdict()).isEqualTo(Verdict.OVERFLOWED);
    assertThat(a.settled().settlement()).isEqualTo(Settlement.STILL_DRAINING);
    assertThat(a.lost()).isZero();
    assertThat(a.ledger().queued()).isPositive();
    assertThat(a.explanation()).contains("books taken still draining after ");
  }

  @Test
  void aBlockingOffer_pushesBack_andTheSummarySaysWhere() {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, "blockingPut");

    assertThat(outcome.status()).as(outcome.failure().toString()).isEqualTo(Status.SUCCESSFUL);
    OverloadResult result = result();
    assertThat(result.verdict()).isEqualTo(Verdict.PUSHED_BACK);
    assertThat(result.highWaterMark()).isLessThanOrEqualTo(20);
    assertThat(result.books().shed()).isZero();
    assertThat(result.assessment().heldPhase().orElseThrow().heldShare()).isGreaterThan(0.05);
    assertThat(result.summary()).contains("PUSHED_BACK at 'mailbox'").contains("; held up ");
  }

  @Test
  void workTheCallerRunsItself_isPushBack_andNotTheConsumersService() {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, "callerRuns");

    assertThat(outcome.status()).as(outcome.failure().toString()).isEqualTo(Status.SUCCESSFUL);
    OverloadResult result = result();
    assertThat(result.verdict()).isEqualTo(Verdict.PUSHED_BACK);
    // the books' count of work done on the caller's thread is the fixture's own count
    assertThat(result.books().byCaller()).isEqualTo(Runs.ranByCaller.get()).isPositive();
    // one consumer at ≥ 5 ms a message serves at most 200/s: the caller's work is not credited
    assertThat(result.assessment().rates().orElseThrow().servicePerSecond()).isLessThan(210);
    assertThat(result.summary()).contains(" run on the caller's thread");
  }

  @Test
  void aConsumerThatAlwaysThrows_failed_andTheSummaryNamesTheCause() {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, "alwaysThrows");

    assertThat(outcome.status()).as(outcome.failure().toString()).isEqualTo(Status.SUCCESSFUL);
    OverloadResult result = result();
    assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(result.books().failed()).isEqualTo(result.books().sent());
    assertThat(result.books().failureCauses())
        .containsExactly(
            new CauseCount(
                "java.lang.IllegalStateException",
                result.books().sent(),
                java.util.List.of("down")));
    assertThat(result.summary()).contains("; failures: 100 × java.lang.IllegalStateException");
  }

  @Test
  void aTargetThatFailsFivePercent_failedByDefault_andSurvivesAWiderThreshold() {
    Fixtures.Outcome strict = Fixtures.run(Runs.class, "failsFivePercent");
    assertThat(strict.status()).as(strict.failure().toString()).isEqualTo(Status.SUCCESSFUL);
    assertThat(result().verdict()).isEqualTo(Verdict.FAILED);
    assertThat(result().books().failureCauses())
        .extracting(CauseCount::cause)
        .containsExactly("HTTP 500");

    Fixtures.Outcome lenient = Fixtures.run(Runs.class, "failsFivePercentTolerated");
    assertThat(lenient.status()).as(lenient.failure().toString()).isEqualTo(Status.SUCCESSFUL);
    assertThat(result().verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(result().assessment().explanation())
        .contains("5 of 100 messages failed (5.0%, within the 10.0% threshold)");
  }

  @Test
  void expectingALoss_needsNoOptOut() {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, "expectsTheLoss");

    assertThat(outcome.status()).as(outcome.failure().toString()).isEqualTo(Status.SUCCESSFUL);
    assertThat(result().verdict()).isEqualTo(Verdict.LOST);
    assertThat(result().assessment().lost()).isEqualTo(10);
  }

  @Test
  void theSummaryShowsTheGrowthTheVerdictJudged() {
    Fixtures.run(Runs.class, "slowConsumer");
    OverloadResult result = result();
    double judged = result.assessment().growth().slopePerSecond();
    assertThat(result.growth().slopePerSecond()).isEqualTo(judged);
    assertThat(result.summary())
        .contains(
            String.format(java.util.Locale.ROOT, "growth %+.1f/s", Math.round(judged * 10) / 10.0));
  }

  /** The fixtures. */
  @Fixture
  static class Runs {

    static final AtomicReference<OverloadResult> lastResult = new AtomicReference<>();
    static final AtomicLong ranByCaller = new AtomicLong();

    @OverloadTest(grace = "3s")
    @ConstantLoad(rate = 400, duration = "1500ms")
    void slowConsumer(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> sleep5ms()).sendTo(m -> offer(mailbox, m));
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "3s", settleLimit = "300ms")
    @ConstantLoad(rate = 400, duration = "1500ms")
    void slowConsumerShortSettle(OverloadHarness harness) {
      slowConsumer(harness);
    }

    @OverloadTest(grace = "5s")
    @ConstantLoad(rate = 300, duration = "1s")
    void blockingPut(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.bounded("mailbox", 20);
      harness
          .consume(mailbox, message -> sleep5ms())
          .sendTo(
              message -> {
                mailbox.put(message);
                return Outcome.ACCEPTED;
              });
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "5s")
    @ConstantLoad(rate = 300, duration = "1s")
    void callerRuns(OverloadHarness harness) {
      ranByCaller.set(0);
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.bounded("mailbox", 20);
      Consumer<Message> work = harness.wrapConsumer(message -> sleep5ms());
      harness
          .consume(mailbox, work)
          .sendTo(
              message -> {
                if (!mailbox.offer(message)) {
                  ranByCaller.incrementAndGet();
                  work.accept(message); // the caller runs it, as CallerRunsPolicy does
                }
                return Outcome.ACCEPTED;
              });
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 200, duration = "500ms")
    void alwaysThrows(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness
          .consume(
              mailbox,
              message -> {
                throw new IllegalStateException("down");
              })
          .sendTo(m -> offer(mailbox, m));
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 200, duration = "500ms")
    void failsFivePercent(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness
          .consume(mailbox, message -> {})
          .sendTo(
              message ->
                  message.sequence() % 20 == 0
                      ? Outcome.failed("HTTP 500")
                      : offer(mailbox, message));
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 200, duration = "500ms")
    @VerdictThresholds(failedShare = 0.10)
    void failsFivePercentTolerated(OverloadHarness harness) {
      failsFivePercent(harness);
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 200, duration = "500ms")
    @ExpectVerdict(Verdict.LOST)
    void expectsTheLoss(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness
          .consume(mailbox, message -> {})
          .sendTo(
              message ->
                  message.sequence() % 10 == 9
                      ? Outcome.ACCEPTED // accepted, and gone: nobody counts it
                      : offer(mailbox, message));
      lastResult.set(harness.run());
    }

    private static Outcome offer(InstrumentedQueue<Message> mailbox, Message message) {
      return mailbox.offer(message) ? Outcome.ACCEPTED : Outcome.REJECTED;
    }
  }
}
