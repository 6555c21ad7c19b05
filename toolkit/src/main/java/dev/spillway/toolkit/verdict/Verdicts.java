package dev.spillway.toolkit.verdict;

import dev.spillway.toolkit.internal.Preconditions;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.DepthStats;
import dev.spillway.toolkit.record.Growth;
import java.time.Duration;
import java.util.Optional;

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
 *       standard error SE; the <b>final growth</b> the same over the final stretch.
 *   <li>The depth <b>grows</b> when both are significant ({@code slope > k · SE}, k = {@code
 *       significance}, default 3), both are at least {@code minGrowthPerSecond} (default 1 msg/s),
 *       and the growth raises the depth by at least {@code minRise} messages over the late window
 *       (default 10). Requiring the final stretch too keeps a queue that filled up to its capacity
 *       early in the late window, and then held, from reading as overflow. The OLS error
 *       underestimates the uncertainty of autocorrelated depths; the factor 3 and the minimum rate
 *       and rise are there to absorb that.
 *   <li>{@code queuedAtEnd} is the larger of the books' queued count and the series' final depth.
 * </ul>
 *
 * <h2>Rules, in priority order (the first that applies wins)</h2>
 *
 * <ol>
 *   <li><b>LOST</b> when the books show double counting: {@code unaccounted < 0}, or a strict
 *       ledger saw an id anomaly (sent twice, accounted twice, never sent).
 *   <li><b>DIED</b> when {@code queuedAtEnd > 0} and no message was completed for at least {@code
 *       stallWindow} (default 1 s) before the books were taken. It comes before a silent loss
 *       because a consumer that stopped leaves the message it was handling unaccounted.
 *   <li><b>LOST</b> when {@code unaccounted > inFlightAllowance} (default 0): messages vanished
 *       without an outcome. Take the books after the consumers stopped or went idle; raise the
 *       allowance to the number of consumers if they may still be inside a handler.
 *   <li><b>OVERFLOWED</b> when a {@code bound} is given and the sampled high-water mark exceeds it;
 *       with no bound, when the depth grows (above) at the end of the load. A given bound alone
 *       decides: growth that stays within it is reported but is not overflow.
 *   <li><b>SHED</b> when messages were rejected or dropped ({@code rejected + dropped > 0}).
 *   <li><b>SURVIVED</b> otherwise.
 * </ol>
 *
 * <p>The explanation gives the figures behind the verdict: the growth against λ − μ when rates are
 * known, a forecast of when the depth reaches the bound (or {@code forecastLimit}, default one
 * million) at the measured growth, the peak, the drain after the load, and the books.
 *
 * <p>Thread-safety: stateless; all methods are thread-safe.
 */
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
    Duration load = loadEnd.minus(evidence.loadStart());
    Duration lateStart = loadEnd.minus(scale(load, rules.lateFraction()));
    Duration finalStart = loadEnd.minus(scale(loadEnd.minus(lateStart), 0.5));
    Growth growth = series.growth(lateStart, loadEnd);
    Growth finalGrowth = series.growth(finalStart, loadEnd);
    LedgerSnapshot books = evidence.ledger();

    boolean lateRise = significant(growth, rules);
    boolean grows =
        lateRise
            && significant(finalGrowth, rules)
            && growth.slopePerSecond() * seconds(growth.window()) >= rules.minRise();
    long limit = rules.bound().orElse(rules.forecastLimit());
    Optional<Duration> timeToLimit = lateRise ? forecast(growth, limit) : Optional.empty();
    Optional<Duration> drain = series.drainTime(loadEnd, rules.drainLevel());
    long queuedAtEnd = Math.max(books.queued(), series.finalDepth());
    long unaccounted = books.unaccounted();

    Verdict verdict;
    if (unaccounted < 0 || books.anomalyCount() > 0) {
      verdict = Verdict.LOST;
    } else if (queuedAtEnd > 0 && books.sinceLastCompletion().compareTo(rules.stallWindow()) >= 0) {
      verdict = Verdict.DIED;
    } else if (unaccounted > rules.inFlightAllowance()) {
      verdict = Verdict.LOST;
    } else if (rules.bound().isPresent()
        ? depth.highWaterMark() > rules.bound().getAsLong()
        : grows) {
      verdict = Verdict.OVERFLOWED;
    } else if (books.shed() > 0) {
      verdict = Verdict.SHED;
    } else {
      verdict = Verdict.SURVIVED;
    }

    Explanation facts =
        new Explanation(
            evidence,
            rules,
            series,
            depth,
            growth,
            lateRise,
            limit,
            timeToLimit,
            drain,
            queuedAtEnd);
    return new Assessment(
        verdict,
        facts.explain(verdict),
        evidence.probe(),
        depth,
        growth,
        finalGrowth,
        books,
        evidence.rates(),
        evidence.loadStart(),
        loadEnd,
        drain,
        timeToLimit,
        rules);
  }

  private static boolean significant(Growth g, VerdictRules rules) {
    return g.isSignificant(rules.significance())
        && g.slopePerSecond() >= rules.minGrowthPerSecond();
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

  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
