package dev.spillway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class BaselineGateTest {

  /** A run measured elsewhere with exactly these figures. */
  static RunResult run(String id, Verdict verdict, long hwm, double p99Ms, long shed) {
    return RunResult.builder(id)
        .startedAt(SampleRuns.START)
        .duration(Duration.ofSeconds(1))
        .verdict(verdict, "because")
        .ledger(LedgerSnapshot.of(1000, 1000 - shed, shed, 0, 0, 0))
        .latency(
            new Percentiles(
                1000,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ofNanos(Math.round(p99Ms * 1e6)),
                Duration.ZERO,
                Duration.ofNanos(Math.round(p99Ms * 1e6))))
        .ratePoints(List.of())
        .build();
  }

  /** A baseline entry with a high-water mark only. */
  static Baseline hwmBaseline(String id, Verdict verdict, double hwm, Tolerance tolerance) {
    Map<Figure, OptionalDouble> figures = new EnumMap<>(Figure.class);
    figures.put(Figure.HIGH_WATER_MARK, OptionalDouble.of(hwm));
    return new Baseline(
        Map.of(Figure.HIGH_WATER_MARK, tolerance),
        Map.of(id, new BaselineEntry(java.util.Optional.of(verdict), figures, Map.of())));
  }

  @Test
  void check_passesOnEqualFigures() {
    List<RunResult> runs = SampleRuns.all();

    GateReport report = BaselineGate.check(Baseline.of(runs), runs);

    assertThat(report.passed()).isTrue();
    assertThat(report.testsCompared()).isEqualTo(4);
    assertThat(report.failures()).isEmpty();
    assertThat(report.table()).isEqualTo("baseline gate PASSED: 4 tests compared\n");
    assertThat(report.findings()).hasSize(4 * 5);
  }

  @Test
  void aRunWhoseLoadStoppedEarly_isComparedOnItsVerdictOnly_andSaysWhy() {
    RunResult full = run("early", Verdict.OVERFLOWED, 0, 1, 0);
    Baseline baseline = hwmBaseline("early", Verdict.OVERFLOWED, 200, new Tolerance(0.1, 5));
    // stopped once its verdict was certain: a lower mark than the baseline's full run, and a
    // higher one would not be comparable either
    RunResult stopped =
        RunResult.builder("early")
            .startedAt(SampleRuns.START)
            .duration(Duration.ofSeconds(1))
            .verdict(Verdict.OVERFLOWED, "because")
            .ledger(LedgerSnapshot.of(1000, 1000, 0, 0, 0, 0))
            .loadReport(SampleRuns.loadReport(0, Ending.STOPPED))
            .ratePoints(List.of())
            .build();

    GateReport report = BaselineGate.check(baseline, List.of(stopped));

    assertThat(report.passed()).isTrue();
    assertThat(report.notes())
        .singleElement()
        .satisfies(n -> assertThat(n.kind()).isEqualTo(GateFinding.Kind.NOT_COMPARED))
        .satisfies(n -> assertThat(n.what()).isEqualTo("figures"))
        .satisfies(n -> assertThat(n.change()).startsWith("the load stopped early: "));
    // its verdict is still compared
    RunResult otherVerdict =
        RunResult.builder("early")
            .startedAt(SampleRuns.START)
            .duration(Duration.ofSeconds(1))
            .verdict(Verdict.SURVIVED, "because")
            .ledger(LedgerSnapshot.of(1000, 1000, 0, 0, 0, 0))
            .loadReport(SampleRuns.loadReport(0, Ending.STOPPED))
            .ratePoints(List.of())
            .build();
    assertThat(BaselineGate.check(baseline, List.of(otherVerdict)).passed()).isFalse();
    // and a run that ran its plan is compared on its figures as before
    assertThat(BaselineGate.check(baseline, List.of(full)).findings())
        .extracting(GateFinding::what)
        .containsExactly("verdict", "highWaterMark");
  }

  @Test
  void check_failsOnARegression_withTheTable() {
    RunResult before = run("orders-spike", Verdict.SHED, 0, 12, 100);
    RunResult after = run("orders-spike", Verdict.SHED, 0, 40, 100);

    GateReport report = BaselineGate.check(Baseline.of(List.of(before)), List.of(after));

    assertThat(report.passed()).isFalse();
    assertThat(report.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.what()).isEqualTo("p99Ms");
              assertThat(f.kind()).isEqualTo(GateFinding.Kind.REGRESSED);
            });
    assertThat(report.table())
        .isEqualTo(
            """
            baseline gate FAILED: 1 test compared, 1 test fails

            test          figure  baseline  current  change            allowed                      result
            orders-spike  p99Ms   12 ms     40 ms    +28 ms (+233.3%)  +5 ms = max(25% × 12, 5 ms)  REGRESSED
            """);
  }

  @Test
  void check_atTheEdgeOfTheTolerance_passes_andJustAbove_fails() {
    Baseline baseline = hwmBaseline("t", Verdict.SHED, 200, new Tolerance(0.10, 10)); // allows +20

    GateReport atEdge = BaselineGate.check(baseline, List.of(withHwm("t", 220)));
    GateReport above = BaselineGate.check(baseline, List.of(withHwm("t", 221)));

    assertThat(atEdge.passed()).isTrue();
    assertThat(above.passed()).isFalse();
    assertThat(above.failures().get(0).allowed()).isEqualTo("+20 = max(10% × 200, 10)");
    assertThat(above.failures().get(0).change()).isEqualTo("+21 (+10.5%)");
  }

  @Test
  void check_givesTinyFiguresTheAbsoluteTolerance() {
    Baseline baseline =
        hwmBaseline("t", Verdict.SHED, 3, new Tolerance(0.10, 10)); // allows +10, not +0.3

    assertThat(BaselineGate.check(baseline, List.of(withHwm("t", 13))).passed()).isTrue();
    assertThat(BaselineGate.check(baseline, List.of(withHwm("t", 14))).passed()).isFalse();
  }

  @Test
  void check_withAZeroTolerance_failsOnAnyRise() {
    Baseline baseline = hwmBaseline("t", Verdict.SHED, 100, new Tolerance(0, 0));

    assertThat(BaselineGate.check(baseline, List.of(withHwm("t", 100))).passed()).isTrue();
    assertThat(BaselineGate.check(baseline, List.of(withHwm("t", 101))).passed()).isFalse();
  }

  @Test
  void check_reportsAFallAsAnImprovement_thatPasses() {
    Baseline baseline = hwmBaseline("t", Verdict.SHED, 1000, new Tolerance(0.10, 10));

    GateReport report = BaselineGate.check(baseline, List.of(withHwm("t", 500)));

    assertThat(report.passed()).isTrue();
    assertThat(report.notes())
        .extracting(GateFinding::kind)
        .containsExactly(GateFinding.Kind.IMPROVED);
    assertThat(report.table()).contains("notes:").contains("IMPROVED");
  }

  @Test
  void check_failsOnAVerdictChange_eitherWay() {
    RunResult overflowed = run("t", Verdict.OVERFLOWED, 0, 1, 0);
    RunResult survived = run("t", Verdict.SURVIVED, 0, 1, 0);

    GateReport better = BaselineGate.check(Baseline.of(List.of(overflowed)), List.of(survived));
    GateReport worse = BaselineGate.check(Baseline.of(List.of(survived)), List.of(overflowed));

    for (GateReport report : List.of(better, worse)) {
      assertThat(report.passed()).isFalse();
      assertThat(report.failures())
          .extracting(GateFinding::kind)
          .containsExactly(GateFinding.Kind.VERDICT_CHANGED);
    }
    assertThat(worse.table()).contains("t     verdict  SURVIVED  OVERFLOWED  changed");
  }

  @Test
  void check_failsOnATestMissingFromTheBaseline_unlessAllowed() {
    List<RunResult> runs = List.of(run("old", Verdict.SHED, 0, 1, 1));
    List<RunResult> more = List.of(runs.get(0), run("new", Verdict.SHED, 0, 1, 1));

    GateReport strict = BaselineGate.check(Baseline.of(runs), more);
    GateReport lenient = BaselineGate.check(Baseline.of(runs), more, new GateOptions(true, false));

    assertThat(strict.passed()).isFalse();
    assertThat(strict.failures())
        .extracting(GateFinding::test, GateFinding::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("new", GateFinding.Kind.NEW_TEST));
    assertThat(lenient.passed()).isTrue();
    assertThat(lenient.notes())
        .extracting(GateFinding::kind)
        .containsExactly(GateFinding.Kind.NEW_TEST);
  }

  @Test
  void check_failsOnABaselineTestWithoutAResult_unlessAllowed() {
    List<RunResult> both =
        List.of(run("a", Verdict.SHED, 0, 1, 1), run("b", Verdict.SHED, 0, 1, 1));

    GateReport strict = BaselineGate.check(Baseline.of(both), both.subList(0, 1));
    GateReport lenient =
        BaselineGate.check(Baseline.of(both), both.subList(0, 1), new GateOptions(false, true));

    assertThat(strict.passed()).isFalse();
    assertThat(strict.failures())
        .extracting(GateFinding::test, GateFinding::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("b", GateFinding.Kind.MISSING_TEST));
    assertThat(lenient.passed()).isTrue();
  }

  @Test
  void check_failsWhenAQueueThatDrainedNoLongerDrains() {
    OptionalDouble drained = OptionalDouble.of(500);

    GateFinding gone =
        BaselineGate.figure(
            "t", Figure.DRAIN_TIME, drained, OptionalDouble.empty(), new Tolerance(0.25, 250));
    GateFinding appeared =
        BaselineGate.figure(
            "t", Figure.DRAIN_TIME, OptionalDouble.empty(), drained, new Tolerance(0.25, 250));

    assertThat(gone.fails()).isTrue();
    assertThat(gone.kind()).isEqualTo(GateFinding.Kind.MISSING_FIGURE);
    assertThat(gone.current()).isEqualTo("did not drain");
    assertThat(appeared.fails()).isFalse();
    assertThat(appeared.kind()).isEqualTo(GateFinding.Kind.IMPROVED);
  }

  @Test
  void check_failsWhenAGatedFigureIsNoLongerMeasured() {
    RunResult withP99 = run("t", Verdict.SHED, 0, 3, 1);
    RunResult without =
        RunResult.builder("t")
            .startedAt(SampleRuns.START)
            .duration(Duration.ofSeconds(1))
            .verdict(Verdict.SHED, "because")
            .ledger(LedgerSnapshot.of(1000, 999, 1, 0, 0, 0))
            .build();

    GateReport report = BaselineGate.check(Baseline.of(List.of(withP99)), List.of(without));

    assertThat(report.failures())
        .extracting(GateFinding::what, GateFinding::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("p99Ms", GateFinding.Kind.MISSING_FIGURE));
  }

  @Test
  void check_usesATestsOwnTolerance() {
    RunResult before = run("t", Verdict.SHED, 0, 100, 1);
    RunResult after = run("t", Verdict.SHED, 0, 180, 1);
    Baseline global = Baseline.of(List.of(before));
    Baseline own =
        new Baseline(
            global.tolerances(),
            Map.of(
                "t",
                global.tests().get("t").withTolerances(Map.of(Figure.P99, new Tolerance(1.0, 0)))));

    assertThat(BaselineGate.check(global, List.of(after)).passed()).isFalse();
    assertThat(BaselineGate.check(own, List.of(after)).passed()).isTrue();
  }

  @Test
  void check_rejectsResultsWithTheSameId() {
    RunResult a = run("t", Verdict.SHED, 0, 1, 1);

    assertThatThrownBy(() -> BaselineGate.check(Baseline.of(List.of(a)), List.of(a, a)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("result id must be unique, but was 't' twice");
  }

  @Test
  void tolerance_rejectsNegativeAndNonFiniteValues() {
    assertThatThrownBy(() -> new Tolerance(-0.1, 0))
        .hasMessage("relative tolerance must be a finite number >= 0, but was -0.1");
    assertThatThrownBy(() -> new Tolerance(0, Double.NaN))
        .hasMessage("absolute tolerance must be a finite number >= 0, but was NaN");
  }

  @Test
  void updatedWith_keepsOtherTestsAndTheirTolerances_unlessPruned() {
    RunResult a = run("a", Verdict.SHED, 0, 1, 1);
    RunResult b = run("b", Verdict.SHED, 0, 1, 1);
    Baseline start = Baseline.of(List.of(a, b));
    Baseline tuned =
        new Baseline(
            start.tolerances(),
            Map.of(
                "a",
                start.tests().get("a").withTolerances(Map.of(Figure.P99, new Tolerance(1, 1)))));
    tuned =
        new Baseline(
            tuned.tolerances(), Map.of("a", tuned.tests().get("a"), "b", start.tests().get("b")));

    Baseline kept = tuned.updatedWith(List.of(run("a", Verdict.OVERFLOWED, 0, 9, 1)), false);
    Baseline pruned = tuned.updatedWith(List.of(run("a", Verdict.OVERFLOWED, 0, 9, 1)), true);

    assertThat(kept.tests()).containsOnlyKeys("a", "b");
    assertThat(kept.tests().get("a").verdict()).contains(Verdict.OVERFLOWED);
    assertThat(kept.tolerance("a", Figure.P99)).isEqualTo(new Tolerance(1, 1));
    assertThat(pruned.tests()).containsOnlyKeys("a");
  }

  private static RunResult withHwm(String id, long hwm) {
    dev.spillway.toolkit.record.QueueTrace trace =
        SampleRuns.trace(
            List.of(SampleRuns.series("q", t -> t == 3000 ? hwm : 0, 0, 1)), List.of());
    return RunResult.builder(id).trace(trace).verdict(Verdict.SHED, "because").build();
  }
}
