package dev.spillway.toolkit.capacity;

import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A simulated component of known capacity: a trial sustains every rate up to it, serves {@code
 * capacity} per second above it, and takes {@code takes} of a simulated clock, which the search
 * reads.
 */
final class SimulatedTrials implements TrialRunner {

  private final double capacity;
  private final Duration says;
  private final Duration takes;
  final List<Double> rates = new ArrayList<>();
  long nanos;
  private double refuseOnce = Double.NaN;

  /** A runner that takes exactly as long as it says. */
  SimulatedTrials(double capacity, Duration longest) {
    this(capacity, longest, longest);
  }

  SimulatedTrials(double capacity, Duration says, Duration takes) {
    this.capacity = capacity;
    this.says = says;
    this.takes = takes;
  }

  /** Refuses {@code rate} the first time it is tried, whatever the capacity (a busy moment). */
  SimulatedTrials refusingOnce(double rate) {
    refuseOnce = rate;
    return this;
  }

  long now() {
    return nanos;
  }

  @Override
  public CapacityTrial run(TrialPlan plan) {
    rates.add(plan.offeredRate());
    nanos += takes.toNanos();
    boolean held = plan.offeredRate() == refuseOnce;
    if (held) {
      refuseOnce = Double.NaN;
    }
    boolean sustained = !held && plan.offeredRate() <= capacity;
    double mu = held ? plan.offeredRate() * 0.9 : Math.min(plan.offeredRate(), capacity);
    return new CapacityTrial(
        plan.offeredRate(),
        plan.offeredRate(),
        mu,
        sustained ? 0 : plan.offeredRate() - capacity,
        0.5,
        Optional.empty(),
        sustained ? Verdict.SURVIVED : Verdict.OVERFLOWED,
        sustained,
        takes,
        sustained ? "sustained" : "not sustained");
  }

  @Override
  public Duration longest(TrialPlan plan) {
    return says;
  }
}
