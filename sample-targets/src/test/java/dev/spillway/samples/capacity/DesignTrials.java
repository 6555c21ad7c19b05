package dev.spillway.samples.capacity;

import dev.spillway.samples.EventTracker;
import dev.spillway.toolkit.target.AccountedTarget;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A sample design as a capacity trial's target: a new design per trial, its consumers stopped when
 * the trial ends (what is left is counted dropped), so every trial starts with empty queues.
 */
final class DesignTrials {

  private DesignTrials() {}

  /** A fresh design from {@code designs} for each trial, its consumers stopped when it closes. */
  static Supplier<AccountedTarget> of(Supplier<EventTracker> designs) {
    return () -> {
      EventTracker design = designs.get();
      return design.asTarget().onClose(() -> design.close(Duration.ZERO));
    };
  }
}
