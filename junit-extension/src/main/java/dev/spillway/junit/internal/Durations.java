package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The duration format of Spillway's annotations, parsed strictly: an integer and a unit with
 * nothing around them ({@code "250ms"}, {@code "4s"}), and readable durations for messages.
 * Stateless and thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class Durations {

  /** The longest duration any annotation attribute accepts. */
  public static final Duration MAX = Duration.ofDays(1);

  /** How the format is described in messages. */
  public static final String FORMAT =
      "a duration such as \"250ms\" or \"4s\" (an integer and one of ns, us, ms, s, m, h)";

  private static final Pattern SYNTAX = Pattern.compile("([0-9]{1,19})(ns|us|µs|ms|s|m|h)");

  private Durations() {}

  /** The duration {@code text} stands for, or empty when it does not follow the format. */
  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
    TimeUnit unit =
        switch (m.group(2)) {
          case "ns" -> TimeUnit.NANOSECONDS;
          case "us", "µs" -> TimeUnit.MICROSECONDS;
          case "ms" -> TimeUnit.MILLISECONDS;
          case "s" -> TimeUnit.SECONDS;
          case "m" -> TimeUnit.MINUTES;
          default -> TimeUnit.HOURS;
        };
    try {
      return Optional.of(Duration.of(amount, unit.toChronoUnit()));
    } catch (ArithmeticException tooLarge) {
      return Optional.empty();
    }
  }

  /**
   * A short readable form: {@code 0s}, {@code 850ns}, {@code 212µs}, {@code 4.2ms}, {@code 1.52s},
   * {@code 3m}, {@code 24h}.
   */
  public static String format(Duration duration) {
    long nanos;
    try {
      nanos = duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return duration.toString();
    }
    long abs = Math.abs(nanos);
    if (abs == 0) {
      return "0s";
    }
    if (abs < 1_000) {
      return nanos + "ns";
    }
    if (abs < 1_000_000) {
      return trim(nanos / 1e3) + "µs";
    }
    if (abs < 1_000_000_000) {
      return trim(nanos / 1e6) + "ms";
    }
    if (abs < 120_000_000_000L) {
      return trim(nanos / 1e9) + "s";
    }
    if (abs < 7_200_000_000_000L) {
      return trim(nanos / 60e9) + "m";
    }
    return trim(nanos / 3600e9) + "h";
  }

  private static String trim(double value) {
    String text = String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%.1f", value);
    if (text.contains(".")) {
      text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return text;
  }
}
