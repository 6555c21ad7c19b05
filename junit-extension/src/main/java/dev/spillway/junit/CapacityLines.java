package dev.spillway.junit;

import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.capacity.CapacitySearch;
import dev.spillway.toolkit.capacity.CapacityTrial;
import dev.spillway.toolkit.util.Durations;
import java.util.Locale;
import java.util.OptionalDouble;

/** The lines a capacity test reports: its budget before, each trial, and what it found. */
final class CapacityLines {

  private CapacityLines() {}

  static String budget(String name, CapacitySearch search) {
    return String.format(
        Locale.ROOT,
        "capacity search '%s': %s from %.1f to %.1f/s, resolution %.1f/s, up to %d trials of"
            + " at most %s each: budget %s",
        name,
        search.mode().name().toLowerCase(Locale.ROOT),
        search.lowest(),
        search.highest(),
        search.resolution(),
        search.maxTrials(),
        Durations.format(search.budget().dividedBy(search.maxTrials())),
        Durations.format(search.budget()));
  }

  static String trial(CapacityTrial trial) {
    return String.format(
        Locale.ROOT,
        "  trial at %.1f/s (%s): %s",
        trial.offeredRate(),
        Durations.format(trial.duration()),
        trial.reason());
  }

  static String result(String name, CapacityResult result) {
    return String.format(
        Locale.ROOT,
        "capacity '%s': %s; μ at saturation %s; %d trials in %s of a %s budget",
        name,
        knee(result),
        rate(result.saturatedServiceRate()),
        result.trials().size(),
        Durations.format(result.elapsed()),
        Durations.format(result.budget()));
  }

  /** The knee and its interval, in words. */
  static String knee(CapacityResult result) {
    if (result.knee().isEmpty()) {
      return String.format(
          Locale.ROOT, "no rate sustained, capacity below %.1f/s", result.kneeHigh());
    }
    if (!result.saturated()) {
      return String.format(
          Locale.ROOT,
          "knee %.1f/s, every rate tried sustained (capacity ≥ %.1f/s)",
          result.knee().getAsDouble(),
          result.kneeHigh());
    }
    return String.format(
        Locale.ROOT,
        "knee %.1f/s (capacity in [%.1f, %.1f)/s)",
        result.knee().getAsDouble(),
        result.kneeLow(),
        result.kneeHigh());
  }

  private static String rate(OptionalDouble rate) {
    return rate.isPresent() ? String.format(Locale.ROOT, "%.1f/s", rate.getAsDouble()) : "n/a";
  }
}
