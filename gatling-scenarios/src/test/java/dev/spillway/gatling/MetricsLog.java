package dev.spillway.gatling;

import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The polls of {@code /metrics.json} taken during one simulation, with their times measured from
 * the simulation's start ({@link #start()}, called by the poller's first action), and the growth
 * rates fitted to them.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
final class MetricsLog {

  private final LongSupplier nanoTime;
  private final List<MetricsSample> samples = new ArrayList<>();
  private long startNanos;
  private boolean started;
  private Map<String, DesignSample> baseline;

  /** A log timed by {@code nanoTime} (such as {@code System::nanoTime}). */
  MetricsLog(LongSupplier nanoTime) {
    this.nanoTime = Preconditions.notNull(nanoTime, "nano time source");
  }

  /** Marks the simulation's start; later calls do nothing. */
  synchronized void start() {
    if (!started) {
      startNanos = nanoTime.getAsLong();
      started = true;
    }
  }

  /** How long since {@link #start()}; zero before it. */
  synchronized Duration elapsed() {
    return started ? Duration.ofNanos(nanoTime.getAsLong() - startNanos) : Duration.ZERO;
  }

  /** Keeps the designs' figures read before the simulation started, the run's baseline. */
  synchronized void baseline(Map<String, DesignSample> designs) {
    baseline = Map.copyOf(Preconditions.notNull(designs, "baseline"));
  }

  /** The baseline's figures for {@code design}, if a baseline was taken. */
  synchronized Optional<DesignSample> baseline(String design) {
    return baseline == null ? Optional.empty() : Optional.ofNullable(baseline.get(design));
  }

  /** Records one poll's designs as answered now (starting the clock if nobody did). */
  synchronized MetricsSample record(Map<String, DesignSample> designs) {
    start();
    MetricsSample s = new MetricsSample(Math.max(0, nanoTime.getAsLong() - startNanos), designs);
    samples.add(s);
    return s;
  }

  /** The samples so far, in order. */
  synchronized List<MetricsSample> samples() {
    return List.copyOf(samples);
  }

  /** The first sample, if any. */
  synchronized Optional<MetricsSample> first() {
    return samples.isEmpty() ? Optional.empty() : Optional.of(samples.get(0));
  }

  /** The last sample, if any. */
  synchronized Optional<MetricsSample> last() {
    return samples.isEmpty() ? Optional.empty() : Optional.of(samples.get(samples.size() - 1));
  }

  /**
   * The least-squares slope, per second, of one of {@code design}'s figures (its depth, its sent or
   * processed count, …) over the samples taken between {@code from} and {@code to}.
   */
  synchronized Growth growth(
      String design, ToLongFunction<DesignSample> figure, Duration from, Duration to) {
    Preconditions.notNull(figure, "figure");
    long[] times = new long[samples.size()];
    long[] values = new long[samples.size()];
    for (int i = 0; i < samples.size(); i++) {
      MetricsSample s = samples.get(i);
      times[i] = s.offsetNanos();
      values[i] = figure.applyAsLong(s.design(design));
    }
    return DepthSeries.of(design, times, values).growth(from, to);
  }

  /** The largest value of one of {@code design}'s figures over all samples; 0 without samples. */
  synchronized long max(String design, ToLongFunction<DesignSample> figure) {
    long max = 0;
    for (MetricsSample s : samples) {
      max = Math.max(max, figure.applyAsLong(s.design(design)));
    }
    return max;
  }
}
