package dev.spillway.samples.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.capacity.CapacityTrial;
import dev.spillway.toolkit.capacity.TargetTrials;
import dev.spillway.toolkit.verdict.VerdictRules;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;

/** What the capacity proofs read from a search, and the one line each prints. */
final class Knees {

  private Knees() {}

  /**
   * The service rate measured in the unsustained trial that ran longest (its μ over the most
   * buckets): the consumers' own rate, measured while they had a backlog, in this run.
   */
  static double saturatedMu(CapacityResult result) {
    return result.trials().stream()
        .filter(t -> !t.sustained())
        .max(Comparator.comparing(CapacityTrial::duration))
        .orElseThrow(() -> new AssertionError("no trial saturated the design: " + result))
        .serviceRate();
  }

  /**
   * How far the knee can lie from the rate the consumers serve, by the rules this run was judged
   * by: the interval's width, plus the growth a trial of {@code judged} can hide — a rise below the
   * rules' minimum over the late window, or within 3 standard errors of the knee trial's growth.
   */
  static double tolerance(CapacityResult result, Duration judged) {
    CapacityTrial knee =
        result.trials().stream()
            .filter(CapacityTrial::sustained)
            .max(Comparator.comparingDouble(CapacityTrial::offeredRate))
            .orElseThrow(() -> new AssertionError("no rate was sustained: " + result));
    VerdictRules rules = TargetTrials.TRIAL_RULES;
    double late = judged.toNanos() / 1e9 * rules.lateFraction();
    double hidden =
        Math.max(
            rules.minRise() / late,
            Math.max(3 * knee.growthStandardError(), rules.minGrowthPerSecond()));
    return hidden + (result.kneeHigh() - result.kneeLow());
  }

  /** The knee, checked to be bounded: some rate sustained and some not. */
  static double knee(CapacityResult result) {
    assertThat(result.knee()).as("a sustained rate").isPresent();
    assertThat(result.saturated()).as("a rate not sustained").isTrue();
    return result.knee().getAsDouble();
  }

  static void print(String design, CapacityResult result) {
    System.out.printf(
        Locale.ROOT,
        "[capacity] %s: knee %.1f/s in [%.1f, %.1f)/s, μ at saturation %.1f/s (longest saturated"
            + " trial %.1f/s), %d trials, %.1f s of a %.1f s budget%n",
        design,
        result.knee().orElse(0),
        result.kneeLow(),
        result.kneeHigh(),
        result.saturatedServiceRate().orElse(0),
        saturatedMuOrZero(result),
        result.trials().size(),
        result.elapsed().toMillis() / 1e3,
        result.budget().toMillis() / 1e3);
  }

  private static double saturatedMuOrZero(CapacityResult result) {
    return result.trials().stream()
        .filter(t -> !t.sustained())
        .max(Comparator.comparing(CapacityTrial::duration))
        .map(CapacityTrial::serviceRate)
        .orElse(0.0);
  }
}
