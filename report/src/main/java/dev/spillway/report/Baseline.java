package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The figures a project's overload tests are held to, by test id, with the tolerances of each
 * figure: what the {@link BaselineGate} compares new results with. Kept in a JSON file committed
 * with the project ({@link BaselineJson}, schema {@value BaselineJson#SCHEMA}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param tolerances the tolerance of each figure for every test; a figure missing here has its
 *     {@linkplain Tolerance#defaultFor default}
 * @param tests each test's entry, by run id
 * @param capacityTolerance the tolerance of a capacity knee's fall for every test (see {@link
 *     BaselineGate}); {@link Tolerance#defaultForCapacity()} unless set
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Baseline(
    Map<Figure, Tolerance> tolerances,
    Map<String, BaselineEntry> tests,
    Tolerance capacityTolerance) {

  /** Validates the components, fills in default tolerances and copies the maps (tests sorted). */
  public Baseline {
    Preconditions.notNull(tolerances, "tolerances");
    tolerances.forEach(
        (f, tol) ->
            Preconditions.notNull(tol, "tolerance of " + Preconditions.notNull(f, "figure")));
    Map<Figure, Tolerance> t = new EnumMap<>(Figure.class);
    for (Figure f : Figure.values()) {
      t.put(f, tolerances.getOrDefault(f, Tolerance.defaultFor(f)));
    }
    tolerances = Collections.unmodifiableMap(t);
    Preconditions.notNull(tests, "tests");
    Map<String, BaselineEntry> sorted = new TreeMap<>();
    tests.forEach(
        (id, entry) ->
            sorted.put(
                Preconditions.notBlank(id, "test id"),
                Preconditions.notNull(entry, "entry of " + id)));
    tests = Collections.unmodifiableMap(sorted);
    Preconditions.notNull(capacityTolerance, "capacity tolerance");
  }

  /** A baseline with the default capacity tolerance. */
  public Baseline(Map<Figure, Tolerance> tolerances, Map<String, BaselineEntry> tests) {
    this(tolerances, tests, Tolerance.defaultForCapacity());
  }

  /** A baseline of these runs under the default tolerances. */
  public static Baseline of(Collection<RunResult> runs) {
    return new Baseline(Map.of(), Map.of()).updatedWith(runs, false);
  }

  /**
   * This baseline with the entries of {@code runs} in place of (or added to) its own, keeping the
   * tolerances, and each test's own tolerances.
   *
   * @param prune whether to drop the entries of tests that are not among {@code runs}
   * @throws IllegalArgumentException when two runs share an id
   */
  public Baseline updatedWith(Collection<RunResult> runs, boolean prune) {
    Preconditions.notNull(runs, "run results");
    Map<String, BaselineEntry> updated = new TreeMap<>(prune ? Map.of() : tests);
    Set<String> seen = new HashSet<>();
    for (RunResult run : runs) {
      Preconditions.check(
          seen.add(run.id()), "run id", "unique among the results", "'" + run.id() + "' twice");
      BaselineEntry previous = tests.get(run.id());
      BaselineEntry entry = BaselineEntry.of(run);
      updated.put(
          run.id(),
          previous == null
              ? entry
              : entry
                  .withTolerances(previous.tolerances())
                  .withCapacityTolerance(previous.capacityTolerance()));
    }
    return new Baseline(tolerances, updated, capacityTolerance);
  }

  /** The tolerance of {@code figure} for the test {@code id}: its own, else the baseline's. */
  public Tolerance tolerance(String id, Figure figure) {
    BaselineEntry entry = tests.get(id);
    if (entry != null && entry.tolerances().containsKey(figure)) {
      return entry.tolerances().get(figure);
    }
    return tolerances.get(figure);
  }

  /** The capacity tolerance for the test {@code id}: its own, else the baseline's. */
  public Tolerance capacityTolerance(String id) {
    BaselineEntry entry = tests.get(id);
    return entry != null && entry.capacityTolerance().isPresent()
        ? entry.capacityTolerance().get()
        : capacityTolerance;
  }
}
