package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.util.Preconditions;
import dev.spillway.toolkit.verdict.Verdict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * The regression gate: compares run results with a {@link Baseline}, test by test (by run id).
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>Every figure is worse when higher: the high-water mark, the drain time, the latency p99 and
 *       the shed ratio. A figure <b>regresses</b> when it rises above its baseline by more than
 *       {@code max(relative × |baseline|, absolute)} (its {@link Tolerance}); rising by exactly
 *       that much passes. Falling never fails (falling by more than the tolerance is reported as
 *       {@code IMPROVED}).
 *   <li>A figure the baseline has and the run lacks fails ({@code MISSING_FIGURE}); for the drain
 *       time this means the queue no longer drained within the recording. A figure the baseline
 *       records as absent ({@code null}) and the run has passes with a note (for the drain time: it
 *       drains now). A figure that is not a key of the test's entry is not gated.
 *   <li>A <b>capacity knee</b> (the highest rate a capacity search sustained) is worse when
 *       <em>lower</em>, and each search states the interval [low, high] its capacity lies in. A
 *       knee <b>regresses</b> when it falls below the baseline's knee by more than {@code
 *       max(relative × baseline knee, absolute)} (its capacity {@link Tolerance}) plus the new
 *       search's own interval width {@code high − low}; that is, when even the high end of the new
 *       interval lies below the baseline's knee less the tolerance. A search that sustained no rate
 *       counts as a knee of 0 with its interval [0, high]; a search that never saturated has only
 *       the highest rate tried as its high end, so it fails too when that lies below the baseline's
 *       knee less the tolerance (it did not show the old capacity). A knee whose low end rises
 *       above the baseline's high end by more than the tolerance passes with a note ({@code
 *       IMPROVED}). A run without a capacity search where the baseline gates one fails ({@code
 *       MISSING_FIGURE}); a test whose entry has no capacity is not gated on it.
 *   <li>A run whose load <b>stopped early</b> (its verdict was certain before its plan ended, as
 *       {@code @StopWhenCertain} allows) is compared on its verdict only: its figures grow with the
 *       time under load, so they say nothing against a full run's ({@code NOT_COMPARED}, a note).
 *   <li>A <b>verdict change</b> fails, whichever way it goes: a design that now survives where it
 *       overflowed has changed, and the baseline must be rewritten on purpose.
 *   <li>A result whose id is not in the baseline fails ({@code NEW_TEST}), and so does a baseline
 *       test without a result ({@code MISSING_TEST}), unless {@link GateOptions} allow them: a test
 *       that is not compared must not pass by accident.
 * </ul>
 *
 * <p>Thread-safety: stateless; all methods are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BaselineGate {

  /** Tolerance comparisons allow this relative slack for floating-point rounding. */
  private static final double ROUNDING = 1e-9;

  private BaselineGate() {}

  /** The strict gate ({@link GateOptions#STRICT}). */
  public static GateReport check(Baseline baseline, Collection<RunResult> results) {
    return check(baseline, results, GateOptions.STRICT);
  }

  /**
   * The gate under {@code options}.
   *
   * @throws IllegalArgumentException when two results share an id
   */
  public static GateReport check(
      Baseline baseline, Collection<RunResult> results, GateOptions options) {
    Preconditions.notNull(baseline, "baseline");
    Preconditions.notNull(results, "results");
    Preconditions.notNull(options, "gate options");
    Map<String, RunResult> byId = new LinkedHashMap<>();
    for (RunResult run : results) {
      Preconditions.notNull(run, "result");
      Preconditions.check(
          byId.putIfAbsent(run.id(), run) == null,
          "result id",
          "unique",
          "'" + run.id() + "' twice");
    }
    List<GateFinding> findings = new ArrayList<>();
    int compared = 0;
    for (RunResult run : byId.values()) {
      BaselineEntry entry = baseline.tests().get(run.id());
      if (entry == null) {
        findings.add(
            new GateFinding(
                run.id(),
                "test",
                "—",
                verdictText(run.verdict()),
                "",
                "",
                GateFinding.Kind.NEW_TEST,
                !options.allowNewTests()));
        continue;
      }
      compared++;
      compare(baseline, run, entry, findings);
    }
    for (String id : baseline.tests().keySet()) {
      if (!byId.containsKey(id)) {
        findings.add(
            new GateFinding(
                id,
                "test",
                verdictText(baseline.tests().get(id).verdict()),
                "no result",
                "",
                "",
                GateFinding.Kind.MISSING_TEST,
                !options.allowMissingTests()));
      }
    }
    return new GateReport(findings, compared);
  }

  private static void compare(
      Baseline baseline, RunResult run, BaselineEntry entry, List<GateFinding> findings) {
    Optional<Verdict> now = run.verdict();
    boolean changed = !now.equals(entry.verdict());
    findings.add(
        new GateFinding(
            run.id(),
            "verdict",
            verdictText(entry.verdict()),
            verdictText(now),
            changed ? "changed" : "",
            "",
            changed ? GateFinding.Kind.VERDICT_CHANGED : GateFinding.Kind.WITHIN,
            changed));
    Optional<LoadFigures> load = run.load();
    if (load.isPresent() && load.get().ending() == Ending.STOPPED && !entry.figures().isEmpty()) {
      // an early stop: a shorter flood has a lower mark, a shorter drain — not comparable with a
      // full run's (compared, they would only ever read IMPROVED and could hide a regression)
      findings.add(
          new GateFinding(
              run.id(),
              "figures",
              String.join(", ", entry.figures().keySet().stream().map(Figure::key).toList()),
              "not compared",
              String.format(
                  java.util.Locale.ROOT,
                  "the load stopped early: %,d of %,d planned messages sent",
                  load.get().sent(),
                  load.get().planned()),
              "",
              GateFinding.Kind.NOT_COMPARED,
              false));
    } else {
      compareFigures(baseline, run, entry, findings);
    }
    entry
        .capacity()
        .ifPresent(
            was ->
                findings.add(
                    capacity(
                        run.id(),
                        was,
                        run.capacity().map(BaselineCapacity::of),
                        baseline.capacityTolerance(run.id()))));
  }

  private static void compareFigures(
      Baseline baseline, RunResult run, BaselineEntry entry, List<GateFinding> findings) {
    RunFigures figures = run.figures();
    entry
        .figures()
        .forEach(
            (figure, was) ->
                findings.add(
                    figure(
                        run.id(),
                        figure,
                        was,
                        figure.of(figures),
                        baseline.tolerance(run.id(), figure))));
  }

  static GateFinding capacity(
      String test, BaselineCapacity was, Optional<BaselineCapacity> is, Tolerance tolerance) {
    String what = "capacityKnee";
    if (is.isEmpty()) {
      return new GateFinding(
          test,
          what,
          was.describe(),
          "no capacity search",
          "gone",
          "",
          GateFinding.Kind.MISSING_FIGURE,
          true);
    }
    BaselineCapacity now = is.get();
    if (was.knee().isEmpty() && now.knee().isPresent()) {
      return new GateFinding(
          test,
          what,
          was.describe(),
          now.describe(),
          "appeared",
          "",
          GateFinding.Kind.NEW_FIGURE,
          false);
    }
    double b = was.kneeOrZero();
    double c = now.kneeOrZero();
    double allowance = tolerance.allowance(b);
    double width = now.high() - now.low();
    double delta = c - b;
    String change =
        (delta > 0 ? "+" : delta < 0 ? "-" : "±")
            + Numbers.plain(Math.abs(delta))
            + "/s"
            + (b != 0 && delta != 0
                ? String.format(java.util.Locale.ROOT, " (%+.1f%%)", delta / b * 100)
                : "");
    String allowed =
        "fall -"
            + Numbers.plain(allowance + width)
            + "/s = max("
            + Numbers.plain(tolerance.relative() * 100)
            + "% × "
            + Numbers.plain(b)
            + ", "
            + Numbers.plain(tolerance.absolute())
            + "/s) + this search's interval "
            + Numbers.plain(width)
            + "/s";
    double slack = (allowance + width) * ROUNDING + 1e-12;
    GateFinding.Kind kind;
    if (now.high() < b - allowance - slack) {
      kind = GateFinding.Kind.REGRESSED;
    } else if (now.low() > was.high() + allowance + slack) {
      kind = GateFinding.Kind.IMPROVED;
    } else {
      kind = GateFinding.Kind.WITHIN;
    }
    return new GateFinding(
        test,
        what,
        was.describe(),
        now.describe(),
        change,
        allowed,
        kind,
        kind == GateFinding.Kind.REGRESSED);
  }

  static GateFinding figure(
      String test, Figure figure, OptionalDouble was, OptionalDouble is, Tolerance tolerance) {
    String absentWas = figure == Figure.DRAIN_TIME ? "did not drain" : "none";
    String absentIs = figure == Figure.DRAIN_TIME ? "did not drain" : "not measured";
    if (was.isEmpty() && is.isEmpty()) {
      return new GateFinding(
          test, figure.key(), absentWas, absentIs, "", "", GateFinding.Kind.WITHIN, false);
    }
    if (was.isEmpty()) {
      GateFinding.Kind kind =
          figure == Figure.DRAIN_TIME ? GateFinding.Kind.IMPROVED : GateFinding.Kind.NEW_FIGURE;
      return new GateFinding(
          test,
          figure.key(),
          absentWas,
          figure.format(is.getAsDouble()),
          "appeared",
          "",
          kind,
          false);
    }
    double b = was.getAsDouble();
    double allowance = tolerance.allowance(b);
    String allowed = figure.formatDelta(allowance) + " = " + tolerance.describe(figure, b);
    if (is.isEmpty()) {
      return new GateFinding(
          test,
          figure.key(),
          figure.format(b),
          absentIs,
          "gone",
          allowed,
          GateFinding.Kind.MISSING_FIGURE,
          true);
    }
    double c = figure.round(is.getAsDouble()); // as the baseline keeps it: equal runs compare equal
    double delta = c - b;
    String change =
        figure.formatDelta(delta)
            + (b != 0 && delta != 0
                ? String.format(java.util.Locale.ROOT, " (%+.1f%%)", delta / b * 100)
                : "");
    double slack = allowance * ROUNDING + 1e-12;
    GateFinding.Kind kind;
    if (delta > allowance + slack) {
      kind = GateFinding.Kind.REGRESSED;
    } else if (-delta > allowance + slack) {
      kind = GateFinding.Kind.IMPROVED;
    } else {
      kind = GateFinding.Kind.WITHIN;
    }
    return new GateFinding(
        test,
        figure.key(),
        figure.format(b),
        figure.format(c),
        change,
        allowed,
        kind,
        kind == GateFinding.Kind.REGRESSED);
  }

  private static String verdictText(Optional<Verdict> verdict) {
    return verdict.map(Enum::name).orElse("not judged");
  }
}
