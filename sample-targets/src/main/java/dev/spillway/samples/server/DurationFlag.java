package dev.spillway.samples.server;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations written as a number and a unit: {@code 5ms}, {@code 250us}. */
final class DurationFlag {

  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ns|us|µs|ms|s|m)?");

  private DurationFlag() {}

  /** Parses {@code value}; a bare number is milliseconds. */
  static Duration parse(String flag, String value) {
    Matcher m = FORMAT.matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          flag
              + " must be a whole number with a unit (ns, us, ms, s, m) such as 5ms, but was '"
              + value
              + "'");
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " is too large: '" + value + "'", e);
    }
    String unit = m.group(2) == null ? "ms" : m.group(2);
    try {
      return toDuration(amount, unit);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(flag + " is too large: '" + value + "'", e);
    }
  }

  private static Duration toDuration(long amount, String unit) {
    return switch (unit) {
      case "ns" -> Duration.ofNanos(amount);
      case "us", "µs" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> throw new AssertionError(unit);
    };
  }

  /** The shortest exact form: {@code 5ms}, {@code 250us}, {@code 2s}. */
  static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    if (nanos % 1_000L == 0) {
      return nanos / 1_000L + "us";
    }
    return nanos + "ns";
  }
}
