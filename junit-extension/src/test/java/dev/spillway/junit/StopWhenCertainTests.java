package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.verdict.EarlyStop;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * {@link StopWhenCertain}: a run stops its load once the verdict is certain, says so with the
 * planned and the actual flood time, and bad attributes are rejected before anything starts. Loads
 * plan 3 s at 1,000/s, so that the failure-free books needed for a call (528 sends at 99 %) come
 * after half a second.
 */
class StopWhenCertainTests {

  @BeforeEach
  void reset() {
    Runs.lastResult.set(null);
    Runs.sentBy.clear();
    Runs.bodyRan = false;
  }

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @Test
  void anOverflowingQueue_stopsEarly_asOverflowed_andSaysWhenAndWhy() {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, "overflows");

    assertThat(outcome.failure()).isEmpty();
    OverloadResult result = Runs.lastResult.get();
    assertThat(result.verdict()).isEqualTo(Verdict.OVERFLOWED);
    assertThat(result.load().sent()).isLessThan(3_000);
    assertThat(outcome.reports())
        .singleElement()
        .asString()
        .containsPattern("stopped early at \\S+ \\S+ of 3 s planned: OVERFLOWED certain at 99.0%")
        .contains("'mailbox' grows at", "λ − μ =");
  }

  @Test
  void aQueueThatKeepsUp_stopsEarly_asSurvived() {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, "keepsUp");

    assertThat(outcome.failure()).isEmpty();
    OverloadResult result = Runs.lastResult.get();
    assertThat(result.verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(result.load().sent()).isLessThan(3_000);
    assertThat(outcome.reports())
        .singleElement()
        .asString()
        .contains("SURVIVED certain at 99.0%", "'mailbox' flat at", "nothing shed");
  }

  @Test
  void aPeakShorterThanTheMinimumObservation_runsItsWholePlan_andSaysSo() {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, "tooShort");

    assertThat(outcome.failure()).isEmpty();
    assertThat(Runs.lastResult.get().load().sent()).isEqualTo(30);
    assertThat(outcome.reports())
        .singleElement()
        .asString()
        .contains(
            "ran its whole plan (",
            "nothing was certain earlier at 99.0% (0 looks planned; at the last: no look yet)");
  }

  @Test
  void theSwitchOff_runsTheWholePlan_whateverIsDeclared() {
    Fixtures.Outcome outcome =
        Fixtures.run(Runs.class, "keepsUpBriefly", Map.of(StopWhenCertain.SWITCH, "off"));

    assertThat(outcome.failure()).isEmpty();
    assertThat(Runs.lastResult.get().load().sent()).isEqualTo(1_200);
    assertThat(outcome.reports()).singleElement().asString().doesNotContain("stopped early");
  }

  @Test
  void aSwitchThatIsNeitherDeclaredNorOff_isRejected() {
    Fixtures.Outcome outcome =
        Fixtures.run(Runs.class, "keepsUpBriefly", Map.of(StopWhenCertain.SWITCH, "sometimes"));

    assertThat(outcome.failure()).containsInstanceOf(ExtensionConfigurationException.class);
    assertThat(outcome.message())
        .isEqualTo(
            "the configuration parameter spillway.stopWhenCertain must be declared or off, but"
                + " was \"sometimes\"");
    assertThat(Runs.lastResult.get()).isNull();
  }

  @Test
  void aConfidenceOfOne_isRejected() {
    assertRejected(
        "confidenceOfOne",
        "@StopWhenCertain requires that confidence be in (0.5, 1), such as 0.99, but was 1");
  }

  @Test
  void aLookIntervalBelow10ms_isRejected() {
    assertRejected(
        "looksTooOften",
        "@StopWhenCertain requires that lookEvery be a duration >= 10 ms and <= 10 s, an integer"
            + " and a unit (ns, us, ms, s, m, h) such as 250ms, but was \"5ms\"");
  }

  @Test
  void noMinimumObservation_isRejected() {
    assertRejected(
        "observesNothing",
        "@StopWhenCertain requires that minimumObservation be a duration > 0 s and <= 1 d, an"
            + " integer and a unit (ns, us, ms, s, m, h) such as 250ms, but was \"0s\"");
  }

  @Test
  void inCode_stopsTheInvocationsThatAskForIt_andRunsTheOthersWhole() {
    List<Fixtures.Outcome> outcomes = Fixtures.runEach(Runs.class, "decidesInCode", Map.of());

    assertThat(outcomes).hasSize(2).allSatisfy(o -> assertThat(o.failure()).isEmpty());
    assertThat(Runs.sentBy.get(true)).isLessThan(1_200);
    assertThat(Runs.sentBy.get(false)).isEqualTo(1_200);
    assertThat(outcomes.get(0).reports())
        .singleElement()
        .asString()
        .contains("stopped early at", "SURVIVED certain at 99.0%");
    assertThat(outcomes.get(1).reports()).singleElement().asString().doesNotContain("stopped");
  }

  @Test
  void inCode_theSwitchOff_runsTheWholePlan() {
    List<Fixtures.Outcome> outcomes =
        Fixtures.runEach(Runs.class, "decidesInCode", Map.of(StopWhenCertain.SWITCH, "off"));

    assertThat(outcomes).hasSize(2).allSatisfy(o -> assertThat(o.failure()).isEmpty());
    assertThat(Runs.sentBy).containsEntry(true, 1_200L).containsEntry(false, 1_200L);
  }

  @Test
  void inCode_afterTheRunHasStarted_isRefused() {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, "decidesTooLate");

    assertThat(outcome.failure()).containsInstanceOf(IllegalStateException.class);
    assertThat(outcome.message())
        .isEqualTo(
            "stopWhenCertain(...) configures the harness, which must happen before run(); the run"
                + " has started");
  }

  @Test
  void inCode_withoutALoad_isNamed() {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, "decidesWithoutALoad");

    assertThat(outcome.failure()).containsInstanceOf(ExtensionConfigurationException.class);
    assertThat(outcome.message())
        .isEqualTo(
            "test 'decidesWithoutALoad' declares harness.stopWhenCertain(...) but no load ran:"
                + " declare @SpikeLoad, @ConstantLoad or @RampLoad, or call harness.run(profile) in"
                + " the body");
  }

  private static void assertRejected(String method, String message) {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, method);
    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.failure()).containsInstanceOf(ExtensionConfigurationException.class);
    assertThat(outcome.message()).isEqualTo(message);
    assertThat(Runs.bodyRan).as("the body ran").isFalse();
  }

  @Fixture
  static class Runs {

    static final AtomicReference<OverloadResult> lastResult = new AtomicReference<>();
    static final Map<Boolean, Long> sentBy = new ConcurrentHashMap<>();
    static volatile boolean bodyRan;

    private static final EarlyStop CERTAIN =
        EarlyStop.at(0.99).withMinimumObservation(Duration.ofMillis(300));

    @ParameterizedTest(name = "stop early: {0}")
    @ValueSource(booleans = {true, false})
    @Overload
    @ConstantLoad(rate = 1_000, duration = "1200ms")
    void decidesInCode(boolean stopEarly, OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
      if (stopEarly) {
        harness.stopWhenCertain(CERTAIN);
      }
      sentBy.put(stopEarly, harness.run().load().sent());
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 1_000, duration = "200ms")
    void decidesTooLate(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
      harness.run();
      harness.stopWhenCertain(CERTAIN);
    }

    @OverloadTest
    void decidesWithoutALoad(OverloadHarness harness) {
      harness.stopWhenCertain(CERTAIN);
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 1_000, duration = "3s")
    @FixedDelay("2ms") // μ ≤ 500/s: the queue grows at 500/s or more
    @StopWhenCertain(minimumObservation = "300ms")
    @ExpectVerdict(Verdict.OVERFLOWED)
    void overflows(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 1_000, duration = "3s")
    @StopWhenCertain(minimumObservation = "300ms")
    @ExpectVerdict(Verdict.SURVIVED)
    void keepsUp(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 1_000, duration = "1200ms")
    @StopWhenCertain(minimumObservation = "300ms")
    void keepsUpBriefly(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 100, duration = "300ms")
    @StopWhenCertain
    void tooShort(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
      lastResult.set(harness.run());
    }

    @OverloadTest
    @StopWhenCertain(confidence = 1.0)
    void confidenceOfOne(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @StopWhenCertain(lookEvery = "5ms")
    void looksTooOften(OverloadHarness harness) {
      bodyRan = true;
    }

    @OverloadTest
    @StopWhenCertain(minimumObservation = "0s")
    void observesNothing(OverloadHarness harness) {
      bodyRan = true;
    }
  }
}
