package dev.spillway.toolkit.load;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LoadProfileTest {

  @Test
  void constant_plansRateTimesDuration_atMultiplesOfTheInterval() {
    LoadProfile profile =
        LoadProfile.builder().constant(150).perSecond().during(ofSeconds(2)).build();

    assertThat(profile.plannedMessages()).isEqualTo(300);
    assertThat(profile.plannedDuration()).isEqualTo(ofSeconds(2));
    assertThat(profile.intendedOffsetNanos(0)).isZero();
    assertThat(profile.intendedOffsetNanos(1)).isEqualTo(6_666_666);
    assertThat(profile.intendedOffsetNanos(150)).isEqualTo(1_000_000_000);
    assertThat(profile.intendedOffsetNanos(299)).isEqualTo(1_993_333_333);
  }

  @Test
  void messagesDueBy_countsTheMessagesDueAtOrBeforeAnOffset() {
    LoadProfile profile =
        LoadProfile.builder().constant(150).perSecond().during(ofSeconds(2)).build();

    assertThat(profile.messagesDueBy(-1)).isZero();
    assertThat(profile.messagesDueBy(0)).isOne(); // the first is due at once
    assertThat(profile.messagesDueBy(6_666_665)).isOne();
    assertThat(profile.messagesDueBy(6_666_666)).isEqualTo(2);
    assertThat(profile.messagesDueBy(1_000_000_000)).isEqualTo(151);
    assertThat(profile.messagesDueBy(1_993_333_333)).isEqualTo(300);
    assertThat(profile.messagesDueBy(Long.MAX_VALUE)).isEqualTo(300);
  }

  @Test
  void constant_whoseDurationIsNotAMultipleOfTheInterval_roundsTheCountUp() {
    // 10/s for 1.05 s: messages at 0, 0.1, ..., 1.0 -> 11 messages
    LoadProfile profile =
        LoadProfile.builder().constant(10).perSecond().during(1050, TimeUnit.MILLISECONDS).build();

    assertThat(profile.plannedMessages()).isEqualTo(11);
    assertThat(profile.intendedOffsetNanos(10)).isEqualTo(1_000_000_000);
  }

  @Test
  void constant_withFractionalRate_spacesMessagesByItsInverse() {
    LoadProfile profile =
        LoadProfile.builder().constant(0.5).perSecond().during(ofSeconds(5)).build();

    assertThat(profile.plannedMessages()).isEqualTo(3);
    assertThat(profile.intendedOffsetNanos(2)).isEqualTo(4_000_000_000L);
  }

  @Test
  void ramp_plansTheIntegralOfItsRate_andInvertsItForEachMessage() {
    // 100/s -> 300/s over 2 s: N(t) = 100 t + 50 t², N(2) = 400
    LoadProfile profile =
        LoadProfile.builder().ramp(100).to(300).perSecond().during(ofSeconds(2)).build();

    assertThat(profile.plannedMessages()).isEqualTo(400);
    for (long i = 0; i < profile.plannedMessages(); i++) {
      double t = profile.intendedOffsetNanos(i) / 1e9;
      assertThat(100 * t + 50 * t * t).as("N(t_%d)", i).isCloseTo(i, within(1e-6));
    }
  }

  @Test
  void ramp_speedsUp_soIntervalsShrinkAlongTheRamp() {
    LoadProfile profile =
        LoadProfile.builder().ramp(100).to(300).perSecond().during(ofSeconds(2)).build();

    long firstGap = profile.intendedOffsetNanos(1) - profile.intendedOffsetNanos(0);
    long lastGap = profile.intendedOffsetNanos(399) - profile.intendedOffsetNanos(398);
    assertThat(firstGap).isCloseTo(10_000_000, within(100_000L)); // ~1/100 s
    assertThat(lastGap).isCloseTo(3_333_333, within(100_000L)); // ~1/300 s
  }

  @Test
  void ramp_down_andFromZero_stayWithinTheirDuration() {
    LoadProfile down =
        LoadProfile.builder().ramp(300).to(100).perSecond().during(ofSeconds(2)).build();
    LoadProfile up = LoadProfile.builder().ramp(0).to(200).perSecond().during(ofSeconds(2)).build();

    assertThat(down.plannedMessages()).isEqualTo(400);
    assertThat(down.intendedOffsetNanos(399)).isLessThan(2_000_000_000L);
    assertThat(up.plannedMessages()).isEqualTo(200);
    assertThat(up.intendedOffsetNanos(0)).isZero();
    // from zero: N(t) = 50 t², so message 50 is due at 1 s
    assertThat(up.intendedOffsetNanos(50)).isCloseTo(1_000_000_000L, within(1L));
    assertThat(up.intendedOffsetNanos(199)).isLessThan(2_000_000_000L);
  }

  @Test
  void offsets_neverDecrease_acrossPhases() {
    LoadProfile profile =
        LoadProfile.builder()
            .ramp(10)
            .to(1000)
            .perSecond()
            .during(ofMillis(700))
            .burst(20)
            .constant(333)
            .perSecond()
            .during(ofMillis(300))
            .ramp(500)
            .to(1)
            .perSecond()
            .during(ofMillis(900))
            .build();

    for (long i = 1; i < profile.plannedMessages(); i++) {
      assertThat(profile.intendedOffsetNanos(i))
          .isGreaterThanOrEqualTo(profile.intendedOffsetNanos(i - 1));
    }
  }

  @Test
  void spike_isBaseThenPeakThenBase_asThreeConstantPhases() {
    LoadProfile profile =
        LoadProfile.builder()
            .spikeFrom(50)
            .to(250)
            .perSecond()
            .at(ofSeconds(2))
            .holdingFor(ofSeconds(4))
            .during(ofSeconds(10))
            .build();

    List<LoadPhase> phases = profile.phases();
    assertThat(phases).extracting(LoadPhase::kind).containsOnly(PhaseKind.CONSTANT);
    assertThat(phases)
        .extracting(LoadPhase::expectedRatePerSecond)
        .containsExactly(50.0, 250.0, 50.0);
    assertThat(phases)
        .extracting(LoadPhase::duration)
        .containsExactly(ofSeconds(2), ofSeconds(4), ofSeconds(4));
    assertThat(phases)
        .extracting(LoadPhase::name)
        .containsExactly(
            "spike base 50/s for 2 s", "spike peak 250/s for 4 s", "spike recovery 50/s for 4 s");
    assertThat(profile.plannedMessages()).isEqualTo(100 + 1000 + 200);
    assertThat(profile.plannedDuration()).isEqualTo(ofSeconds(10));
    // the first peak message is due exactly at 2 s, the first recovery message at 6 s
    assertThat(profile.intendedOffsetNanos(100)).isEqualTo(2_000_000_000L);
    assertThat(profile.intendedOffsetNanos(1100)).isEqualTo(6_000_000_000L);
  }

  @Test
  void spike_startingAtZeroAndEndingWithItsPeak_leavesOutTheBaseParts() {
    LoadProfile profile =
        LoadProfile.builder()
            .named("storm")
            .spikeFrom(10)
            .to(100)
            .perSecond()
            .at(0, TimeUnit.SECONDS)
            .holdingFor(1, TimeUnit.SECONDS)
            .during(1, TimeUnit.SECONDS)
            .build();

    assertThat(profile.phases()).extracting(LoadPhase::name).containsExactly("storm peak");
    assertThat(profile.plannedMessages()).isEqualTo(100);
  }

  @Test
  void namedSpike_prefixesItsPartsWithTheName() {
    LoadProfile profile =
        LoadProfile.builder()
            .named("flash sale")
            .spikeFrom(10)
            .to(100)
            .perSecond()
            .at(ofSeconds(1))
            .holdingFor(ofSeconds(1))
            .during(ofSeconds(3))
            .build();

    assertThat(profile.phases())
        .extracting(LoadPhase::name)
        .containsExactly("flash sale base", "flash sale peak", "flash sale recovery");
  }

  @Test
  void burst_putsEveryMessageAtOneInstant_andTakesNoTime() {
    LoadProfile profile =
        LoadProfile.builder()
            .constant(10)
            .perSecond()
            .during(ofSeconds(1))
            .burst(500)
            .constant(10)
            .perSecond()
            .during(ofSeconds(1))
            .build();

    assertThat(profile.plannedMessages()).isEqualTo(520);
    assertThat(profile.plannedDuration()).isEqualTo(ofSeconds(2));
    LoadPhase burst = profile.phases().get(1);
    assertThat(burst.kind()).isEqualTo(PhaseKind.BURST);
    assertThat(burst.name()).isEqualTo("burst of 500");
    assertThat(burst.duration()).isZero();
    assertThat(burst.expectedRatePerSecond()).isInfinite();
    for (long i = 10; i < 510; i++) {
      assertThat(profile.intendedOffsetNanos(i)).isEqualTo(1_000_000_000L);
    }
    assertThat(profile.intendedOffsetNanos(510)).isEqualTo(1_000_000_000L);
    assertThat(profile.intendedOffsetNanos(511)).isEqualTo(1_100_000_000L);
  }

  @Test
  void pause_sendsNothing_andShiftsWhatFollows() {
    LoadProfile profile =
        LoadProfile.builder()
            .constant(10)
            .perSecond()
            .during(ofSeconds(1))
            .pause(ofMillis(500))
            .constant(10)
            .perSecond()
            .during(ofSeconds(1))
            .build();

    assertThat(profile.plannedMessages()).isEqualTo(20);
    assertThat(profile.plannedDuration()).isEqualTo(ofMillis(2500));
    LoadPhase pause = profile.phases().get(1);
    assertThat(pause.plannedMessages()).isZero();
    assertThat(pause.expectedRatePerSecond()).isZero();
    assertThat(pause.name()).isEqualTo("pause for 500 ms");
    assertThat(profile.intendedOffsetNanos(9)).isEqualTo(900_000_000L);
    assertThat(profile.intendedOffsetNanos(10)).isEqualTo(1_500_000_000L);
  }

  @Test
  void phases_arePlacedInSequence_withIndexStartAndFirstMessage() {
    LoadProfile profile =
        LoadProfile.builder()
            .constant(100)
            .perSecond()
            .during(ofSeconds(1))
            .ramp(100)
            .to(200)
            .perSecond()
            .during(ofSeconds(2))
            .burst(7)
            .pause(ofSeconds(1))
            .build();

    List<LoadPhase> phases = profile.phases();
    assertThat(phases).extracting(LoadPhase::index).containsExactly(0, 1, 2, 3);
    assertThat(phases)
        .extracting(LoadPhase::startOffset)
        .containsExactly(Duration.ZERO, ofSeconds(1), ofSeconds(3), ofSeconds(3));
    assertThat(phases)
        .extracting(LoadPhase::firstMessageIndex)
        .containsExactly(0L, 100L, 400L, 407L);
    assertThat(phases).extracting(LoadPhase::plannedMessages).containsExactly(100L, 300L, 7L, 0L);
    assertThat(phases)
        .extracting(LoadPhase::expectedRatePerSecond)
        .containsExactly(100.0, 150.0, Double.POSITIVE_INFINITY, 0.0);
    assertThat(profile.plannedMessages()).isEqualTo(407);
    assertThat(profile.plannedDuration()).isEqualTo(ofSeconds(4));
  }

  @Test
  void phaseOfMessage_andPhaseAt_findTheOwningPhase() {
    LoadProfile profile =
        LoadProfile.builder()
            .constant(100)
            .perSecond()
            .during(ofSeconds(1))
            .burst(5)
            .pause(ofSeconds(1))
            .ramp(10)
            .to(30)
            .perSecond()
            .during(ofSeconds(1))
            .build();

    assertThat(profile.phaseOfMessage(0).index()).isZero();
    assertThat(profile.phaseOfMessage(99).index()).isZero();
    assertThat(profile.phaseOfMessage(100).index()).isEqualTo(1);
    assertThat(profile.phaseOfMessage(104).index()).isEqualTo(1);
    assertThat(profile.phaseOfMessage(105).index()).isEqualTo(3);
    assertThat(profile.phaseAt(Duration.ZERO)).map(LoadPhase::index).contains(0);
    assertThat(profile.phaseAt(999, TimeUnit.MILLISECONDS)).map(LoadPhase::index).contains(0);
    assertThat(profile.phaseAt(ofSeconds(1))).map(LoadPhase::index).contains(2);
    assertThat(profile.phaseAt(ofMillis(2500))).map(LoadPhase::index).contains(3);
    assertThat(profile.phaseAt(ofSeconds(3))).isEmpty();
    assertThat(profile.phaseAt(ofMillis(-1))).isEmpty();
  }

  @Test
  void namedPhases_keepTheirNames_andAutoNamesDescribeTheShape() {
    LoadProfile profile =
        LoadProfile.builder()
            .named("warm-up")
            .constant(150)
            .perSecond()
            .during(ofSeconds(2))
            .ramp(150)
            .to(600.5)
            .perSecond()
            .during(ofMillis(1500))
            .named("drain")
            .pause(ofSeconds(1))
            .build();

    assertThat(profile.phases())
        .extracting(LoadPhase::name)
        .containsExactly("warm-up", "ramp 150/s to 600.5/s over 1.5 s", "drain");
    assertThat(profile.describe()).isEqualTo("warm-up → ramp 150/s to 600.5/s over 1.5 s → drain");
  }

  @Test
  void then_appendsAnotherProfilesPhases() {
    LoadProfile warmUp =
        LoadProfile.builder()
            .named("warm-up")
            .constant(10)
            .perSecond()
            .during(ofSeconds(1))
            .build();

    LoadProfile profile = LoadProfile.builder().then(warmUp).burst(3).then(warmUp).build();

    assertThat(profile.phases())
        .extracting(LoadPhase::name)
        .containsExactly("warm-up", "burst of 3", "warm-up");
    assertThat(profile.plannedMessages()).isEqualTo(23);
    assertThat(profile.intendedOffsetNanos(22)).isEqualTo(1_900_000_000L);
  }

  @Test
  void builder_isImmutable_soAPrefixCanBeReused() {
    var prefix = LoadProfile.builder().constant(10).perSecond().during(ofSeconds(1));

    LoadProfile withBurst = prefix.burst(5).build();
    LoadProfile withPause = prefix.pause(ofSeconds(1)).build();

    assertThat(withBurst.phases()).hasSize(2);
    assertThat(withPause.phases()).hasSize(2);
    assertThat(prefix.build().phases()).hasSize(1);
  }

  @Test
  void equalProfiles_areEqual_andToStringListsThePhases() {
    LoadProfile a = LoadProfile.builder().constant(10).perSecond().during(ofSeconds(1)).build();
    LoadProfile b = LoadProfile.builder().constant(10).perSecond().during(ofSeconds(1)).build();
    LoadProfile c = LoadProfile.builder().constant(11).perSecond().during(ofSeconds(1)).build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    assertThat(a.toString()).contains("plannedMessages=10", "constant 10/s for 1 s", "PT1S");
    assertThat(a.phases().stream().map(LoadPhase::toString).collect(Collectors.joining()))
        .contains("kind=CONSTANT", "startRatePerSecond=10.0", "firstMessageIndex=0");
  }
}
