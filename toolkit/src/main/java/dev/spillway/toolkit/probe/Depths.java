package dev.spillway.toolkit.probe;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Turns a number read from somewhere else (a JMX attribute, a Prometheus sample, a JSON value) into
 * a depth, or explains why it is not one.
 *
 * <p>A depth is a whole number of messages &gt;= 0. A value such as {@code 12.0} (a gauge exported
 * as a float) is accepted; a fractional value such as {@code 12.5} is <b>rejected</b>, not rounded:
 * a queue never holds half a message, so a fractional value means the probe points at the wrong
 * metric (an average, a rate, a ratio), and rounding would hide that. Negative, infinite, NaN and
 * too-large values are rejected too.
 */
final class Depths {

  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private Depths() {}

  /** {@code value} as a depth, or the exception {@code failure} makes from the reason. */
  static long fromDouble(double value, Function<String, ProbeException> failure) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw failure.apply("value " + value + " is not a finite number");
    }
    if (value < 0) {
      throw failure.apply("value " + value + " is negative; a depth is a count of messages >= 0");
    }
    if (value != Math.rint(value)) {
      throw failure.apply("value " + value + " is not a whole number of messages");
    }
    if (value >= 0x1p63) {
      throw failure.apply("value " + value + " is larger than the largest depth " + Long.MAX_VALUE);
    }
    return (long) value;
  }

  /** {@code value} as a depth, or the exception {@code failure} makes from the reason. */
  static long fromDecimal(BigDecimal value, Function<String, ProbeException> failure) {
    String shown = value.toString();
    if (value.signum() < 0) {
      throw failure.apply("value " + shown + " is negative; a depth is a count of messages >= 0");
    }
    if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
      throw failure.apply("value " + shown + " is not a whole number of messages");
    }
    if (value.compareTo(LONG_MAX) > 0) {
      throw failure.apply("value " + shown + " is larger than the largest depth " + Long.MAX_VALUE);
    }
    return value.longValueExact();
  }

  /**
   * {@code value} as a depth: integral boxes and atomics exactly, {@link BigInteger} and {@link
   * BigDecimal} exactly, any other {@link Number} through {@link Number#doubleValue()}.
   */
  static long fromNumber(Number value, Function<String, ProbeException> failure) {
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof AtomicLong
        || value instanceof AtomicInteger) {
      long exact = value.longValue();
      if (exact < 0) {
        throw failure.apply("value " + exact + " is negative; a depth is a count of messages >= 0");
      }
      return exact;
    }
    if (value instanceof BigInteger) {
      return fromDecimal(new BigDecimal((BigInteger) value), failure);
    }
    if (value instanceof BigDecimal) {
      return fromDecimal((BigDecimal) value, failure);
    }
    return fromDouble(value.doubleValue(), failure);
  }
}
