package dev.spillway.toolkit.verdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.ledger.Settlement;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.PhaseReport;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.DepthStats;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Computes a {@link Verdict} from {@link Evidence} by fixed rules, and explains it in numbers.
 *
 * <h2>Figures</h2>
 *
 * <ul>
 *   <li>The <b>load window</b> {@code [start, end]} (the whole trace unless given). The <b>late
 *       window</b> is its last {@code lateFraction} (default: the second half), and the <b>final
 *       stretch</b> the second half of the late window.
 *   <li>The <b>growth</b> is the least-squares slope of the depth over the late window, with its
 *       standard error SE; the <b>final growth</b> the same over the final stretch. The growth is
 *       the one growth figure of a run: the summary line and the report show it too.
 *   <li>The depth <b>grows</b> when both are significant ({@code slope > k · SE}, k = {@code
 *       significance}, default 3), both are at least {@code minGrowthPerSecond} (default 1 msg/s),
 *       and the growth raises the depth by at least {@code minRise} messages over the late window
 *       (default 10) and by at least {@value VerdictRules#MIN_RISE_IN_SCATTERS} times the depth's
 *       scatter about its trend (the residuals' standard deviation). Requiring the final stretch
 *       too keeps a queue that filled up to its capacity early in the late window, and then held,
 *       from reading as overflow. The OLS error underestimates the uncertainty of autocorrelated
 *       depths; the factor 3 and the minimum rate and rise are there to absorb that, and the
 *       scatter keeps a queue that swings between two levels (a target pushing back by turns) from
 *       reading as growth over a stretch that does not hold whole swings. The late window's part of
 *       this test is {@link LateGrowth}'s, which a capacity trial's judgement shares.
 *   <li>The <b>books</b> are the settled books ({@link SettledBooks}): {@code unaccounted = sent −
 *       processed − rejected − dropped − failed − queued − in flight}. Messages <b>proven lost</b>
 *       are the unaccounted ones beyond what can still be inside a consumer: all of them once the
 *       target came to rest; while it was still draining, those beyond the consumers' concurrency
 *       (none when in-flight messages are counted, any number when nothing is known of them). See
 *       {@link SettledBooks#provenLost()}.
 *   <li>The <b>failed share</b> is {@code failed / sent}.
 *   <li>A phase's <b>held share</b> is the share of its sends that fell due while the target still
 *       held the sender in an earlier call ({@link PhaseReport#heldMessages()}), from the load
 *       driver's report when the evidence has one. The <b>held phase</b> is the phase with the
 *       largest held share.
 *   <li>{@code queuedAtEnd} is the larger of the books' queued count and the series' final depth.
 *   <li>The <b>forecast limit</b> is the queue's capacity (when known), its bound, or {@code
 *       forecastLimit} (default one million), whichever is smallest: a bounded queue is never
 *       forecast past what it can hold.
 * </ul>
 *
 * <h2>Rules, in priority order (the first that applies wins)</h2>
 *
 * <ol>
 *   <li><b>LOST</b> when the books show double counting: {@code unaccounted < 0}, or a strict
 *       ledger saw an id anomaly (sent twice, accounted twice, never sent).
 *   <li><b>DIED</b> when the books settled as {@linkplain Settlement#STALLED stalled}, or {@code
 *       queuedAtEnd > 0} and no message was completed for at least {@code stallWindow} (default 1
 *       s) before the books were taken, or messages went on being sent for at least {@code
 *       stallWindow} after the last completion ({@link
 *       LedgerSnapshot#sendingAfterLastCompletion()}): a consumer that stopped behind a component
 *       that now refuses everything (a pipeline terminated by its first overflow) queues nothing,
 *       yet serves nothing either. It comes before a silent loss because a consumer that stopped
 *       leaves the message it was handling unaccounted.
 *   <li><b>LOST</b> when messages were proven lost (above).
 *   <li><b>FAILED</b> when the failed share is above {@code failureShare} (default 1 %): the target
 *       answered with errors instead of serving, so it did not survive, whatever its queue did. The
 *       failed share is the books' {@code failed / sent}, or the load driver's (the answers the
 *       caller got: errors, timeouts) when that is larger — a request that timed out at the caller
 *       may never reach the books a target keeps itself.
 *   <li><b>OVERFLOWED</b> when a {@code bound} is given and the sampled high-water mark exceeds it;
 *       with no bound, when the depth grows (above) at the end of the load, or the books settled as
 *       {@linkplain Settlement#STILL_DRAINING still draining} with this queue above its drain level
 *       at the end of the trace (its backlog outlasted the time allowed: an overflow, not a loss).
 *       A given bound alone decides: growth that stays within it is reported but is not overflow.
 *   <li><b>SHED</b> when messages were rejected or dropped ({@code rejected + dropped > 0}).
 *   <li><b>PUSHED_BACK</b> when the held phase's held share is at least {@code pushBackShare}
 *       (default 5 %) and it held at least {@value VerdictRules#MIN_HELD_MESSAGES} messages, or
 *       when it fell short of its planned rate while its sends spent at least {@value
 *       VerdictRules#PUSH_BACK_CALL_SHARE} of its time inside the target (per sending thread: a
 *       target that takes its work in batches holds its caller a whole batch at a time), or when at
 *       least that share of the sent messages (and that many) were handled on the caller's own
 *       thread ({@link LedgerSnapshot#byCaller()}): the target slowed its callers or made them do
 *       its work (a blocking offer, caller-runs, a synchronous fallback), so the planned load was
 *       not delivered as offered. A target that returns at once holds nothing, and a driver that
 *       falls behind on its own (a busy machine) holds nothing either: that shows as lateness, not
 *       as push-back.
 *   <li><b>SURVIVED</b> otherwise.
 * </ol>
 *
 * <p>The explanation gives the figures behind the verdict: the growth against λ − μ when rates are
 * known, a forecast of when the depth reaches the forecast limit at the measured growth, the peak,
 * the drain after the load, how the books settled, the failures by cause, what the target held up,
 * and the books.
 *
 * <p><b>GC death spiral.</b> When the evidence carries the garbage collections of the run ({@link
 * Evidence#withGcActivity}), the depth, μ and the collector's share of the time are compared
 * between the early and the late part of the load window ({@link GcTrend}); when the backlog grew,
 * μ fell by a quarter or more and the collector took 10 % of the time or more, twice its early
 * share, the explanation names it — {@code "GC death spiral: as the backlog grew from 120 to 1,900
 * messages, μ fell from 195/s to 88/s while GC took 1.0% → 38.0% of the time"} — whatever the
 * verdict: it says why μ fell, it does not change what the queue did. Without GC activity nothing
 * is claimed.
 *
 * <p>Thread-safety: stateless; all methods are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Verdicts {

  private Verdicts() {}

  /** The verdict under the {@linkplain VerdictRules#defaults() default rules}. */
  public static Assessment assess(Evidence evidence) {
    return assess(evidence, VerdictRules.defaults());
  }

  /** The verdict under {@code rules}. */
  public static Assessment assess(Evidence evidence, VerdictRules rules) {
    Preconditions.notNull(evidence, "evidence");
    Preconditions.notNull(rules, "rules");
    DepthSeries series = evidence.series();
    DepthStats depth = series.stats();
    Duration loadEnd = evidence.loadEnd();
    Growth growth = lateGrowth(series, evidence.loadStart(), loadEnd, rules);
    Growth finalGrowth = finalGrowth(series, evidence.loadStart(), loadEnd, rules);
    SettledBooks settled = evidence.settled();
    LedgerSnapshot books = settled.books();

    LateGrowth late = LateGrowth.judge(series, growth, rules);
    boolean lateRise = late.significant();
    boolean grows = grows(late, finalGrowth, rules);
    long limit = forecastLimit(evidence, rules);
    Optional<Duration> timeToLimit = lateRise ? forecast(growth, limit) : Optional.empty();
    Optional<Duration> drain = series.drainTime(loadEnd, rules.drainLevel());
    long queuedAtEnd = Math.max(books.queued(), series.finalDepth());
    boolean stillDraining =
        settled.settlement() == Settlement.STILL_DRAINING
            && series.finalDepth() > rules.drainLevel();
    Optional<PhaseReport> held = heldPhase(evidence.load(), rules);
    int senders = evidence.load().map(LoadReport::senderThreads).orElse(1);
    boolean pushedBack =
        held.map(phase -> pushedBack(phase, rules, senders)).orElse(false)
            || byCaller(books, rules);

    Verdict verdict;
    if (books.unaccounted() < 0 || books.anomalyCount() > 0) {
      verdict = Verdict.LOST;
    } else if (settled.settlement() == Settlement.STALLED
        || (queuedAtEnd > 0 && books.sinceLastCompletion().compareTo(rules.stallWindow()) >= 0)
        || books.sendingAfterLastCompletion().compareTo(rules.stallWindow()) >= 0) {
      verdict = Verdict.DIED;
    } else if (settled.provenLost() > 0) {
      verdict = Verdict.LOST;
    } else if (FailureCount.of(books, evidence.load()).share() > rules.failureShare()) {
      verdict = Verdict.FAILED;
    } else if (rules.bound().isPresent()
        ? depth.highWaterMark() > rules.bound().getAsLong()
        : grows || stillDraining) {
      verdict = Verdict.OVERFLOWED;
    } else if (books.shed() > 0) {
      verdict = Verdict.SHED;
    } else if (pushedBack) {
      verdict = Verdict.PUSHED_BACK;
    } else {
      verdict = Verdict.SURVIVED;
    }

    Optional<GcTrend> gcTrend = GcTrend.measure(evidence, rules);
    Explanation facts =
        new Explanation(
            evidence,
            rules,
            new Explanation.Figures(
                depth,
                late,
                finalGrowth,
                grows,
                limit,
                timeToLimit,
                drain,
                queuedAtEnd,
                held,
                gcTrend));
    return new Assessment(
        verdict,
        facts.explain(verdict),
        evidence.probe(),
        depth,
        growth,
        finalGrowth,
        settled,
        evidence.rates(),
        evidence.loadStart(),
        loadEnd,
        drain,
        timeToLimit,
        limit,
        held,
        rules,
        List.of(),
        gcTrend);
  }

  /**
   * Whether {@code phase} pushed back enough to make the verdict PUSHED_BACK: it held enough of its
   * sends, or its sends spent enough of its time inside the target while it fell short of its plan.
   */
  static boolean pushedBack(PhaseReport phase, VerdictRules rules, int senderThreads) {
    return heldSends(phase, rules) || heldTime(phase, senderThreads);
  }

  /** Whether at least {@code pushBackShare} of the phase's sends (and 3) were held up. */
  static boolean heldSends(PhaseReport phase, VerdictRules rules) {
    return phase.heldMessages() >= VerdictRules.MIN_HELD_MESSAGES
        && phase.heldShare() >= rules.pushBackShare();
  }

  /**
   * Whether the phase fell short of its plan while its sends spent at least {@link
   * VerdictRules#PUSH_BACK_CALL_SHARE} of its time inside the target.
   */
  static boolean heldTime(PhaseReport phase, int senderThreads) {
    return phase.fellShort()
        && callShare(phase, senderThreads) >= VerdictRules.PUSH_BACK_CALL_SHARE;
  }

  /**
   * The share of the phase's time its sends spent inside the target's calls, per sending thread (a
   * pool's threads each spend their own); 0 when the phase took no time.
   */
  static double callShare(PhaseReport phase, int senderThreads) {
    long measured = phase.measuredDuration().toNanos();
    return measured > 0
        ? phase.callTime().toNanos() / ((double) measured * Math.max(1, senderThreads))
        : 0;
  }

  /** Whether the caller handled enough of the messages itself to make the verdict PUSHED_BACK. */
  static boolean byCaller(LedgerSnapshot books, VerdictRules rules) {
    return books.byCaller() >= VerdictRules.MIN_HELD_MESSAGES
        && books.byCaller() >= rules.pushBackShare() * books.sent();
  }

  /**
   * The phase the verdict speaks of for push-back: among the phases with a message held or that
   * held their caller by time, one that pushed back before one that did not, then the largest held
   * share, then the largest share of time inside the target; empty if none.
   */
  static Optional<PhaseReport> heldPhase(Optional<LoadReport> load, VerdictRules rules) {
    return load.flatMap(
        report -> {
          int senders = report.senderThreads();
          return report.phases().stream()
              .filter(phase -> phase.heldMessages() > 0 || heldTime(phase, senders))
              .max(
                  Comparator.comparing((PhaseReport phase) -> pushedBack(phase, rules, senders))
                      .thenComparingDouble(PhaseReport::heldShare)
                      .thenComparingDouble(phase -> callShare(phase, senders)));
        });
  }

  /** The growth over the late window of the load window [{@code start}, {@code end}]. */
  static Growth lateGrowth(DepthSeries series, Duration start, Duration end, VerdictRules rules) {
    return series.growth(lateStart(start, end, rules), end);
  }

  /** The growth over the final stretch (the late window's second half). */
  static Growth finalGrowth(DepthSeries series, Duration start, Duration end, VerdictRules rules) {
    Duration lateStart = lateStart(start, end, rules);
    return series.growth(end.minus(scale(end.minus(lateStart), 0.5)), end);
  }

  /**
   * Whether the depth grows by the rules (see the class comment): it grew over the late window by
   * {@link LateGrowth}'s test, and the final stretch's growth is significant too.
   */
  static boolean grows(LateGrowth late, Growth finalGrowth, VerdictRules rules) {
    return late.grows() && LateGrowth.significant(finalGrowth, rules);
  }

  private static Duration lateStart(Duration start, Duration end, VerdictRules rules) {
    return end.minus(scale(end.minus(start), rules.lateFraction()));
  }

  private static long forecastLimit(Evidence evidence, VerdictRules rules) {
    long limit = rules.bound().orElse(rules.forecastLimit());
    if (evidence.capacity().isPresent()) {
      limit = Math.min(limit, evidence.capacity().getAsLong());
    }
    return limit;
  }

  /** At the growth's slope, how long from the window's end until the depth reaches limit. */
  private static Optional<Duration> forecast(Growth g, long limit) {
    double now = Math.max(0, g.fittedEndDepth());
    if (now >= limit) {
      return Optional.of(Duration.ZERO);
    }
    double seconds = (limit - now) / g.slopePerSecond();
    return Optional.of(Duration.ofNanos((long) Math.min(seconds * 1e9, Long.MAX_VALUE / 2.0)));
  }

  private static Duration scale(Duration d, double factor) {
    return Duration.ofNanos(Math.round(d.toNanos() * factor));
  }
}
