package dev.spillway.toolkit.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Spillway's one way to read and to write a duration: the grammar of annotation attributes and
 * command-line flags, the range check with its message, and the human form every message and page
 * uses.
 *
 * <p>Grammar: an integer (digits only, no sign) and a unit, {@code ns}, {@code us} (or {@code µs}),
 * {@code ms}, {@code s}, {@code m} or {@code h}, such as {@code 250ms} or {@code 4s}; spaces around
 * them and between them are allowed ({@code " 5 ms "}); nothing else is (no decimals, no compound
 * values, no upper-case units). A bare number is refused unless the caller names its unit (the
 * sample server's flags read it as milliseconds, as they always did). A value must fit in a long of
 * nanoseconds ({@link #LONGEST}, about 292 years), as {@link System#nanoTime()} arithmetic needs.
 *
 * <p>Stateless and thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class Durations {

  /** The longest duration there is here: a long of nanoseconds, about 292 years. */
  public static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

  /** How the grammar is described in messages. */
  public static final String GRAMMAR = "an integer and a unit (ns, us, ms, s, m, h) such as 250ms";

  private static final Pattern SYNTAX = Pattern.compile("\\s*([0-9]+)\\s*(ns|us|µs|ms|s|m|h)?\\s*");

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Durations() {}

  /**
   * The duration {@code text} stands for (a unit is required), or empty when it breaks the grammar.
   */
  public static Optional<Duration> parse(String text) {
    return parse(text, null);
  }

  /**
   * The duration {@code text} stands for, a bare number meaning {@code bareNumberUnit} (refused
   * when that is null), or empty when it breaks the grammar or does not fit in a long of
   * nanoseconds.
   */
  public static Optional<Duration> parse(String text, TimeUnit bareNumberUnit) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches() || (m.group(2) == null && bareNumberUnit == null)) {
      return Optional.empty();
    }
    TimeUnit unit = m.group(2) == null ? bareNumberUnit : unit(m.group(2));
    try {
      long amount = Long.parseLong(m.group(1));
      long nanos = unit.toNanos(amount);
      // TimeUnit saturates instead of overflowing: a saturated value did not fit
      return nanos == Long.MAX_VALUE && unit.convert(nanos, TimeUnit.NANOSECONDS) != amount
          ? Optional.empty()
          : Optional.of(Duration.ofNanos(nanos));
    } catch (NumberFormatException tooManyDigits) {
      return Optional.empty();
    }
  }

  /**
   * Parses the input {@code name} (a flag, an attribute) and checks that it is from {@code min} to
   * {@code max}, both included; a bare number means {@code bareNumberUnit} (refused when null).
   *
   * @throws IllegalArgumentException {@code "<name> must be <rule>, but was '<text>'"}, the rule
   *     being {@link #rule(Duration, boolean, Duration, TimeUnit)}'s
   */
  public static Duration parse(
      String name, String text, Duration min, Duration max, TimeUnit bareNumberUnit) {
    Optional<Duration> d = parse(text, bareNumberUnit);
    if (d.isEmpty() || !within(d.get(), min, false, max)) {
      throw new IllegalArgumentException(
          name + " must be " + rule(min, false, max, bareNumberUnit) + ", but was '" + text + "'");
    }
    return d.get();
  }

  /** Whether {@code d} is from {@code min} (excluded when {@code minExclusive}) to {@code max}. */
  public static boolean within(Duration d, Duration min, boolean minExclusive, Duration max) {
    int low = d.compareTo(min);
    return (minExclusive ? low > 0 : low >= 0) && d.compareTo(max) <= 0;
  }

  /**
   * What a valid input is, for messages: {@code "a duration > 0 s and <= 1 d, an integer and a unit
   * (ns, us, ms, s, m, h) such as 250ms"}; when a bare number is read in a unit, it says so.
   */
  public static String rule(
      Duration min, boolean minExclusive, Duration max, TimeUnit bareNumberUnit) {
    return "a duration "
        + (minExclusive ? "> " : ">= ")
        + format(min)
        + " and <= "
        + (max.equals(LONGEST) ? "292 years" : format(max))
        + ", "
        + GRAMMAR
        + (bareNumberUnit == null ? "" : " (a bare number is " + symbol(bareNumberUnit) + ")");
  }

  /**
   * A duration for people: below a second to three significant figures, {@code "850 ns"}, {@code
   * "212 µs"}, {@code "4.2 ms"}; then to a tenth of a second, {@code "0 s"}, {@code "1.5 s"},
   * {@code "45 s"}; from a minute on in whole parts (the rest cut off): {@code "3 min 20 s"},
   * {@code "5 h 32 min"}, {@code "3 d 4 h"} (a zero second part left out: {@code "2 min"}, {@code
   * "1 h"}, {@code "1 d"}). A negative duration reads {@code "-4.2 ms"}.
   */
  public static String format(Duration d) {
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    long s = d.getSeconds();
    if (s >= 60) {
      return wholeParts(s);
    }
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0 s";
    }
    if (nanos < NANOS_PER_SECOND) {
      // round first, then pick the unit: 999.96 µs reads "1 ms"
      long rounded =
          new BigDecimal(nanos).round(new MathContext(3, RoundingMode.HALF_UP)).longValue();
      if (rounded < 1_000) {
        return rounded + " ns";
      }
      if (rounded < 1_000_000) {
        return figure(rounded, 3) + " µs";
      }
      if (rounded < NANOS_PER_SECOND) {
        return figure(rounded, 6) + " ms";
      }
    }
    long tenths = (nanos + 50_000_000L) / 100_000_000L;
    return tenths < 600 ? figure(tenths, 1) + " s" : wholeParts(tenths / 10);
  }

  private static String wholeParts(long s) {
    if (s < 3600) {
      return pair(s / 60, "min", s % 60, "s");
    }
    if (s < 86_400) {
      return pair(s / 3600, "h", s % 3600 / 60, "min");
    }
    return pair(s / 86_400, "d", s % 86_400 / 3600, "h");
  }

  private static String pair(long big, String bigUnit, long small, String smallUnit) {
    String head = String.format(Locale.ROOT, "%,d %s", big, bigUnit);
    return small == 0 ? head : head + " " + small + " " + smallUnit;
  }

  private static String figure(long nanos, int shift) {
    return BigDecimal.valueOf(nanos).movePointLeft(shift).stripTrailingZeros().toPlainString();
  }

  private static TimeUnit unit(String symbol) {
    return switch (symbol) {
      case "ns" -> TimeUnit.NANOSECONDS;
      case "us", "µs" -> TimeUnit.MICROSECONDS;
      case "ms" -> TimeUnit.MILLISECONDS;
      case "s" -> TimeUnit.SECONDS;
      case "m" -> TimeUnit.MINUTES;
      case "h" -> TimeUnit.HOURS;
      default -> throw new IllegalArgumentException("unit must be one of ns, us, µs, ms, s, m, h");
    };
  }

  private static String symbol(TimeUnit unit) {
    return switch (unit) {
      case NANOSECONDS -> "ns";
      case MICROSECONDS -> "us";
      case MILLISECONDS -> "ms";
      case SECONDS -> "s";
      case MINUTES -> "m";
      case HOURS -> "h";
      case DAYS -> "days";
    };
  }
}
