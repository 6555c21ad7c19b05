package dev.spillway.toolkit.capacity;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import dev.spillway.toolkit.verdict.EarlyStop;
import dev.spillway.toolkit.verdict.SequentialVerdict;
import dev.spillway.toolkit.verdict.VerdictRules;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * When a running trial may stop before its plan ends, because its outcome is already clear: asked
 * while the load runs, it returns a {@link TrialCall} — the rate is clearly not sustained (a
 * breach) or clearly sustained — or empty to go on.
 *
 * <p>{@link #clearBreach(Duration)} stops at a backlog no sustained rate builds, or at the first
 * shed or failed message; {@link #whenCertain(EarlyStop)} stops either way as soon as the toolkit's
 * sequential test ({@link SequentialVerdict}) calls the trial's verdict at a stated confidence;
 * {@link #or(TrialStop)} combines two rules.
 *
 * <p>A search asks {@link #start} for the rule of each trial, so a rule that keeps state over a
 * trial (the sequential test counts its looks) starts afresh every time. Implementations must be
 * thread-safe (or return a fresh instance from {@link #start}) and quick: they are asked every few
 * milliseconds from the trial's thread.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface TrialStop {

  /** The backlog {@link #clearBreach()} stops at: one second of the offered arrivals. */
  Duration DEFAULT_BACKLOG = Duration.ofSeconds(1);

  /** The least depth {@link #clearBreach(Duration)} stops at, whatever the rate. */
  long MIN_BACKLOG = 20;

  /** Whether the trial should stop now, and why; empty to let it run. */
  Optional<TrialCall> call(TrialProgress progress);

  /**
   * The rule for one trial of {@code plan}, judged by {@code rules}; asked once before its load
   * starts. Rules without state return themselves (the default).
   */
  default TrialStop start(TrialPlan plan, VerdictRules rules) {
    return this;
  }

  /** A rule that stops a trial when this one or {@code other} calls it, this one asked first. */
  default TrialStop or(TrialStop other) {
    Preconditions.notNull(other, "other trial stop rule");
    return new EitherStop(this, other);
  }

  /** Never stops a trial early. */
  static TrialStop never() {
    return progress -> Optional.empty();
  }

  /** {@link #clearBreach(Duration)} with a backlog of {@link #DEFAULT_BACKLOG}. */
  static TrialStop clearBreach() {
    return clearBreach(DEFAULT_BACKLOG);
  }

  /**
   * Stops a trial when its queue holds more than {@code backlog} worth of the offered arrivals (and
   * at least {@value #MIN_BACKLOG} messages): a component that keeps up with the rate serves what
   * arrives within its service time, so a backlog of a whole second is growth, not jitter. Stops it
   * too at the first message rejected, dropped or failed: a sustained rate sheds and fails nothing.
   *
   * @param backlog the backlog, as time at the offered rate; &gt; 0
   */
  static TrialStop clearBreach(Duration backlog) {
    Preconditions.positive(backlog, "stop backlog");
    return new ClearBreach(backlog);
  }

  /**
   * Stops a trial as soon as its verdict is certain at {@code stop}'s confidence, by the same
   * sequential test an overload test's early stop uses ({@link SequentialVerdict#lookForSurvival}),
   * over the trial's judged window as its peak: sustained when the test calls SURVIVED (the depth's
   * drift certainly inside ± the smallest growth the full trial could call growth, no failure among
   * enough sends), a breach when it calls OVERFLOWED (the drift certainly above that growth, and
   * the ledger's λ − μ agrees: no failure-free sends needed, since any verdict but SURVIVED is a
   * breach), SHED, FAILED or LOST. The trial is then judged over the part of its window it ran, by
   * the same rules.
   *
   * <p>Nothing is called before {@code stop}'s minimum observation of the judged window; looks come
   * every {@code stop.lookEvery()} (the trial's check interval should be no longer), and the chance
   * that a trial stops with a call its full plan would have contradicted is at most {@code 1 −
   * confidence}. A SURVIVED call needs {@link SequentialVerdict#failureFreeSends()} sends without a
   * failure (528 at 99 % and the default 1 % failure share): a trial that sends fewer over its
   * whole plan is stopped early only when it breaches.
   *
   * @param stop the confidence and the look schedule; its minimum observation should be shorter
   *     than the trials' judged window, or nothing is ever called
   */
  static TrialStop whenCertain(EarlyStop stop) {
    Preconditions.notNull(stop, "early stop");
    return new WhenCertain(stop);
  }
}
