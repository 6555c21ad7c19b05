package dev.spillway.toolkit.inject;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Numbers shared by the delay models. Not API. */
final class DelayMath {

  /** The cap of an uncapped model: samples saturate at {@link Long#MAX_VALUE} nanoseconds. */
  static final Duration UNCAPPED = Duration.ofNanos(Long.MAX_VALUE);

  private DelayMath() {}

  /**
   * {@code amount} of {@code unit} as a Duration; validates the unit (the amount is checked later).
   */
  static Duration duration(long amount, TimeUnit unit, String name) {
    Preconditions.notNull(unit, name + " unit");
    return Duration.of(amount, unit.toChronoUnit());
  }

  /**
   * The duration in nanoseconds, saturated at {@link Long#MAX_VALUE} (a Duration of more than 292
   * years does not fit in a long).
   */
  static long saturatedNanos(Duration d) {
    if (d.compareTo(UNCAPPED) >= 0) {
      return Long.MAX_VALUE;
    }
    return d.toNanos();
  }

  /** "none" for an uncapped maximum, else the duration. */
  static String capToString(Duration max) {
    return max.equals(UNCAPPED) ? "none" : max.toString();
  }

  /**
   * The standard normal cumulative distribution Φ(x), from the complementary error function with
   * fractional error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit of erfc).
   */
  static double standardNormalCdf(double x) {
    return 0.5 * erfc(-x / Math.sqrt(2));
  }

  private static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double poly =
        -z * z
            - 1.26551223
            + t
                * (1.00002368
                    + t
                        * (0.37409196
                            + t
                                * (0.09678418
                                    + t
                                        * (-0.18628806
                                            + t
                                                * (0.27886807
                                                    + t
                                                        * (-1.13520398
                                                            + t
                                                                * (1.48851587
                                                                    + t
                                                                        * (-0.82215223
                                                                            + t
                                                                                * 0.17087277))))))));
    double ans = t * Math.exp(poly);
    return x >= 0 ? ans : 2 - ans;
  }
}
