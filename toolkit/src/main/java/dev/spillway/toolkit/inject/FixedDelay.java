package dev.spillway.toolkit.inject;

import dev.spillway.toolkit.internal.Preconditions;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * A fixed delay; get it from {@link Delay#fixed(Duration)}. Immutable and thread-safe.
 *
 * @param delay the delay of every call, &gt; 0
 */
public record FixedDelay(Duration delay) implements Delay {

  /** Validates the delay. */
  public FixedDelay {
    Preconditions.positive(delay, "fixed delay");
  }

  /** Always {@code delay}; draws nothing from {@code random}. */
  @Override
  public long nextNanos(RandomGenerator random) {
    return DelayMath.saturatedNanos(delay);
  }

  /** {@code delay}, in nanoseconds. */
  @Override
  public double meanNanos() {
    return DelayMath.saturatedNanos(delay);
  }
}
