package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A pause of the consumer, once or periodically, measured from the start of the {@link Injection}:
 * a call that starts inside a stall window waits until the window ends (like a consumer frozen by a
 * GC pause or a lock), then goes on with the rest of the injection. A call already past its
 * injected waits when a window opens is not held back.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start when the first window opens, after the injection's start; &gt;= 0
 * @param length how long each window lasts; &gt; 0
 * @param period the time from one window's start to the next's; {@link Duration#ZERO} for a single
 *     window, otherwise &gt; length (a stall as long as its period would never end)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Stall(Duration start, Duration length, Duration period) {

  /** Validates the components. */
  public Stall {
    Preconditions.notNegative(start, "stall start");
    Preconditions.positive(length, "stall length");
    Preconditions.notNegative(period, "stall period");
    Preconditions.check(
        period.isZero() || period.compareTo(length) > 0,
        "stall period",
        "zero (once) or > the stall length (" + length + ")",
        period);
  }

  /**
   * One pause of {@code length} starting {@code at} after the injection's start.
   *
   * @param at &gt;= 0
   * @param length &gt; 0
   */
  public static Stall once(Duration at, Duration length) {
    return new Stall(at, length, Duration.ZERO);
  }

  /**
   * One pause of {@code length} at {@code at}, both in {@code unit}s; see {@link #once(Duration,
   * Duration)}.
   */
  public static Stall once(long at, long length, TimeUnit unit) {
    return once(
        DelayMath.duration(at, unit, "stall start"),
        DelayMath.duration(length, unit, "stall length"));
  }

  /**
   * A pause of {@code length} every {@code period}, the first one {@code period} after the
   * injection's start (change that with {@link #startingAt(Duration)}).
   *
   * @param period &gt; length
   * @param length &gt; 0
   */
  public static Stall every(Duration period, Duration length) {
    Preconditions.positive(period, "stall period");
    return new Stall(period, length, period);
  }

  /**
   * A pause of {@code length} every {@code period}, both in {@code unit}s; see {@link
   * #every(Duration, Duration)}.
   */
  public static Stall every(long period, long length, TimeUnit unit) {
    return every(
        DelayMath.duration(period, unit, "stall period"),
        DelayMath.duration(length, unit, "stall length"));
  }

  /**
   * This stall with its first window opening {@code start} (&gt;= 0) after the injection's start.
   */
  public Stall startingAt(Duration start) {
    return new Stall(start, length, period);
  }

  /** This stall with its first window opening {@code start} {@code unit}s after the start. */
  public Stall startingAt(long start, TimeUnit unit) {
    return startingAt(DelayMath.duration(start, unit, "stall start"));
  }

  /** Whether the stall repeats. */
  public boolean isPeriodic() {
    return !period.isZero();
  }

  /**
   * The end (in nanoseconds since the injection's start) of the window that holds {@code elapsed},
   * or -1 when {@code elapsed} is outside every window.
   */
  long windowEndAt(long elapsed) {
    long s = DelayMath.saturatedNanos(start);
    if (elapsed < s) {
      return -1;
    }
    long windowStart = s;
    if (isPeriodic()) {
      long p = DelayMath.saturatedNanos(period);
      windowStart = s + (elapsed - s) / p * p;
    }
    long end = windowStart + DelayMath.saturatedNanos(length);
    return elapsed < end ? end : -1;
  }

  /**
   * The first window boundary (a start or an end, in nanoseconds since the injection's start)
   * strictly after {@code after}, or {@link Long#MAX_VALUE} when there is none.
   */
  long nextBoundaryAfter(long after) {
    long s = DelayMath.saturatedNanos(start);
    if (s > after) {
      return s;
    }
    long len = DelayMath.saturatedNanos(length);
    if (!isPeriodic()) {
      return s + len > after ? s + len : Long.MAX_VALUE;
    }
    long p = DelayMath.saturatedNanos(period);
    long windowStart = s + (after - s) / p * p;
    return windowStart + len > after ? windowStart + len : windowStart + p;
  }

  /** Whether {@code boundary} (a value of {@link #nextBoundaryAfter}) opens a window. */
  boolean opensAt(long boundary) {
    long s = DelayMath.saturatedNanos(start);
    return isPeriodic() ? (boundary - s) % DelayMath.saturatedNanos(period) == 0 : boundary == s;
  }

  /** Lists every component; a single window shows its period as {@code once}. */
  @Override
  public String toString() {
    return "Stall[start="
        + start
        + ", length="
        + length
        + ", period="
        + (isPeriodic() ? period.toString() : "once")
        + "]";
  }
}
