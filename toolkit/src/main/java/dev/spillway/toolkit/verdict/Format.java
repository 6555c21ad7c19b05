package dev.spillway.toolkit.verdict;

import java.time.Duration;
import java.util.Locale;

/** Number and time formatting for explanations: English, grouped thousands, human durations. */
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

  /** An instant in a run: {@code "3.2 s"}, {@code "850 ms"}. */
  static String offset(Duration d) {
    return shortDuration(d);
  }

  /**
   * A duration for people: {@code "850 ms"}, {@code "4.2 s"}, {@code "3 min 20 s"}, {@code "5 h 14
   * min"}, {@code "3 d 4 h"}.
   */
  static String human(Duration d) {
    long s = d.getSeconds();
    if (s < 60) {
      return shortDuration(d);
    }
    if (s < 3600) {
      return (s / 60) + " min " + (s % 60) + " s";
    }
    if (s < 86_400) {
      return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
    return count(s / 86_400) + " d " + (s % 86_400 / 3600) + " h";
  }

  private static String shortDuration(Duration d) {
    long nanos = d.toNanos();
    if (Math.abs(nanos) < 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}
