package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apiguardian.api.API;

/**
 * A Pareto (type I) delay, the heavy tail: never below {@code minimum}, {@code P(X > x) = (minimum
 * / x)^alpha}, optionally capped at {@code max}; get it from {@link Delay#pareto(Duration,
 * double)}. Most calls are near the minimum and a few are very long (α = 1.16 is the "80/20" tail).
 * For α ≤ 1 an uncapped model has an <b>infinite mean</b>: a consumer with it has no steady service
 * rate, and a long run is dominated by its longest delays. Immutable and thread-safe.
 *
 * @param minimum the scale x<sub>m</sub>, the shortest delay, &gt; 0
 * @param alpha the shape α, finite and &gt; 0
 * @param max the cap, &gt; minimum: longer draws are cut to it; uncapped when it is the largest
 *     duration that fits in a long of nanoseconds (what {@link Delay#pareto(Duration, double)}
 *     gives), and then draws saturate at {@link Long#MAX_VALUE} nanoseconds
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ParetoDelayModel(Duration minimum, double alpha, Duration max) implements Delay {

  /** Validates the parameters. */
  public ParetoDelayModel {
    Preconditions.positive(minimum, "Pareto minimum");
    Preconditions.positive(alpha, "Pareto alpha");
    Preconditions.notNull(max, "Pareto max");
    Preconditions.check(
        max.compareTo(minimum) > 0, "Pareto max", "> minimum (" + minimum + ")", max);
  }

  /** This model with its draws capped at {@code max} (&gt; minimum). */
  public ParetoDelayModel cappedAt(Duration max) {
    return new ParetoDelayModel(minimum, alpha, max);
  }

  /** This model capped at {@code max} {@code unit}s; see {@link #cappedAt(Duration)}. */
  public ParetoDelayModel cappedAt(long max, TimeUnit unit) {
    return cappedAt(DelayMath.duration(max, unit, "Pareto max"));
  }

  /** Whether draws are capped. */
  public boolean isCapped() {
    return !max.equals(DelayMath.UNCAPPED);
  }

  /** {@code min(minimum / U^(1/α), max)} with U uniform in (0, 1]; one draw from {@code random}. */
  @Override
  public long nextNanos(RandomGenerator random) {
    double u = 1 - random.nextDouble(); // (0, 1]
    double x = DelayMath.saturatedNanos(minimum) / Math.pow(u, 1 / alpha);
    return (long) Math.min(x, DelayMath.saturatedNanos(max)); // a double cast to long saturates
  }

  /**
   * Uncapped: {@code α · minimum / (α − 1)} for α &gt; 1, {@link Double#POSITIVE_INFINITY} for α ≤
   * 1. Capped at c: {@code minimum · (1 + ((c / minimum)^(1−α) − 1) / (1 − α))}, or {@code minimum
   * · (1 + ln(c / minimum))} for α = 1.
   */
  @Override
  public double meanNanos() {
    double xm = DelayMath.saturatedNanos(minimum);
    if (!isCapped()) {
      return alpha > 1 ? alpha * xm / (alpha - 1) : Double.POSITIVE_INFINITY;
    }
    double c = DelayMath.saturatedNanos(max);
    if (alpha == 1) {
      return xm * (1 + Math.log(c / xm));
    }
    return xm * (1 + (Math.pow(c / xm, 1 - alpha) - 1) / (1 - alpha));
  }

  /** Lists every parameter; an uncapped max shows as {@code none}. */
  @Override
  public String toString() {
    return "ParetoDelayModel[minimum="
        + minimum
        + ", alpha="
        + alpha
        + ", max="
        + DelayMath.capToString(max)
        + "]";
  }
}
