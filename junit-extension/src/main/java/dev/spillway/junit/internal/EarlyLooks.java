package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.LoadPhase;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.RunningLoad;
import dev.spillway.toolkit.record.QueueRecorder;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.verdict.EarlyCall;
import dev.spillway.toolkit.verdict.EarlyStop;
import dev.spillway.toolkit.verdict.Look;
import dev.spillway.toolkit.verdict.QueueLook;
import dev.spillway.toolkit.verdict.SequentialVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;

/**
 * The looks of a run that may stop early ({@link dev.spillway.junit.StopWhenCertain}): while the
 * load runs, every look hands the toolkit's {@link SequentialVerdict} the recorder's samples so
 * far, the ledger's live books and its rates over the peak, and stops the load at the first certain
 * call. Runs on the body's thread.
 */
@API(status = INTERNAL, since = "0.1")
public final class EarlyLooks {

  private final OverloadPlan plan;
  private final LoadProfile profile;
  private final List<WatchedQueue> watched;
  private final QueueRecorder recorder;
  private final MessageLedger ledger;
  private final LoadClock clock;
  private final EarlyStop stop;
  private final PeakWindow peak;
  private final SequentialVerdict test;
  private volatile long stoppedAtNanos;

  private EarlyLooks(
      OverloadPlan plan,
      LoadProfile profile,
      List<WatchedQueue> watched,
      QueueRecorder recorder,
      MessageLedger ledger,
      LoadClock clock,
      EarlyStop stop) {
    this.plan = plan;
    this.profile = profile;
    this.watched = List.copyOf(watched);
    this.recorder = recorder;
    this.ledger = ledger;
    this.clock = clock;
    this.stop = stop;
    this.peak = PeakWindow.of(profile);
    this.test =
        SequentialVerdict.plan(
            stop,
            plan.verdictRules(),
            Duration.ofNanos(peak.endNanos() - peak.startNanos()),
            watched.size());
  }

  /** The looks of a run, when its plan opted in; empty otherwise. */
  public static Optional<EarlyLooks> of(
      OverloadPlan plan,
      LoadProfile profile,
      List<WatchedQueue> watched,
      QueueRecorder recorder,
      MessageLedger ledger,
      LoadClock clock) {
    return plan.earlyStop()
        .map(stop -> new EarlyLooks(plan, profile, watched, recorder, ledger, clock, stop));
  }

  /** The confidence and schedule the run looks with. */
  public EarlyStop stop() {
    return stop;
  }

  /**
   * When the load was told to stop ({@link System#nanoTime()}), once a look called the verdict: the
   * end of the load the verdict judges (nothing planned was sent after it); 0 before.
   */
  public long stoppedAtNanos() {
    return stoppedAtNanos;
  }

  /**
   * Where the load a stopped run's verdict judges ends: at the stop, or earlier at the due time of
   * the first planned message the driver never sent, when it was held up (a busy machine, a look
   * that took long) and the stop came before it caught up. The judged window then holds no stretch
   * whose messages were due but never sent: seen on a loaded machine, a 100 ms bucket with no send
   * before the stop lowered the growth the verdict measured.
   *
   * @param stoppedAtNanos when the load was told to stop ({@link #stoppedAtNanos()})
   * @param sent how many messages the driver sent, the first ones of the plan
   * @param profile the plan
   * @param loadStartNanos the driver's time zero ({@link LoadClock#startNanos()})
   */
  public static long judgedLoadEnd(
      long stoppedAtNanos, long sent, LoadProfile profile, long loadStartNanos) {
    if (sent >= profile.plannedMessages()) {
      return stoppedAtNanos;
    }
    long firstUnsentDue = loadStartNanos + profile.intendedOffsetNanos(sent);
    return firstUnsentDue - stoppedAtNanos < 0 ? firstUnsentDue : stoppedAtNanos;
  }

  /** The sequential test behind the looks. */
  public SequentialVerdict test() {
    return test;
  }

  /**
   * Looks every {@link EarlyStop#lookEvery()} until the load ends or a verdict is certain; then
   * stops the load and returns the call.
   */
  public Optional<EarlyCall> watch(RunningLoad load) throws InterruptedException {
    while (!load.isDone()) {
      try {
        load.awaitReport(stop.lookEvery());
        return Optional.empty();
      } catch (TimeoutException e) {
        // time for a look
      }
      if (!clock.isKnown()) {
        continue;
      }
      Optional<EarlyCall> call = test.look(look());
      if (call.isPresent()) {
        stoppedAtNanos = System.nanoTime();
        load.stop();
        return call;
      }
    }
    return Optional.empty();
  }

  private Look look() {
    QueueTrace trace = recorder.snapshot();
    long nowNanos = System.nanoTime();
    long peakStartNanos = clock.startNanos() + peak.startNanos();
    List<QueueLook> queues = new ArrayList<>();
    long queued = 0;
    for (WatchedQueue w : watched) {
      var series = trace.series(w.name());
      queued += Math.max(0, series.finalDepth());
      queues.add(new QueueLook(series, Judge.rulesFor(plan, w), w.capacity(), w.unbounded()));
    }
    Duration now = Duration.ofNanos(Math.max(0, nowNanos - trace.startNanos()));
    Duration peakStart = Duration.ofNanos(Math.max(0, peakStartNanos - trace.startNanos()));
    LedgerSnapshot books = ledger.snapshot(queued);
    long due = profile.messagesDueBy(nowNanos - clock.startNanos());
    return new Look(
        now,
        peakStart,
        queues,
        books,
        nowNanos > peakStartNanos ? ledger.ratesOver(peakStartNanos, nowNanos) : Optional.empty(),
        profile.plannedMessages(),
        higherRateAhead(nowNanos - clock.startNanos()),
        Math.max(0, due - books.sent()));
  }

  /** Whether a phase still to come (a burst, say) offers a higher rate than the peak. */
  private boolean higherRateAhead(long elapsedNanos) {
    double peakRate =
        profile.phases().stream()
            .filter(
                p ->
                    p.startOffsetNanos() < peak.endNanos()
                        && p.endOffsetNanos() > peak.startNanos())
            .mapToDouble(LoadPhase::expectedRatePerSecond)
            .max()
            .orElse(0);
    return profile.phases().stream()
        .anyMatch(p -> p.endOffsetNanos() > elapsedNanos && p.expectedRatePerSecond() > peakRate);
  }
}
