package dev.spillway.samples.server;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints durations written as a whole number and a unit: {@code 5ms}, {@code 250us},
 * {@code 2s}, {@code 1h}; a bare number is milliseconds.
 */
final class DurationFlag {

  /** The longest duration there is here: a long of nanoseconds, as System.nanoTime uses. */
  static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ns|us|µs|ms|s|m|h)?");

  private DurationFlag() {}

  /**
   * Parses {@code value} and checks that it is from {@code min} to {@code max}.
   *
   * @throws IllegalArgumentException naming the flag, the value and the allowed range
   */
  static Duration parse(String flag, String value, Duration min, Duration max) {
    Matcher m = FORMAT.matcher(value.trim());
    Duration d = null;
    if (m.matches()) {
      try {
        d = toDuration(Long.parseLong(m.group(1)), m.group(2) == null ? "ms" : m.group(2));
        d.toNanos(); // it must fit in a long of nanoseconds, as System.nanoTime arithmetic does
      } catch (NumberFormatException | ArithmeticException e) {
        d = null;
      }
    }
    if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          flag + " must be " + rule(min, max) + ", but was '" + value + "'");
    }
    return d;
  }

  /** The rule for a duration from {@code min} to {@code max}, as error messages state it. */
  static String rule(Duration min, Duration max) {
    return "a duration from "
        + format(min)
        + " to "
        + (max.equals(LONGEST) ? "292 years" : format(max))
        + ", a whole number with a unit (ns, us, ms, s, m, h) such as 5ms";
  }

  private static Duration toDuration(long amount, String unit) {
    return switch (unit) {
      case "ns" -> Duration.ofNanos(amount);
      case "us", "µs" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> throw new AssertionError(unit);
    };
  }

  /** The shortest exact form: {@code 5ms}, {@code 250us}, {@code 2s}, {@code 1h}. */
  static String format(Duration d) {
    if (d.getSeconds() != 0 && d.getNano() == 0) {
      long s = d.getSeconds();
      return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
    long nanos = d.toNanos();
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    if (nanos % 1_000L == 0) {
      return nanos / 1_000L + "us";
    }
    return nanos + "ns";
  }
}
