package dev.spillway.toolkit.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CapacitySearchTest {

  private static final Duration TRIAL = Duration.ofSeconds(3);

  private static CapacitySearch.Builder search(SimulatedTrials trials) {
    return CapacitySearch.builder()
        .lowest(50)
        .highest(850)
        .resolution(10)
        .runner(trials)
        .nanoClock(trials::now);
  }

  @Test
  void bisection_narrowsTheKneeToTheResolution_aroundTheTrueCapacity() throws Exception {
    SimulatedTrials trials = new SimulatedTrials(203, TRIAL);
    CapacitySearch search = search(trials).build();

    CapacityResult result = search.run();

    assertThat(result.knee()).hasValue(result.kneeLow());
    assertThat(result.kneeLow()).isLessThanOrEqualTo(203);
    assertThat(result.kneeHigh()).isGreaterThan(203);
    assertThat(result.kneeHigh() - result.kneeLow()).isLessThanOrEqualTo(10);
    assertThat(result.saturated()).isTrue();
    // 800 / 10 = 80 → 2 + ⌈log2 80⌉ = 9 rates at most: 50, 850, then seven halvings; + 1 repeat
    assertThat(search.maxTrials()).isEqualTo(10);
    assertThat(trials.rates).hasSize(9).startsWith(50.0, 850.0, 450.0, 250.0, 150.0);
    assertThat(result.saturatedServiceRate()).hasValue(203.0);
  }

  @Test
  void budget_isStatedBeforeTheRun_andTheRunStaysWithinIt() throws Exception {
    SimulatedTrials trials = new SimulatedTrials(203, TRIAL);
    CapacitySearch search = search(trials).build();

    assertThat(search.budget()).isEqualTo(TRIAL.multipliedBy(10));
    assertThat(trials.rates).as("stating the budget runs nothing").isEmpty();

    CapacityResult result = search.run();
    assertThat(result.budget()).isEqualTo(search.budget());
    assertThat(result.elapsed()).isLessThanOrEqualTo(result.budget());
  }

  @Test
  void aRunnerSlowerThanItSaid_endsTheSearchEarly_withAWiderInterval() throws Exception {
    SimulatedTrials trials = new SimulatedTrials(203, TRIAL, TRIAL.multipliedBy(2));
    CapacityResult result = search(trials).build().run();

    // 27 s budget; trials of 6 s: the fifth would start at 24 s and could end at 27 s, the sixth
    // not
    assertThat(trials.rates).hasSize(5);
    assertThat(result.kneeHigh() - result.kneeLow()).isGreaterThan(10);
    assertThat(result.kneeLow()).isLessThanOrEqualTo(203);
    assertThat(result.kneeHigh()).isGreaterThan(203);
  }

  @Test
  void aCapacityBelowTheLowestRate_hasNoKnee_andOneTrial() throws Exception {
    SimulatedTrials trials = new SimulatedTrials(20, TRIAL);
    CapacityResult result = search(trials).build().run();

    assertThat(result.knee()).isEmpty();
    assertThat(result.kneeLow()).isZero();
    assertThat(result.kneeHigh()).isEqualTo(50);
    assertThat(result.saturatedServiceRate()).hasValue(20.0);
    assertThat(trials.rates).containsExactly(50.0);
  }

  @Test
  void aCapacityAboveTheHighestRate_isAtLeastThatRate_unsaturated() throws Exception {
    SimulatedTrials trials = new SimulatedTrials(5_000, TRIAL);
    CapacityResult result = search(trials).build().run();

    assertThat(result.knee()).hasValue(850.0);
    assertThat(result.kneeHigh()).isEqualTo(850);
    assertThat(result.saturated()).isFalse();
    assertThat(result.saturatedServiceRate()).isEmpty();
    assertThat(trials.rates).containsExactly(50.0, 850.0);
  }

  @Test
  void stepping_climbsByTheResolution_untilARateIsNotSustained() throws Exception {
    SimulatedTrials trials = new SimulatedTrials(125, TRIAL);
    CapacitySearch search =
        CapacitySearch.builder()
            .lowest(50)
            .highest(200)
            .resolution(25)
            .mode(SearchMode.STEP)
            .runner(trials)
            .nanoClock(trials::now)
            .build();

    CapacityResult result = search.run();

    assertThat(search.maxTrials()).isEqualTo(8); // 50, 75, …, 200, and a repeat
    assertThat(trials.rates).containsExactly(50.0, 75.0, 100.0, 125.0, 150.0);
    assertThat(result.knee()).hasValue(125.0);
    assertThat(result.kneeHigh()).isEqualTo(150);
  }

  @Test
  void stepping_endsOnTheHighestRate_whenTheStepsDoNotLandOnIt() throws Exception {
    SimulatedTrials trials = new SimulatedTrials(5_000, TRIAL);
    CapacitySearch search =
        CapacitySearch.builder()
            .lowest(50)
            .highest(120)
            .resolution(30)
            .mode(SearchMode.STEP)
            .runner(trials)
            .nanoClock(trials::now)
            .build();

    search.run();

    assertThat(search.maxTrials()).isEqualTo(5);
    assertThat(trials.rates).containsExactly(50.0, 80.0, 110.0, 120.0);
  }

  @Test
  void aRateRefusedBelowAMeasuredSaturatedMu_isTriedAgain_andTheRepeatDecides() throws Exception {
    // refuses 250 (μ 203 measured), then refuses 150 once (a busy moment): 150 < 203 contradicts
    SimulatedTrials trials = new SimulatedTrials(203, TRIAL).refusingOnce(150);
    CapacityResult result = search(trials).build().run();

    assertThat(trials.rates).startsWith(50.0, 850.0, 450.0, 250.0, 150.0, 150.0, 200.0);
    assertThat(result.kneeLow()).isLessThanOrEqualTo(203);
    assertThat(result.kneeHigh()).isGreaterThan(203);
  }

  @Test
  void withoutRepeats_aRefusalByABusyMoment_cutsTheSearchShort() throws Exception {
    SimulatedTrials trials = new SimulatedTrials(203, TRIAL).refusingOnce(150);
    CapacitySearch search = search(trials).repeats(0).build();
    CapacityResult result = search.run();

    assertThat(search.maxTrials()).isEqualTo(9);
    assertThat(result.kneeHigh()).isEqualTo(150);
  }

  @Test
  void badSettings_areRefused_namingTheSettingTheRuleAndTheValue() {
    SimulatedTrials trials = new SimulatedTrials(100, TRIAL);
    assertThatThrownBy(() -> CapacitySearch.builder().lowest(0))
        .hasMessage("capacity search lowest rate must be a finite number > 0, but was 0.0");
    assertThatThrownBy(() -> search(trials).highest(40).build())
        .hasMessage(
            "capacity search highest rate must be above the lowest rate 50.0, but was 40.0");
    assertThatThrownBy(() -> search(trials).resolution(900).build())
        .hasMessage(
            "capacity search resolution must be at most highest − lowest = 800.0, but was 900.0");
    assertThatThrownBy(() -> CapacitySearch.builder().lowest(1).highest(2).runner(trials).build())
        .hasMessage("capacity search resolution must be set, but was unset");
    assertThatThrownBy(() -> search(trials).trial(Duration.ZERO))
        .hasMessage("capacity trial length must be a positive duration, but was PT0S");
    assertThatThrownBy(() -> search(trials).repeats(11))
        .hasMessageStartingWith("capacity search repeats must be ");
    assertThatThrownBy(() -> search(trials).warmUp(Duration.ofMillis(-1)))
        .hasMessage("capacity trial warm-up must be a duration >= 0, but was PT-0.001S");
  }
}
