package dev.spillway.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/** Number formatting for reports and gate tables: English, plain, short. Stateless. */
final class Numbers {

  private Numbers() {}

  /** A duration in milliseconds, exact to the nanosecond as far as a double holds it. */
  static double millis(Duration d) {
    return d.toNanos() / 1e6;
  }

  /** {@code 100.0} → {@code "100"}, {@code 12.3456} → {@code "12.346"}, never an exponent. */
  static String plain(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return BigDecimal.valueOf(value)
        .setScale(3, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** {@code 1234567} → {@code "1,234,567"}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A rate: whole numbers from 10 up, one decimal below. */
  static String rate(double perSecond) {
    if (Double.isInfinite(perSecond)) {
      return "∞";
    }
    if (Math.abs(perSecond) < 0.05) {
      return "0";
    }
    return Math.abs(perSecond) >= 10 || perSecond == Math.rint(perSecond)
        ? String.format(Locale.ROOT, "%,.0f", perSecond)
        : String.format(Locale.ROOT, "%.1f", perSecond);
  }

  /**
   * A value with its standard error, with as many decimals as the error needs: {@code "52 ± 3"},
   * {@code "0.4 ± 0.2"}, {@code "50.04 ± 0.06"}; {@code "1.5"} when the error is unknown.
   */
  static String plusMinus(double value, double error) {
    if (Double.isNaN(error)) {
      return plain(value);
    }
    int decimals = error >= 1 || error == 0 ? 0 : error >= 0.1 ? 1 : 2;
    double shown = Math.abs(value) < 0.5 * Math.pow(10, -decimals) ? 0 : value;
    String f = "%,." + decimals + "f";
    return String.format(Locale.ROOT, f + " ± " + f, shown, error);
  }

  /** A share: {@code 0.184} → {@code "18.4%"}. */
  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  /**
   * A duration for people: {@code "85 µs"}, {@code "12.5 ms"}, {@code "4.20 s"}, {@code "3 min 20
   * s"}.
   */
  static String duration(Duration d) {
    long nanos = d.toNanos();
    if (nanos < 0) {
      return "-" + duration(d.negated());
    }
    if (nanos == 0) {
      return "0 s";
    }
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return sig(nanos / 1e3) + " µs";
    }
    if (nanos < 1_000_000_000) {
      return sig(nanos / 1e6) + " ms";
    }
    long s = d.getSeconds();
    if (s < 60) {
      return sig(nanos / 1e9) + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min " + (s % 60) + " s";
    }
    if (s < 86_400) {
      return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
    return count(s / 86_400) + " d " + (s % 86_400 / 3600) + " h";
  }

  /** Three significant digits, at most two decimals: 1.23, 12.3, 123. */
  private static String sig(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
