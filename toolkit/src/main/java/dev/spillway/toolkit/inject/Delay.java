package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apiguardian.api.API;

/**
 * A model of how long a consumer takes per call: the injected delay added before each handled call.
 * A model is an immutable, validated value; it draws each delay from a random source that the
 * caller owns (an {@link Injection} holds one per injection, seeded by {@link
 * Injector#withSeed(long)}), so the same seed gives the same sequence of delays.
 *
 * <p>The models and their means (which give a single consumer's service rate μ = 1 / mean):
 *
 * <ul>
 *   <li>{@link #none()}: 0;
 *   <li>{@link #fixed(Duration)}: always {@code d}, mean {@code d} (5 ms gives μ = 200/s);
 *   <li>{@link #uniform(Duration, Duration)}: uniform in [min, max], mean (min + max) / 2;
 *   <li>{@link #logNormal(Duration, double)}: {@code median · e^(σZ)} with Z standard normal, mean
 *       {@code median · e^(σ²/2)}, optionally {@linkplain LogNormalDelayModel#cappedAt(Duration)
 *       capped};
 *   <li>{@link #pareto(Duration, double)}: the heavy tail, never below {@code minimum}, {@code P(X
 *       > x) = (minimum / x)^α}, mean {@code α · minimum / (α − 1)} for α &gt; 1 and <b>infinite
 *       for α ≤ 1</b>, optionally {@linkplain ParetoDelayModel#cappedAt(Duration) capped} (a capped
 *       model always has a finite mean).
 * </ul>
 *
 * <p>Thread-safety: models are immutable and thread-safe; {@link #nextNanos(RandomGenerator)} is as
 * thread-safe as the random source given to it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface Delay
    permits NoDelayModel,
        FixedDelayModel,
        UniformDelayModel,
        LogNormalDelayModel,
        ParetoDelayModel {

  /**
   * Draws the next delay.
   *
   * @param random the source of randomness; models that need none ignore it
   * @return the delay in nanoseconds, never negative; saturated at {@link Long#MAX_VALUE}
   */
  long nextNanos(RandomGenerator random);

  /**
   * The model's mean delay in nanoseconds: {@link Double#POSITIVE_INFINITY} when the mean does not
   * exist (an uncapped Pareto model with α ≤ 1). The log-normal mean with a cap uses an
   * approximation of the normal distribution accurate to about 1e-7.
   */
  double meanNanos();

  /** No delay: every call goes straight through. */
  static Delay none() {
    return NoDelayModel.INSTANCE;
  }

  /**
   * Always {@code delay}.
   *
   * @param delay &gt; 0 (use {@link #none()} for no delay)
   */
  static FixedDelayModel fixed(Duration delay) {
    return new FixedDelayModel(delay);
  }

  /** Always {@code delay} {@code unit}s; see {@link #fixed(Duration)}. */
  static FixedDelayModel fixed(long delay, TimeUnit unit) {
    return new FixedDelayModel(DelayMath.duration(delay, unit, "fixed delay"));
  }

  /**
   * Uniform in [min, max].
   *
   * @param min &gt;= 0
   * @param max &gt; min
   */
  static UniformDelayModel uniform(Duration min, Duration max) {
    return new UniformDelayModel(min, max);
  }

  /** Uniform in [min, max] {@code unit}s; see {@link #uniform(Duration, Duration)}. */
  static UniformDelayModel uniform(long min, long max, TimeUnit unit) {
    return new UniformDelayModel(
        DelayMath.duration(min, unit, "uniform delay"),
        DelayMath.duration(max, unit, "uniform delay"));
  }

  /**
   * Log-normal: {@code median · e^(σZ)}, Z standard normal; uncapped (see {@link
   * LogNormalDelayModel#cappedAt(Duration)}).
   *
   * @param median &gt; 0; half of the delays are below it
   * @param sigma the shape σ, finite and &gt; 0 (0.25 is mild, 1 is wide)
   */
  static LogNormalDelayModel logNormal(Duration median, double sigma) {
    return new LogNormalDelayModel(median, sigma, DelayMath.UNCAPPED);
  }

  /**
   * Log-normal with a median of {@code median} {@code unit}s; see {@link #logNormal(Duration,
   * double)}.
   */
  static LogNormalDelayModel logNormal(long median, TimeUnit unit, double sigma) {
    return logNormal(DelayMath.duration(median, unit, "log-normal median"), sigma);
  }

  /**
   * Pareto (type I), the heavy tail: never below {@code minimum}, {@code P(X > x) = (minimum /
   * x)^alpha}; uncapped (see {@link ParetoDelayModel#cappedAt(Duration)}). The smaller α, the
   * heavier the tail: for α ≤ 1 the mean is infinite, for α ≤ 2 the variance is.
   *
   * @param minimum the scale x<sub>m</sub>, &gt; 0
   * @param alpha the shape α, finite and &gt; 0
   */
  static ParetoDelayModel pareto(Duration minimum, double alpha) {
    return new ParetoDelayModel(minimum, alpha, DelayMath.UNCAPPED);
  }

  /**
   * Pareto with a minimum of {@code minimum} {@code unit}s; see {@link #pareto(Duration, double)}.
   */
  static ParetoDelayModel pareto(long minimum, TimeUnit unit, double alpha) {
    return pareto(DelayMath.duration(minimum, unit, "Pareto minimum"), alpha);
  }
}
