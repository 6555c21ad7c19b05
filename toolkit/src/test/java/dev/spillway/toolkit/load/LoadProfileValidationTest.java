package dev.spillway.toolkit.load;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadProfileValidationTest {

  private static final LoadProfileBuilder EMPTY = LoadProfile.builder();

  @Test
  void emptyProfile_isRejected() {
    assertThatThrownBy(EMPTY::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("load profile must be made of at least one phase, but was empty");
  }

  @Test
  void nonPositiveOrNonFiniteConstantRate_isRejected() {
    assertThatThrownBy(() -> EMPTY.constant(0))
        .hasMessage("constant rate must be a finite number > 0, but was 0.0");
    assertThatThrownBy(() -> EMPTY.constant(-5))
        .hasMessage("constant rate must be a finite number > 0, but was -5.0");
    assertThatThrownBy(() -> EMPTY.constant(Double.NaN))
        .hasMessage("constant rate must be a finite number > 0, but was NaN");
    assertThatThrownBy(() -> EMPTY.constant(Double.POSITIVE_INFINITY))
        .hasMessage("constant rate must be a finite number > 0, but was Infinity");
  }

  @Test
  void zeroNegativeNullOrHugeDuration_isRejected() {
    var stage = EMPTY.constant(10).perSecond();
    assertThatThrownBy(() -> stage.during(Duration.ZERO))
        .hasMessage("constant duration must be a positive duration, but was PT0S");
    assertThatThrownBy(() -> stage.during(-1, TimeUnit.SECONDS))
        .hasMessage("constant duration must be a positive duration, but was PT-1S");
    assertThatThrownBy(() -> stage.during(null)).hasMessage("constant duration must not be null");
    assertThatThrownBy(() -> stage.during(1, null)).hasMessage("duration unit must not be null");
    assertThatThrownBy(() -> stage.during(Duration.ofDays(366)))
        .hasMessage("constant duration must be at most PT8760H, but was PT8784H");
  }

  @Test
  void tooManyMessagesInOnePhase_isRejected() {
    assertThatThrownBy(() -> EMPTY.constant(1e12).perSecond().during(Duration.ofDays(30)))
        .hasMessageStartingWith(
            "constant rate × duration must be at most 1125899906842624 messages, but was");
  }

  @Test
  void rampRates_mustBeFiniteNotNegative_andNotBothZero() {
    assertThatThrownBy(() -> EMPTY.ramp(-1))
        .hasMessage("ramp start rate must be a finite number >= 0, but was -1.0");
    assertThatThrownBy(() -> EMPTY.ramp(0).to(Double.NaN))
        .hasMessage("ramp end rate must be a finite number >= 0, but was NaN");
    assertThatThrownBy(() -> EMPTY.ramp(0).to(0))
        .hasMessage("ramp rates must be not both 0, but was 0.0 and 0.0");
    assertThatThrownBy(() -> EMPTY.ramp(1).to(2).perSecond().during(Duration.ZERO))
        .hasMessage("ramp duration must be a positive duration, but was PT0S");
  }

  @Test
  void spikeArguments_areEachValidated() {
    assertThatThrownBy(() -> EMPTY.spikeFrom(0))
        .hasMessage("spike base rate must be a finite number > 0, but was 0.0");
    assertThatThrownBy(() -> EMPTY.spikeFrom(100).to(50))
        .hasMessage("spike peak rate must be > the base rate 100.0, but was 50.0");
    assertThatThrownBy(() -> EMPTY.spikeFrom(100).to(200).perSecond().at(Duration.ofSeconds(-1)))
        .hasMessage("spike start must be a duration >= 0, but was PT-1S");
    assertThatThrownBy(
            () ->
                EMPTY.spikeFrom(100).to(200).perSecond().at(ofSeconds(1)).holdingFor(Duration.ZERO))
        .hasMessage("spike hold must be a positive duration, but was PT0S");
    assertThatThrownBy(
            () ->
                EMPTY
                    .spikeFrom(100)
                    .to(200)
                    .perSecond()
                    .at(ofSeconds(2))
                    .holdingFor(ofSeconds(4))
                    .during(ofSeconds(5)))
        .hasMessage("spike duration must be >= start (PT2S) + hold (PT4S), but was PT5S");
  }

  @Test
  void burstOfLessThanOneMessage_isRejected() {
    assertThatThrownBy(() -> EMPTY.burst(0))
        .hasMessage("burst size (messages) must be in [1, 1125899906842624], but was 0");
  }

  @Test
  void nonPositivePause_isRejected() {
    assertThatThrownBy(() -> EMPTY.pause(Duration.ZERO))
        .hasMessage("pause duration must be a positive duration, but was PT0S");
    assertThatThrownBy(() -> EMPTY.pause(5, null))
        .hasMessage("pause duration unit must not be null");
  }

  @Test
  void names_mustBeNonBlank_givenOnce_andFollowedByAPhase() {
    assertThatThrownBy(() -> EMPTY.named(" "))
        .hasMessage("phase name must not be blank, but was ' '");
    assertThatThrownBy(() -> EMPTY.named("a").named("b"))
        .hasMessage("phase name must be given once per phase, but was 'a'");
    assertThatThrownBy(() -> EMPTY.burst(1).named("dangling").build())
        .hasMessage("phase name 'dangling' must be followed by a phase, but was the last call");
    LoadProfile other = EMPTY.burst(1).build();
    assertThatThrownBy(() -> EMPTY.named("x").then(other))
        .hasMessage(
            "phase name 'x' must be followed by a phase, but was followed by then(profile)");
    assertThatThrownBy(() -> EMPTY.then(null)).hasMessage("profile must not be null");
  }

  @Test
  void messageIndexOutsideThePlan_isRejected() {
    LoadProfile profile = EMPTY.burst(3).build();

    assertThatThrownBy(() -> profile.intendedOffsetNanos(3))
        .hasMessage("message index must be in [0, 2], but was 3");
    assertThatThrownBy(() -> profile.phaseOfMessage(-1))
        .hasMessage("message index must be in [0, 2], but was -1");
    assertThatThrownBy(() -> profile.phaseAt(null)).hasMessage("offset must not be null");
  }
}
