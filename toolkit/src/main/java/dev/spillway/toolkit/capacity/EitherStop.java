package dev.spillway.toolkit.capacity;

import dev.spillway.toolkit.verdict.VerdictRules;
import java.util.Optional;

/** {@link TrialStop#or(TrialStop)}: the first of two rules that calls the trial. */
record EitherStop(TrialStop first, TrialStop second) implements TrialStop {

  @Override
  public Optional<TrialCall> call(TrialProgress progress) {
    return first.call(progress).or(() -> second.call(progress));
  }

  @Override
  public TrialStop start(TrialPlan plan, VerdictRules rules) {
    return new EitherStop(first.start(plan, rules), second.start(plan, rules));
  }

  @Override
  public String toString() {
    return first + " or " + second;
  }
}
