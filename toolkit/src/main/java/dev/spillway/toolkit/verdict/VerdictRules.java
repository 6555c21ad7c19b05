package dev.spillway.toolkit.verdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * The thresholds {@link Verdicts} judges by; {@link #defaults()} and {@code with…} copies. See
 * {@link Verdicts} for how each is used.
 *
 * @param stallWindow how long without a completion, with messages queued, means the consumer died
 *     (default 1 s; positive)
 * @param significance how many standard errors the growth must exceed (default 3; finite, &gt;= 0)
 * @param minGrowthPerSecond the smallest growth that counts as overflow, in messages per second
 *     (default 1; finite, &gt;= 0)
 * @param minRise the smallest rise over the late window that counts as overflow, in messages
 *     (default 10; &gt;= 0)
 * @param lateFraction the part of the load window, at its end, over which growth is measured
 *     (default 0.5; in (0, 1])
 * @param bound the most messages the queue may hold; when present it alone decides overflow
 *     (default: none; &gt;= 1 when present)
 * @param forecastLimit the depth a forecast of growth counts towards when the queue has no known
 *     capacity or bound (default 1,000,000; &gt;= 1)
 * @param drainLevel the depth that counts as drained after the load (default 0; &gt;= 0)
 * @param failureShare the share of sent messages that may fail before the verdict is {@link
 *     Verdict#FAILED} (default 0.01 = 1 %; in [0, 1]): more than this share is a failing target
 * @param pushBackShare the share of a phase's sends the target may hold up before the verdict is
 *     {@link Verdict#PUSHED_BACK} (default 0.05 = 5 %; in (0, 1]); see {@link
 *     dev.spillway.toolkit.load.PhaseReport#heldMessages()}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record VerdictRules(
    Duration stallWindow,
    double significance,
    double minGrowthPerSecond,
    long minRise,
    double lateFraction,
    OptionalLong bound,
    long forecastLimit,
    long drainLevel,
    double failureShare,
    double pushBackShare) {

  /**
   * The fewest held messages in a phase that can make it {@link Verdict#PUSHED_BACK}, whatever its
   * share: one stray pause in a short phase does not decide.
   */
  public static final long MIN_HELD_MESSAGES = 3;

  /**
   * The share of a phase's time its sends must spend inside the target's calls, in a phase that
   * fell short of its planned rate, for it to be {@link Verdict#PUSHED_BACK} however its held sends
   * came: a target that takes its work in batches holds its caller for a whole batch and then takes
   * every overdue message at once (one long hold per batch, never a run of held sends). A target
   * that keeps up spends about 1 % of a phase inside its sends.
   */
  public static final double PUSH_BACK_CALL_SHARE = 0.25;

  /**
   * How many times the depth's own scatter about its trend over the late window (the residuals'
   * standard deviation) the late rise must reach to count as growth: a queue that swings between
   * two levels — filling to a switch and draining below it, as a target that pushes back by turns
   * does — has a least-squares slope over any stretch that does not hold whole swings, and the
   * ordinary least-squares error calls it significant when the samples are many. A linear rise of
   * {@code r} messages scatters {@code r / √12} about its trend when its samples are spread evenly
   * (sampled noise aside), so 2 leaves a steady rise 1.7 times clear; the survival suite's 164
   * overflows ranged from 4.6 to several hundred times their scatter.
   */
  public static final double MIN_RISE_IN_SCATTERS = 2;

  /** Validates the components. */
  public VerdictRules {
    Preconditions.positive(stallWindow, "stall window");
    Preconditions.notNegative(significance, "significance");
    Preconditions.notNegative(minGrowthPerSecond, "minimum growth");
    Preconditions.notNegative(minRise, "minimum rise");
    Preconditions.check(
        Double.isFinite(lateFraction) && lateFraction > 0 && lateFraction <= 1,
        "late fraction",
        "in (0, 1]",
        lateFraction);
    Preconditions.notNull(bound, "bound");
    if (bound.isPresent()) {
      Preconditions.positive(bound.getAsLong(), "bound");
    }
    Preconditions.positive(forecastLimit, "forecast limit");
    Preconditions.notNegative(drainLevel, "drain level");
    Preconditions.probability(failureShare, "failure share");
    Preconditions.check(
        pushBackShare > 0 && pushBackShare <= 1, "push-back share", "in (0, 1]", pushBackShare);
  }

  /** The default rules (see each component). */
  public static VerdictRules defaults() {
    return new VerdictRules(
        Duration.ofSeconds(1), 3, 1, 10, 0.5, OptionalLong.empty(), 1_000_000, 0, 0.01, 0.05);
  }

  /** A copy with this stall window (positive). */
  public VerdictRules withStallWindow(Duration stallWindow) {
    return new VerdictRules(
        stallWindow,
        significance,
        minGrowthPerSecond,
        minRise,
        lateFraction,
        bound,
        forecastLimit,
        drainLevel,
        failureShare,
        pushBackShare);
  }

  /** A copy with this significance factor (finite, &gt;= 0). */
  public VerdictRules withSignificance(double significance) {
    return new VerdictRules(
        stallWindow,
        significance,
        minGrowthPerSecond,
        minRise,
        lateFraction,
        bound,
        forecastLimit,
        drainLevel,
        failureShare,
        pushBackShare);
  }

  /** A copy with this minimum growth, in messages per second (finite, &gt;= 0). */
  public VerdictRules withMinGrowthPerSecond(double minGrowthPerSecond) {
    return new VerdictRules(
        stallWindow,
        significance,
        minGrowthPerSecond,
        minRise,
        lateFraction,
        bound,
        forecastLimit,
        drainLevel,
        failureShare,
        pushBackShare);
  }

  /** A copy with this minimum rise over the late window, in messages (&gt;= 0). */
  public VerdictRules withMinRise(long minRise) {
    return new VerdictRules(
        stallWindow,
        significance,
        minGrowthPerSecond,
        minRise,
        lateFraction,
        bound,
        forecastLimit,
        drainLevel,
        failureShare,
        pushBackShare);
  }

  /** A copy with this late fraction of the load window (in (0, 1]). */
  public VerdictRules withLateFraction(double lateFraction) {
    return new VerdictRules(
        stallWindow,
        significance,
        minGrowthPerSecond,
        minRise,
        lateFraction,
        bound,
        forecastLimit,
        drainLevel,
        failureShare,
        pushBackShare);
  }

  /** A copy with this bound on the depth (&gt;= 1): overflow is then exactly "exceeded it". */
  public VerdictRules withBound(long bound) {
    Preconditions.positive(bound, "bound");
    return new VerdictRules(
        stallWindow,
        significance,
        minGrowthPerSecond,
        minRise,
        lateFraction,
        OptionalLong.of(bound),
        forecastLimit,
        drainLevel,
        failureShare,
        pushBackShare);
  }

  /** A copy with this forecast limit (&gt;= 1). */
  public VerdictRules withForecastLimit(long forecastLimit) {
    return new VerdictRules(
        stallWindow,
        significance,
        minGrowthPerSecond,
        minRise,
        lateFraction,
        bound,
        forecastLimit,
        drainLevel,
        failureShare,
        pushBackShare);
  }

  /** A copy with this drain level (&gt;= 0). */
  public VerdictRules withDrainLevel(long drainLevel) {
    return new VerdictRules(
        stallWindow,
        significance,
        minGrowthPerSecond,
        minRise,
        lateFraction,
        bound,
        forecastLimit,
        drainLevel,
        failureShare,
        pushBackShare);
  }

  /** A copy with this failure share (in [0, 1]; 0 makes any failure {@link Verdict#FAILED}). */
  public VerdictRules withFailureShare(double failureShare) {
    return new VerdictRules(
        stallWindow,
        significance,
        minGrowthPerSecond,
        minRise,
        lateFraction,
        bound,
        forecastLimit,
        drainLevel,
        failureShare,
        pushBackShare);
  }

  /** A copy with this push-back share (in (0, 1]). */
  public VerdictRules withPushBackShare(double pushBackShare) {
    return new VerdictRules(
        stallWindow,
        significance,
        minGrowthPerSecond,
        minRise,
        lateFraction,
        bound,
        forecastLimit,
        drainLevel,
        failureShare,
        pushBackShare);
  }
}
