package dev.spillway.toolkit.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Argument checks with one message style: {@code "<thing> must be <rule>, but was <value>"}.
 *
 * <p>Every factory and constructor in the toolkit validates with these before it starts anything,
 * so that bad input fails at once with a message naming the argument, the rule and the value.
 */
@API(status = INTERNAL, since = "0.1")
public final class Preconditions {

  private Preconditions() {}

  /** Returns {@code value}, or throws an {@link IllegalArgumentException} when it is null. */
  public static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  /** Returns {@code value}, or throws when it is null, empty or blank. */
  public static String notBlank(String value, String name) {
    notNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, but was '" + value + "'");
    }
    return value;
  }

  /** Returns {@code value}, or throws when it is null or empty. */
  public static <C extends Collection<?>> C notEmpty(C value, String name) {
    notNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }

  /** Throws {@code "<name> must be <rule>, but was <value>"} when {@code condition} is false. */
  public static void check(boolean condition, String name, String rule, Object value) {
    if (!condition) {
      throw new IllegalArgumentException(name + " must be " + rule + ", but was " + value);
    }
  }

  /** Returns {@code value} when it is &gt; 0. */
  public static long positive(long value, String name) {
    check(value > 0, name, "> 0", value);
    return value;
  }

  /** Returns {@code value} when it is &gt; 0. */
  public static int positive(int value, String name) {
    check(value > 0, name, "> 0", value);
    return value;
  }

  /** Returns {@code value} when it is finite and &gt; 0. */
  public static double positive(double value, String name) {
    check(Double.isFinite(value) && value > 0, name, "a finite number > 0", value);
    return value;
  }

  /** Returns {@code value} when it is &gt;= 0. */
  public static long notNegative(long value, String name) {
    check(value >= 0, name, ">= 0", value);
    return value;
  }

  /** Returns {@code value} when it is finite and &gt;= 0. */
  public static double notNegative(double value, String name) {
    check(Double.isFinite(value) && value >= 0, name, "a finite number >= 0", value);
    return value;
  }

  /** Returns {@code value} when it lies in [min, max]. */
  public static long inRange(long value, long min, long max, String name) {
    check(value >= min && value <= max, name, "in [" + min + ", " + max + "]", value);
    return value;
  }

  /** Returns {@code value} when it is a probability: finite and in [0, 1]. */
  public static double probability(double value, String name) {
    check(Double.isFinite(value) && value >= 0 && value <= 1, name, "in [0, 1]", value);
    return value;
  }

  /** Returns {@code value} when it is non-null and strictly positive. */
  public static Duration positive(Duration value, String name) {
    notNull(value, name);
    check(!value.isNegative() && !value.isZero(), name, "a positive duration", value);
    return value;
  }

  /** Returns {@code value} when it is non-null and not negative. */
  public static Duration notNegative(Duration value, String name) {
    notNull(value, name);
    check(!value.isNegative(), name, "a duration >= 0", value);
    return value;
  }

  /** Returns {@code value} when it is non-null and in [min, max]. */
  public static Duration inRange(Duration value, Duration min, Duration max, String name) {
    notNull(value, name);
    check(
        value.compareTo(min) >= 0 && value.compareTo(max) <= 0,
        name,
        "in [" + min + ", " + max + "]",
        value);
    return value;
  }

  /** Null-safe {@link Objects#requireNonNull} twin with our message style. */
  public static <T> T[] noNullElements(T[] values, String name) {
    notNull(values, name);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        throw new IllegalArgumentException(name + "[" + i + "] must not be null");
      }
    }
    return values;
  }
}
