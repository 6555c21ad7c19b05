package dev.spillway.report;

import dev.spillway.toolkit.util.Durations;
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

  /** A duration for people, in Spillway's one human form ({@link Durations#format}). */
  static String duration(Duration d) {
    return Durations.format(d);
  }
}
