package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.apiguardian.api.API;

/**
 * A fixed delay; get it from {@link Delay#fixed(Duration)}. Immutable and thread-safe.
 *
 * @param delay the delay of every call, &gt; 0
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record FixedDelayModel(Duration delay) implements Delay {

  /** Validates the delay. */
  public FixedDelayModel {
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
