package dev.spillway.gatling;

import java.time.Duration;
import java.util.Collection;

/**
 * This module's preconditions, in the project's one message style: {@code "<thing> must be <rule>,
 * but was <value>"} (a copy of the few checks it needs: the toolkit's helper is internal).
 */
final class Checks {

  private Checks() {}

  static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  static String notBlank(String value, String name) {
    check(value != null && !value.isBlank(), name, "a non-blank string", quoted(value));
    return value;
  }

  static <C extends Collection<?>> C notEmpty(C value, String name) {
    check(value != null && !value.isEmpty(), name, "non-empty", value);
    return value;
  }

  static long positive(long value, String name) {
    check(value > 0, name, "> 0", value);
    return value;
  }

  static Duration positive(Duration value, String name) {
    check(value != null && !value.isNegative() && !value.isZero(), name, "positive", value);
    return value;
  }

  static void check(boolean condition, String name, String rule, Object value) {
    if (!condition) {
      throw new IllegalArgumentException(name + " must be " + rule + ", but was " + value);
    }
  }

  static String quoted(String value) {
    return value == null ? "null" : "'" + value + "'";
  }
}
