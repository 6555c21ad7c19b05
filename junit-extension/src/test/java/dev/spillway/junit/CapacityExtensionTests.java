package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.report.RunResult;
import dev.spillway.report.RunResultJson;
import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.capacity.CapacityTrial;
import dev.spillway.toolkit.capacity.TrialPlan;
import dev.spillway.toolkit.capacity.TrialRunner;
import dev.spillway.toolkit.target.AccountedTarget;
import dev.spillway.toolkit.target.ExecutorTarget;
import dev.spillway.toolkit.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.opentest4j.AssertionFailedError;

/**
 * {@link CapacityTest} and {@link CapacityAtLeast} through the engine, with a simulated component
 * of known capacity (no flood: each fixture runs in milliseconds).
 */
class CapacityExtensionTests {

  @BeforeEach
  void reset() {
    CapacityTestCases.bodyRan = false;
    CapacityTestCases.found = null;
    CapacityTestCases.trials = null;
  }

  @Test
  void theHarness_findsTheKnee_andReportsTheBudgetBeforeTheTrials() {
    Fixtures.Outcome outcome = Fixtures.run(CapacityTestCases.class, "capacity203");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    CapacityResult found = CapacityTestCases.found;
    assertThat(found.kneeLow()).isLessThanOrEqualTo(203);
    assertThat(found.kneeHigh()).isGreaterThan(203);
    assertThat(found.kneeHigh() - found.kneeLow()).isLessThanOrEqualTo(10);
    assertThat(outcome.reports().get(0))
        .startsWith(
            "capacity search 'capacity203': bisect from 50.0 to 850.0/s, resolution 10.0/s, up to 10 trials of at most 2 s each")
        .endsWith("budget 20 s");
    assertThat(outcome.reports()).hasSize(1 + found.trials().size() + 1);
    assertThat(outcome.reports().get(outcome.reports().size() - 1))
        .startsWith("capacity 'capacity203': knee ");
  }

  @Test
  void eachSearch_isARunOfTheReport_underItsDesign_withTheSearchInIt() throws Exception {
    Path written =
        Path.of(Fixtures.REPORT_DIR, "runs", "CapacityTestCases.reportedAs.partitioned-2.json");
    Files.deleteIfExists(written);

    Fixtures.Outcome outcome = Fixtures.run(CapacityTestCases.class, "reportedAs");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    RunResult run = RunResultJson.read(written);
    assertThat(run.design()).isEqualTo("partitioned(2)");
    assertThat(run.scenario()).isEqualTo("capacity search");
    assertThat(run.verdict()).isEmpty();
    assertThat(run.explanation()).startsWith("capacity 'reportedAs': knee ");
    CapacityResult reported = run.capacity().orElseThrow();
    assertThat(reported.knee()).isEqualTo(CapacityTestCases.found.knee());
    assertThat(reported.trials()).hasSameSizeAs(CapacityTestCases.found.trials());
  }

  @Test
  void aKneeAtOrAboveTheFloor_passes() {
    assertThat(Fixtures.run(CapacityTestCases.class, "floorHeld").status())
        .isEqualTo(Status.SUCCESSFUL);
  }

  @Test
  void aKneeBelowTheFloor_failsWithTheNumbers() {
    Fixtures.Outcome outcome = Fixtures.run(CapacityTestCases.class, "floorBroken");

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.failure()).containsInstanceOf(AssertionFailedError.class);
    assertThat(outcome.message())
        .isEqualTo(
            "capacity 200.0/s is below the floor of @CapacityAtLeast(perSecond = 250): knee"
                + " 200.0/s (capacity in [200.0, 206.3)/s); μ at saturation 203.0/s");
  }

  @Test
  void noRateSustained_failsTheFloor() {
    Fixtures.Outcome outcome = Fixtures.run(CapacityTestCases.class, "nothingSustained");

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.message())
        .isEqualTo(
            "capacity (no rate sustained) is below the floor of @CapacityAtLeast(perSecond = 10):"
                + " no rate sustained, capacity below 50.0/s; μ at saturation 20.0/s");
  }

  @Test
  void aFloorWithoutASearch_fails() {
    Fixtures.Outcome outcome = Fixtures.run(CapacityTestCases.class, "noSearch");

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.message())
        .isEqualTo(
            "no capacity to hold against the floor of @CapacityAtLeast(perSecond = 10): the test's"
                + " body ran no search (call CapacityHarness.findCapacity)");
  }

  @Test
  void anotherRange_searchesThere_andTheFloorHoldsTheLastSearch() {
    Fixtures.Outcome outcome = Fixtures.run(CapacityTestCases.class, "twoRanges");

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(CapacityTestCases.found.kneeLow()).isLessThanOrEqualTo(810);
    assertThat(CapacityTestCases.found.kneeHigh()).isGreaterThan(810);
    // the second search (knee ~ 810/s) passes the floor of 500, the first (~203/s) would not; the
    // floor checks the last: so it is the wrong range that fails below
    assertThat(outcome.message()).startsWith("capacity 20");
  }

  @Test
  void anotherRange_thatBreaksTheRules_isRefused() {
    Fixtures.Outcome outcome = Fixtures.run(CapacityTestCases.class, "badRange");

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.message()).isEqualTo("highest must be > lowest (400.0), but was 300.0");
  }

  private static void assertRejected(String method, String message) {
    Fixtures.Outcome outcome = Fixtures.run(CapacityTestCases.class, method);
    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.failure()).containsInstanceOf(ExtensionConfigurationException.class);
    assertThat(outcome.message()).isEqualTo(message);
    assertThat(CapacityTestCases.bodyRan).as("the body ran").isFalse();
  }

  @Test
  void badAttributes_areRejectedBeforeTheBody_namingAttributeValueAndRule() {
    assertRejected("lowestZero", "@CapacityTest requires that lowest be finite and > 0, but was 0");
    assertRejected(
        "highestBelowLowest", "@CapacityTest requires that highest be > lowest (100), but was 80");
    assertRejected(
        "resolutionTooWide",
        "@CapacityTest requires that resolution be <= highest − lowest (50), but was 60");
    assertRejected(
        "malformedTrial",
        "@CapacityTest requires that trial be a duration > 0 s and <= 1 d, an integer and a unit"
            + " (ns, us, ms, s, m, h) such as 250ms, but was \"2 sec\"");
    assertRejected(
        "floorNegative", "@CapacityAtLeast requires that perSecond be finite and > 0, but was -5");
  }

  @Test
  void everyProblem_isNamedAtOnce() {
    assertRejected(
        "twoProblems",
        "@CapacityTest requires that resolution be finite and > 0, but was 0;\n"
            + "@CapacityTest requires that latencyP99 be a duration > 0 s and <= 1 d, an integer"
            + " and a unit (ns, us, ms, s, m, h) such as 250ms, but was \"fast\"");
  }

  // --- @StopWhenCertain on a capacity test: the early stop of the harness's trials ---

  @Test
  void stopWhenCertain_stopsTheHarnessTrials_asSoonAsTheyAreCertain() {
    // a pool that does nothing keeps up with 1,000/s: 299 failure-free sends (95 %, 1 % failure
    // share) come 0.3 s into a 1 s judged window, so each trial is called SURVIVED before its end
    Fixtures.Outcome outcome = Fixtures.run(CapacityTestCases.class, "stopsWhenCertain");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    assertThat(CapacityTestCases.trials)
        .contains(
            "stop=clear breach (backlog over 1 s of arrivals, or a shed or failed message) or when"
                + " certain at 95.0% (after 200 ms of the judged window, a look every 100 ms)");
    CapacityTrial first = CapacityTestCases.found.trials().get(0);
    assertThat(first.offeredRate()).isEqualTo(1_000);
    assertThat(first.reason()).startsWith("sustained: stopped early: SURVIVED certain at 95.0%");
    assertThat(outcome.reports()).anyMatch(line -> line.contains("stopped early: SURVIVED"));
  }

  @Test
  void withoutStopWhenCertain_theHarnessTrials_stopOnlyAtAClearBreach() {
    Fixtures.Outcome outcome = Fixtures.run(CapacityTestCases.class, "stopsAtBreachOnly");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    assertThat(CapacityTestCases.trials)
        .contains("stop=clear breach (backlog over 1 s of arrivals, or a shed or failed message),")
        .doesNotContain("when certain");
  }

  @Test
  void theSwitchOff_leavesTheHarnessTrials_toStopOnlyAtAClearBreach() {
    Fixtures.Outcome outcome =
        Fixtures.run(
            CapacityTestCases.class, "describesItsTrials", Map.of(StopWhenCertain.SWITCH, "off"));

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    assertThat(CapacityTestCases.trials)
        .contains("stop=clear breach (backlog over 1 s of arrivals, or a shed or failed message),")
        .doesNotContain("when certain");
  }

  @Test
  void aLookIntervalBelowTheTrialsCheckInterval_makesThemCheckThatOften() {
    Fixtures.Outcome outcome = Fixtures.run(CapacityTestCases.class, "describesItsTrials");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    assertThat(CapacityTestCases.trials)
        .contains(
            "checkEvery=10 ms,",
            "when certain at 99.0% (after 1 s of the judged window, a look every 10 ms)");
  }

  @Test
  void aSwitchThatIsNeitherDeclaredNorOff_failsACapacityTest_beforeItsBody() {
    Fixtures.Outcome outcome =
        Fixtures.run(
            CapacityTestCases.class,
            "describesItsTrials",
            Map.of(StopWhenCertain.SWITCH, "sometimes"));

    assertThat(outcome.failure()).containsInstanceOf(ExtensionConfigurationException.class);
    assertThat(outcome.message())
        .isEqualTo(
            "the configuration parameter spillway.stopWhenCertain must be declared or off, but"
                + " was \"sometimes\"");
    assertThat(CapacityTestCases.trials).isNull();
  }

  @Test
  void badStopWhenCertainAttributes_areRejectedWithTheTestsOwn_beforeTheBody() {
    assertRejected(
        "certainOfEverything",
        "@CapacityTest requires that resolution be finite and > 0, but was 0;\n"
            + "@StopWhenCertain requires that confidence be in (0.5, 1), such as 0.99, but was 1;\n"
            + "@StopWhenCertain requires that lookEvery be a duration >= 10 ms and <= 10 s, an"
            + " integer and a unit (ns, us, ms, s, m, h) such as 250ms, but was \"5ms\"");
  }

  @Test
  void anOverloadAnnotation_besideStopWhenCertain_onACapacityTest_isStillRefused() {
    Fixtures.Outcome outcome = Fixtures.run(CapacityTestCases.class, "withASpike");

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.failure()).containsInstanceOf(ExtensionConfigurationException.class);
    assertThat(outcome.message()).startsWith("@SpikeLoad requires @OverloadTest");
    assertThat(CapacityTestCases.bodyRan).as("the body ran").isFalse();
  }

  /** A one-thread pool whose work does nothing; closing the target shuts the pool down. */
  static AccountedTarget idlePool() {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    ExecutorTarget target = ExecutorTarget.of("idle", executor, message -> {});
    return target.onClose(executor::shutdownNow);
  }

  /** A component that sustains every rate up to {@code capacity} and serves that much above it. */
  record Simulated(double capacity) implements TrialRunner {
    @Override
    public CapacityTrial run(TrialPlan plan) {
      boolean sustained = plan.offeredRate() <= capacity;
      return new CapacityTrial(
          plan.offeredRate(),
          plan.offeredRate(),
          Math.min(plan.offeredRate(), capacity),
          sustained ? 0 : plan.offeredRate() - capacity,
          0.5,
          Optional.empty(),
          sustained ? Verdict.SURVIVED : Verdict.OVERFLOWED,
          sustained,
          Duration.ZERO,
          sustained ? "sustained" : "not sustained");
    }

    @Override
    public Duration longest(TrialPlan plan) {
      return Duration.ofSeconds(2);
    }
  }

  @Fixture
  static class CapacityTestCases {

    static volatile boolean bodyRan;
    static volatile CapacityResult found;
    static volatile String trials; // the harness's trials, described

    @CapacityTest(lowest = 1_000, highest = 1_100, resolution = 100, trial = "1s", warmUp = "100ms")
    @StopWhenCertain(confidence = 0.95, minimumObservation = "200ms")
    void stopsWhenCertain(CapacityHarness harness) {
      trials = harness.trials(CapacityExtensionTests::idlePool).toString();
      found = harness.findCapacity(CapacityExtensionTests::idlePool);
    }

    @CapacityTest(lowest = 50, highest = 450, resolution = 10)
    void stopsAtBreachOnly(CapacityHarness harness) {
      trials = harness.trials(CapacityExtensionTests::idlePool).toString();
    }

    @CapacityTest(lowest = 50, highest = 450, resolution = 10)
    @StopWhenCertain(lookEvery = "10ms")
    void describesItsTrials(CapacityHarness harness) {
      trials = harness.trials(CapacityExtensionTests::idlePool).toString();
    }

    @CapacityTest(lowest = 50, highest = 100, resolution = 0)
    @StopWhenCertain(confidence = 1, lookEvery = "5ms")
    void certainOfEverything(CapacityHarness harness) {
      bodyRan = true;
    }

    @CapacityTest(lowest = 50, highest = 450, resolution = 10)
    @StopWhenCertain
    @SpikeLoad(base = 10, peak = 20, at = "1s", hold = "1s", duration = "3s")
    void withASpike(CapacityHarness harness) {
      bodyRan = true;
    }

    @CapacityTest(lowest = 50, highest = 850, resolution = 10)
    void capacity203(CapacityHarness harness) {
      found = harness.findCapacity(new Simulated(203));
    }

    @CapacityTest(lowest = 50, highest = 450, resolution = 10)
    void reportedAs(CapacityHarness harness) {
      found = harness.design("partitioned(2)").findCapacity(new Simulated(203));
    }

    @CapacityTest(lowest = 50, highest = 450, resolution = 10)
    @CapacityAtLeast(perSecond = 150)
    void floorHeld(CapacityHarness harness) {
      harness.findCapacity(new Simulated(203));
    }

    @CapacityTest(lowest = 50, highest = 450, resolution = 10)
    @CapacityAtLeast(perSecond = 250)
    void floorBroken(CapacityHarness harness) {
      harness.findCapacity(new Simulated(203));
    }

    @CapacityTest(lowest = 50, highest = 450, resolution = 10)
    @CapacityAtLeast(perSecond = 10)
    void nothingSustained(CapacityHarness harness) {
      harness.findCapacity(new Simulated(20));
    }

    @CapacityTest(lowest = 50, highest = 450, resolution = 10)
    @CapacityAtLeast(perSecond = 10)
    void noSearch(CapacityHarness harness) {}

    @CapacityTest(lowest = 50, highest = 450, resolution = 10)
    @CapacityAtLeast(perSecond = 500)
    void twoRanges(CapacityHarness harness) {
      found = harness.within(200, 1_000, 40).findCapacity(new Simulated(810));
      harness.findCapacity(new Simulated(203));
    }

    @CapacityTest(lowest = 50, highest = 450, resolution = 10)
    void badRange(CapacityHarness harness) {
      harness.within(400, 300, 10);
    }

    @CapacityTest(lowest = 0, highest = 100, resolution = 10)
    void lowestZero(CapacityHarness harness) {
      bodyRan = true;
    }

    @CapacityTest(lowest = 100, highest = 80, resolution = 10)
    void highestBelowLowest(CapacityHarness harness) {
      bodyRan = true;
    }

    @CapacityTest(lowest = 50, highest = 100, resolution = 60)
    void resolutionTooWide(CapacityHarness harness) {
      bodyRan = true;
    }

    @CapacityTest(lowest = 50, highest = 100, resolution = 10, trial = "2 sec")
    void malformedTrial(CapacityHarness harness) {
      bodyRan = true;
    }

    @CapacityTest(lowest = 50, highest = 100, resolution = 10)
    @CapacityAtLeast(perSecond = -5)
    void floorNegative(CapacityHarness harness) {
      bodyRan = true;
    }

    @CapacityTest(lowest = 50, highest = 100, resolution = 0, latencyP99 = "fast")
    void twoProblems(CapacityHarness harness) {
      bodyRan = true;
    }
  }
}
