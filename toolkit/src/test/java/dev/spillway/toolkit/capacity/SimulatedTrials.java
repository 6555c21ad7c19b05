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

  /** A runner that takes exactly as long as it says. */
  SimulatedTrials(double capacity, Duration longest) {
    this(capacity, longest, longest);
  }

  SimulatedTrials(double capacity, Duration says, Duration takes) {
    this.capacity = capacity;
    this.says = says;
    this.takes = takes;
  }

  long now() {
    return nanos;
  }

  @Override
  public CapacityTrial run(TrialPlan plan) {
    rates.add(plan.offeredRate());
    nanos += takes.toNanos();
    boolean sustained = plan.offeredRate() <= capacity;
    double mu = Math.min(plan.offeredRate(), capacity);
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
