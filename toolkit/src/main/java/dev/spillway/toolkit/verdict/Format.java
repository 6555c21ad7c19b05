package dev.spillway.toolkit.verdict;

import java.util.Locale;

/**
 * Number formatting for explanations: English, grouped thousands (durations: {@code Durations}).
 */
final class Format {

  private Format() {}

  /** {@code 1234567} → {@code "1,234,567"}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A rate: whole numbers from 10 up ({@code "250"}), one decimal below ({@code "2.5"}). */
  static String rate(double perSecond) {
    if (Math.abs(perSecond) < 0.05) {
      return "0"; // never "-0.0"
    }
    return Math.abs(perSecond) >= 10 || perSecond == Math.rint(perSecond)
        ? String.format(Locale.ROOT, "%,.0f", perSecond)
        : String.format(Locale.ROOT, "%.1f", perSecond);
  }

  /**
   * A value with its standard error, with as many decimals as the error needs: {@code "52 ± 3"},
   * {@code "0.4 ± 0.2"}, {@code "20,000.07 ± 0.04"}.
   */
  static String plusMinus(double value, double error) {
    if (Double.isNaN(error)) {
      return rate(value) + " (error unknown)";
    }
    if (error == 0) {
      return rate(value) + " ± 0";
    }
    int decimals = error >= 1 ? 0 : error >= 0.1 ? 1 : 2;
    double shown = Math.abs(value) < 0.5 * Math.pow(10, -decimals) ? 0 : value; // never "-0.0"
    String f = "%,." + decimals + "f";
    return String.format(Locale.ROOT, f + " ± " + f, shown, error);
  }

  /** A share: {@code 0.184} → {@code "18.4%"}. */
  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }
}
