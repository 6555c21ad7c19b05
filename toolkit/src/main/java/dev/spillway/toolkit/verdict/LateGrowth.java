package dev.spillway.toolkit.verdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.util.Preconditions;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The verdict's test of the late window: whether the depth grew over it by the {@link VerdictRules}
 * — the one place that test lives. The depth <b>grew over the late window</b> when its growth is
 * significant ({@code slope > k · SE}, k = {@code significance}, and {@code slope >=
 * minGrowthPerSecond}), raises the depth by at least {@code minRise} messages over the window, and
 * by at least {@value VerdictRules#MIN_RISE_IN_SCATTERS} times the depth's scatter about that trend
 * (the residuals' standard deviation): see {@link Verdicts} for why each part is there.
 *
 * <p>{@link Verdicts} calls a queue's depth growing when this test holds and the final stretch's
 * growth is {@linkplain #significant(Growth, VerdictRules) significant} too; a capacity trial
 * (package {@code dev.spillway.toolkit.capacity}) is not sustained when this test alone holds, a
 * backlog that formed and then held being no sustained rate. Both judge by this class, so the two
 * cannot drift apart.
 *
 * <p>Thread-safety: immutable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LateGrowth {

  private final Growth growth;
  private final double rise;
  private final double scatter;
  private final boolean significant;
  private final boolean risesEnough;
  private final boolean standsOut;

  private LateGrowth(
      Growth growth,
      double rise,
      double scatter,
      boolean significant,
      boolean risesEnough,
      boolean standsOut) {
    this.growth = growth;
    this.rise = rise;
    this.scatter = scatter;
    this.significant = significant;
    this.risesEnough = risesEnough;
    this.standsOut = standsOut;
  }

  /**
   * Judges {@code growth}, fitted to {@code series} over the late window, by {@code rules}.
   *
   * @param series the depth series the growth was fitted to (its points inside the growth's window
   *     give the scatter)
   * @param growth the growth over the late window
   * @param rules the rules: significance, minimum growth and minimum rise
   */
  public static LateGrowth judge(DepthSeries series, Growth growth, VerdictRules rules) {
    Preconditions.notNull(series, "depth series");
    Preconditions.notNull(growth, "growth");
    Preconditions.notNull(rules, "rules");
    double rise = growth.slopePerSecond() * growth.window().toNanos() / 1e9;
    double scatter = scatter(series, growth);
    return new LateGrowth(
        growth,
        rise,
        scatter,
        significant(growth, rules),
        rise >= rules.minRise(),
        rise >= VerdictRules.MIN_RISE_IN_SCATTERS * scatter);
  }

  /**
   * Whether {@code growth} is significant by {@code rules}: {@code slope > k · SE} with a known
   * standard error, and {@code slope >= minGrowthPerSecond}. The verdict asks it of the late window
   * and of the final stretch.
   */
  public static boolean significant(Growth growth, VerdictRules rules) {
    return growth.isSignificant(rules.significance())
        && growth.slopePerSecond() >= rules.minGrowthPerSecond();
  }

  /** The growth judged. */
  public Growth growth() {
    return growth;
  }

  /** How much the growth raises the depth over its window, in messages ({@code NaN} if unknown). */
  public double rise() {
    return rise;
  }

  /**
   * The depth's scatter about the fitted trend: the standard deviation of the residuals of the
   * series' points in the growth's window, over {@code n − 2} degrees of freedom; 0 with fewer than
   * three points.
   */
  public double scatter() {
    return scatter;
  }

  /** Whether the growth is {@linkplain #significant(Growth, VerdictRules) significant}. */
  public boolean significant() {
    return significant;
  }

  /** Whether the rise is at least the rules' {@code minRise}. */
  public boolean risesEnough() {
    return risesEnough;
  }

  /** Whether the rise is at least {@link VerdictRules#MIN_RISE_IN_SCATTERS} scatters. */
  public boolean standsOut() {
    return standsOut;
  }

  /** Whether the depth grew over the late window: significant, rising enough, standing out. */
  public boolean grows() {
    return significant && risesEnough && standsOut;
  }

  private static double scatter(DepthSeries series, Growth growth) {
    long from = growth.from().toNanos();
    long to = growth.to().toNanos();
    int n = 0;
    double squares = 0;
    for (int i = 0; i < series.size(); i++) {
      long t = series.timeNanos(i);
      if (t >= from && t <= to) {
        double fitted = growth.fittedStartDepth() + growth.slopePerSecond() * (t - from) / 1e9;
        double residual = series.depth(i) - fitted;
        squares += residual * residual;
        n++;
      }
    }
    return n > 2 ? Math.sqrt(squares / (n - 2)) : 0;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "LateGrowth[growth=%s, rise=%.2f, scatter=%.2f, significant=%s, risesEnough=%s,"
            + " standsOut=%s, grows=%s]",
        growth,
        rise,
        scatter,
        significant,
        risesEnough,
        standsOut,
        grows());
  }
}
