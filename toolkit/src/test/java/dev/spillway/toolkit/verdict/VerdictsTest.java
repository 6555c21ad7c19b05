package dev.spillway.toolkit.verdict;

import static dev.spillway.toolkit.verdict.Traces.jitter;
import static dev.spillway.toolkit.verdict.Traces.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.toolkit.ledger.CauseCount;
import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.ledger.Settlement;
import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.load.SendMode;
import dev.spillway.toolkit.record.QueueTrace;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerdictsTest {

  private static final VerdictRules RULES = VerdictRules.defaults();

  // --- the incident: a 5 ms handler (μ ≈ 200/s) offered 250/s ---

  @Test
  void singleton_underTheIncidentSpike_overflowsAtArrivalMinusServiceRate() {
    QueueTrace trace = trace(10, t -> 50 * t + jitter(t)); // grows 50/s for 10 s
    LedgerSnapshot books = LedgerSnapshot.of(2500, 2000, 0, 0, 0, 500);

    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, books).withRates(new Rates(250, 197, Duration.ofSeconds(10))));

    assertThat(a.verdict()).isEqualTo(Verdict.OVERFLOWED);
    assertThat(a.growth().slopePerSecond()).isCloseTo(50, within(0.5));
    assertThat(a.predictedGrowthPerSecond().getAsDouble()).isEqualTo(53);
    // (1,000,000 − ~500) / 50 per s ≈ 19,990 s
    assertThat(a.timeToLimit().orElseThrow().getSeconds()).isBetween(19_900L, 20_050L);
    assertThat(a.explanation())
        .matches(
            "depth grew (49\\.9\\d|50\\.0\\d) ± 0\\.\\d\\d msg/s while arrivals \\(250/s\\) exceeded service"
                + " \\(197/s\\), predicted 53/s; at this rate it reaches 1,000,000 messages in 5 h"
                + " 3[23] min; peak 50\\d at (9\\.9|10) s; no message lost: 2,500 sent = 2,000"
                + " processed \\+ 500 queued");
  }

  @Test
  void singleton_withoutRates_stillOverflowsAndSaysWhereTheGrowthWasMeasured() {
    QueueTrace trace = trace(4, t -> 50 * t);
    Assessment a = Verdicts.assess(Evidence.of(trace, LedgerSnapshot.of(1000, 800, 0, 0, 0, 200)));
    assertThat(a.verdict()).isEqualTo(Verdict.OVERFLOWED);
    assertThat(a.explanation())
        .startsWith("depth grew 50")
        .contains("at the end of the load (last 2 s)");
  }

  @Test
  void singleton_afterTheSpike_overflowsAndReportsTheDrain() {
    // 250/s for 4 s from t = 1 s (grows 50/s to 200), then drains at 150/s: empty at ~6.33 s
    QueueTrace trace =
        trace(8, t -> t < 1 ? 0 : t < 5 ? 50 * (t - 1) : Math.max(0, 200 - 150 * (t - 5)));
    Evidence e =
        Evidence.of(trace, LedgerSnapshot.of(1150, 1150, 0, 0, 0, 0))
            .withLoadWindow(Duration.ofSeconds(1), Duration.ofSeconds(5))
            .withRates(Rates.nominal(250, 200));

    Assessment a = Verdicts.assess(e);

    assertThat(a.verdict()).isEqualTo(Verdict.OVERFLOWED);
    assertThat(a.drainTime().orElseThrow().toMillis()).isBetween(1320L, 1350L);
    assertThat(a.explanation()).contains("; drained 1.3 s after the load;");
    assertThat(a.explanation()).contains("peak 200 at 5 s");
  }

  @Test
  void boundedMailbox_underTheIncidentSpike_shedsAndHoldsItsBound() {
    // capacity 100 fills at 50/s in 2 s, then holds; 6 s spike of 250/s
    QueueTrace trace = trace(6, t -> Math.min(100, 50 * t));
    LedgerSnapshot books = LedgerSnapshot.of(1500, 1200, 200, 0, 0, 100);

    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, books).withRates(Rates.nominal(250, 200)), RULES.withBound(100));

    assertThat(a.verdict()).isEqualTo(Verdict.SHED);
    assertThat(a.explanation())
        .isEqualTo(
            "shed 13.3% of 1,500 messages (200 rejected); depth held ≤ 100 (bound 100) and was not"
                + " growing at the end of the load (0 ± 0 msg/s); arrivals 250/s, service 200/s;"
                + " no message lost: 1,500 sent = 1,200 processed + 200 rejected + 100 queued");
  }

  @Test
  void boundedMailbox_thatFillsUpInsideTheLateWindow_isNotMistakenForOverflow() {
    // a 3 s spike: the late window is [1.5 s, 3 s] and the queue is full from 2 s on
    QueueTrace trace = trace(3, t -> Math.min(100, 50 * t));
    LedgerSnapshot books = LedgerSnapshot.of(750, 600, 50, 0, 0, 100);

    Assessment a = Verdicts.assess(Evidence.of(trace, books)); // no bound given

    assertThat(a.growth().isSignificant(3)).as("the late window alone rises").isTrue();
    assertThat(a.finalGrowth().slopePerSecond()).isZero();
    assertThat(a.verdict()).isEqualTo(Verdict.SHED);
    // the words agree with the verdict: it rose, then held — not "still growing"
    assertThat(a.explanation())
        .doesNotContain("still growing")
        .contains("msg/s over the late window, but not in its last 750 ms (")
        .contains("levelling off, not growing at the end of the load");
  }

  @Test
  void aLateRiseBelowTheMinimumRise_isNotCalledGrowth_andSaysSo() {
    // +2/s over a 2 s late window: significant, but a rise of 4 messages, below the 10 that count
    QueueTrace trace = trace(4, t -> 2 * t);
    Assessment a = Verdicts.assess(Evidence.of(trace, LedgerSnapshot.of(400, 392, 0, 0, 0, 8)));

    assertThat(a.verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(a.explanation())
        .doesNotContain("still growing")
        .contains("but by 4 messages, fewer than the 10 that count as growth");
  }

  @Test
  void aQueueSwingingBetweenTwoLevels_isNotCalledGrowth_andSaysItRoseWithinItsSwings() {
    // a target that pushes back by turns: its queue fills from 50 to 100 and drains back to 50,
    // once a second; over the late window [2 s, 4 s] the least-squares slope is +9/s, 5.6 of its
    // ordinary errors, the final stretch's +8/s 10.7 — both "significant" — and the rise of 18
    // messages is above the 10 that count. Seen for real: a sync-async switch judged OVERFLOWED
    // (8 ± 2 msg/s) on a machine that froze it by turns, while it held its caller 94 % of the time
    QueueTrace trace =
        trace(
            4,
            t -> {
              double x = ((t + 0.75) % 1.0);
              return 50 + 50 * (x < 0.5 ? x / 0.5 : (1 - x) / 0.5);
            });
    Assessment a = Verdicts.assess(Evidence.of(trace, LedgerSnapshot.of(800, 750, 0, 0, 0, 50)));

    assertThat(a.growth().isSignificant(3)).as("the late window alone 'rises'").isTrue();
    assertThat(a.finalGrowth().isSignificant(3)).isTrue();
    LateGrowth late = LateGrowth.judge(trace.series("q"), a.growth(), RULES);
    assertThat(late.rise()).isGreaterThan(RULES.minRise());
    assertThat(late.significant()).isTrue();
    assertThat(late.risesEnough()).isTrue();
    assertThat(late.standsOut()).as("the rise is within the swings").isFalse();
    assertThat(late.grows()).isFalse();
    assertThat(a.verdict()).as(a.explanation()).isEqualTo(Verdict.SURVIVED);
    assertThat(a.explanation())
        .doesNotContain("still growing")
        .containsPattern("msg/s over the late window, but by 1[0-9] messages, within the depth's")
        .contains("own swings (it scattered ±14 about that trend; a rise counts as growth from 2");
  }

  @Test
  void aSteadyRise_standsOutOfItsScatter_wellAboveTheFactor() {
    // the least a steady rise can be: a straight line scatters 1/√12 of its rise (here through
    // rounding down only), so the factor of 2 leaves it clear
    QueueTrace trace = trace(4, t -> 10 * t);
    Assessment a = Verdicts.assess(Evidence.of(trace, LedgerSnapshot.of(800, 760, 0, 0, 0, 40)));

    assertThat(a.verdict()).isEqualTo(Verdict.OVERFLOWED);
    LateGrowth late = LateGrowth.judge(trace.series("q"), a.growth(), RULES);
    assertThat(late.grows()).isTrue();
    assertThat(late.rise()).isGreaterThan(10 * VerdictRules.MIN_RISE_IN_SCATTERS * late.scatter());
  }

  @Test
  void theLateWindowsTest_isLateGrowths_andTheVerdictAddsOnlyTheFinalStretch() {
    // a queue that rose 50/s through the first half of the late window [2 s, 4 s] and then held:
    // the late window grew by LateGrowth's test, the final stretch [3 s, 4 s] did not; the verdict
    // calls it growth only when both do, so it is not OVERFLOWED
    QueueTrace held = trace(4, t -> t < 2 ? 0 : Math.min(50, 50 * (t - 2)));
    Assessment a = Verdicts.assess(Evidence.of(held, LedgerSnapshot.of(800, 750, 0, 0, 0, 50)));
    LateGrowth late = LateGrowth.judge(held.series("q"), a.growth(), RULES);

    assertThat(late.grows()).isTrue();
    assertThat(LateGrowth.significant(a.finalGrowth(), RULES)).isFalse();
    assertThat(Verdicts.grows(late, a.finalGrowth(), RULES)).isFalse();
    assertThat(a.verdict()).as(a.explanation()).isEqualTo(Verdict.SURVIVED);
  }

  @Test
  void lateGrowth_ofAnUndeterminedGrowth_isNotGrowth() {
    QueueTrace trace = trace(4, t -> 10 * t);
    LateGrowth late =
        LateGrowth.judge(
            trace.series("q"),
            trace.series("q").growth(Duration.ofSeconds(10), Duration.ofSeconds(11)),
            RULES);

    assertThat(late.growth().isDetermined()).isFalse();
    assertThat(late.grows()).isFalse();
    assertThat(late.scatter()).isZero();
  }

  @Test
  void partitioned_belowCapacity_survivesAndDrains() {
    QueueTrace trace = trace(6, t -> t >= 1 && t < 5.04 ? 3 + jitter(t) : 0);
    LedgerSnapshot books = LedgerSnapshot.of(600, 600, 0, 0, 0, 0);

    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, books)
                .withLoadWindow(Duration.ofSeconds(1), Duration.ofSeconds(5))
                .withRates(Rates.nominal(150, 400)));

    assertThat(a.verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(a.explanation())
        .matches(
            "depth peaked at 5 and was not growing at the end of the load \\(0\\.\\d+ ± 0\\.\\d+"
                + " msg/s\\); arrivals 150/s, service 400/s; drained 40 ms after the load; no"
                + " message lost: 600 sent = 600 processed");
  }

  // --- FAILED and PUSHED_BACK ---

  @Test
  void aTargetThatFailsEveryMessage_isFailed_withItsCause_andNoServiceRate() {
    QueueTrace trace = trace(2, t -> 0);
    LedgerSnapshot books =
        LedgerSnapshot.of(400, 0, 0, 0, 400, 0)
            .withCauses(
                List.of(new CauseCount("java.lang.IllegalStateException", 400, List.of("down"))),
                List.of());

    Assessment a = Verdicts.assess(Evidence.of(trace, books).withRates(Rates.nominal(250, 250)));

    assertThat(a.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(a.explanation())
        .startsWith(
            "400 of 400 messages failed (100.0%, above the 1.0% threshold); failures: 400 ×"
                + " java.lang.IllegalStateException (e.g. \"down\")")
        .contains("arrivals 250/s, completions (processed or failed) 250/s")
        .doesNotContain("service");
  }

  @Test
  void failuresUpToTheShare_areNotFailed_andMoreAre() {
    QueueTrace trace = trace(2, t -> 0);
    LedgerSnapshot onePercent = LedgerSnapshot.of(400, 396, 0, 0, 4, 0);
    LedgerSnapshot fivePercent = LedgerSnapshot.of(400, 380, 0, 0, 20, 0);

    assertThat(Verdicts.assess(Evidence.of(trace, onePercent)).verdict())
        .isEqualTo(Verdict.SURVIVED);
    assertThat(Verdicts.assess(Evidence.of(trace, fivePercent)).verdict())
        .isEqualTo(Verdict.FAILED);
    Assessment allowed =
        Verdicts.assess(Evidence.of(trace, fivePercent), RULES.withFailureShare(0.10));
    assertThat(allowed.verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(allowed.explanation())
        .contains("20 of 400 messages failed (5.0%, within the 10.0% threshold)");
  }

  @Test
  void workRunOnTheCallersThread_isPushedBack_fromTheShareOfTheSentMessages() {
    QueueTrace trace = trace(5, t -> Math.min(100, 50 * t));
    LedgerSnapshot books = LedgerSnapshot.of(1150, 1150, 0, 0, 0, 0).withByCaller(120);

    Assessment a = Verdicts.assess(Evidence.of(trace, books));

    assertThat(a.verdict()).isEqualTo(Verdict.PUSHED_BACK);
    assertThat(a.explanation())
        .contains("the caller handled 120 messages itself (10.4% of those sent, threshold 5.0%)");
    LedgerSnapshot few = LedgerSnapshot.of(1150, 1150, 0, 0, 0, 0).withByCaller(50);
    assertThat(Verdicts.assess(Evidence.of(trace, few)).verdict()).isEqualTo(Verdict.SURVIVED);
  }

  @Test
  void failuresTheCallerSaw_butTheBooksDidNot_areFailed() {
    // a target that keeps its own books handled every request, but the caller timed out on 60
    // of its 200 (a server frozen for the peak): those messages failed, whatever the books say
    QueueTrace trace = trace(2, t -> 0);
    LedgerSnapshot books = LedgerSnapshot.of(200, 200, 0, 0, 0, 0);
    LoadReport timedOut = load(200, 140, 60);

    Assessment a = Verdicts.assess(Evidence.of(trace, books).withLoad(timedOut));

    assertThat(a.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(a.explanation())
        .startsWith(
            "60 of 200 sends failed as the caller saw them (30.0%, above the 1.0% threshold), 0"
                + " in the target's books; no cause was recorded");
    // the books' own failures decide when they are the larger share
    LedgerSnapshot failing = LedgerSnapshot.of(200, 180, 0, 0, 20, 0);
    Assessment byBooks = Verdicts.assess(Evidence.of(trace, failing).withLoad(load(200, 199, 1)));
    assertThat(byBooks.explanation()).startsWith("20 of 200 messages failed (10.0%, above");
    // and a driver that saw no more failures than the books leaves the verdict to them
    Assessment clean = Verdicts.assess(Evidence.of(trace, books).withLoad(load(200, 200, 0)));
    assertThat(clean.verdict()).isEqualTo(Verdict.SURVIVED);
  }

  private static LoadReport load(long sent, long accepted, long failed) {
    return new LoadReport(
        "load",
        SendMode.DIRECT,
        0,
        sent,
        sent,
        accepted,
        0,
        failed,
        0,
        0,
        Ending.COMPLETED,
        "",
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        List.of(),
        Percentiles.EMPTY,
        Percentiles.EMPTY,
        0,
        0,
        Optional.empty());
  }

  @Test
  void dropsWithAReason_areShed_andTheReasonIsInTheExplanation() {
    QueueTrace trace = trace(5, t -> Math.min(100, 50 * t));
    LedgerSnapshot books =
        LedgerSnapshot.of(1150, 1010, 0, 140, 0, 0)
            .withDropReasons(
                List.of(
                    new CauseCount(
                        "discarded by DiscardPolicy: the caller was not told", 140, List.of())));

    Assessment a = Verdicts.assess(Evidence.of(trace, books));

    assertThat(a.verdict()).isEqualTo(Verdict.SHED);
    assertThat(a.explanation())
        .startsWith("shed 12.2% of 1,150 messages (140 dropped)")
        .endsWith("drops: 140 × discarded by DiscardPolicy: the caller was not told");
  }

  // --- DIED ---

  @Test
  void consumerThatStopped_withMessagesQueued_died() {
    // the consumer stops at 2 s; arrivals go on at 250/s
    QueueTrace trace = trace(5, t -> t < 2 ? 1 : 250 * (t - 2));
    LedgerSnapshot books =
        LedgerSnapshot.of(1250, 500, 0, 0, 0, 749).withSinceLastCompletion(Duration.ofSeconds(3));

    Assessment a = Verdicts.assess(Evidence.of(trace, books));

    assertThat(a.verdict()).isEqualTo(Verdict.DIED);
    assertThat(a.explanation())
        .isEqualTo(
            "the consumer stopped: nothing completed in the last 3 s (stall window 1 s) while"
                + " 750 messages were queued; 1 message unaccounted for (in a handler when it"
                + " stopped, or lost): 1,250 sent, 500 processed + 749 queued");
  }

  @Test
  void aConsumerThatStopped_behindATargetThatRefusesEverything_died() {
    // a pipeline terminated by its first overflow: 545 served, then every message refused for the
    // last 2.2 s of the load — nothing queued, nothing lost, nothing served
    QueueTrace trace = trace(5, t -> 0);
    LedgerSnapshot books =
        LedgerSnapshot.of(1150, 545, 604, 1, 0, 0)
            .withSinceLastCompletion(Duration.ofMillis(4300))
            .withSendingAfterLastCompletion(Duration.ofMillis(2200));

    Assessment a = Verdicts.assess(Evidence.of(trace, books));

    assertThat(a.verdict()).isEqualTo(Verdict.DIED);
    assertThat(a.explanation())
        .startsWith(
            "the consumer stopped: messages went on arriving for 2.2 s after the last completion"
                + " (stall window 1 s) and none was completed: the target refused what it could"
                + " no longer serve; ");
    // a shedder that served to the end is SHED, however long ago its last completion when the
    // books were read, and one that refused the last few sends for less than the window too
    LedgerSnapshot shedding =
        LedgerSnapshot.of(1150, 1000, 150, 0, 0, 0)
            .withSinceLastCompletion(Duration.ofSeconds(2))
            .withSendingAfterLastCompletion(Duration.ofMillis(30));
    assertThat(Verdicts.assess(Evidence.of(trace, shedding)).verdict()).isEqualTo(Verdict.SHED);
  }

  @Test
  void consumerPausedForLessThanTheStallWindow_didNotDie() {
    QueueTrace trace = trace(5, t -> Math.min(t, 2) * 10);
    LedgerSnapshot books =
        LedgerSnapshot.of(100, 80, 0, 0, 0, 20).withSinceLastCompletion(Duration.ofMillis(900));
    assertThat(Verdicts.assess(Evidence.of(trace, books)).verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(
            Verdicts.assess(
                    Evidence.of(trace, books), RULES.withStallWindow(Duration.ofMillis(500)))
                .verdict())
        .isEqualTo(Verdict.DIED);
  }

  @Test
  void idleConsumer_afterTheDrain_didNotDie() {
    QueueTrace trace = trace(5, t -> t < 1 ? 5 : 0);
    LedgerSnapshot books =
        LedgerSnapshot.of(100, 100, 0, 0, 0, 0).withSinceLastCompletion(Duration.ofSeconds(4));
    assertThat(Verdicts.assess(Evidence.of(trace, books)).verdict()).isEqualTo(Verdict.SURVIVED);
  }

  @Test
  void stalledConsumer_isSeenFromTheTraceEvenWhenTheBooksSayNothingIsQueued() {
    QueueTrace trace = trace(3, t -> 40);
    LedgerSnapshot books =
        LedgerSnapshot.of(40, 0, 0, 0, 0, 40).withSinceLastCompletion(Duration.ofSeconds(3));
    assertThat(Verdicts.assess(Evidence.of(trace, books)).verdict()).isEqualTo(Verdict.DIED);
  }

  // --- LOST ---

  @Test
  void messagesWithoutOutcome_afterTheDrain_areASilentLoss() {
    QueueTrace trace = trace(3, t -> t < 2 ? 20 : 0);
    LedgerSnapshot books = LedgerSnapshot.of(3000, 2000, 988, 0, 0, 0);

    Assessment a = Verdicts.assess(Evidence.of(trace, books));

    assertThat(a.verdict()).isEqualTo(Verdict.LOST);
    assertThat(a.explanation())
        .isEqualTo(
            "12 messages lost silently (taken at rest: nothing queued); 12 messages unaccounted"
                + " for: 3,000 sent, but only 2,988 accounted for (2,000 processed + 988 rejected);"
                + " depth peaked at 20");
  }

  @Test
  void doubleCounting_isLostEvenWhenTheConsumerAlsoStalled() {
    QueueTrace trace = trace(3, t -> 5);
    LedgerSnapshot books =
        LedgerSnapshot.of(10, 6, 0, 0, 0, 5).withSinceLastCompletion(Duration.ofSeconds(3));

    Assessment a = Verdicts.assess(Evidence.of(trace, books));

    assertThat(a.verdict()).isEqualTo(Verdict.LOST);
    assertThat(a.explanation())
        .startsWith("1 message counted twice: 10 sent, but 11 accounted for");
  }

  @Test
  void unaccountedMessagesWithinTheConsumersConcurrency_whileDraining_areNotALoss() {
    QueueTrace trace = trace(3, t -> 0);
    LedgerSnapshot books = LedgerSnapshot.of(100, 98, 0, 0, 0, 0);
    assertThat(Verdicts.assess(Evidence.of(trace, books)).verdict()).isEqualTo(Verdict.LOST);
    assertThat(assessDraining(trace, books, InFlight.atMost(2)).verdict())
        .isEqualTo(Verdict.SURVIVED);
    Assessment beyond = assessDraining(trace, books, InFlight.atMost(1));
    assertThat(beyond.verdict()).isEqualTo(Verdict.LOST);
    assertThat(beyond.lost()).isEqualTo(1);
    assertThat(beyond.explanation())
        .startsWith("1 message lost silently (beyond the at most 1 that can be in flight)");
    Assessment unknown = assessDraining(trace, books, InFlight.unknown());
    assertThat(unknown.verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(unknown.explanation())
        .contains("books taken still draining after 2 s (400 readings): 0 queued, 2 in flight");
  }

  private static Assessment assessDraining(QueueTrace trace, LedgerSnapshot books, InFlight f) {
    SettledBooks draining =
        new SettledBooks(
            books, Settlement.STILL_DRAINING, Duration.ofSeconds(2), Duration.ofSeconds(2), 400, f);
    return Verdicts.assess(Evidence.of(trace, trace.onlySeries().probe(), draining), RULES);
  }

  // --- bounds and thresholds ---

  @Test
  void depthBeyondAGivenBound_overflowsAndSaysWhenItWentAbove() {
    QueueTrace trace = trace(4, t -> Math.min(1234, 600 * t));
    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, LedgerSnapshot.of(2000, 766, 0, 0, 0, 1234)), RULES.withBound(1000));

    assertThat(a.verdict()).isEqualTo(Verdict.OVERFLOWED);
    assertThat(a.explanation())
        .startsWith("depth reached 1,234, beyond the bound of 1,000 (first above it at 1.7 s);");
  }

  @Test
  void growthWithinAGivenBound_isReportedWithAForecastButIsNotOverflow() {
    QueueTrace trace = trace(4, t -> 20 * t);
    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, LedgerSnapshot.of(480, 400, 0, 0, 0, 80)), RULES.withBound(1000));

    assertThat(a.verdict()).isEqualTo(Verdict.SURVIVED);
    // from ~80 at 20/s to 1,000: 46 s
    assertThat(a.explanation())
        .matches(
            "depth held ≤ 80 \\(bound 1,000\\) but was still growing (19\\.9\\d|20\\.0\\d) ±"
                + " 0\\.\\d\\d msg/s at the end of the load; at this rate it reaches 1,000"
                + " messages \\(the bound\\) in 4[67] s; no message lost: 480 sent = 400"
                + " processed \\+ 80 queued");
  }

  @Test
  void slowGrowth_belowTheMinimumRateOrRise_isNotOverflow() {
    QueueTrace slow = trace(10, t -> 0.5 * t); // 0.5 msg/s < 1 msg/s
    LedgerSnapshot books = LedgerSnapshot.of(10, 5, 0, 0, 0, 5);
    assertThat(Verdicts.assess(Evidence.of(slow, books)).verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(
            Verdicts.assess(
                    Evidence.of(slow, books), RULES.withMinGrowthPerSecond(0.1).withMinRise(2))
                .verdict())
        .isEqualTo(Verdict.OVERFLOWED);

    QueueTrace shortRise = trace(2, t -> 5 * t); // 5 msg/s, but only +5 in the late second
    assertThat(Verdicts.assess(Evidence.of(shortRise, books)).verdict())
        .isEqualTo(Verdict.SURVIVED);
    assertThat(Verdicts.assess(Evidence.of(shortRise, books), RULES.withMinRise(4)).verdict())
        .isEqualTo(Verdict.OVERFLOWED);
  }

  @Test
  void pureNoise_isNeverTakenForOverflow() {
    Random random = new Random(2024);
    for (int run = 0; run < 100; run++) {
      long seed = random.nextLong();
      Random noise = new Random(seed);
      QueueTrace trace = trace(5, t -> 50 + noise.nextGaussian() * 15);
      Assessment a = Verdicts.assess(Evidence.of(trace, LedgerSnapshot.of(1, 1, 0, 0, 0, 0)));
      assertThat(a.verdict()).as("seed %d: %s", seed, a.explanation()).isEqualTo(Verdict.SURVIVED);
    }
  }

  @Test
  void growthWhileArrivalsDidNotExceedService_isSaidSo() {
    QueueTrace trace = trace(4, t -> 30 * t);
    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, LedgerSnapshot.of(800, 680, 0, 0, 0, 120))
                .withRates(Rates.nominal(190, 200)));
    assertThat(a.verdict()).isEqualTo(Verdict.OVERFLOWED);
    assertThat(a.explanation())
        .contains("msg/s although arrivals (190/s) did not exceed service (200/s)");
  }

  @Test
  void queueAlreadyBeyondTheForecastLimit_saysItAlreadyHoldsIt() {
    QueueTrace trace = trace(4, t -> 100 * t);
    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, LedgerSnapshot.of(400, 0, 0, 0, 0, 400)),
            RULES.withForecastLimit(300));
    assertThat(a.timeToLimit()).contains(Duration.ZERO);
    assertThat(a.explanation()).contains("; it already holds 300 messages or more;");
  }

  @Test
  void queueThatNeverDrainsAfterTheLoad_isSaidSo() {
    QueueTrace trace = trace(6, t -> Math.min(t, 4) * 50);
    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, LedgerSnapshot.of(1000, 800, 0, 0, 0, 200))
                .withLoadWindow(Duration.ZERO, Duration.ofSeconds(4)));
    assertThat(a.drainTime()).isEmpty();
    assertThat(a.explanation()).contains("; not drained 2 s after the load (final depth 200);");
  }

  @Test
  void tooFewSamples_leaveTheGrowthUnmeasurable() {
    QueueTrace trace = trace(0.02, t -> 3); // three samples, one in the late 10 ms
    Assessment a = Verdicts.assess(Evidence.of(trace, LedgerSnapshot.of(3, 0, 0, 0, 0, 3)));
    assertThat(a.verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(a.explanation()).contains("growth not measurable (");
  }

  @Test
  void summary_prefixesTheVerdict() {
    QueueTrace trace = trace(1, t -> 0);
    Assessment a = Verdicts.assess(Evidence.of(trace, LedgerSnapshot.of(0, 0, 0, 0, 0, 0)));
    assertThat(a.summary()).startsWith("SURVIVED: depth peaked at 0");
    assertThat(a.verdict().isHealthy()).isTrue();
    assertThat(Verdict.OVERFLOWED.isHealthy()).isFalse();
  }
}
