package dev.spillway.toolkit.verdict;

import static dev.spillway.toolkit.verdict.Traces.trace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.ledger.CauseCount;
import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.ledger.Settlement;
import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.load.PhaseKind;
import dev.spillway.toolkit.load.PhaseReport;
import dev.spillway.toolkit.load.SendMode;
import dev.spillway.toolkit.record.QueueTrace;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The verdicts of the outcome model: a failing target, push-back, a backlog still draining, a
 * stalled consumer, and forecasts that respect a queue's capacity.
 */
class OutcomeModelVerdictsTest {

  private static final VerdictRules RULES = VerdictRules.defaults();
  private static final QueueTrace FLAT = trace(4, t -> 2);

  /** A load report of one constant phase of {@code sent} messages, {@code held} of them held up. */
  private static LoadReport load(long sent, long held, Duration callTime) {
    return load(sent, held, callTime, Duration.ofSeconds(4));
  }

  /** {@link #load(long, long, Duration)} whose phase took {@code measured} to send its messages. */
  private static LoadReport load(long sent, long held, Duration callTime, Duration measured) {
    PhaseReport phase =
        new PhaseReport(
            0,
            "spike peak 250/s for 4 s",
            PhaseKind.CONSTANT,
            sent,
            sent,
            250,
            sent * 1e9 / measured.toNanos(),
            Duration.ofSeconds(4),
            measured,
            Duration.ofMillis(1),
            held,
            callTime);
    return new LoadReport(
        "load",
        SendMode.DIRECT,
        0,
        sent,
        sent,
        sent,
        0,
        0,
        0,
        0,
        Ending.COMPLETED,
        "",
        Duration.ofSeconds(4),
        Duration.ofSeconds(4),
        List.of(phase),
        Percentiles.EMPTY,
        Percentiles.EMPTY,
        0,
        0,
        Optional.empty());
  }

  // --- FAILED ---

  @Test
  void aTargetThatFailsEveryMessage_failed_andTheExplanationNamesTheCause() {
    LedgerSnapshot books =
        LedgerSnapshot.of(400, 0, 0, 0, 400, 0)
            .withCauses(
                List.of(
                    new CauseCount(
                        "java.lang.IllegalStateException", 400, List.of("downstream down"))),
                List.of());

    Assessment a = Verdicts.assess(Evidence.of(FLAT, books), RULES);

    assertThat(a.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(a.verdict().isHealthy()).isFalse();
    assertThat(a.explanation())
        .startsWith(
            "400 of 400 messages failed (100.0%, above the 1.0% threshold); failures: 400 ×"
                + " java.lang.IllegalStateException (e.g. \"downstream down\")");
  }

  @Test
  void failuresAtOrBelowTheirShare_doNotDecide_butAreNamed() {
    LedgerSnapshot onePercent = LedgerSnapshot.of(1000, 990, 0, 0, 10, 0);
    LedgerSnapshot fivePercent = LedgerSnapshot.of(1000, 950, 0, 0, 50, 0);

    Assessment within = Verdicts.assess(Evidence.of(FLAT, onePercent), RULES);
    assertThat(within.verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(within.explanation())
        .contains("10 of 1,000 messages failed (1.0%, within the 1.0% threshold); no cause");
    assertThat(Verdicts.assess(Evidence.of(FLAT, fivePercent), RULES).verdict())
        .isEqualTo(Verdict.FAILED);
    assertThat(
            Verdicts.assess(Evidence.of(FLAT, fivePercent), RULES.withFailureShare(0.10)).verdict())
        .isEqualTo(Verdict.SURVIVED);
  }

  // --- PUSHED_BACK ---

  @Test
  void aTargetThatHoldsUpItsCallers_pushedBack_withTheHeldShareAndThePhase() {
    Evidence evidence =
        Evidence.of(FLAT, LedgerSnapshot.of(1000, 1000, 0, 0, 0, 0))
            .withLoad(load(1000, 117, Duration.ofMillis(612)));

    Assessment a = Verdicts.assess(evidence, RULES);

    assertThat(a.verdict()).isEqualTo(Verdict.PUSHED_BACK);
    assertThat(a.verdict().isHealthy()).isTrue();
    assertThat(a.heldPhase()).map(PhaseReport::heldMessages).hasValue(117L);
    assertThat(a.explanation())
        .startsWith(
            "the target held up 117 of 1,000 sends (11.7%, threshold 5.0%) in 'spike peak 250/s"
                + " for 4 s': one after another, each stayed inside the target for at least the"
                + " gap to the next message; its sends spent 612 ms of the phase's 4 s inside"
                + " the target");
  }

  @Test
  void aTargetThatHoldsItsCallerABatchAtATime_pushedBack_byTheTimeInsideItsSends() {
    // Logback's AsyncAppender: the worker takes its whole queue as a batch, the caller waits in put
    // for the batch (~330 ms), then sends every overdue message at once — no run of held sends
    Evidence evidence =
        Evidence.of(FLAT, LedgerSnapshot.of(1000, 1000, 0, 0, 0, 0))
            .withLoad(load(1000, 0, Duration.ofMillis(3100), Duration.ofMillis(4760)));

    Assessment a = Verdicts.assess(evidence, RULES);

    assertThat(a.verdict()).isEqualTo(Verdict.PUSHED_BACK);
    assertThat(a.explanation())
        .startsWith(
            "the target held its caller 3.1 s of the phase's 4.8 s inside its sends (65.1%,"
                + " threshold 25.0%) in 'spike peak 250/s for 4 s', a long hold at a time (0 sends"
                + " held one after another); the phase achieved 210/s of 250/s intended");
  }

  @Test
  void timeInsideTheSends_isPushBackOnlyWhenThePhaseFellShort_andOnlyFromItsShare() {
    // one long stall the driver caught up with: the phase still achieved its rate
    Evidence caughtUp =
        Evidence.of(FLAT, LedgerSnapshot.of(1000, 1000, 0, 0, 0, 0))
            .withLoad(load(1000, 0, Duration.ofMillis(1200), Duration.ofSeconds(4)));
    assertThat(Verdicts.assess(caughtUp, RULES).verdict()).isEqualTo(Verdict.SURVIVED);
    // a driver late on its own (a busy machine): short of its plan, but hardly inside the target
    Evidence lateDriver =
        Evidence.of(FLAT, LedgerSnapshot.of(1000, 1000, 0, 0, 0, 0))
            .withLoad(load(1000, 0, Duration.ofMillis(200), Duration.ofMillis(4760)));
    assertThat(Verdicts.assess(lateDriver, RULES).verdict()).isEqualTo(Verdict.SURVIVED);
  }

  @Test
  void aFewHeldSends_belowTheShare_survive_andSaySo() {
    Evidence evidence =
        Evidence.of(FLAT, LedgerSnapshot.of(1000, 1000, 0, 0, 0, 0))
            .withLoad(load(1000, 20, Duration.ofMillis(100)));

    Assessment a = Verdicts.assess(evidence, RULES);

    assertThat(a.verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(a.explanation()).contains("below the push-back threshold: the target held up 20");
    assertThat(Verdicts.assess(evidence, RULES.withPushBackShare(0.01)).verdict())
        .isEqualTo(Verdict.PUSHED_BACK);
  }

  @Test
  void twoHeldSends_inATinyPhase_doNotMakePushBack() {
    Evidence evidence =
        Evidence.of(FLAT, LedgerSnapshot.of(10, 10, 0, 0, 0, 0))
            .withLoad(load(10, VerdictRules.MIN_HELD_MESSAGES - 1, Duration.ofMillis(10)));
    assertThat(Verdicts.assess(evidence, RULES).verdict()).isEqualTo(Verdict.SURVIVED);
  }

  @Test
  void workTheCallerDidItself_isPushBack_onceItsShareIsReached() {
    LedgerSnapshot books = LedgerSnapshot.of(1300, 1300, 0, 0, 0, 0).withByCaller(117);

    Assessment a = Verdicts.assess(Evidence.of(FLAT, books), RULES);

    assertThat(a.verdict()).isEqualTo(Verdict.PUSHED_BACK);
    assertThat(a.explanation())
        .startsWith("the caller handled 117 messages itself (9.0% of those sent, threshold 5.0%)");
    LedgerSnapshot few = LedgerSnapshot.of(1300, 1300, 0, 0, 0, 0).withByCaller(10);
    Assessment survived = Verdicts.assess(Evidence.of(FLAT, few), RULES);
    assertThat(survived.verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(survived.explanation())
        .contains("10 messages handled on the caller's own thread (pushed back onto the caller;");
  }

  @Test
  void sheddingWins_overPushBack() {
    Evidence evidence =
        Evidence.of(FLAT, LedgerSnapshot.of(1000, 900, 100, 0, 0, 0))
            .withLoad(load(1000, 300, Duration.ofSeconds(1)));
    Assessment a = Verdicts.assess(evidence, RULES);
    assertThat(a.verdict()).isEqualTo(Verdict.SHED);
    assertThat(a.explanation()).contains("below the push-back threshold: the target held up 300");
  }

  // --- backlogs after the load ---

  @Test
  void aBacklogStillDrainingWhenTheTimeAllowedPassed_overflowed_notLost() {
    // the queue grew during the load, then fell, but still held 180 when the settle gave up; one
    // message was in the consumer's hands
    QueueTrace trace = trace(6, t -> t < 4 ? 50 * t : 200 - 10 * (t - 4));
    LedgerSnapshot books = LedgerSnapshot.of(2300, 2119, 0, 0, 0, 180);
    SettledBooks draining =
        new SettledBooks(
            books,
            Settlement.STILL_DRAINING,
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            2000,
            InFlight.atMost(1));

    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, "q", draining)
                .withLoadWindow(Duration.ofSeconds(1), Duration.ofSeconds(4)),
            RULES);

    assertThat(a.verdict()).isEqualTo(Verdict.OVERFLOWED);
    assertThat(a.lost()).isZero();
    assertThat(a.explanation())
        .contains(
            "books taken still draining after 10 s (2,000 readings): 180 queued, 1 in flight");
  }

  @Test
  void aBacklogStillDraining_withinAGivenBound_isNotOverflow() {
    QueueTrace trace = trace(6, t -> 100);
    SettledBooks draining =
        new SettledBooks(
            LedgerSnapshot.of(500, 400, 0, 0, 0, 100),
            Settlement.STILL_DRAINING,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            200,
            InFlight.counted(() -> 0));
    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, "q", draining)
                .withLoadWindow(Duration.ofSeconds(1), Duration.ofSeconds(4)),
            RULES.withBound(150));
    assertThat(a.verdict()).isEqualTo(Verdict.SURVIVED);
  }

  @Test
  void aConsumerThatStalledWhileSettling_died() {
    SettledBooks stalled =
        new SettledBooks(
            LedgerSnapshot.of(500, 300, 0, 0, 0, 199)
                .withSinceLastCompletion(Duration.ofSeconds(1)),
            Settlement.STALLED,
            Duration.ofSeconds(1),
            Duration.ofSeconds(3),
            200,
            InFlight.atMost(1));
    Assessment a = Verdicts.assess(Evidence.of(trace(4, t -> 50 * t), "q", stalled), RULES);
    assertThat(a.verdict()).isEqualTo(Verdict.DIED);
  }

  // --- forecasts ---

  @Test
  void aGrowingQueue_isNeverForecastPastItsCapacity() {
    QueueTrace trace = trace(4, t -> 50 * t);
    LedgerSnapshot books = LedgerSnapshot.of(1000, 800, 0, 0, 0, 200);

    Assessment bounded = Verdicts.assess(Evidence.of(trace, books).withCapacity(256), RULES);
    Assessment unbounded = Verdicts.assess(Evidence.of(trace, books), RULES);

    assertThat(bounded.forecastLimit()).isEqualTo(256);
    assertThat(bounded.explanation())
        .contains("at this rate it reaches 256 messages (its capacity) in 1.1 s");
    assertThat(unbounded.forecastLimit()).isEqualTo(1_000_000);
    assertThat(unbounded.explanation()).contains("reaches 1,000,000 messages in 5 h");
  }

  @Test
  void aQueueFullAtItsCapacity_saysItHoldsIt_notADistantForecast() {
    QueueTrace trace = trace(4, t -> Math.min(256, 100 * t));
    LedgerSnapshot books = LedgerSnapshot.of(1000, 744, 0, 0, 0, 256);
    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, books)
                .withCapacity(256)
                .withLoadWindow(Duration.ZERO, Duration.ofMillis(2600)),
            RULES);
    assertThat(a.explanation()).doesNotContain("1,000,000").doesNotContain(" d ");
  }
}
