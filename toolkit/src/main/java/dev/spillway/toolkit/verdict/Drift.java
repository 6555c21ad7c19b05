package dev.spillway.toolkit.verdict;

import dev.spillway.toolkit.record.DepthSeries;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The drift of a queue's depth over a window, by batch means: the window is cut into {@code b}
 * equal batches and each batch's rate {@code (depth at its end − depth at its start) / length} is
 * one observation. A queue's depth is a sum of increments (arrivals minus services), so increments
 * over disjoint batches are close to independent where the depths themselves are strongly
 * autocorrelated — the reason the rules' ordinary least-squares error needs its factor 3. The mean
 * of the batch rates is the drift over the window; its standard error is their standard deviation
 * over √b, with b − 1 degrees of freedom (Student's t).
 *
 * @param slopePerSecond the drift, in messages per second
 * @param standardError its standard error, in messages per second
 * @param batches how many batches it was measured over
 */
record Drift(double slopePerSecond, double standardError, int batches) {

  /**
   * The drift of {@code series} over [{@code from}, {@code to}] in {@code batches} batches, from
   * the series' first point when that comes after {@code from} (a recorder whose first sample came
   * after the load had started, on a busy machine); empty when the series has no point before
   * {@code to}.
   */
  static Optional<Drift> of(DepthSeries series, Duration from, Duration to, int batches) {
    if (series.size() > 0 && series.timeNanos(0) > from.toNanos()) {
      from = Duration.ofNanos(series.timeNanos(0));
    }
    long span = to.minus(from).toNanos();
    double[] rates = new double[batches];
    double seconds = span / 1e9 / batches;
    OptionalLong previous = series.depthAt(from);
    if (previous.isEmpty() || span <= 0) {
      return Optional.empty();
    }
    long before = previous.getAsLong();
    double sum = 0;
    for (int i = 0; i < batches; i++) {
      long at = from.toNanos() + span * (i + 1) / batches;
      long depth = series.depthAt(Duration.ofNanos(at)).orElse(before);
      rates[i] = (depth - before) / seconds;
      sum += rates[i];
      before = depth;
    }
    double mean = sum / batches;
    double squares = 0;
    for (double r : rates) {
      squares += (r - mean) * (r - mean);
    }
    double sd = Math.sqrt(squares / (batches - 1));
    return Optional.of(new Drift(mean, sd / Math.sqrt(batches), batches));
  }

  /** The one-sided lower confidence bound at level {@code 1 − alpha}. */
  double lower(double alpha) {
    return slopePerSecond - Quantiles.t(1 - alpha, batches - 1) * standardError;
  }

  /** The one-sided upper confidence bound at level {@code 1 − alpha}. */
  double upper(double alpha) {
    return slopePerSecond + Quantiles.t(1 - alpha, batches - 1) * standardError;
  }
}
