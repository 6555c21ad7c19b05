package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import dev.spillway.toolkit.verdict.Verdict;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * One test's figures in a {@link Baseline}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param verdict the verdict the test had; a change fails the gate. Empty when it was not judged
 *     (then a verdict appearing is a change too)
 * @param figures the figures gated: a figure present as a key is compared; its value is empty when
 *     the run did not have it (a queue that never drained, a run without latencies). A figure
 *     absent as a key is not gated
 * @param tolerances this test's own tolerances, replacing the baseline's for those figures
 * @param capacity the knee of the test's capacity search and its interval, gated when present (a
 *     fall below it fails; see {@link BaselineGate}); empty when not gated
 * @param capacityTolerance this test's own capacity tolerance, replacing the baseline's
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BaselineEntry(
    Optional<Verdict> verdict,
    Map<Figure, OptionalDouble> figures,
    Map<Figure, Tolerance> tolerances,
    Optional<BaselineCapacity> capacity,
    Optional<Tolerance> capacityTolerance) {

  /** Validates the components and copies the maps. */
  public BaselineEntry {
    Preconditions.notNull(verdict, "verdict");
    Preconditions.notNull(figures, "figures");
    Map<Figure, OptionalDouble> f = new EnumMap<>(Figure.class);
    figures.forEach(
        (figure, value) -> {
          Preconditions.notNull(figure, "figure");
          Preconditions.notNull(value, "figure value");
          if (value.isPresent()) {
            Preconditions.notNegative(value.getAsDouble(), figure.key());
          }
          f.put(figure, value);
        });
    figures = Collections.unmodifiableMap(f);
    Preconditions.notNull(tolerances, "tolerances");
    Map<Figure, Tolerance> t = new EnumMap<>(Figure.class);
    tolerances.forEach(
        (figure, tolerance) ->
            t.put(
                Preconditions.notNull(figure, "figure"),
                Preconditions.notNull(tolerance, "tolerance")));
    tolerances = Collections.unmodifiableMap(t);
    Preconditions.notNull(capacity, "capacity");
    Preconditions.notNull(capacityTolerance, "capacity tolerance");
  }

  /** An entry that gates no capacity. */
  public BaselineEntry(
      Optional<Verdict> verdict,
      Map<Figure, OptionalDouble> figures,
      Map<Figure, Tolerance> tolerances) {
    this(verdict, figures, tolerances, Optional.empty(), Optional.empty());
  }

  /**
   * The entry of a run: its verdict, every figure and its capacity when it has one (rounded as a
   * baseline file keeps them: see {@link BaselineJson}), with no tolerance of its own.
   */
  public static BaselineEntry of(RunResult run) {
    Preconditions.notNull(run, "run result");
    RunFigures figures = run.figures();
    Map<Figure, OptionalDouble> values = new EnumMap<>(Figure.class);
    for (Figure f : Figure.values()) {
      OptionalDouble value = f.of(figures);
      values.put(f, value.isPresent() ? OptionalDouble.of(f.round(value.getAsDouble())) : value);
    }
    return new BaselineEntry(
        figures.verdict(),
        values,
        Map.of(),
        run.capacity().map(BaselineCapacity::of),
        Optional.empty());
  }

  /** This entry with {@code tolerances} as its own (its capacity tolerance kept). */
  public BaselineEntry withTolerances(Map<Figure, Tolerance> tolerances) {
    return new BaselineEntry(verdict, figures, tolerances, capacity, capacityTolerance);
  }

  /** This entry with {@code capacityTolerance} as its own capacity tolerance, or none. */
  public BaselineEntry withCapacityTolerance(Optional<Tolerance> capacityTolerance) {
    return new BaselineEntry(verdict, figures, tolerances, capacity, capacityTolerance);
  }
}
