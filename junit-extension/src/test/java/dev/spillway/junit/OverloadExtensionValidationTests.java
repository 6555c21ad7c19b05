package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Misuse of the annotations fails the test with an {@link ExtensionConfigurationException} naming
 * the annotation, the attribute, the value and the rule, before the body runs and before any thread
 * starts.
 */
class OverloadExtensionValidationTests {

  @BeforeEach
  void reset() {
    Misconfigured.bodyRan = false;
  }

  private static void assertRejected(String method, String message) {
    Fixtures.Outcome outcome = Fixtures.run(Misconfigured.class, method);
    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.failure()).containsInstanceOf(ExtensionConfigurationException.class);
    assertThat(outcome.message()).isEqualTo(message);
    assertThat(Misconfigured.bodyRan).as("the body ran").isFalse();
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @Test
  void queueBound_ofZero_isRejectedWithItsRange() {
    assertRejected("queueBoundOfZero", "@QueueBound requires that max be >= 1, but was 0");
  }

  @Test
  void queueBound_onTheSameQueueTwice_isRejected() {
    assertRejected(
        "queueBoundedTwice",
        "@QueueBound requires that queue be bounded once (\"\" stands for every watched queue),"
            + " but was \"mailbox\" twice");
  }

  @Test
  void spikeLoad_withPeakBelowBase_isRejected() {
    assertRejected(
        "spikePeakBelowBase",
        "@SpikeLoad requires that peak be finite and > base (200), but was 150");
  }

  @Test
  void spikeLoad_shorterThanStartPlusHold_isRejected() {
    assertRejected(
        "spikeTooShort", "@SpikeLoad requires that duration be >= at + hold (3 s), but was \"2s\"");
  }

  @Test
  void duration_thatIsNotAnIntegerAndAUnit_isRejectedWithTheFormat() {
    assertRejected(
        "malformedDuration",
        "@ConstantLoad requires that duration be a duration > 0 s and <= 1 d, an integer and a"
            + " unit (ns, us, ms, s, m, h) such as 250ms, but was \"2 sec\"");
  }

  @Test
  void duration_ofZero_isRejectedWhereItMustBePositive() {
    assertRejected(
        "zeroDuration",
        "@ConstantLoad requires that duration be a duration > 0 s and <= 1 d, an integer and a"
            + " unit (ns, us, ms, s, m, h) such as 250ms, but was \"0s\"");
  }

  @Test
  void duration_longerThanADay_isRejected() {
    assertRejected(
        "dayLongDuration",
        "@ConstantLoad requires that duration be a duration > 0 s and <= 1 d, an integer and a"
            + " unit (ns, us, ms, s, m, h) such as 250ms, but was \"25h\"");
  }

  @Test
  void rate_ofZero_isRejected() {
    assertRejected("zeroRate", "@ConstantLoad requires that rate be finite and > 0, but was 0");
  }

  @Test
  void rate_thatIsNotANumber_isRejected() {
    assertRejected("nanRate", "@ConstantLoad requires that rate be finite and > 0, but was NaN");
  }

  @Test
  void ramp_fromZeroToZero_isRejected() {
    assertRejected("flatRamp", "@RampLoad requires that to be > 0 when from is 0, but was 0");
  }

  @Test
  void twoLoads_areRejected() {
    assertRejected(
        "twoLoads",
        "@ConstantLoad and @RampLoad cannot be combined: declare at most one load per test (to"
            + " play phases one after the other, build a LoadProfile and call"
            + " harness.run(profile))");
  }

  @Test
  void zipfKeys_withNoKey_isRejected() {
    assertRejected("zipfWithoutKeys", "@ZipfKeys requires that keys be in [1, 1000000], but was 0");
  }

  @Test
  void hotKey_withAShareAboveOne_isRejected() {
    assertRejected("hotKeyShareAboveOne", "@HotKey requires that share be in [0, 1], but was 1.5");
  }

  @Test
  void hotKey_alone_isRejectedUnlessItTakesEverything() {
    assertRejected(
        "hotKeyAlone", "@HotKey requires that keys be >= 2 (1 only with share = 1), but was 1");
  }

  @Test
  void uniformDelay_withMaxBelowMin_isRejected() {
    assertRejected(
        "uniformDelayInverted", "@UniformDelay requires that max be > min (5 ms), but was \"2ms\"");
  }

  @Test
  void paretoDelay_cappedAtItsMinimum_isRejected() {
    assertRejected(
        "paretoCapAtMinimum",
        "@ParetoDelay requires that max be \"\" (no cap) or > minimum (5 ms), but was \"5ms\"");
  }

  @Test
  void twoDelayModels_areRejected() {
    assertRejected(
        "twoDelays",
        "@FixedDelay and @LogNormalDelay cannot be combined: declare at most one delay model per"
            + " test");
  }

  @Test
  void consumerStall_thatRepeatsAsOftenAsItLasts_isRejected() {
    assertRejected(
        "stallAsLongAsItsPeriod",
        "@ConsumerStall requires that every be a duration > 100 ms and <= 1 d, an integer and a"
            + " unit (ns, us, ms, s, m, h) such as 250ms, but was \"100ms\"");
  }

  @Test
  void drainsWithin_zero_isRejected() {
    assertRejected(
        "zeroDrain",
        "@DrainsWithin requires that value be a duration > 0 s and <= 1 d, an integer and a unit"
            + " (ns, us, ms, s, m, h) such as 250ms, but was \"0ms\"");
  }

  @Test
  void latencyBound_onAPercentileOutsideZeroToHundred_isRejected() {
    assertRejected(
        "zeroPercentile", "@LatencyBound requires that percentile be > 0 and <= 100, but was 0");
    assertRejected(
        "percentileAboveHundred",
        "@LatencyBound requires that percentile be > 0 and <= 100, but was 101");
    assertRejected(
        "percentileNotANumber",
        "@LatencyBound requires that percentile be > 0 and <= 100, but was NaN");
  }

  @Test
  void expectVerdict_withNoVerdict_isRejected() {
    assertRejected(
        "noVerdictExpected",
        "@ExpectVerdict requires that value be at least one verdict, but was {}");
  }

  @Test
  void allowSilentLoss_withoutAReason_isRejected() {
    assertRejected(
        "lossWithoutReason",
        "@AllowSilentLoss requires that value be a reason (not blank), but was \" \"");
  }

  @Test
  void grace_thatIsNegative_isRejected() {
    assertRejected(
        "negativeGrace",
        "@OverloadTest requires that grace be a duration >= 0 s and <= 1 d, an integer and a unit"
            + " (ns, us, ms, s, m, h) such as 250ms, but was \"-1s\"");
  }

  @Test
  void setupTimeout_ofZero_isRejected() {
    assertRejected(
        "noSetupTime",
        "@OverloadTest requires that setupTimeout be a duration > 0 s and <= 1 d, an integer and"
            + " a unit (ns, us, ms, s, m, h) such as 250ms, but was \"0s\"");
  }

  @Test
  void sampling_fasterThanTheRecorderAllows_isRejected() {
    assertRejected(
        "tooFineSampling",
        "@OverloadTest requires that sampleEvery be a duration >= 100 µs and <= 1 s, an integer"
            + " and a unit (ns, us, ms, s, m, h) such as 250ms, but was \"10us\"");
  }

  @Test
  void aSettleLimit_beyondTenMinutes_isRejected() {
    assertRejected(
        "tooLongSettle",
        "@OverloadTest requires that settleLimit be a duration >= 0 s and <= 10 min, an integer"
            + " and a unit (ns, us, ms, s, m, h) such as 250ms, but was \"11m\"");
  }

  @Test
  void verdictThresholds_outsideTheirShares_areRejected_bothAtOnce() {
    assertRejected(
        "badThresholds",
        "@VerdictThresholds requires that failedShare be a share in [0, 1], but was 2;\n"
            + "@VerdictThresholds requires that pushedBackShare be a share in (0, 1], but was 0");
  }

  @Test
  void spillwayAnnotations_withoutOverloadTest_areRejected() {
    assertRejected(
        "withoutOverloadTest",
        "@QueueBound requires @OverloadTest (or @Overload on a @ParameterizedTest or"
            + " @RepeatedTest) on method 'withoutOverloadTest' (it holds the flood lock and runs"
            + " the watchdog and the clean-up)");
  }

  @Test
  void aLoad_withoutAHarnessParameter_isRejected() {
    assertRejected(
        "withoutHarness",
        "@ConstantLoad needs a target: declare a parameter of type OverloadHarness on method"
            + " 'withoutHarness' and register the target with sendTo(...), sendAsyncTo(...) or"
            + " sendWithPool(...)");
  }

  @Test
  void everyProblem_isNamed_oneLineEach() {
    assertRejected(
        "severalProblems",
        "@ConstantLoad requires that rate be finite and > 0, but was -1;\n"
            + "@QueueBound requires that max be >= 1, but was 0");
  }

  @Test
  @DisplayName("annotations are found on composed annotations too")
  void composedAnnotations_areValidatedToo() {
    assertRejected("composed", "@QueueBound requires that max be >= 1, but was 0");
  }

  /** A composed annotation, as a team would define its own kind of overload test. */
  @Retention(RetentionPolicy.RUNTIME)
  @OverloadTest
  @QueueBound(max = 0)
  @interface BrokenFlood {}

  @Fixture
  static class Misconfigured {

    static volatile boolean bodyRan;

    @OverloadTest
    @QueueBound(max = 0)
    void queueBoundOfZero(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @QueueBound(max = 5, queue = "mailbox")
    @QueueBound(max = 6, queue = "mailbox")
    void queueBoundedTwice(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @SpikeLoad(base = 200, peak = 150, hold = "1s", duration = "2s")
    void spikePeakBelowBase(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @SpikeLoad(base = 100, peak = 200, at = "1s", hold = "2s", duration = "2s")
    void spikeTooShort(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @ConstantLoad(rate = 100, duration = "2 sec")
    void malformedDuration(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @ConstantLoad(rate = 100, duration = "0s")
    void zeroDuration(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @ConstantLoad(rate = 100, duration = "25h")
    void dayLongDuration(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @ConstantLoad(rate = 0, duration = "1s")
    void zeroRate(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @ConstantLoad(rate = Double.NaN, duration = "1s")
    void nanRate(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @RampLoad(from = 0, to = 0, duration = "1s")
    void flatRamp(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @ConstantLoad(rate = 100, duration = "1s")
    @RampLoad(from = 0, to = 100, duration = "1s")
    void twoLoads(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @ZipfKeys(keys = 0, exponent = 1.1)
    void zipfWithoutKeys(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @HotKey(keys = 8, share = 1.5)
    void hotKeyShareAboveOne(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @HotKey(keys = 1, share = 0.5)
    void hotKeyAlone(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @UniformDelay(min = "5ms", max = "2ms")
    void uniformDelayInverted(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @ParetoDelay(minimum = "5ms", alpha = 1.5, max = "5ms")
    void paretoCapAtMinimum(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @FixedDelay("1ms")
    @LogNormalDelay(median = "1ms", sigma = 0.5)
    void twoDelays(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @ConsumerStall(at = "0s", length = "100ms", every = "100ms")
    void stallAsLongAsItsPeriod(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @DrainsWithin("0ms")
    void zeroDrain(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @LatencyBound(percentile = 0, max = "10ms")
    void zeroPercentile(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @LatencyBound(percentile = 101, max = "10ms")
    void percentileAboveHundred(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @LatencyBound(percentile = Double.NaN, max = "10ms")
    void percentileNotANumber(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @ExpectVerdict({})
    void noVerdictExpected(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @AllowSilentLoss(" ")
    void lossWithoutReason(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest(grace = "-1s")
    void negativeGrace(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest(setupTimeout = "0s")
    void noSetupTime(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest(sampleEvery = "10us")
    void tooFineSampling(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest(settleLimit = "11m")
    void tooLongSettle(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @VerdictThresholds(failedShare = 2, pushedBackShare = 0)
    void badThresholds(OverloadHarness harness) {
      bodyRan = true;
    }

    @Test
    @QueueBound(max = 5)
    void withoutOverloadTest(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @ConstantLoad(rate = 10, duration = "1s")
    void withoutHarness() {
      bodyRan = true;
    }

    @OverloadTest
    @QueueBound(max = 0)
    @ConstantLoad(rate = -1, duration = "1s")
    void severalProblems(OverloadHarness harness) {
      bodyRan = true;
    }

    @BrokenFlood
    void composed(OverloadHarness harness) {
      bodyRan = true;
    }
  }
}
