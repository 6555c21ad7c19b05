package dev.spillway.gatling;

import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.util.Preconditions;
import java.util.List;
import java.util.Locale;

/**
 * Did a queue grow at about λ − μ while the load exceeded its service rate? All three rates are
 * least-squares slopes fitted to the same polls of {@code /metrics.json} over the same window: the
 * depth's (g), the ledger's sent count's (λ) and its processed count's (μ).
 *
 * <p>Three verdicts:
 *
 * <ol>
 *   <li><b>load delivered</b>: λ is within {@link #DELIVERY_TOLERANCE} of the rate Gatling was
 *       asked to send, so the run measured the spike it meant to;
 *   <li><b>queue grew</b>: λ &gt; μ and g is positive by more than {@link #SIGMAS} standard errors:
 *       the load drowns the design;
 *   <li><b>growth ≈ λ − μ</b>: |g − (λ − μ)| is within {@link #SIGMAS} combined standard errors of
 *       the three fits (computed in the same run) plus {@link #FLOOR_PER_SECOND}, the rate of one
 *       message over a one-second window, for the counters' whole-number steps.
 * </ol>
 *
 * <p>The standard errors assume independent residuals; queue depths are autocorrelated, so they
 * understate the uncertainty, which is why the factor is 3 (see {@link Growth}).
 *
 * @param depth the depth's growth (g)
 * @param arrival the sent count's growth (λ)
 * @param service the processed count's growth (μ)
 * @param offeredPerSecond the rate the load was asked to send; &gt; 0
 */
record GrowthCheck(Growth depth, Growth arrival, Growth service, double offeredPerSecond) {

  /** How many standard errors the checks allow. */
  static final double SIGMAS = 3;

  /** How far the measured arrival rate may be from the offered one, as a fraction. */
  static final double DELIVERY_TOLERANCE = 0.10;

  /** The slack added to the tolerance, in messages per second. */
  static final double FLOOR_PER_SECOND = 1.0;

  /** Validates the components. */
  GrowthCheck {
    Preconditions.notNull(depth, "depth growth");
    Preconditions.notNull(arrival, "arrival growth");
    Preconditions.notNull(service, "service growth");
    Preconditions.positive(offeredPerSecond, "offered rate");
  }

  /** λ − μ, or NaN when a fit is undetermined. */
  double expected() {
    return arrival.slopePerSecond() - service.slopePerSecond();
  }

  /** The allowed |g − (λ − μ)|, or NaN when a standard error is unknown. */
  double tolerance() {
    double se2 =
        sq(depth.standardError()) + sq(arrival.standardError()) + sq(service.standardError());
    return SIGMAS * Math.sqrt(se2) + FLOOR_PER_SECOND;
  }

  /** The three verdicts, named for {@code design}. */
  List<Verdict> verdicts(String design) {
    double g = depth.slopePerSecond();
    double lambda = arrival.slopePerSecond();
    double mu = service.slopePerSecond();
    String figures =
        format(
            "g = %.1f ± %.1f /s, λ = %.1f ± %.1f /s, μ = %.1f ± %.1f /s, λ − μ = %.1f /s,"
                + " tolerance %.1f /s, %d polls",
            g,
            depth.standardError(),
            lambda,
            arrival.standardError(),
            mu,
            service.standardError(),
            expected(),
            tolerance(),
            depth.points());
    boolean known =
        depth.hasStandardError() && arrival.hasStandardError() && service.hasStandardError();

    double off = Math.abs(lambda - offeredPerSecond) / offeredPerSecond;
    boolean delivered = known && off <= DELIVERY_TOLERANCE;
    String deliveryDetail =
        format(
            "λ = %.1f /s for %.0f /s offered (%.1f%% off, allowed %.0f%%)",
            lambda, offeredPerSecond, off * 100, DELIVERY_TOLERANCE * 100);

    boolean grew = known && lambda > mu && g > 0 && g > SIGMAS * depth.standardError();
    boolean matches = known && Math.abs(g - expected()) <= tolerance();
    return List.of(
        new Verdict(design + ": load delivered", delivered, deliveryDetail),
        new Verdict(design + ": queue grew", grew, figures),
        new Verdict(design + ": growth ≈ λ − μ", matches, figures));
  }

  private static double sq(double v) {
    return v * v;
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
