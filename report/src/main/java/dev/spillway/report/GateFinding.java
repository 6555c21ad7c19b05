package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * One row of a {@link GateReport}: one figure (or the verdict, or the test as a whole) of one test,
 * its baseline and current values, the change, the rise allowed, and what the gate made of it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param test the test's id; not blank
 * @param what the figure's key ({@code "highWaterMark"}...), {@code "verdict"} or {@code "test"}
 * @param baseline the baseline value, for people ({@code "202"}, {@code "12.5 ms"}, {@code "—"})
 * @param current the current value, for people
 * @param change the change, for people ({@code "+58 (+28.7%)"}), or empty
 * @param allowed the rise allowed and the tolerance it came from, or empty
 * @param kind what the gate made of it
 * @param fails whether this row fails the gate
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GateFinding(
    String test,
    String what,
    String baseline,
    String current,
    String change,
    String allowed,
    Kind kind,
    boolean fails) {

  /** What the gate made of a row. */
  public enum Kind {
    /** The figure rose by no more than its tolerance allows (or fell by less). */
    WITHIN,
    /** The figure fell by more than its tolerance: consider rewriting the baseline. */
    IMPROVED,
    /** The figure rose by more than its tolerance allows. Fails. */
    REGRESSED,
    /** The baseline has the figure, the run does not (a queue that no longer drains). Fails. */
    MISSING_FIGURE,
    /** The run has a figure the baseline records as absent. Passes; rewrite the baseline. */
    NEW_FIGURE,
    /**
     * The run's load stopped before its plan ended — a test that stopped once its verdict was
     * certain — so its figures, which grow with the time under load, are not compared with the
     * baseline's full run; its verdict is. Passes, noted.
     */
    NOT_COMPARED,
    /** The verdict is not the baseline's. Fails. */
    VERDICT_CHANGED,
    /** A test with no entry in the baseline. Fails unless new tests are allowed. */
    NEW_TEST,
    /** A baseline test with no result. Fails unless missing tests are allowed. */
    MISSING_TEST
  }

  /** Validates the components. */
  public GateFinding {
    Preconditions.notBlank(test, "test id");
    Preconditions.notBlank(what, "what");
    Preconditions.notNull(baseline, "baseline value");
    Preconditions.notNull(current, "current value");
    Preconditions.notNull(change, "change");
    Preconditions.notNull(allowed, "allowed");
    Preconditions.notNull(kind, "kind");
  }
}
