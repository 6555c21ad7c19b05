package dev.spillway.toolkit.load;

import java.util.function.LongUnaryOperator;

/**
 * The arithmetic of intended send times. Every offset is in nanoseconds from the start of its phase
 * and is computed from the message index alone, so the schedule is deterministic and needs no
 * state.
 */
final class PhaseMath {

  static final double NANOS_PER_SECOND = 1e9;

  private PhaseMath() {}

  /** Message {@code j} of a constant phase is due at {@code j / rate}. */
  static long constantOffset(double ratePerSecond, long j) {
    return toNanos(j * NANOS_PER_SECOND / ratePerSecond);
  }

  /**
   * Message {@code j} of a ramp is due when the integral of the rate reaches {@code j}: with {@code
   * r(t) = r1 + (r2 - r1) t / D}, {@code N(t) = r1 t + (r2 - r1) t² / 2D}; solving {@code N(t) = j}
   * in the cancellation-free form {@code t = 2j / (r1 + sqrt(r1² + 4aj))}, {@code a = (r2 - r1) /
   * 2D}.
   */
  static long rampOffset(double fromRate, double toRate, long durationNanos, long j) {
    if (j == 0) {
      return 0;
    }
    double seconds = durationNanos / NANOS_PER_SECOND;
    double a = (toRate - fromRate) / (2 * seconds);
    double discriminant = fromRate * fromRate + 4 * a * j;
    if (discriminant < 0) {
      return Long.MAX_VALUE; // the rate would reach zero before this message is due
    }
    double denominator = fromRate + Math.sqrt(discriminant);
    if (denominator <= 0) {
      return Long.MAX_VALUE;
    }
    return toNanos(2 * j / denominator * NANOS_PER_SECOND);
  }

  /**
   * The number of messages {@code j >= 0} whose offset lies before {@code durationNanos}, found
   * from the expected count and then made exact against {@code offset} itself, so that counts and
   * offsets never disagree by a rounding.
   */
  static long countBefore(double expected, long durationNanos, LongUnaryOperator offset) {
    long n = Math.max(1, (long) Math.ceil(expected));
    while (n > 1 && offset.applyAsLong(n - 1) >= durationNanos) {
      n--;
    }
    while (offset.applyAsLong(n) < durationNanos) {
      n++;
    }
    return n;
  }

  private static long toNanos(double nanos) {
    return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.floor(nanos);
  }
}
