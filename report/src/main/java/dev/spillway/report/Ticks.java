package dev.spillway.report;

import java.util.ArrayList;
import java.util.List;

/** "Nice" axis ranges and tick steps (1, 2 or 5 times a power of ten). Stateless. */
final class Ticks {

  private Ticks() {}

  /** A tick step that cuts {@code range} into about {@code target} parts. */
  static double step(double range, int target) {
    if (!(range > 0) || !Double.isFinite(range)) {
      return 1;
    }
    double raw = range / target;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double norm = raw / magnitude;
    double nice = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
    return nice * magnitude;
  }

  /** The smallest multiple of a nice step at or above {@code max} (at least one step). */
  static double niceMax(double max, int target) {
    double step = step(max, target);
    return Math.max(step, Math.ceil(max / step - 1e-9) * step);
  }

  /** The ticks 0, step, 2·step... up to {@code max}. */
  static List<Double> ticks(double max, double step) {
    List<Double> ticks = new ArrayList<>();
    for (int i = 0; i * step <= max * (1 + 1e-9) && i <= 1000; i++) {
      ticks.add(i * step);
    }
    return ticks;
  }
}
