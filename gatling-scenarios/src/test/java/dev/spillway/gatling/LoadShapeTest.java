package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadShapeTest {

  @Test
  void seedSpike_isTheIncidentsShape() {
    LoadShape s = LoadShape.SEED_SPIKE;

    assertThat(s.step(LoadShape.SPIKE_STEP).perSecond()).isEqualTo(250);
    assertThat(s.startOf(LoadShape.SPIKE_STEP)).isEqualTo(Duration.ofMillis(2500));
    assertThat(s.endOf(LoadShape.SPIKE_STEP)).isEqualTo(Duration.ofMillis(6500));
    assertThat(s.end()).isEqualTo(Duration.ofMillis(7500));
    assertThat(s.requests()).isEqualTo(150 * 2 + 250 * 4 + 150);
  }

  @Test
  void injection_hasALeadThenOneStepPerRate() {
    assertThat(LoadShape.SEED_SPIKE.injection()).hasSize(4);
    assertThat(LoadShape.after(Duration.ZERO, 10, Duration.ofSeconds(1)).injection()).hasSize(1);
  }

  @Test
  void then_leavesTheOriginalUnchanged() {
    LoadShape one = LoadShape.after(Duration.ZERO, 10, Duration.ofSeconds(1));

    LoadShape two = one.then(20, Duration.ofSeconds(2));

    assertThat(one.steps()).hasSize(1);
    assertThat(two.steps()).hasSize(2);
    assertThat(two.requests()).isEqualTo(50);
  }

  @Test
  void construction_rejectsANegativeLead() {
    assertThatThrownBy(() -> LoadShape.after(Duration.ofMillis(-1), 10, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lead");
  }

  @Test
  void construction_rejectsNoSteps() {
    assertThatThrownBy(() -> new LoadShape(Duration.ZERO, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("steps");
  }

  @Test
  void step_rejectsAZeroRateAndAZeroDuration() {
    assertThatThrownBy(() -> new LoadShape.Step(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step rate");
    assertThatThrownBy(() -> new LoadShape.Step(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step duration");
  }

  @Test
  void startOf_rejectsAnIndexOutOfRange() {
    assertThatThrownBy(() -> LoadShape.SEED_SPIKE.startOf(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step index");
  }
}
