package dev.spillway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.capacity.CapacityTrial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline gate on a capacity search's knee, and the baseline file that holds it. */
class CapacityGateTest {

  /** A search whose knee is {@code knee}, with the interval [knee, high]. */
  static CapacityResult search(double knee, double high) {
    List<CapacityTrial> trials =
        List.of(SampleCapacity.trial(knee, knee), SampleCapacity.trial(high, knee));
    return new CapacityResult(
        trials,
        OptionalDouble.of(knee),
        knee,
        high,
        OptionalDouble.of(knee),
        Duration.ofSeconds(30),
        Duration.ofSeconds(8));
  }

  static RunResult run(CapacityResult capacity) {
    return RunResult.builder("orders capacity")
        .id("orders-capacity")
        .startedAt(SampleRuns.START)
        .duration(Duration.ofSeconds(8))
        .capacity(capacity)
        .build();
  }

  private static GateFinding capacityFinding(GateReport report) {
    return report.findings().stream()
        .filter(f -> f.what().equals("capacityKnee"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aKneeThatFallsByMoreThanTheToleranceAndItsInterval_regresses_withTheNumbers() {
    Baseline baseline = Baseline.of(List.of(run(search(200, 210))));

    // the default tolerance allows max(10% × 200, 1) = 20/s, plus this search's interval 5/s
    GateReport report = BaselineGate.check(baseline, List.of(run(search(170, 175))));

    assertThat(report.passed()).isFalse();
    GateFinding f = capacityFinding(report);
    assertThat(f.kind()).isEqualTo(GateFinding.Kind.REGRESSED);
    assertThat(f.fails()).isTrue();
    assertThat(f.baseline()).isEqualTo("200/s [200, 210]");
    assertThat(f.current()).isEqualTo("170/s [170, 175]");
    assertThat(f.change()).isEqualTo("-30/s (-15.0%)");
    assertThat(f.allowed())
        .isEqualTo("fall -25/s = max(10% × 200, 1/s) + this search's interval 5/s");
  }

  @Test
  void aKneeWhoseIntervalStillReachesTheBaselineLessTheTolerance_passes() {
    Baseline baseline = Baseline.of(List.of(run(search(200, 210))));

    // falls 30/s, but the capacity may be up to 190/s: not below 200 − 20
    GateReport report = BaselineGate.check(baseline, List.of(run(search(170, 190))));

    assertThat(capacityFinding(report).kind()).isEqualTo(GateFinding.Kind.WITHIN);
    assertThat(report.passed()).isTrue();
  }

  @Test
  void aKneeFallingExactlyByTheAllowance_passes() {
    Baseline baseline = Baseline.of(List.of(run(search(200, 210))));

    GateReport report = BaselineGate.check(baseline, List.of(run(search(175, 180))));

    assertThat(capacityFinding(report).kind()).isEqualTo(GateFinding.Kind.WITHIN);
  }

  @Test
  void aKneeAboveTheBaselinesIntervalByMoreThanTheTolerance_isANote_andPasses() {
    Baseline baseline = Baseline.of(List.of(run(search(200, 210))));

    GateReport report = BaselineGate.check(baseline, List.of(run(search(260, 270))));

    GateFinding f = capacityFinding(report);
    assertThat(f.kind()).isEqualTo(GateFinding.Kind.IMPROVED);
    assertThat(f.fails()).isFalse();
    assertThat(f.change()).isEqualTo("+60/s (+30.0%)");
    assertThat(report.passed()).isTrue();
  }

  @Test
  void aSearchThatSustainedNothing_regressesFromABaselineKnee() {
    Baseline baseline = Baseline.of(List.of(run(search(200, 210))));
    CapacityResult nothing =
        new CapacityResult(
            List.of(SampleCapacity.trial(100, 50)),
            OptionalDouble.empty(),
            0,
            100,
            OptionalDouble.of(49.8),
            Duration.ofSeconds(30),
            Duration.ofSeconds(2));

    GateFinding f = capacityFinding(BaselineGate.check(baseline, List.of(run(nothing))));

    assertThat(f.kind()).isEqualTo(GateFinding.Kind.REGRESSED);
    assertThat(f.current()).isEqualTo("none [0, 100]");
  }

  @Test
  void aRunWithoutItsCapacitySearch_failsAsAMissingFigure() {
    Baseline baseline = Baseline.of(List.of(run(search(200, 210))));
    RunResult plain =
        RunResult.builder("orders capacity")
            .id("orders-capacity")
            .startedAt(SampleRuns.START)
            .duration(Duration.ofSeconds(8))
            .build();

    GateFinding f = capacityFinding(BaselineGate.check(baseline, List.of(plain)));

    assertThat(f.kind()).isEqualTo(GateFinding.Kind.MISSING_FIGURE);
    assertThat(f.fails()).isTrue();
  }

  @Test
  void aTestsOwnCapacityTolerance_replacesTheBaselines() {
    Baseline loose = Baseline.of(List.of(run(search(200, 210))));
    BaselineEntry entry =
        loose
            .tests()
            .get("orders-capacity")
            .withCapacityTolerance(Optional.of(new Tolerance(0.5, 0)));
    Baseline baseline =
        new Baseline(loose.tolerances(), Map.of("orders-capacity", entry), new Tolerance(0, 0));

    GateFinding f = capacityFinding(BaselineGate.check(baseline, List.of(run(search(170, 175)))));

    assertThat(f.kind()).isEqualTo(GateFinding.Kind.WITHIN);
    assertThat(baseline.capacityTolerance("other")).isEqualTo(new Tolerance(0, 0));
  }

  @Test
  void baselineFile_keepsTheKnee_itsInterval_andTheCapacityTolerances(@TempDir Path dir)
      throws Exception {
    Baseline written = Baseline.of(List.of(run(search(200, 206.25))));
    Path file = dir.resolve("baseline.json");
    BaselineJson.write(written, file);

    String json = Files.readString(file);
    Baseline read = BaselineJson.read(file);

    assertThat(json)
        .contains("\"capacityKnee\" : {\n      \"relative\" : 0.1,\n      \"absolute\" : 1.0")
        .contains(
            "\"capacity\" : {\n        \"kneePerSecond\" : 200.0,\n        \"lowPerSecond\" :"
                + " 200.0,\n        \"highPerSecond\" : 206.25\n      }");
    assertThat(read).isEqualTo(written);
    assertThat(read.tests().get("orders-capacity").capacity())
        .contains(new BaselineCapacity(OptionalDouble.of(200), 200, 206.25));
  }

  @Test
  void baselineFile_readsATestsCapacityTolerance_overTheGlobalOne() {
    Baseline read =
        BaselineJson.read(
            """
            {
              "schema": "spillway.baseline/1",
              "tolerances": { "capacityKnee": { "relative": 0.2, "absolute": 5 } },
              "tests": {
                "a": { "verdict": null, "capacity": { "kneePerSecond": 200, "lowPerSecond": 200,
                       "highPerSecond": 210 }, "tolerances": { "capacityKnee": { "relative": 0.3 } } },
                "b": { "verdict": null, "capacity": { "kneePerSecond": null, "lowPerSecond": 0,
                       "highPerSecond": 50 } }
              }
            }
            """);

    assertThat(read.capacityTolerance()).isEqualTo(new Tolerance(0.2, 5));
    assertThat(read.capacityTolerance("a")).isEqualTo(new Tolerance(0.3, 5));
    assertThat(read.capacityTolerance("b")).isEqualTo(new Tolerance(0.2, 5));
    assertThat(read.tests().get("b").capacity())
        .contains(new BaselineCapacity(OptionalDouble.empty(), 0, 50));
  }

  @Test
  void baselineFile_refusesAnUnknownCapacityField() {
    assertThatThrownBy(
            () ->
                BaselineJson.read(
                    """
                    { "schema": "spillway.baseline/1", "tests": { "a": { "verdict": null,
                      "capacity": { "knee": 200, "lowPerSecond": 200, "highPerSecond": 210 } } } }
                    """))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage(
            "field /tests/a/capacity/knee is not known here (allowed: kneePerSecond,"
                + " lowPerSecond, highPerSecond)");
  }

  @Test
  void baselineFile_refusesAnIntervalThatIsUpsideDown_namingTheField() {
    assertThatThrownBy(
            () ->
                BaselineJson.read(
                    """
                    { "schema": "spillway.baseline/1", "tests": { "a": { "verdict": null,
                      "capacity": { "kneePerSecond": 200, "lowPerSecond": 200, "highPerSecond": 20 } } } }
                    """))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage(
            "field /tests/a/capacity/highPerSecond must be >= lowPerSecond 200.0, but was 20.0");
  }

  @Test
  void baselineFile_refusesANegativeKnee_namingTheFieldAndTheRule() {
    assertThatThrownBy(
            () ->
                BaselineJson.read(
                    """
                    { "schema": "spillway.baseline/1", "tests": { "a": { "verdict": null,
                      "capacity": { "kneePerSecond": -1, "lowPerSecond": 0, "highPerSecond": 20 } } } }
                    """))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage("field /tests/a/capacity/kneePerSecond must be a number >= 0, but was -1");
  }

  @Test
  void anEntryWithoutCapacity_doesNotGateIt() {
    Baseline baseline = Baseline.of(SampleRuns.all());

    GateReport report = BaselineGate.check(baseline, SampleRuns.all());

    assertThat(report.findings()).noneMatch(f -> f.what().equals("capacityKnee"));
  }
}
