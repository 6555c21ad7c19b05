package dev.spillway.toolkit.capacity;

import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.verdict.EarlyCall;
import dev.spillway.toolkit.verdict.EarlyStop;
import dev.spillway.toolkit.verdict.Look;
import dev.spillway.toolkit.verdict.QueueLook;
import dev.spillway.toolkit.verdict.SequentialVerdict;
import dev.spillway.toolkit.verdict.Verdict;
import dev.spillway.toolkit.verdict.VerdictRules;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link TrialStop#whenCertain(EarlyStop)}: a {@link SequentialVerdict} over each trial's judged
 * window. This rule only {@linkplain #start starts} trials; the rule of one trial looks.
 */
record WhenCertain(EarlyStop stop) implements TrialStop {

  @Override
  public Optional<TrialCall> call(TrialProgress progress) {
    throw new IllegalStateException(
        "the early stop '" + this + "' looks only at a trial it started: ask start(plan, rules)");
  }

  @Override
  public TrialStop start(TrialPlan plan, VerdictRules rules) {
    return new Trial(stop, plan, rules, SequentialVerdict.plan(stop, rules, plan.judged(), 1));
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "when certain at %.1f%% (after %s of the judged window, a look every %s)",
        stop.confidence() * 100,
        Durations.format(stop.minimumObservation()),
        Durations.format(stop.lookEvery()));
  }

  /** The looks of one trial: one every {@code lookEvery} of the judged window, as planned. */
  private static final class Trial implements TrialStop {
    private final EarlyStop stop;
    private final TrialPlan plan;
    private final VerdictRules rules;
    private final SequentialVerdict test;
    private Duration nextLook;

    Trial(EarlyStop stop, TrialPlan plan, VerdictRules rules, SequentialVerdict test) {
      this.stop = stop;
      this.plan = plan;
      this.rules = rules;
      this.test = test;
      this.nextLook = plan.warmUp().plus(stop.minimumObservation());
    }

    @Override
    public Optional<TrialCall> call(TrialProgress progress) {
      if (progress.elapsed().compareTo(nextLook) < 0) {
        return Optional.empty();
      }
      // the test spreads its error over the looks it planned: one per lookEvery, not per check
      while (nextLook.compareTo(progress.elapsed()) <= 0) {
        nextLook = nextLook.plus(stop.lookEvery());
      }
      long planned = (long) Math.ceil(plan.offeredRate() * plan.length().toNanos() / 1e9);
      // a constant rate from the trial's start: message i falls due at i / rate
      long due =
          Math.min(
              planned,
              (long) Math.floor(plan.offeredRate() * progress.elapsed().toNanos() / 1e9) + 1);
      Look look =
          new Look(
              progress.now(),
              progress.judgedStart(),
              // its bound is not asked: a trial asks only whether it survives
              List.of(new QueueLook(progress.depths(), rules, OptionalLong.empty(), false)),
              progress.books(),
              progress.judgedRates(),
              planned,
              false,
              Math.max(0, due - progress.books().sent()));
      return test.lookForSurvival(look)
          .map(call -> toTrialCall(call, progress.elapsed().minus(plan.warmUp())));
    }

    private static TrialCall toTrialCall(EarlyCall call, Duration observed) {
      String reason =
          String.format(
              Locale.ROOT,
              "%s certain at %.1f%% after %s of the judged window (look %d of %d): %s",
              call.verdict(),
              call.confidence() * 100,
              Durations.format(observed),
              call.look(),
              call.plannedLooks(),
              call.reason());
      return call.verdict() == Verdict.SURVIVED
          ? TrialCall.sustainedFor(reason)
          : TrialCall.breach(reason);
    }

    @Override
    public String toString() {
      return "when certain, " + plan + ": " + test.pending();
    }
  }
}
