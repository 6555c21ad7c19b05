package dev.spillway.toolkit.autopsy;

import dev.spillway.toolkit.util.Preconditions;
import java.util.Locale;

/** Checks and formats shares (fractions in [0, 1]). */
final class Shares {

  private Shares() {}

  static double check(double share, String name) {
    Preconditions.check(
        Double.isFinite(share) && share >= 0 && share <= 1 + 1e-9, name, "in [0, 1]", share);
    return share;
  }

  /** {@code 0.943} → {@code "94%"}, {@code 0.012} → {@code "1.2%"}. */
  static String percent(double share) {
    double p = share * 100;
    return p >= 9.95
        ? String.format(Locale.ROOT, "%.0f%%", p)
        : String.format(Locale.ROOT, "%.1f%%", p);
  }
}
