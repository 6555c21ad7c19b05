package dev.spillway.toolkit.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.record.DepthSeries;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sequential test on synthetic streams: a depth sampled every 10 ms, a random walk with a given
 * drift, over a 4 s peak that starts at t = 1 s, looked at every 100 ms as a run would. The noise
 * is that of paced arrivals and a jittery consumer ({@link #PACED}: an increment variance of 25
 * messages² per second), or of Poisson arrivals at λ = 250/s ({@link #POISSON}), ten times more.
 */
class SequentialVerdictTest {

  private static final Duration PEAK_START = Duration.ofSeconds(1);
  private static final Duration PEAK = Duration.ofSeconds(4);
  private static final double LAMBDA = 250;
  private static final double PACED = 25;
  private static final double POISSON = LAMBDA;
  private static final EarlyStop STOP = EarlyStop.at(0.99);
  private static final VerdictRules RULES = VerdictRules.defaults();

  /**
   * What a run of looks over one stream came to: the call, if any, and why none at the last look.
   */
  private record Run(Optional<EarlyCall> call, String pending) {}

  /** What the queue can hold, as its probe knows it. */
  private record Limit(OptionalLong capacity, boolean unbounded) {
    static final Limit UNBOUNDED = new Limit(OptionalLong.empty(), true);
    static final Limit UNKNOWN = new Limit(OptionalLong.empty(), false);

    static Limit capacity(long capacity) {
      return new Limit(OptionalLong.of(capacity), false);
    }
  }

  /**
   * A random walk of depths sampled every 10 ms from t = 0 to the peak's end: from {@code start},
   * each step in the peak adds a normal increment of mean {@code drift · dt} and variance {@code
   * variance · dt}, rounded, never below 0.
   */
  private static DepthSeries walk(Random random, double start, double drift, double variance) {
    int n = 501;
    long[] t = new long[n];
    long[] d = new long[n];
    double depth = start;
    for (int i = 0; i < n; i++) {
      t[i] = i * 10_000_000L;
      if (i > 100) { // the drift is the peak's
        depth =
            Math.max(0, depth + drift * 0.01 + random.nextGaussian() * Math.sqrt(variance * 0.01));
      }
      d[i] = Math.round(depth);
    }
    return DepthSeries.of("q", t, d);
  }

  /** Looks every 100 ms over the peak, as a run does, until a call. */
  private static Run run(DepthSeries whole, Rates rates, long shed, Limit limit) {
    return run(whole, rates, shed, limit, 0);
  }

  /** As above, with {@code unsentDue} messages due and not sent at every look. */
  private static Run run(DepthSeries whole, Rates rates, long shed, Limit limit, long unsentDue) {
    SequentialVerdict test = SequentialVerdict.plan(STOP, RULES, PEAK, 1);
    for (long ms = 1_100; ms <= 5_000; ms += 100) {
      Duration now = Duration.ofMillis(ms);
      Optional<EarlyCall> call =
          test.look(look(until(whole, now), now, rates, shed, limit, unsentDue));
      if (call.isPresent()) {
        return new Run(call, test.pending());
      }
    }
    return new Run(Optional.empty(), test.pending());
  }

  private static Look look(
      DepthSeries series, Duration now, Rates rates, long shed, Limit limit, long unsentDue) {
    long sent = (long) (150 + LAMBDA * (now.toMillis() - 1_000) / 1_000.0);
    long queued = series.finalDepth();
    LedgerSnapshot books =
        LedgerSnapshot.of(sent, Math.max(0, sent - queued - shed), shed, 0, 0, queued);
    return new Look(
        now,
        PEAK_START,
        List.of(new QueueLook(series, RULES, limit.capacity(), limit.unbounded())),
        books,
        Optional.of(rates),
        1_300,
        false,
        unsentDue);
  }

  /** The samples up to {@code now}: what the recorder holds at that look. */
  private static DepthSeries until(DepthSeries whole, Duration now) {
    int n = 0;
    while (n < whole.size() && whole.timeNanos(n) <= now.toNanos()) {
      n++;
    }
    long[] t = new long[n];
    long[] d = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = whole.timeNanos(i);
      d[i] = whole.depth(i);
    }
    return DepthSeries.of(whole.probe(), t, d);
  }

  @Test
  void aQueueGrowingAtLambdaMinusMu_isCalledOverflowedEarly() {
    Random random = new Random(42);
    int early = 0;
    for (int i = 0; i < 50; i++) {
      Run run = run(walk(random, 0, 50, PACED), Rates.nominal(LAMBDA, 200), 0, Limit.UNBOUNDED);
      assertThat(run.call()).isPresent();
      assertThat(run.call().get().verdict()).isEqualTo(Verdict.OVERFLOWED);
      if (run.call().get().at().compareTo(Duration.ofSeconds(3)) <= 0) {
        early++;
      }
    }
    // at +50/s against the variance of 250/s arrivals, the first 2 s of the peak decide it
    assertThat(early).isEqualTo(50);
  }

  @Test
  void aHealthyQueue_isNeverCalledOverflowed_andIsCalledSurvivedEarly() {
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      Run run = run(walk(random, 0, -50, PACED), Rates.nominal(LAMBDA, 300), 0, Limit.UNBOUNDED);
      assertThat(run.call()).isPresent();
      assertThat(run.call().get().verdict()).isEqualTo(Verdict.SURVIVED);
      assertThat(run.call().get().reason()).contains("'q' flat at", "nothing shed");
    }
  }

  @Test
  void onNullStreams_falseOverflowCallsStayBelowTheStatedLevel() {
    // no drift, yet the ledger claims an excess: only the drift's bound stands between the noise
    // and a false OVERFLOWED
    Random random = new Random(2026);
    int streams = 1_000;
    int falseOverflows = 0;
    for (int i = 0; i < streams; i++) {
      double noise = i % 2 == 0 ? PACED : POISSON;
      Run run = run(walk(random, 300, 0, noise), Rates.nominal(LAMBDA, 200), 0, Limit.UNBOUNDED);
      if (run.call().map(c -> c.verdict() == Verdict.OVERFLOWED).orElse(false)) {
        falseOverflows++;
      }
    }
    assertThat((double) falseOverflows / streams).isLessThanOrEqualTo(STOP.alpha());
  }

  @Test
  void onStreamsGrowingAtTheMinimumEffect_falseSurvivedCallsStayBelowTheStatedLevel() {
    Random random = new Random(99);
    SequentialVerdict plan = SequentialVerdict.plan(STOP, RULES, PEAK, 1);
    double delta = plan.minimumEffect(RULES);
    int streams = 1_000;
    int falseSurvived = 0;
    for (int i = 0; i < streams; i++) {
      double noise = i % 2 == 0 ? PACED : POISSON;
      Run run =
          run(walk(random, 300, delta, noise), Rates.nominal(LAMBDA, 245), 0, Limit.UNBOUNDED);
      if (run.call().map(c -> c.verdict() == Verdict.SURVIVED).orElse(false)) {
        falseSurvived++;
      }
    }
    assertThat((double) falseSurvived / streams).isLessThanOrEqualTo(STOP.alpha());
  }

  @Test
  void theMinimumEffect_isTheSmallestGrowthTheFullRunCouldCallGrowth() {
    SequentialVerdict plan = SequentialVerdict.plan(STOP, RULES, PEAK, 1);
    // minRise 10 over the late window (half of the 4 s peak): 5/s, above minGrowth 1/s
    assertThat(plan.minimumEffect(RULES)).isEqualTo(5.0);
    // 31 looks (1 s to 4 s of the peak, every 100 ms); ln(0.005) / ln(0.99) failure-free sends
    assertThat(plan.plannedLooks()).isEqualTo(31);
    assertThat(plan.failureFreeSends()).isEqualTo(528);
  }

  @Test
  void aGrowingQueueThatWillFillUpBeforeThePeakEnds_isNotCalledOverflowed() {
    Random random = new Random(5);
    // at +50/s from 0 a capacity of 100 is reached about 2 s into the 4 s peak
    Run run = run(walk(random, 0, 50, PACED), Rates.nominal(LAMBDA, 200), 0, Limit.capacity(100));
    assertThat(run.call().map(EarlyCall::verdict)).isNotEqualTo(Optional.of(Verdict.OVERFLOWED));
  }

  @Test
  void aGrowingQueueWhoseBoundIsNotKnown_isNotCalledOverflowed_andTheLookSaysWhy() {
    // a JDK executor's queue of 100 read through a lambda: growing at +50/s, it fills up 2 s into
    // the peak and then sheds or holds its caller, which the full run shows; the look cannot know
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      Run run = run(walk(random, 0, 50, PACED), Rates.nominal(LAMBDA, 200), 0, Limit.UNKNOWN);
      assertThat(run.call()).isEmpty();
      assertThat(run.pending())
          .contains("'q' undecided", "it grows, but what it can hold is not known")
          .contains("QueueProbes.withCapacity or QueueProbes.unbounded");
    }
  }

  @Test
  void aQueueThatSaysWhatItCanHold_cannotSayBothACapacityAndNoBound() {
    DepthSeries one = DepthSeries.of("q", new long[] {0}, new long[] {0});
    assertThatThrownBy(() -> new QueueLook(one, RULES, OptionalLong.of(100), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "queue 'q' capacity must be empty for an unbounded queue, but was OptionalLong[100]");
    assertThat(new QueueLook(one, RULES, OptionalLong.empty(), false).limitKnown()).isFalse();
    assertThat(new QueueLook(one, RULES, OptionalLong.of(100), false).limitKnown()).isTrue();
    assertThat(new QueueLook(one, RULES, OptionalLong.empty(), true).limitKnown()).isTrue();
  }

  @Test
  void aDriverBehindItsPlan_callsNothing_untilThePushBackIsJudgedAtTheEnd() {
    // a queue full at a bound nobody declared, its caller held in a blocking put: the depth is flat
    // and nothing is shed, but the driver falls behind its plan
    long[] t = new long[501];
    long[] d = new long[501];
    for (int i = 0; i < t.length; i++) {
      t[i] = i * 10_000_000L;
      d[i] = 100 - (i % 3);
    }
    DepthSeries full = DepthSeries.of("q", t, d);
    Run held = run(full, Rates.nominal(200, 200), 0, Limit.UNKNOWN, 3);
    assertThat(held.call()).isEmpty();
    assertThat(held.pending())
        .isEqualTo(
            "3 messages due and not sent: the driver is behind its plan (push-back is judged at the"
                + " end)");
    // a message or two behind is a send under way, not a caller held
    Run onTime = run(full, Rates.nominal(200, 200), 0, Limit.UNKNOWN, 2);
    assertThat(onTime.call().map(EarlyCall::verdict)).contains(Verdict.SURVIVED);
  }

  @Test
  void aQueueHeldAtItsCapacityWhileShedding_isCalledShed() {
    long[] t = new long[501];
    long[] d = new long[501];
    for (int i = 0; i < t.length; i++) {
      t[i] = i * 10_000_000L;
      d[i] = 100 - (i % 3); // full, a message or two below while the consumer takes one
    }
    DepthSeries full = DepthSeries.of("q", t, d);
    Run run = run(full, Rates.nominal(200, 200), 40, Limit.capacity(100));
    assertThat(run.call()).isPresent();
    assertThat(run.call().get().verdict()).isEqualTo(Verdict.SHED);
    assertThat(run.call().get().reason()).contains("40 shed");
  }

  @Test
  void aQueueHeldAtItsCapacityWithNothingShed_isNotCalledSurvived() {
    long[] t = new long[501];
    long[] d = new long[501];
    for (int i = 0; i < t.length; i++) {
      t[i] = i * 10_000_000L;
      d[i] = 100 - (i % 3); // full, and the caller waits for room instead of being turned away
    }
    Run run = run(DepthSeries.of("q", t, d), Rates.nominal(200, 200), 0, Limit.capacity(100));
    assertThat(run.call()).isEmpty();
  }

  @Test
  void failuresAboveTheShareOfThePlan_areCalledFailed_whateverTheRestDoes() {
    SequentialVerdict test = SequentialVerdict.plan(STOP, RULES, PEAK, 1);
    DepthSeries flat = DepthSeries.of("q", new long[] {0, 2_000_000_000L}, new long[] {0, 0});
    LedgerSnapshot books = LedgerSnapshot.of(400, 386, 0, 0, 14, 0); // 14 > 1 % of 1,300
    Look look =
        new Look(
            Duration.ofSeconds(2),
            PEAK_START,
            List.of(new QueueLook(flat, RULES, OptionalLong.empty(), true)),
            books,
            Optional.empty(),
            1_300,
            false,
            0);
    Optional<EarlyCall> call = test.look(look);
    assertThat(call).isPresent();
    assertThat(call.get().verdict()).isEqualTo(Verdict.FAILED);
    assertThat(call.get().reason()).contains("14 failed", "1,300 planned messages");
  }

  @Test
  void aFewFailuresBelowThatShare_callNothing() {
    Random random = new Random(3);
    DepthSeries healthy = walk(random, 0, -50, PACED);
    SequentialVerdict test = SequentialVerdict.plan(STOP, RULES, PEAK, 1);
    for (long ms = 2_000; ms <= 5_000; ms += 100) {
      Duration now = Duration.ofMillis(ms);
      LedgerSnapshot books = LedgerSnapshot.of(1_000, 997, 0, 0, 3, 0);
      Look look =
          new Look(
              now,
              PEAK_START,
              List.of(new QueueLook(until(healthy, now), RULES, OptionalLong.empty(), true)),
              books,
              Optional.of(Rates.nominal(LAMBDA, 300)),
              1_300,
              false,
              0);
      assertThat(test.look(look)).isEmpty();
    }
  }

  @Test
  void aGrowingQueueBeforeTheFailureFreeSends_isOverflowedOnlyWhenAskedWhetherItSurvives() {
    // 100 sent, fewer than the 528 failure-free sends: look() waits (FAILED could still outrank
    // OVERFLOWED), while any verdict the full run reaches is not SURVIVED
    DepthSeries growing = walk(new Random(42), 0, 50, PACED);
    SequentialVerdict waits = SequentialVerdict.plan(STOP, RULES, PEAK, 1);
    SequentialVerdict survival = SequentialVerdict.plan(STOP, RULES, PEAK, 1);
    Optional<EarlyCall> call = Optional.empty();
    for (long ms = 2_000; ms <= 5_000 && call.isEmpty(); ms += 100) {
      Duration now = Duration.ofMillis(ms);
      long queued = until(growing, now).finalDepth();
      Look look =
          new Look(
              now,
              PEAK_START,
              // its bound is not known: a growing queue does not survive, whatever it fills up to
              List.of(new QueueLook(until(growing, now), RULES, OptionalLong.empty(), false)),
              LedgerSnapshot.of(100 + queued, 100, 0, 0, 0, queued),
              Optional.of(Rates.nominal(LAMBDA, 200)),
              1_300,
              false,
              0);
      assertThat(waits.look(look)).isEmpty();
      call = survival.lookForSurvival(look);
    }
    assertThat(call).isPresent();
    assertThat(call.get().verdict()).isEqualTo(Verdict.OVERFLOWED);
    assertThat(call.get().reason())
        .contains("'q' grows at ", "fewer than the 528 failure-free sends needed");
  }

  @Test
  void aHigherRateAhead_orAPeakShorterThanTheMinimumObservation_callsNothingFromTheDrift() {
    Random random = new Random(11);
    DepthSeries healthy = walk(random, 0, -50, PACED);
    Duration now = Duration.ofSeconds(3);
    Look ahead =
        new Look(
            now,
            PEAK_START,
            List.of(new QueueLook(until(healthy, now), RULES, OptionalLong.empty(), true)),
            LedgerSnapshot.of(650, 650, 0, 0, 0, 0),
            Optional.of(Rates.nominal(LAMBDA, 300)),
            1_300,
            true,
            0);
    assertThat(SequentialVerdict.plan(STOP, RULES, PEAK, 1).look(ahead)).isEmpty();
    SequentialVerdict shortPeak = SequentialVerdict.plan(STOP, RULES, Duration.ofMillis(900), 1);
    assertThat(shortPeak.plannedLooks()).isZero();
  }

  @Test
  void badSettings_areRejectedNamingTheValue() {
    assertThatThrownBy(() -> EarlyStop.at(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("confidence must be in (0.5, 1), but was 1.0");
    assertThatThrownBy(() -> EarlyStop.at(0.99).withBatches(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("batches must be");
    assertThatThrownBy(() -> EarlyStop.at(0.99).withLookEvery(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("look interval must be");
  }

  @Test
  void quantiles_matchTheTables() {
    assertThat(Quantiles.normal(0.975))
        .isCloseTo(1.959964, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(Quantiles.normal(0.99999))
        .isCloseTo(4.264891, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(Quantiles.t(0.995, 10)).isCloseTo(3.169, org.assertj.core.data.Offset.offset(0.01));
    assertThat(Quantiles.t(0.9995, 19)).isCloseTo(3.883, org.assertj.core.data.Offset.offset(0.02));
    assertThat(Quantiles.t(0.975, 5)).isCloseTo(2.571, org.assertj.core.data.Offset.offset(0.03));
  }
}
