package dev.spillway.toolkit.inject;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DelayPlanTest {

  private final DelayPlan plan =
      DelayPlan.starting(Delay.none())
          .then(Duration.ofSeconds(2), Delay.fixed(5, MILLISECONDS))
          .then(6, SECONDS, Delay.uniform(1, 2, MILLISECONDS));

  @Test
  void delayAt_switchesExactlyAtEachStepOffset() {
    assertThat(plan.delayAt(Duration.ZERO)).isEqualTo(Delay.none());
    assertThat(plan.delayAt(Duration.ofNanos(1_999_999_999))).isEqualTo(Delay.none());
    assertThat(plan.delayAt(Duration.ofSeconds(2))).isEqualTo(Delay.fixed(5, MILLISECONDS));
    assertThat(plan.delayAt(Duration.ofNanos(5_999_999_999L)))
        .isEqualTo(Delay.fixed(5, MILLISECONDS));
    assertThat(plan.delayAt(Duration.ofSeconds(6))).isEqualTo(Delay.uniform(1, 2, MILLISECONDS));
    assertThat(plan.delayAt(Duration.ofDays(365))).isEqualTo(Delay.uniform(1, 2, MILLISECONDS));
    assertThat(plan.steps()).isEqualTo(3);
  }

  @Test
  void then_returnsANewPlanAndLeavesTheOriginalAlone() {
    DelayPlan one = DelayPlan.starting(Delay.none());
    DelayPlan two = one.then(Duration.ofSeconds(1), Delay.fixed(1, MILLISECONDS));
    assertThat(one.steps()).isEqualTo(1);
    assertThat(two.steps()).isEqualTo(2);
    assertThat(one.delayAt(Duration.ofSeconds(5))).isEqualTo(Delay.none());
  }

  @Test
  void equalPlans_areEqualAndHashAlike() {
    DelayPlan same =
        DelayPlan.starting(Delay.none())
            .then(2, SECONDS, Delay.fixed(5, MILLISECONDS))
            .then(Duration.ofSeconds(6), Delay.uniform(1, 2, MILLISECONDS));
    assertThat(same).isEqualTo(plan).hasSameHashCodeAs(plan);
    assertThat(DelayPlan.starting(Delay.none())).isNotEqualTo(plan);
  }

  @Test
  void toString_listsEveryStepWithItsOffset() {
    assertThat(plan)
        .hasToString(
            "DelayPlan[+PT0S: NoDelayModel[], +PT2S: FixedDelayModel[delay=PT0.005S],"
                + " +PT6S: UniformDelayModel[min=PT0.001S, max=PT0.002S]]");
  }

  @Test
  void starting_rejectsNull() {
    assertThatThrownBy(() -> DelayPlan.starting(null)).hasMessage("first delay must not be null");
  }

  @Test
  void then_rejectsNullsAndOffsetsNotAfterThePreviousStep() {
    DelayPlan p = DelayPlan.starting(Delay.none());
    assertThatThrownBy(() -> p.then(null, Delay.none()))
        .hasMessage("plan step offset must not be null");
    assertThatThrownBy(() -> p.then(Duration.ofSeconds(1), null))
        .hasMessage("plan step delay must not be null");
    assertThatThrownBy(() -> p.then(Duration.ZERO, Delay.none()))
        .hasMessage("plan step offset must be later than the previous step (PT0S), but was PT0S");
    assertThatThrownBy(() -> p.then(Duration.ofSeconds(-1), Delay.none()))
        .hasMessage("plan step offset must be later than the previous step (PT0S), but was PT-1S");
    assertThatThrownBy(() -> plan.then(Duration.ofSeconds(5), Delay.none()))
        .hasMessage("plan step offset must be later than the previous step (PT6S), but was PT5S");
    assertThatThrownBy(() -> p.then(1, null, Delay.none()))
        .hasMessage("plan step offset unit must not be null");
  }

  @Test
  void delayAt_rejectsNegativeTimes() {
    assertThatThrownBy(() -> plan.delayAt(Duration.ofNanos(-1)))
        .hasMessage("time since start must be a duration >= 0, but was PT-0.000000001S");
  }
}
