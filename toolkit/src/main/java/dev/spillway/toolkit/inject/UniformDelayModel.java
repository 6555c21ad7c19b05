package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.apiguardian.api.API;

/**
 * A delay uniform in [min, max]; get it from {@link Delay#uniform(Duration, Duration)}. Immutable
 * and thread-safe.
 *
 * @param min the shortest delay, &gt;= 0
 * @param max the longest delay, &gt; min
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record UniformDelayModel(Duration min, Duration max) implements Delay {

  /** Validates the bounds. */
  public UniformDelayModel {
    Preconditions.notNegative(min, "uniform delay min");
    Preconditions.notNull(max, "uniform delay max");
    Preconditions.check(max.compareTo(min) > 0, "uniform delay max", "> min (" + min + ")", max);
  }

  /** A delay in [min, max] nanoseconds, each value equally likely; one draw from {@code random}. */
  @Override
  public long nextNanos(RandomGenerator random) {
    long lo = DelayMath.saturatedNanos(min);
    long hi = DelayMath.saturatedNanos(max);
    return hi == Long.MAX_VALUE ? random.nextLong(lo, hi) : random.nextLong(lo, hi + 1);
  }

  /** (min + max) / 2, in nanoseconds. */
  @Override
  public double meanNanos() {
    return ((double) DelayMath.saturatedNanos(min) + DelayMath.saturatedNanos(max)) / 2;
  }
}
