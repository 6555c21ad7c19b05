package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apiguardian.api.API;

/**
 * A log-normal delay, {@code median · e^(σZ)} with Z standard normal, optionally capped at {@code
 * max}; get it from {@link Delay#logNormal(Duration, double)}. The typical shape of real service
 * times: most calls near the median, a long right tail. Immutable and thread-safe.
 *
 * @param median the median delay, &gt; 0
 * @param sigma the shape σ (the standard deviation of the delay's logarithm), finite and &gt; 0
 * @param max the cap, &gt; median: longer draws are cut to it; uncapped when it is the largest
 *     duration that fits in a long of nanoseconds (what {@link Delay#logNormal(Duration, double)}
 *     gives)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LogNormalDelayModel(Duration median, double sigma, Duration max) implements Delay {

  /** Validates the parameters. */
  public LogNormalDelayModel {
    Preconditions.positive(median, "log-normal median");
    Preconditions.positive(sigma, "log-normal sigma");
    Preconditions.notNull(max, "log-normal max");
    Preconditions.check(
        max.compareTo(median) > 0, "log-normal max", "> median (" + median + ")", max);
  }

  /** This model with its draws capped at {@code max} (&gt; median). */
  public LogNormalDelayModel cappedAt(Duration max) {
    return new LogNormalDelayModel(median, sigma, max);
  }

  /** This model capped at {@code max} {@code unit}s; see {@link #cappedAt(Duration)}. */
  public LogNormalDelayModel cappedAt(long max, TimeUnit unit) {
    return cappedAt(DelayMath.duration(max, unit, "log-normal max"));
  }

  /** Whether draws are capped. */
  public boolean isCapped() {
    return !max.equals(DelayMath.UNCAPPED);
  }

  /** {@code min(median · e^(σZ), max)}; one Gaussian draw from {@code random}. */
  @Override
  public long nextNanos(RandomGenerator random) {
    double x = DelayMath.saturatedNanos(median) * Math.exp(sigma * random.nextGaussian());
    return (long) Math.min(x, DelayMath.saturatedNanos(max));
  }

  /**
   * {@code median · e^(σ²/2)} uncapped; capped at c, {@code E[min(X, c)] = median · e^(σ²/2) ·
   * Φ((ln(c/median) − σ²)/σ) + c · (1 − Φ(ln(c/median)/σ))}.
   */
  @Override
  public double meanNanos() {
    double m = DelayMath.saturatedNanos(median);
    double uncapped = m * Math.exp(sigma * sigma / 2);
    if (!isCapped()) {
      return uncapped;
    }
    double c = DelayMath.saturatedNanos(max);
    double z = Math.log(c / m) / sigma;
    return uncapped * DelayMath.standardNormalCdf(z - sigma)
        + c * (1 - DelayMath.standardNormalCdf(z));
  }

  /** Lists every parameter; an uncapped max shows as {@code none}. */
  @Override
  public String toString() {
    return "LogNormalDelayModel[median="
        + median
        + ", sigma="
        + sigma
        + ", max="
        + DelayMath.capToString(max)
        + "]";
  }
}
