package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The Universal Scalability Law fitted to the capacities of one design family at several consumer
 * counts N:
 *
 * <pre>C(N) = C(1) · N / (1 + σ(N − 1) + κ·N(N − 1))</pre>
 *
 * <p>σ (contention: the share of the work that is serialised) flattens the curve towards C(1)/σ; κ
 * (coherency: the cost of consumers keeping each other in step) bends it down, so that adding
 * consumers stops paying at {@code N* = √((1 − σ)/κ)} and costs capacity beyond it.
 *
 * <p><b>How it is fitted.</b> Ordinary least squares on the capacities themselves (not on a
 * linearised form, so that no point is weighted by a transform): for given (σ, κ) the best C(1) has
 * a closed form, so the sum of squared residuals is minimised over σ ∈ [0, 1] and κ ∈ [0, 10] — by
 * a grid (σ in steps of 0.005, κ on a logarithmic grid from 10⁻⁷ and 0) refined by a pattern search
 * within those bounds. Every point counts once (repeated runs at one N are separate points). At
 * least three distinct N are required, as the law has three parameters; with exactly three there
 * are no residual degrees of freedom and the fit passes through the points, which says nothing of
 * how well the law describes the design: {@link #degreesOfFreedom()} tells.
 *
 * <p>Immutable and thread-safe.
 *
 * @param family the design family, {@code "partitioned"} for {@code partitioned(4)}; not blank
 * @param points the points fitted, in the order given; at least three distinct consumer counts
 * @param singleConsumerCapacity C(1), fitted, messages per second
 * @param sigma σ, the contention coefficient, in [0, 1]
 * @param kappa κ, the coherency coefficient, &gt;= 0
 * @param residuals each point's capacity minus the fitted one, in the order of {@code points}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ScalabilityFit(
    String family,
    List<ScalabilityPoint> points,
    double singleConsumerCapacity,
    double sigma,
    double kappa,
    List<Double> residuals) {

  /** The fewest distinct consumer counts the law's three parameters can be fitted to. */
  public static final int MIN_DISTINCT_CONSUMERS = 3;

  private static final double KAPPA_MAX = 10;

  /** The largest relative change of a fitted capacity below which a coefficient is zero. */
  private static final double NEGLIGIBLE = 1e-6;

  /** Validates the components and copies the lists. */
  public ScalabilityFit {
    Preconditions.notBlank(family, "design family");
    points = List.copyOf(Preconditions.notEmpty(points, "scalability points"));
    Preconditions.positive(singleConsumerCapacity, "single-consumer capacity");
    Preconditions.check(sigma >= 0 && sigma <= 1, "sigma", "in [0, 1]", sigma);
    Preconditions.notNegative(kappa, "kappa");
    residuals = List.copyOf(Preconditions.notNull(residuals, "residuals"));
    Preconditions.check(
        residuals.size() == points.size(),
        "residual count",
        "the point count " + points.size(),
        residuals.size());
  }

  /**
   * Fits the law to {@code points} by least squares (see the class description).
   *
   * @throws IllegalArgumentException when the points hold fewer than {@value
   *     #MIN_DISTINCT_CONSUMERS} distinct consumer counts; the message names the family and the
   *     counts it had
   */
  public static ScalabilityFit fit(String family, List<ScalabilityPoint> points) {
    Preconditions.notBlank(family, "design family");
    Preconditions.notNull(points, "scalability points");
    points.forEach(p -> Preconditions.notNull(p, "scalability point"));
    TreeSet<Integer> distinct = new TreeSet<>();
    points.forEach(p -> distinct.add(p.consumers()));
    if (distinct.size() < MIN_DISTINCT_CONSUMERS) {
      throw new IllegalArgumentException(
          "a scalability fit of '"
              + family
              + "' needs capacities at "
              + MIN_DISTINCT_CONSUMERS
              + " or more distinct consumer counts (the law has three parameters), but had "
              + distinct.size()
              + (distinct.isEmpty() ? "" : " (N = " + join(distinct) + ")"));
    }
    double[] n = new double[points.size()];
    double[] c = new double[points.size()];
    for (int i = 0; i < n.length; i++) {
      n[i] = points.get(i).consumers();
      c[i] = points.get(i).capacity();
    }
    double[] best = grid(n, c);
    best = refine(n, c, best[0], best[1]);
    double largest = distinct.last();
    // a coefficient that moves no fitted capacity in the measured range by a millionth is zero to
    // these data: the pattern search leaves hairs above 0, and a κ of 10⁻¹⁶ would put N* at 10⁸
    double sigma = best[0] * (largest - 1) < NEGLIGIBLE ? 0 : best[0];
    double kappa = best[1] * largest * (largest - 1) < NEGLIGIBLE ? 0 : best[1];
    double c1 = bestC1(n, c, sigma, kappa);
    List<Double> residuals = new ArrayList<>();
    for (int i = 0; i < n.length; i++) {
      residuals.add(c[i] - c1 * shape(n[i], sigma, kappa));
    }
    return new ScalabilityFit(family, points, c1, sigma, kappa, residuals);
  }

  /** The fitted capacity at {@code consumers} (any N &gt; 0, not only a whole one). */
  public double capacityAt(double consumers) {
    Preconditions.check(consumers > 0, "consumer count", "> 0", consumers);
    return singleConsumerCapacity * shape(consumers, sigma, kappa);
  }

  /**
   * N*, the consumer count of the highest capacity, {@code √((1 − σ)/κ)}: beyond it each consumer
   * added lowers the capacity. Empty when κ = 0 (the curve never turns down; with σ &gt; 0 it
   * flattens towards C(1)/σ).
   */
  public OptionalDouble peakConsumers() {
    return kappa > 0 ? OptionalDouble.of(Math.sqrt((1 - sigma) / kappa)) : OptionalDouble.empty();
  }

  /** The distinct consumer counts of the points, ascending. */
  public List<Integer> distinctConsumers() {
    TreeSet<Integer> distinct = new TreeSet<>();
    points.forEach(p -> distinct.add(p.consumers()));
    return List.copyOf(distinct);
  }

  /** The points less the parameters fitted (three): 0 when the fit passes through the points. */
  public int degreesOfFreedom() {
    return Math.max(0, points.size() - 3);
  }

  /** The root mean square of the residuals, messages per second. */
  public double rmsResidual() {
    double sum = 0;
    for (double r : residuals) {
      sum += r * r;
    }
    return Math.sqrt(sum / residuals.size());
  }

  /** The fit in one line: the law with its numbers, the points, the residuals and N*. */
  public String describe() {
    String peak =
        peakConsumers().isPresent()
            ? "adding consumers stops paying at N* ≈ "
                + Numbers.plain(peakConsumers().getAsDouble())
                + " (capacity "
                + Numbers.rate(capacityAt(peakConsumers().getAsDouble()))
                + "/s there)"
            : "κ = 0: the fitted curve never turns down"
                + (sigma > 0
                    ? " and flattens towards C(1)/σ = "
                        + Numbers.rate(singleConsumerCapacity / sigma)
                        + "/s"
                    : " (linear scaling)");
    return family
        + ": C(N) = "
        + Numbers.rate(singleConsumerCapacity)
        + "/s · N / (1 + σ(N−1) + κN(N−1)) with σ = "
        + String.format(java.util.Locale.ROOT, "%.4f", sigma)
        + ", κ = "
        + String.format(java.util.Locale.ROOT, "%.5f", kappa)
        + ", least squares over "
        + points.size()
        + " points at N = "
        + join(distinctConsumers())
        + " ("
        + degreesOfFreedom()
        + (degreesOfFreedom() == 1 ? " degree" : " degrees")
        + " of freedom"
        + (degreesOfFreedom() == 0 ? ": the curve passes through the points" : "")
        + "), RMS residual "
        + Numbers.plain(rmsResidual())
        + "/s; "
        + peak;
  }

  /** N / (1 + σ(N − 1) + κN(N − 1)): the law's shape, C(N)/C(1). */
  static double shape(double n, double sigma, double kappa) {
    return n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  }

  /** The C(1) of least squares for given σ and κ: Σ c·g / Σ g². */
  private static double bestC1(double[] n, double[] c, double sigma, double kappa) {
    double cg = 0;
    double gg = 0;
    for (int i = 0; i < n.length; i++) {
      double g = shape(n[i], sigma, kappa);
      cg += c[i] * g;
      gg += g * g;
    }
    return cg / gg;
  }

  private static double sse(double[] n, double[] c, double sigma, double kappa) {
    double c1 = bestC1(n, c, sigma, kappa);
    double sum = 0;
    for (int i = 0; i < n.length; i++) {
      double r = c[i] - c1 * shape(n[i], sigma, kappa);
      sum += r * r;
    }
    return sum;
  }

  private static double[] grid(double[] n, double[] c) {
    double[] best = {0, 0};
    double bestSse = sse(n, c, 0, 0);
    for (int s = 0; s <= 200; s++) {
      double sigma = s / 200.0;
      for (int k = -1; k <= 160; k++) {
        double kappa = k < 0 ? 0 : Math.pow(10, -7 + k * 0.05);
        double e = sse(n, c, sigma, kappa);
        if (e < bestSse) {
          bestSse = e;
          best = new double[] {sigma, kappa};
        }
      }
    }
    return best;
  }

  /** A pattern search from (σ, κ) within the bounds, halving its steps until they are tiny. */
  private static double[] refine(double[] n, double[] c, double sigma, double kappa) {
    double stepSigma = 0.005;
    double stepKappa = Math.max(kappa * 0.12, 1e-7);
    double current = sse(n, c, sigma, kappa);
    for (int i = 0; i < 100_000 && (stepSigma > 1e-12 || stepKappa > 1e-15); i++) {
      boolean moved = false;
      for (double[] d :
          new double[][] {{stepSigma, 0}, {-stepSigma, 0}, {0, stepKappa}, {0, -stepKappa}}) {
        double s = Math.min(1, Math.max(0, sigma + d[0]));
        double k = Math.min(KAPPA_MAX, Math.max(0, kappa + d[1]));
        double e = sse(n, c, s, k);
        if (e < current) {
          current = e;
          sigma = s;
          kappa = k;
          moved = true;
        }
      }
      if (!moved) {
        stepSigma /= 2;
        stepKappa /= 2;
      }
    }
    return new double[] {sigma, kappa};
  }

  private static String join(Iterable<Integer> values) {
    StringBuilder out = new StringBuilder();
    for (int v : values) {
      out.append(out.length() == 0 ? "" : ", ").append(v);
    }
    return out.toString();
  }
}
