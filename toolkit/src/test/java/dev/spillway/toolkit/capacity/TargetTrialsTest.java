package dev.spillway.toolkit.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.target.AccountedTarget;
import dev.spillway.toolkit.target.ExecutorTarget;
import dev.spillway.toolkit.verdict.EarlyStop;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Short real trials against a one-thread executor: each under a second and a half. */
class TargetTrialsTest {

  private static final TrialPlan AT_1000 =
      new TrialPlan(1_000, Duration.ofMillis(200), Duration.ofMillis(800));
  private static final TrialPlan AT_50 =
      new TrialPlan(50, Duration.ofMillis(200), Duration.ofMillis(800));

  private static final EarlyStop QUICK =
      EarlyStop.at(0.99).withMinimumObservation(Duration.ofMillis(200));

  /** A one-thread pool whose work sleeps {@code millis}; closing the target shuts it down. */
  private static AccountedTarget pool(long millis) {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    ExecutorTarget target =
        ExecutorTarget.of(
            "pool",
            executor,
            message -> {
              try {
                Thread.sleep(millis);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    return target.onClose(executor::shutdownNow);
  }

  @Test
  void aRateFarAboveWhatTheConsumerServes_isNotSustained_andStopsAtTheBacklog() throws Exception {
    // a 5 ms consumer serves at most ~200/s: at 1,000/s the backlog passes 1,000 within ~1.25 s
    TargetTrials trials =
        TargetTrials.of(() -> pool(5)).stopWhen(TrialStop.clearBreach(Duration.ofMillis(200)));

    CapacityTrial trial = trials.run(AT_1000);

    assertThat(trial.sustained()).as(trial.reason()).isFalse();
    assertThat(trial.reason()).startsWith("not sustained: stopped: the queue held ");
    assertThat(trial.duration()).isLessThan(AT_1000.length());
    assertThat(trial.serviceRate()).isPositive().isLessThan(trial.arrivalRate());
  }

  @Test
  void aRateWellWithinWhatTheConsumerServes_isSustained() throws Exception {
    CapacityTrial trial = TargetTrials.of(() -> pool(1)).run(AT_50);

    assertThat(trial.sustained()).as(trial.reason()).isTrue();
    assertThat(trial.verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(trial.reason()).startsWith("sustained: λ ");
    assertThat(trial.p99()).isPresent();
  }

  @Test
  void whenCertain_aRateFarAboveWhatTheConsumerServes_stopsAsABreach_beforeItsPlanEnds()
      throws Exception {
    // no backlog rule: only the sequential test can stop this trial before its 1 s plan
    TargetTrials trials = TargetTrials.of(() -> pool(5)).stopWhen(TrialStop.whenCertain(QUICK));

    CapacityTrial trial = trials.run(AT_1000);

    assertThat(trial.sustained()).as(trial.reason()).isFalse();
    assertThat(trial.reason()).startsWith("not sustained: stopped: OVERFLOWED certain at 99.0%");
    assertThat(trial.duration()).isLessThan(AT_1000.length());
  }

  @Test
  void whenCertain_aRateWellWithinWhatTheConsumerServes_stopsAsSustained_beforeItsPlanEnds()
      throws Exception {
    // 528 failure-free sends (99 %, 1 % failure share) at 1,000/s: from 0.53 s of a 1 s plan
    TargetTrials trials =
        TargetTrials.of(() -> pool(0))
            .stopWhen(TrialStop.clearBreach().or(TrialStop.whenCertain(QUICK)));

    CapacityTrial trial = trials.run(AT_1000);

    assertThat(trial.sustained()).as(trial.reason()).isTrue();
    assertThat(trial.verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(trial.reason()).startsWith("sustained: stopped early: SURVIVED certain at 99.0%");
    assertThat(trial.duration()).isLessThan(AT_1000.length());
  }

  @Test
  void aLatencyBoundThatIsNotHeld_makesTheRateUnsustained() throws Exception {
    // the driver's latency includes its own send: no send takes less than a nanosecond
    CapacityTrial trial =
        TargetTrials.of(() -> pool(1)).latencyBound(Duration.ofNanos(1)).run(AT_50);

    assertThat(trial.sustained()).isFalse();
    assertThat(trial.reason()).contains("> bound 1 ns");
  }

  @Test
  void longest_isThePlanPlusGraceSettleSamplesAndMargin() {
    TargetTrials trials = TargetTrials.of(() -> pool(1)).settleLimit(Duration.ofSeconds(2));
    // 1 s plan + 250 ms grace + 2 s settle + 5 × 2 ms samples + 500 ms margin
    assertThat(trials.longest(AT_50)).isEqualTo(Duration.ofMillis(3_760));
  }

  @Test
  void badSettings_areRefused() {
    TargetTrials trials = TargetTrials.of(() -> pool(1));
    assertThatThrownBy(() -> trials.settleLimit(Duration.ofMinutes(2)))
        .hasMessageStartingWith("trial settle limit must be ");
    assertThatThrownBy(() -> trials.latencyBound(Duration.ZERO))
        .hasMessage("trial latency bound must be a positive duration, but was PT0S");
  }
}
