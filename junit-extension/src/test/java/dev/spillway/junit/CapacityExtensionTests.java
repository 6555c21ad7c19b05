package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.report.RunResult;
import dev.spillway.report.RunResultJson;
import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.capacity.CapacityTrial;
import dev.spillway.toolkit.capacity.TrialPlan;
import dev.spillway.toolkit.capacity.TrialRunner;
import dev.spillway.toolkit.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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
