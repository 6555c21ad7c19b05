package dev.spillway.toolkit.capacity;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.ledger.SettleRules;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.ledger.Settling;
import dev.spillway.toolkit.load.KeyDistribution;
import dev.spillway.toolkit.load.LoadDriver;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.RunningLoad;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.probe.QueueProbes;
import dev.spillway.toolkit.record.QueueRecorder;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.target.AccountedTarget;
import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Evidence;
import dev.spillway.toolkit.verdict.VerdictRules;
import dev.spillway.toolkit.verdict.Verdicts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Runs capacity trials against an in-process component with the toolkit's own parts: a fresh {@link
 * AccountedTarget} per trial, flooded at the trial's constant rate by a {@link LoadDriver}, its
 * queues (their total) sampled by a {@link QueueRecorder}, its books kept by its {@link
 * MessageLedger} and {@linkplain Settling settled} after the load, and the whole judged by {@link
 * Verdicts} over the judged window (the warm-up is not judged). A {@link TrialStop} is asked every
 * {@code checkEvery} while the load runs and stops it when it calls the trial: at a clear breach by
 * default, or as soon as the verdict is certain ({@link TrialStop#whenCertain}).
 *
 * <p>Each trial takes a new target from the supplier and closes it when the trial ends, so a target
 * whose {@code close()} stops its component starts every trial with an empty queue. μ of a trial is
 * the ledger's service rate over the judged window (over its whole buckets when it has some).
 *
 * <p>A trial takes at most {@link #longest(TrialPlan)}: its plan, the driver's grace ({@value
 * #GRACE_MILLIS} ms), the settle limit and a margin for closing ({@value #MARGIN_MILLIS} ms) —
 * provided the target's sender and close return promptly.
 *
 * <p>Thread-safety: immutable; runs one trial at a time on the calling thread.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TargetTrials implements TrialRunner {

  /** How long the driver may finish late sends after a trial's plan, in milliseconds. */
  public static final long GRACE_MILLIS = 250;

  /** What {@link #longest} allows for the recorder's last sample and the target's close. */
  public static final long MARGIN_MILLIS = 500;

  /** How often the stop rule is asked unless {@link #checkEvery} says otherwise. */
  public static final Duration DEFAULT_CHECK_EVERY = Duration.ofMillis(20);

  /**
   * The default rules of a trial: the defaults, with the growth fitted over the whole judged window
   * (late fraction 1) — the warm-up is the early part a flood's late window leaves out, and a fit
   * over twice the time halves the growth a trial can hide under the minimum rise.
   */
  public static final VerdictRules TRIAL_RULES = VerdictRules.defaults().withLateFraction(1.0);

  private final Supplier<? extends AccountedTarget> targets;
  private final Duration sampleEvery;
  private final Duration checkEvery;
  private final Duration settleLimit;
  private final VerdictRules rules;
  private final Optional<Duration> latencyBound;
  private final TrialStop stop;
  private final KeyDistribution keys;

  private TargetTrials(
      Supplier<? extends AccountedTarget> targets,
      Duration sampleEvery,
      Duration checkEvery,
      Duration settleLimit,
      VerdictRules rules,
      Optional<Duration> latencyBound,
      TrialStop stop,
      KeyDistribution keys) {
    this.targets = targets;
    this.sampleEvery = sampleEvery;
    this.checkEvery = checkEvery;
    this.settleLimit = settleLimit;
    this.rules = rules;
    this.latencyBound = latencyBound;
    this.stop = stop;
    this.keys = keys;
  }

  /**
   * Trials against a new target from {@code targets} each: depths sampled every 2 ms, the stop rule
   * {@link TrialStop#clearBreach()} asked every 20 ms, books settled within 1 s, the default
   * verdict rules, no latency bound, keys drawn uniformly from 1,000.
   */
  public static TargetTrials of(Supplier<? extends AccountedTarget> targets) {
    return new TargetTrials(
        Preconditions.notNull(targets, "trial targets"),
        Duration.ofMillis(2),
        DEFAULT_CHECK_EVERY,
        Duration.ofSeconds(1),
        TRIAL_RULES,
        Optional.empty(),
        TrialStop.clearBreach(),
        KeyDistribution.uniform(1_000));
  }

  /** A copy that samples depths every {@code interval}; within the recorder's limits. */
  public TargetTrials sampleEvery(Duration interval) {
    Preconditions.inRange(
        interval, QueueRecorder.MIN_INTERVAL, QueueRecorder.MAX_INTERVAL, "trial sample interval");
    return new TargetTrials(
        targets, interval, checkEvery, settleLimit, rules, latencyBound, stop, keys);
  }

  /** A copy that asks the stop rule every {@code interval}; in [1 ms, 1 s]. */
  public TargetTrials checkEvery(Duration interval) {
    Preconditions.inRange(
        interval, Duration.ofMillis(1), Duration.ofSeconds(1), "trial stop check interval");
    return new TargetTrials(
        targets, sampleEvery, interval, settleLimit, rules, latencyBound, stop, keys);
  }

  /** A copy whose books may take up to {@code limit} to settle after the load; in [0, 1 min]. */
  public TargetTrials settleLimit(Duration limit) {
    Preconditions.inRange(limit, Duration.ZERO, Duration.ofMinutes(1), "trial settle limit");
    return new TargetTrials(
        targets, sampleEvery, checkEvery, limit, rules, latencyBound, stop, keys);
  }

  /** A copy that judges by {@code verdictRules}. */
  public TargetTrials rules(VerdictRules verdictRules) {
    Preconditions.notNull(verdictRules, "verdict rules");
    return new TargetTrials(
        targets, sampleEvery, checkEvery, settleLimit, verdictRules, latencyBound, stop, keys);
  }

  /**
   * A copy in which a trial sustains its rate only if the p99 of the driver's latency (send end
   * minus intended send time) is at most {@code p99}; &gt; 0.
   */
  public TargetTrials latencyBound(Duration p99) {
    Preconditions.positive(p99, "trial latency bound");
    return new TargetTrials(
        targets, sampleEvery, checkEvery, settleLimit, rules, Optional.of(p99), stop, keys);
  }

  /** A copy that stops a trial early by {@code rule}. */
  public TargetTrials stopWhen(TrialStop rule) {
    Preconditions.notNull(rule, "trial stop rule");
    return new TargetTrials(
        targets, sampleEvery, checkEvery, settleLimit, rules, latencyBound, rule, keys);
  }

  /** A copy that draws message keys from {@code distribution} (seed 1 in every trial). */
  public TargetTrials keys(KeyDistribution distribution) {
    Preconditions.notNull(distribution, "key distribution");
    return new TargetTrials(
        targets, sampleEvery, checkEvery, settleLimit, rules, latencyBound, stop, distribution);
  }

  @Override
  public Duration longest(TrialPlan plan) {
    return plan.length()
        .plusMillis(GRACE_MILLIS)
        .plus(settleLimit)
        .plus(sampleEvery.multipliedBy(5))
        .plusMillis(MARGIN_MILLIS);
  }

  @Override
  public CapacityTrial run(TrialPlan plan) throws InterruptedException {
    Preconditions.notNull(plan, "trial plan");
    try (AccountedTarget target = targets.get()) {
      Preconditions.notNull(target, "trial target");
      return new Trial(plan, target).run();
    }
  }

  /** One trial against one target. */
  private final class Trial {
    private final TrialPlan plan;
    private final AccountedTarget target;
    private final QueueProbe depth;
    private final MessageLedger ledger;

    Trial(TrialPlan plan, AccountedTarget target) {
      this.plan = plan;
      this.target = target;
      List<QueueProbe> queues = target.queues();
      this.depth =
          queues.size() == 1
              ? queues.get(0)
              : QueueProbes.total(target.name(), queues.toArray(QueueProbe[]::new));
      this.ledger = target.ledger();
    }

    CapacityTrial run() throws InterruptedException {
      LoadProfile profile =
          LoadProfile.builder()
              .named("capacity " + Math.round(plan.offeredRate()) + "/s")
              .constant(plan.offeredRate())
              .perSecond()
              .during(plan.length())
              .build();
      try (QueueRecorder recorder =
          QueueRecorder.sampling(depth).named(target.name()).every(sampleEvery).start()) {
        long start = System.nanoTime();
        LoadReport report;
        Optional<TrialCall> call;
        long loadEnd;
        try (RunningLoad load =
            LoadDriver.drive(profile)
                .named("capacity-" + target.name())
                .keys(keys, 1)
                .gracePeriod(Duration.ofMillis(GRACE_MILLIS))
                .events(recorder)
                .sendTo(target.sender())
                .start()) {
          call = watch(load, start, recorder);
          loadEnd = System.nanoTime();
          report = awaitReport(load);
        }
        if (call.isEmpty()) {
          loadEnd = Math.min(System.nanoTime(), start + plan.length().toNanos());
        }
        long end = loadEnd;
        long warmedUp = start + plan.warmUp().toNanos();
        // stopped early at a breach: the whole load is judged; a sustained call was made over the
        // judged window, which is judged
        boolean calledSustained = call.map(TrialCall::sustained).orElse(false);
        long judgedFrom =
            !calledSustained && end - warmedUp < plan.judged().toNanos() / 4 ? start : warmedUp;
        Rates rates =
            ledger.ratesOver(judgedFrom, end).orElseGet(() -> ledger.ratesBetween(judgedFrom, end));
        SettledBooks settled =
            Settling.settle(
                ledger,
                depth,
                target.inFlight(),
                rates.servicePerSecond(),
                SettleRules.defaults().withLimit(settleLimit));
        QueueTrace trace = recorder.stop();
        long base = trace.startNanos();
        Duration from = Duration.ofNanos(Math.max(0, judgedFrom - base));
        Duration to = Duration.ofNanos(Math.max(from.toNanos(), loadEnd - base));
        Assessment assessment =
            Verdicts.assess(
                Evidence.of(trace, depth.name(), settled)
                    .withLoadWindow(from, to)
                    .withRates(rates)
                    .withLoad(report),
                rules);
        return Sustained.judge(
            plan,
            assessment,
            trace.series(depth.name()),
            report,
            call,
            latencyBound,
            rates.arrivalPerSecond(),
            rates.servicePerSecond(),
            Duration.ofNanos(loadEnd - start));
      }
    }

    /** Waits for the load, asking the stop rule as it runs; stops the load at its call. */
    private Optional<TrialCall> watch(RunningLoad load, long start, QueueRecorder recorder)
        throws InterruptedException {
      TrialStop rule = stop.start(plan, rules);
      long warmedUp = start + plan.warmUp().toNanos();
      while (!load.isDone()) {
        try {
          load.awaitReport(checkEvery.toNanos(), TimeUnit.NANOSECONDS);
          return Optional.empty();
        } catch (TimeoutException running) {
          Optional<TrialCall> call = rule.call(progress(start, warmedUp, recorder));
          if (call.isPresent()) {
            load.stop();
            return call;
          }
        } catch (InterruptedException e) {
          load.stop();
          throw e;
        }
      }
      return Optional.empty();
    }

    private TrialProgress progress(long start, long warmedUp, QueueRecorder recorder) {
      QueueTrace trace = recorder.snapshot();
      long now = System.nanoTime();
      return new TrialProgress(
          plan,
          Duration.ofNanos(now - start),
          Math.max(0, depth.depth()),
          ledger.snapshot(depth),
          trace.series(depth.name()),
          Duration.ofNanos(Math.max(0, start - trace.startNanos())),
          now > warmedUp ? ledger.ratesOver(warmedUp, now) : Optional.empty());
    }

    private LoadReport awaitReport(RunningLoad load) throws InterruptedException {
      Duration limit = plan.length().plusMillis(GRACE_MILLIS + MARGIN_MILLIS);
      try {
        return load.awaitReport(limit);
      } catch (TimeoutException e) {
        load.stop();
        throw new IllegalStateException(
            "the load of the capacity trial at "
                + plan.offeredRate()
                + "/s did not report within "
                + Durations.format(limit));
      }
    }
  }

  @Override
  public String toString() {
    return "TargetTrials[targets="
        + targets
        + ", sampleEvery="
        + Durations.format(sampleEvery)
        + ", checkEvery="
        + Durations.format(checkEvery)
        + ", settleLimit="
        + Durations.format(settleLimit)
        + ", latencyBound="
        + latencyBound.map(Durations::format).orElse("none")
        + ", stop="
        + stop
        + ", keys="
        + keys
        + ", rules="
        + rules
        + "]";
  }
}
