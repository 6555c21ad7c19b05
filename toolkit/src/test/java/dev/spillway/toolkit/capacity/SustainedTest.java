package dev.spillway.toolkit.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.load.SendMode;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Evidence;
import dev.spillway.toolkit.verdict.LateGrowth;
import dev.spillway.toolkit.verdict.Verdict;
import dev.spillway.toolkit.verdict.Verdicts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The sustained rule on synthetic traces: what the verdict lets pass and the trial does not. */
class SustainedTest {

  private static final TrialPlan AT_200 = new TrialPlan(200, Duration.ZERO, Duration.ofSeconds(1));

  /** A trial's assessment and the depth series it was made from. */
  private record Judged(Assessment assessment, DepthSeries series) {}

  /** One probe "q" sampled every 10 ms for 1 s, depth(t) rounded down. */
  private static Judged judged(DoubleUnaryOperator depth) {
    return judged(1, depth);
  }

  /** One probe "q" sampled every 10 ms for {@code seconds}, depth(t) rounded down. */
  private static Judged judged(int seconds, DoubleUnaryOperator depth) {
    int n = seconds * 100 + 1;
    long[] t = new long[n];
    long[] d = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * 10_000_000L;
      d[i] = (long) Math.floor(depth.applyAsDouble(i / 100.0));
    }
    QueueTrace trace =
        new QueueTrace(
            "rec",
            Instant.EPOCH,
            1_000_000_000L,
            Duration.ofSeconds(seconds),
            Duration.ofMillis(10),
            List.of(DepthSeries.of("q", t, d)),
            List.of(),
            0,
            0);
    long queued = d[n - 1];
    return new Judged(
        Verdicts.assess(Evidence.of(trace, LedgerSnapshot.of(200 + queued, 200, 0, 0, 0, queued))),
        trace.series("q"));
  }

  private static LoadReport completed() {
    return ended(Ending.COMPLETED);
  }

  private static LoadReport ended(Ending ending) {
    return new LoadReport(
        "load",
        SendMode.DIRECT,
        0,
        200,
        200,
        200,
        0,
        0,
        0,
        0,
        ending,
        "",
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        List.of(),
        Percentiles.EMPTY,
        Percentiles.EMPTY,
        0,
        0,
        Optional.empty());
  }

  private static CapacityTrial judge(Judged j, double lambda, Optional<TrialCall> call) {
    return Sustained.judge(
        AT_200,
        j.assessment(),
        j.series(),
        completed(),
        call,
        Optional.empty(),
        lambda,
        200,
        Duration.ofSeconds(1));
  }

  @Test
  void aFlatQueue_atTheOfferedRate_isSustained() {
    CapacityTrial trial = judge(judged(t -> 1), 200, Optional.empty());

    assertThat(trial.sustained()).as(trial.reason()).isTrue();
    assertThat(trial.reason())
        .isEqualTo("sustained: λ 200.0/s, μ 200.0/s, growth +0.0/s ± 0.00/s, p99 n/a");
  }

  @Test
  void aBacklogThatFormedAndHeld_whichTheVerdictLetsPass_isNotSustained() {
    // 0 → 30 over [0.5 s, 0.75 s], then held: the final stretch is flat, so the verdict survives
    Judged j = judged(t -> t < 0.5 ? 0 : Math.min(30, 120 * (t - 0.5)));
    assertThat(j.assessment().verdict()).isEqualTo(Verdict.SURVIVED);

    CapacityTrial trial = judge(j, 200, Optional.empty());

    assertThat(trial.sustained()).isFalse();
    assertThat(trial.reason()).startsWith("not sustained: growth +").contains("a rise of ");
  }

  @Test
  void aRiseOfAFewMessages_belowTheRulesMinimumRise_isSustained() {
    // +6/s over the late half second is 3 messages: significant by its SE, but a clump, not growth
    Judged j = judged(t -> t < 0.5 ? 0 : 6 * (t - 0.5));
    assertThat(j.assessment().growth().isSignificant(3)).isTrue();

    CapacityTrial trial = judge(j, 200, Optional.empty());

    assertThat(trial.sustained()).as(trial.reason()).isTrue();
  }

  @Test
  void aRateTheDriverDidNotDeliver_isNotSustained() {
    CapacityTrial trial = judge(judged(t -> 0), 146, Optional.empty());

    assertThat(trial.sustained()).isFalse();
    assertThat(trial.reason())
        .startsWith(
            "not sustained: not delivered: λ 146.0/s below 90% of the offered 200.0/s (the driver"
                + " fell behind)");
  }

  @Test
  void aTrialStoppedAtABreach_isNotSustained_whateverItsVerdict() {
    CapacityTrial trial =
        judge(judged(t -> 0), 200, Optional.of(TrialCall.breach("3 messages were shed")));

    assertThat(trial.verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(trial.sustained()).isFalse();
    assertThat(trial.reason()).startsWith("not sustained: stopped: 3 messages were shed; λ ");
  }

  @Test
  void aTrialStoppedAsSustained_isJudgedByTheSameRules_overWhatItRan() {
    Optional<TrialCall> certain = Optional.of(TrialCall.sustainedFor("SURVIVED certain"));
    Judged level = judged(t -> 1);
    Judged rising = judged(t -> 100 * t);

    CapacityTrial flat =
        Sustained.judge(
            AT_200,
            level.assessment(),
            level.series(),
            ended(Ending.STOPPED),
            certain,
            Optional.empty(),
            200,
            200,
            Duration.ofMillis(600));
    assertThat(flat.sustained()).as(flat.reason()).isTrue();
    assertThat(flat.reason()).startsWith("sustained: stopped early: SURVIVED certain; λ 200.0/s");

    // the call does not overrule the rules: a queue that grew is not sustained
    CapacityTrial grew =
        Sustained.judge(
            AT_200,
            rising.assessment(),
            rising.series(),
            ended(Ending.STOPPED),
            certain,
            Optional.empty(),
            200,
            200,
            Duration.ofMillis(600));
    assertThat(grew.sustained()).isFalse();
    assertThat(grew.reason()).startsWith("not sustained: verdict OVERFLOWED; growth +");
  }

  @Test
  void aQueueSwingingBetweenTwoLevels_whichTheVerdictExcuses_isSustainedToo() {
    // a kept-up queue the machine makes swing from 50 to 100 and back once a second: over the late
    // window [2 s, 4 s] its slope (+9/s) is significant by its SE and rises 18 messages, above the
    // minimum rise, but within the depth's own swings (the verdict's scatter rule): the verdict is
    // SURVIVED, and the trial, judged by the same late-window test, sustains its rate
    Judged j =
        judged(
            4,
            t -> {
              double x = (t + 0.75) % 1.0;
              return 50 + 50 * (x < 0.5 ? x / 0.5 : (1 - x) / 0.5);
            });
    Assessment a = j.assessment();
    assertThat(a.verdict()).as(a.explanation()).isEqualTo(Verdict.SURVIVED);
    assertThat(a.explanation()).contains("within the depth's own swings");
    LateGrowth late = LateGrowth.judge(j.series(), a.growth(), a.rules());
    assertThat(late.significant() && late.risesEnough())
        .as("the slope alone reads as growth")
        .isTrue();

    CapacityTrial trial = judge(j, 200, Optional.empty());

    assertThat(trial.sustained()).as(trial.reason()).isTrue();
  }

  @Test
  void theTrialsGrowthTest_isTheVerdictsLateWindowTest_onEveryShape() {
    // the trial skips only the verdict's final-stretch test: over shapes on both sides of each part
    // of the late-window test, the trial's refusal for growth is exactly LateGrowth's judgement
    List<DoubleUnaryOperator> shapes =
        List.of(
            t -> 1,
            t -> 100 * t,
            t -> t < 0.5 ? 0 : 6 * (t - 0.5),
            t -> t < 0.5 ? 0 : Math.min(30, 120 * (t - 0.5)),
            t -> 10 + 40 * Math.abs(Math.sin(12 * t)),
            t -> 30 * t + 25 * ((int) (t * 20) % 2));
    for (DoubleUnaryOperator shape : shapes) {
      Judged j = judged(shape);
      LateGrowth late =
          LateGrowth.judge(j.series(), j.assessment().growth(), j.assessment().rules());

      CapacityTrial trial = judge(j, 200, Optional.empty());

      assertThat(trial.reason().contains("× SE"))
          .as("%s: %s", late, trial.reason())
          .isEqualTo(late.grows());
    }
  }
}
