package dev.spillway.toolkit.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.verdict.EarlyStop;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TrialStop#whenCertain} on simulated trials: a component's depth sampled every 2 ms while
 * 250 messages a second arrive over a 500 ms warm-up and a 2 s judged window — a random walk of a
 * given drift, or a consumer that keeps up (seeded, so each case is one fixed stream) — and the
 * rule asked every 20 ms, as {@link TargetTrials} samples and asks.
 */
class WhenCertainTest {

  private static final double RATE = 250;
  private static final TrialPlan PLAN =
      new TrialPlan(RATE, Duration.ofMillis(500), Duration.ofSeconds(2));
  private static final EarlyStop STOP =
      EarlyStop.at(0.99).withMinimumObservation(Duration.ofMillis(500));
  private static final TrialStop CERTAIN = TrialStop.whenCertain(STOP);

  /** Where a simulated trial stopped, and on which call; empty when it ran its whole plan. */
  private record Stopped(Duration at, TrialCall call) {}

  /** Depths sampled every 2 ms over the plan, as {@link TargetTrials} samples them. */
  private static final int POINTS = (int) (PLAN.length().toMillis() / 2) + 1;

  /**
   * A queue that grows: a random walk drifting at {@code drift} per second with a jittery
   * consumer's noise (an increment variance of 25 messages² per second), never below 0.
   */
  private static long[] walk(long seed, double drift) {
    Random random = new Random(seed);
    long[] depths = new long[POINTS];
    double depth = 0;
    for (int i = 0; i < POINTS; i++) {
      depth = Math.max(0, depth + drift * 0.002 + random.nextGaussian() * Math.sqrt(25 * 0.002));
      depths[i] = Math.round(depth);
    }
    return depths;
  }

  /** A consumer that keeps up: a message waits at one sample in ten. */
  private static long[] keepingUp(long seed) {
    Random random = new Random(seed);
    long[] depths = new long[POINTS];
    for (int i = 0; i < POINTS; i++) {
      depths[i] = random.nextInt(10) == 0 ? 1 : 0;
    }
    return depths;
  }

  /**
   * Runs the rule over a trial of these depths, with the ledger's λ at the offered rate and μ at
   * {@code drift} below it.
   */
  private static Optional<Stopped> simulate(TrialStop rule, long[] depths, double drift) {
    long[] times = new long[POINTS];
    for (int i = 0; i < POINTS; i++) {
      times[i] = i * 2_000_000L;
    }
    TrialStop trial = rule.start(PLAN, TargetTrials.TRIAL_RULES);
    for (long ms = 0; ms <= PLAN.length().toMillis(); ms += 20) {
      int last = (int) (ms / 2);
      DepthSeries seen =
          DepthSeries.of("q", Arrays.copyOf(times, last + 1), Arrays.copyOf(depths, last + 1));
      long sent = Math.round(RATE * ms / 1e3);
      long queued = depths[last];
      LedgerSnapshot books = LedgerSnapshot.of(sent, Math.max(0, sent - queued), 0, 0, 0, queued);
      Duration elapsed = Duration.ofMillis(ms);
      Optional<Rates> rates =
          elapsed.compareTo(PLAN.warmUp()) > 0
              ? Optional.of(
                  new Rates(RATE, Math.max(0, RATE - drift), elapsed.minus(PLAN.warmUp())))
              : Optional.empty();
      Optional<TrialCall> call =
          trial.call(new TrialProgress(PLAN, elapsed, queued, books, seen, Duration.ZERO, rates));
      if (call.isPresent()) {
        return Optional.of(new Stopped(elapsed, call.get()));
      }
    }
    return Optional.empty();
  }

  @Test
  void aQueueClearlyGrowing_isCalledABreach_soonAfterTheMinimumObservation() {
    // 50/s of growth against the 5/s a 2 s window can call growth
    Stopped stopped = simulate(CERTAIN, walk(1, 50), 50).orElseThrow();

    assertThat(stopped.call().sustained()).isFalse();
    assertThat(stopped.call().reason())
        .startsWith("OVERFLOWED certain at 99.0% after ")
        .contains("'q' grows at ");
    assertThat(stopped.at()).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1_500));
  }

  @Test
  void aFlatQueue_isCalledSustained_onceEnoughSendsWentWithoutAFailure() {
    Stopped stopped = simulate(CERTAIN, keepingUp(2), 0).orElseThrow();

    assertThat(stopped.call().sustained()).isTrue();
    assertThat(stopped.call().reason())
        .startsWith("SURVIVED certain at 99.0% after ")
        .contains("'q' flat at ");
    // 528 failure-free sends at 250/s take 2.11 s: no sustained call before that
    assertThat(stopped.at()).isBetween(Duration.ofMillis(2_120), PLAN.length());
  }

  @Test
  void aQueueGrowingAtTheSmallestGrowthTheTrialCouldCall_runsItsWholePlan() {
    // drifting at δ = 10 messages / 2 s: neither certainly flat nor certainly growing
    assertThat(simulate(CERTAIN, walk(3, 5), 5)).isEmpty();
  }

  @Test
  void withoutTheRule_noTrialStops() {
    assertThat(simulate(TrialStop.never(), walk(1, 50), 50)).isEmpty();
    assertThat(simulate(TrialStop.never(), keepingUp(2), 0)).isEmpty();
  }

  @Test
  void combinedWithAClearBreach_theFirstRuleThatCallsStopsTheTrial() {
    // 400/s of growth: a backlog of a second at 250/s after ~0.63 s, before the sequential test
    // may look
    Stopped stopped =
        simulate(TrialStop.clearBreach().or(CERTAIN), walk(4, 400), 250).orElseThrow();
    assertThat(stopped.call().reason()).startsWith("the queue held ");

    Stopped flat = simulate(TrialStop.clearBreach().or(CERTAIN), keepingUp(2), 0).orElseThrow();
    assertThat(flat.call().sustained()).isTrue();
  }

  @Test
  void aRuleThatWasNotStarted_refusesToLook() {
    assertThatThrownBy(() -> CERTAIN.call(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ask start(plan, rules)");
    assertThatThrownBy(() -> TrialStop.whenCertain(null)).hasMessage("early stop must not be null");
  }
}
