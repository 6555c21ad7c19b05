package dev.spillway.toolkit.verdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * A sequential test that calls a run's verdict before the end of its plan, once the evidence
 * already decides it at a stated confidence; otherwise the run goes on to its full plan. The run
 * {@linkplain #look looks} while the load runs; the first look that returns a call may stop the
 * load, and the shortened run is then judged by {@link Verdicts} as usual.
 *
 * <h2>What is certain from the books alone</h2>
 *
 * <ul>
 *   <li><b>LOST</b> when the ledger saw an id anomaly (a message sent twice, accounted twice or
 *       never sent): the anomaly stays in the books, and LOST outranks every other verdict.
 *   <li><b>FAILED</b> when the failures so far exceed {@code failureShare} of the <em>planned</em>
 *       messages: failures only accumulate, so the full run's failed share can only be higher.
 * </ul>
 *
 * <h2>What is called from the drift, at the stated confidence</h2>
 *
 * <p>Every other call needs: at least {@code minimumObservation} of the peak seen, the consumer
 * serving (a completion within the rules' stall window), no failure so far among at least {@code
 * n₀} sent messages with {@code (1 − failureShare)^n₀ ≤ α/2} (so the failure rate is below the
 * FAILED threshold at confidence {@code 1 − α/2}; one bound serves every look, because no failure
 * among n ≥ n₀ implies none among the first n₀), and no higher rate ahead in the plan. Each queue's
 * drift is measured over the peak so far by batch means ({@code batches} equal batches; the mean of
 * their rates, its standard error, Student's t with {@code batches − 1} degrees of freedom: a depth
 * is a sum of increments, and increments over disjoint batches are close to independent). The
 * minimum effect δ is the smallest growth the full run could call growth: {@code max(
 * minGrowthPerSecond, minRise / (lateFraction × peak length))}.
 *
 * <ul>
 *   <li>A queue <b>overflows</b> when the drift's lower bound is above δ, the rules already say it
 *       grows over the shortened peak, the ledger agrees ({@code λ − μ ≥ δ} over the same window),
 *       and what it can hold is known: it is {@linkplain QueueLook#unbounded() unbounded}, or its
 *       depth at the upper bound of the drift stays below its capacity until the end of the peak (a
 *       queue that fills up holds, and sheds or pushes back instead). A queue whose bound is not
 *       known is not called overflowing: tried on JDK executors, Reactor sinks and async appenders
 *       whose probes did not know their bound, the call was OVERFLOWED where the whole plan showed
 *       SHED, PUSHED_BACK, LOST or DIED. A queue with a declared bound (the rules') overflows only
 *       above it.
 *   <li>A queue is <b>flat</b> when the rules do not say it grows over the shortened peak and the
 *       two-sided confidence interval of its drift lies inside ±δ, over the peak so far or over the
 *       last {@code minimumObservation} (the regime it is in now: a queue that filled up and held
 *       is flat from then on).
 *   <li>The run is <b>OVERFLOWED</b> when every queue is decided and one overflows; <b>SHED</b>
 *       when every queue is flat and messages were rejected or dropped; <b>SURVIVED</b> when every
 *       queue is flat and nothing was shed — unless a queue is full to its capacity or bound (full,
 *       yet nothing turned away: the caller is being held). Nothing is called while the caller
 *       handles messages itself or the driver is behind its plan by {@value
 *       VerdictRules#MIN_HELD_MESSAGES} messages or more (held by the target, or by the machine:
 *       PUSHED_BACK is read from the load driver's report at the end), or while a queue is
 *       undecided.
 * </ul>
 *
 * <p>The repeated looks are accounted for by Bonferroni: the planned looks K ({@code (peak length −
 * minimumObservation) / lookEvery + 1}) times three claims (overflows; flat over the peak; flat
 * over its last part) times the queues Q share α/2, so each bound is one-sided at {@code α / (6 · K
 * · Q)}; looks beyond K call nothing. A call is wrong only if a bound or the failure bound is, so
 * the chance of any wrong call in a run is at most α = {@code 1 − confidence}. The statistics
 * assume that the target behaves over the rest of the peak as it did so far (a stationary drift): a
 * component that changes its behaviour at a depth it does not declare (a switch to synchronous
 * calls, a sentinel's threshold) breaks that, and should not opt in.
 *
 * <p>Thread-safety: not thread-safe; one thread looks.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SequentialVerdict {

  private final EarlyStop stop;
  private final VerdictRules rules;
  private final Duration peakLength;
  private final int plannedLooks;
  private final double driftAlpha;
  private final long failureFreeSends;
  private int looks;
  private String pending = "no look yet";

  private SequentialVerdict(EarlyStop stop, VerdictRules rules, Duration peakLength, int queues) {
    this.stop = stop;
    this.rules = rules;
    this.peakLength = peakLength;
    long room = peakLength.minus(stop.minimumObservation()).toNanos();
    this.plannedLooks =
        room < 0 ? 0 : (int) Math.min(100_000, room / stop.lookEvery().toNanos() + 1);
    this.driftAlpha = stop.alpha() / (6.0 * Math.max(1, plannedLooks) * queues);
    this.failureFreeSends =
        (long) Math.ceil(Math.log(stop.alpha() / 2) / Math.log(1 - rules.failureShare()));
  }

  /**
   * A test for one run.
   *
   * @param stop the confidence and the look schedule
   * @param rules the run's rules (its failure share and stall window)
   * @param peakLength how long the planned peak lasts; no call is made when it is shorter than the
   *     minimum observation
   * @param queues how many queues are watched (&gt;= 1)
   */
  public static SequentialVerdict plan(
      EarlyStop stop, VerdictRules rules, Duration peakLength, int queues) {
    Preconditions.notNull(stop, "early stop");
    Preconditions.notNull(rules, "rules");
    Preconditions.positive(peakLength, "peak length");
    Preconditions.positive(queues, "queues");
    Preconditions.check(
        rules.failureShare() > 0 && rules.failureShare() < 1,
        "failure share",
        "in (0, 1) for an early stop",
        rules.failureShare());
    return new SequentialVerdict(stop, rules, peakLength, queues);
  }

  /**
   * How many looks may call a verdict (0 when the peak is shorter than the minimum observation).
   */
  public int plannedLooks() {
    return plannedLooks;
  }

  /** How many failure-free sends a call from the drift needs. */
  public long failureFreeSends() {
    return failureFreeSends;
  }

  /** The minimum effect for a queue judged by {@code queueRules}: see the class comment. */
  public double minimumEffect(VerdictRules queueRules) {
    double late = queueRules.lateFraction() * peakLength.toNanos() / 1e9;
    return Math.max(queueRules.minGrowthPerSecond(), queueRules.minRise() / late);
  }

  /** The verdict, if {@code look} already decides it; empty to go on. */
  public Optional<EarlyCall> look(Look look) {
    return look(look, false);
  }

  /**
   * Whether the run survives, if {@code look} already decides that; empty to go on. For a run that
   * asks only whether its verdict will be SURVIVED (a capacity trial): the calls of {@link
   * #look(Look)}, and one more — a queue that certainly overflows is called OVERFLOWED even while
   * the failure-free sends, the stall window or work on the caller's thread would keep {@link
   * #look(Look)} from calling it. Whichever of FAILED, DIED or OVERFLOWED the full run would reach
   * then, it is not SURVIVED; the call names OVERFLOWED, by the drift. Each look counts as one of
   * the planned looks, as in {@link #look(Look)}.
   */
  public Optional<EarlyCall> lookForSurvival(Look look) {
    return look(look, true);
  }

  private Optional<EarlyCall> look(Look look, boolean survivalOnly) {
    Preconditions.notNull(look, "look");
    Duration observed = look.now().minus(look.peakStart());
    if (observed.compareTo(stop.minimumObservation()) < 0 || looks >= plannedLooks) {
      return Optional.empty();
    }
    looks++;
    LedgerSnapshot books = look.books();
    if (books.anomalyCount() > 0) {
      return call(look, Verdict.LOST, books.anomalyCount() + " id anomalies in the books");
    }
    if (books.failed() > rules.failureShare() * look.plannedMessages()) {
      return call(
          look,
          Verdict.FAILED,
          String.format(
              Locale.ROOT,
              "%,d failed: above %s of the %,d planned messages whatever the rest does",
              books.failed(),
              Format.percent(rules.failureShare()),
              look.plannedMessages()));
    }
    Optional<String> gate = gate(look, books);
    if (gate.isPresent()) {
      if (survivalOnly) {
        // a certain overflow rules SURVIVED out, whatever verdict outranks it in the full run
        for (QueueLook queue : look.queues()) {
          Optional<String> over = overflows(look, queue, true);
          if (over.isPresent()) {
            return call(look, Verdict.OVERFLOWED, over.get() + "; " + gate.get());
          }
        }
      }
      pending = gate.get();
      return Optional.empty();
    }
    String overflow = null;
    StringBuilder flat = new StringBuilder();
    for (QueueLook queue : look.queues()) {
      Optional<String> over = overflows(look, queue, survivalOnly);
      if (over.isPresent()) {
        overflow = overflow == null ? over.get() : overflow;
        continue;
      }
      Optional<String> level = flat(look, queue);
      if (level.isEmpty()) {
        pending = undecided(look, queue);
        return Optional.empty();
      }
      flat.append(flat.length() == 0 ? "" : "; ").append(level.get());
    }
    if (overflow != null) {
      return call(look, Verdict.OVERFLOWED, overflow);
    }
    if (books.shed() == 0) {
      for (QueueLook queue : look.queues()) {
        OptionalLong limit =
            queue.capacity().isPresent() ? queue.capacity() : queue.rules().bound();
        if (limit.isPresent() && queue.series().highWaterMark() >= limit.getAsLong()) {
          // full yet nothing turned away: the caller is being held, which the driver reports at
          // the end (PUSHED_BACK), not the books now
          pending =
              "'" + queue.series().probe() + "' full at " + limit.getAsLong() + ", nothing shed";
          return Optional.empty();
        }
      }
    }
    String sends = String.format(Locale.ROOT, "no failure in %,d sent", books.sent());
    return books.shed() > 0
        ? call(look, Verdict.SHED, flat + "; " + books.shed() + " shed; " + sends)
        : call(look, Verdict.SURVIVED, flat + "; nothing shed; " + sends);
  }

  /**
   * Why the last look called nothing, in numbers (for a run that went on to its full plan): {@code
   * "'q' undecided: drift +3.1/s, 99.0% interval -4.2…+10.4/s against ±5.0/s"}.
   */
  public String pending() {
    return pending;
  }

  private Optional<String> gate(Look look, LedgerSnapshot books) {
    if (books.failed() > 0) {
      return Optional.of(books.failed() + " failed, below the FAILED share of the plan");
    }
    if (books.sent() < failureFreeSends) {
      return Optional.of(
          books.sent()
              + " sent, fewer than the "
              + failureFreeSends
              + " failure-free sends needed");
    }
    if (books.sinceLastCompletion().compareTo(rules.stallWindow()) >= 0) {
      return Optional.of("no completion for " + Durations.format(books.sinceLastCompletion()));
    }
    if (books.byCaller() > 0) {
      return Optional.of(
          books.byCaller() + " handled by the caller (push-back is judged at the end)");
    }
    if (look.unsentDue() >= VerdictRules.MIN_HELD_MESSAGES) {
      return Optional.of(
          look.unsentDue()
              + " messages due and not sent: the driver is behind its plan (push-back is judged at"
              + " the end)");
    }
    if (look.higherRateAhead()) {
      return Optional.of("a higher rate is still ahead in the plan");
    }
    return Optional.empty();
  }

  /**
   * The drift over the last {@code minimumObservation}: the regime the queue is in now (a queue
   * that filled up and then held is flat from then on).
   */
  private Optional<Drift> recentDrift(Look look, QueueLook queue) {
    return Drift.of(
        queue.series(), look.now().minus(stop.minimumObservation()), look.now(), stop.batches());
  }

  private String undecided(Look look, QueueLook queue) {
    Optional<Drift> drift = recentDrift(look, queue);
    if (drift.isEmpty()) {
      return "'" + queue.series().probe() + "' has no sample yet";
    }
    return String.format(
            Locale.ROOT,
            "'%s' undecided: drift %+.1f/s, %s interval %+.1f…%+.1f/s against ±%.1f/s, λ − μ %s, the"
                + " rules %s",
            queue.series().probe(),
            drift.get().slopePerSecond(),
            Format.percent(stop.confidence()),
            drift.get().lower(driftAlpha),
            drift.get().upper(driftAlpha),
            minimumEffect(queue.rules()),
            look.rates()
                .map(r -> String.format(Locale.ROOT, "%+.1f/s", r.excessPerSecond()))
                .orElse("unknown"),
            rulesSayGrows(look, queue) ? "say it grows" : "do not say it grows")
        + (queue.limitKnown() || grows(look, queue).isEmpty()
            ? ""
            : "; it grows, but what it can hold is not known: it may fill up and then shed or hold"
                + " its caller (a probe knows its bound, or declares it with"
                + " QueueProbes.withCapacity or QueueProbes.unbounded)");
  }

  /**
   * Whether {@code queue} overflows (see the class comment). A look that asks only whether the run
   * survives ({@code survivalOnly}) needs the growth alone: a queue that certainly grows does not
   * survive, whether it then fills up and sheds, holds its caller or keeps growing.
   */
  private Optional<String> overflows(Look look, QueueLook queue, boolean survivalOnly) {
    DepthSeries series = queue.series();
    VerdictRules q = queue.rules();
    if (q.bound().isPresent()) {
      long mark = series.highWaterMark();
      return mark > q.bound().getAsLong()
          ? Optional.of(
              "'" + series.probe() + "' reached " + mark + ", above its bound " + q.bound())
          : Optional.empty();
    }
    Optional<Drift> drift = grows(look, queue);
    if (drift.isEmpty() || survivalOnly) {
      return drift.map(d -> growth(look, queue, d));
    }
    if (queue.capacity().isPresent()) {
      double left = look.peakStart().plus(peakLength).minus(look.now()).toNanos() / 1e9;
      double reach = series.finalDepth() + Math.max(0, drift.get().upper(driftAlpha)) * left;
      if (reach >= queue.capacity().getAsLong()) {
        return Optional.empty(); // it may fill up and hold before the peak ends
      }
    } else if (!queue.unbounded()) {
      return Optional.empty(); // its bound is not known: it may fill up and hold
    }
    return Optional.of(growth(look, queue, drift.get()));
  }

  /**
   * The queue's drift over the peak so far, when it certainly grows: its lower bound above the
   * minimum effect, the rules saying it grows, and the ledger's λ − μ agreeing.
   */
  private Optional<Drift> grows(Look look, QueueLook queue) {
    Optional<Drift> drift = Drift.of(queue.series(), look.peakStart(), look.now(), stop.batches());
    double delta = minimumEffect(queue.rules());
    if (drift.isEmpty()
        || drift.get().lower(driftAlpha) <= delta
        || !rulesSayGrows(look, queue)
        || look.rates().map(r -> r.excessPerSecond() < delta).orElse(true)) {
      return Optional.empty();
    }
    return drift;
  }

  private String growth(Look look, QueueLook queue, Drift drift) {
    return String.format(
        Locale.ROOT,
        "'%s' grows at %+.1f/s (%s lower bound %+.1f/s > minimum effect %.1f/s), λ − μ ="
            + " %+.1f/s by the ledger",
        queue.series().probe(),
        drift.slopePerSecond(),
        Format.percent(stop.confidence()),
        drift.lower(driftAlpha),
        minimumEffect(queue.rules()),
        look.rates().get().excessPerSecond());
  }

  private Optional<String> flat(Look look, QueueLook queue) {
    if (rulesSayGrows(look, queue)) {
      return Optional.empty();
    }
    double delta = minimumEffect(queue.rules());
    Optional<Drift> drift =
        Drift.of(queue.series(), look.peakStart(), look.now(), stop.batches())
            .filter(d -> inside(d, delta))
            .or(() -> recentDrift(look, queue).filter(d -> inside(d, delta)));
    if (drift.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "'%s' flat at %+.1f/s (%s interval %+.1f…%+.1f/s inside ±%.1f/s)",
            queue.series().probe(),
            drift.get().slopePerSecond(),
            Format.percent(stop.confidence()),
            drift.get().lower(driftAlpha),
            drift.get().upper(driftAlpha),
            delta));
  }

  private boolean inside(Drift drift, double delta) {
    return drift.lower(driftAlpha) > -delta && drift.upper(driftAlpha) < delta;
  }

  private static boolean rulesSayGrows(Look look, QueueLook queue) {
    Growth late = Verdicts.lateGrowth(queue.series(), look.peakStart(), look.now(), queue.rules());
    Growth last = Verdicts.finalGrowth(queue.series(), look.peakStart(), look.now(), queue.rules());
    return Verdicts.grows(
        LateGrowth.judge(queue.series(), late, queue.rules()), last, queue.rules());
  }

  private Optional<EarlyCall> call(Look look, Verdict verdict, String reason) {
    return Optional.of(
        new EarlyCall(verdict, look.now(), looks, plannedLooks, stop.confidence(), reason));
  }

  @Override
  public String toString() {
    return "SequentialVerdict[stop="
        + stop
        + ", peakLength="
        + peakLength
        + ", plannedLooks="
        + plannedLooks
        + ", looks="
        + looks
        + ", driftAlpha="
        + driftAlpha
        + ", failureFreeSends="
        + failureFreeSends
        + "]";
  }
}
