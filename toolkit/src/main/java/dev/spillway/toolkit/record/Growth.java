package dev.spillway.toolkit.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * How fast a queue's depth grew over a time window: the least-squares slope of depth against time,
 * in messages per second, with its standard error.
 *
 * <p>The standard error is the ordinary least-squares one, {@code sqrt(s² / Σ(t − t̄)²)} with
 * {@code s²} the residual variance over {@code n − 2} degrees of freedom. Queue depths are
 * autocorrelated (a queue that is long now is long a millisecond later), which makes this error an
 * underestimate of the true uncertainty; use {@link #isSignificant(double)} with a generous factor
 * (3 or more) and a minimum rate, as the verdict rules do.
 *
 * <p>With fewer than two points the slope is undetermined ({@code NaN}); with fewer than three the
 * standard error is ({@code NaN}).
 *
 * @param slopePerSecond the fitted growth in messages per second (negative while draining), or
 *     {@code NaN} when undetermined
 * @param standardError the slope's standard error in messages per second, or {@code NaN} when
 *     undetermined
 * @param points how many points the fit used (&gt;= 0)
 * @param from the window's start, as an offset from the trace's start
 * @param to the window's end, as an offset from the trace's start; not before {@code from}
 * @param fittedStartDepth the fitted depth at {@code from}, or {@code NaN} when undetermined
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Growth(
    double slopePerSecond,
    double standardError,
    int points,
    Duration from,
    Duration to,
    double fittedStartDepth) {

  /** Validates the components. */
  public Growth {
    Preconditions.check(
        !Double.isInfinite(slopePerSecond), "slope", "finite or NaN", slopePerSecond);
    Preconditions.check(
        Double.isNaN(standardError) || (Double.isFinite(standardError) && standardError >= 0),
        "standard error",
        "a finite number >= 0 or NaN",
        standardError);
    Preconditions.check(points >= 0, "points", ">= 0", points);
    Preconditions.notNull(from, "window start");
    Preconditions.notNull(to, "window end");
    Preconditions.check(to.compareTo(from) >= 0, "window end", "not before " + from, to);
    Preconditions.check(
        !Double.isInfinite(fittedStartDepth),
        "fitted start depth",
        "finite or NaN",
        fittedStartDepth);
  }

  /** Whether the slope is known (at least two points at different times). */
  public boolean isDetermined() {
    return !Double.isNaN(slopePerSecond);
  }

  /** Whether the standard error is known (at least three points). */
  public boolean hasStandardError() {
    return !Double.isNaN(standardError);
  }

  /**
   * Whether the depth grew by more than {@code k} standard errors: {@code slope > k · SE}, with a
   * known standard error. A perfectly straight rising line (SE = 0) is significant; a flat one is
   * not.
   *
   * @param k how many standard errors the slope must exceed; finite and &gt;= 0
   */
  public boolean isSignificant(double k) {
    Preconditions.notNegative(k, "significance factor");
    return hasStandardError() && slopePerSecond > 0 && slopePerSecond > k * standardError;
  }

  /** The window's length. */
  public Duration window() {
    return to.minus(from);
  }

  /** The fitted depth at {@code to}, or {@code NaN} when undetermined. */
  public double fittedEndDepth() {
    return fittedStartDepth + slopePerSecond * window().toNanos() / 1e9;
  }
}
