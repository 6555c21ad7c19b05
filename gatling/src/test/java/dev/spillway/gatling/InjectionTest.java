package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.gatling.Injection.Step;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.PhaseKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InjectionTest {

  @Test
  void everyPhase_becomesOneStep_withItsRatesAndDuration() {
    LoadProfile profile =
        LoadProfile.builder()
            .constant(150)
            .perSecond()
            .during(Duration.ofSeconds(1))
            .ramp(150)
            .to(300)
            .perSecond()
            .during(Duration.ofSeconds(2))
            .burst(40)
            .pause(Duration.ofMillis(500))
            .build();

    assertThat(Injection.plan(profile))
        .containsExactly(
            new Step(PhaseKind.CONSTANT, 150, 150, Duration.ofSeconds(1), 0),
            new Step(PhaseKind.RAMP, 150, 300, Duration.ofSeconds(2), 0),
            new Step(PhaseKind.BURST, 0, 0, Duration.ZERO, 40),
            new Step(PhaseKind.PAUSE, 0, 0, Duration.ofMillis(500), 0));
    assertThat(Injection.of(profile)).hasSize(4);
  }
}
