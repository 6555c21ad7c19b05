package dev.spillway.toolkit.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * One probe's sampled depths over a trace: points of (time, depth), with times as nanosecond
 * offsets from the trace's start, in non-decreasing order, and the statistics computed from them.
 *
 * <p>A {@link QueueRecorder} keeps memory bounded by downsampling: once a series is full, each pair
 * of neighbouring points becomes one point holding the pair's larger depth at that depth's time,
 * and from then on each point summarises twice as many samples ({@link #stride()}). The high-water
 * mark of the samples is therefore never lost, while the mean and the time above a threshold become
 * upper estimates.
 *
 * <p>Instances are immutable and thread-safe. Accessors that return arrays return copies.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DepthSeries {

  private static final double NANOS_PER_SECOND = 1e9;

  private final String probe;
  private final long[] times;
  private final long[] depths;
  private final int stride;
  private final long samples;
  private final long failedSamples;
  private final long finalTime;
  private final long finalDepth;
  private final String lastFailure;

  DepthSeries(
      String probe,
      long[] times,
      long[] depths,
      int stride,
      long samples,
      long failedSamples,
      long finalTime,
      long finalDepth,
      String lastFailure) {
    this.probe = Preconditions.notBlank(probe, "probe name");
    Preconditions.notNull(times, "times");
    Preconditions.notNull(depths, "depths");
    Preconditions.check(
        times.length == depths.length,
        "depths length",
        "times length " + times.length,
        depths.length);
    for (int i = 0; i < times.length; i++) {
      Preconditions.check(depths[i] >= 0, "depths[" + i + "]", ">= 0", depths[i]);
      if (i == 0) {
        Preconditions.check(times[0] >= 0, "times[0]", ">= 0 (an offset from the start)", times[0]);
      } else {
        Preconditions.check(
            times[i] >= times[i - 1], "times[" + i + "]", ">= times[" + (i - 1) + "]", times[i]);
      }
    }
    this.times = times;
    this.depths = depths;
    this.stride = Preconditions.positive(stride, "stride");
    Preconditions.check(samples >= times.length, "samples", ">= points " + times.length, samples);
    this.samples = samples;
    this.failedSamples = Preconditions.notNegative(failedSamples, "failed samples");
    this.finalTime = finalTime;
    this.finalDepth = Preconditions.notNegative(finalDepth, "final depth");
    if (times.length > 0) {
      long max = Arrays.stream(depths).max().orElse(0);
      Preconditions.check(
          finalDepth <= max, "final depth", "<= the largest point depth " + max, finalDepth);
    }
    this.lastFailure = lastFailure;
  }

  /**
   * A series of samples taken elsewhere (another monitor, an imported run, a test): one point per
   * sample, no downsampling, no failures.
   *
   * @param probe the probe's name; not blank
   * @param timesNanos each sample's time, as nanoseconds from the trace's start; non-decreasing
   * @param depths each sample's depth; &gt;= 0, as many as times
   */
  public static DepthSeries of(String probe, long[] timesNanos, long[] depths) {
    Preconditions.notNull(timesNanos, "times");
    Preconditions.notNull(depths, "depths");
    Preconditions.check(
        timesNanos.length == depths.length,
        "depths length",
        "times length " + timesNanos.length,
        depths.length);
    long[] t = timesNanos.clone();
    long[] d = depths.clone();
    int n = t.length;
    return new DepthSeries(
        probe, t, d, 1, n, 0, n == 0 ? 0 : t[n - 1], n == 0 ? 0 : d[n - 1], null);
  }

  /** The probe's name. */
  public String probe() {
    return probe;
  }

  /** How many points the series holds. */
  public int size() {
    return times.length;
  }

  /** The time of point {@code i}, in nanoseconds from the trace's start. */
  public long timeNanos(int i) {
    return times[i];
  }

  /** The depth of point {@code i}. */
  public long depth(int i) {
    return depths[i];
  }

  /** A copy of the points' times, in nanoseconds from the trace's start. */
  public long[] timesNanos() {
    return times.clone();
  }

  /** A copy of the points' depths. */
  public long[] depths() {
    return depths.clone();
  }

  /** How many consecutive samples each point now summarises (1 = not downsampled). */
  public int stride() {
    return stride;
  }

  /** How many successful samples the points summarise. */
  public long samples() {
    return samples;
  }

  /** How many samples failed because the probe threw (or returned a negative depth). */
  public long failedSamples() {
    return failedSamples;
  }

  /** The last failure's message, if any sample failed. */
  public Optional<String> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /** The last sampled depth (not a downsampled maximum); 0 when there are no samples. */
  public long finalDepth() {
    return finalDepth;
  }

  /** When the last sample was taken, from the trace's start; zero when there are no samples. */
  public Duration finalTime() {
    return Duration.ofNanos(finalTime);
  }

  /** The largest sampled depth; 0 when there are no samples. */
  public long highWaterMark() {
    long max = 0;
    for (long d : depths) {
      max = Math.max(max, d);
    }
    return max;
  }

  /** The summary figures of this series. */
  public DepthStats stats() {
    int n = times.length;
    long hwm = 0;
    long hwmAt = 0;
    for (int i = 0; i < n; i++) {
      if (depths[i] > hwm) {
        hwm = depths[i];
        hwmAt = times[i];
      }
    }
    double mean;
    if (n == 0) {
      mean = 0;
    } else if (times[n - 1] == times[0]) {
      mean = Arrays.stream(depths).average().orElse(0);
    } else {
      double area = 0;
      for (int i = 0; i < n - 1; i++) {
        area += (double) depths[i] * (times[i + 1] - times[i]);
      }
      mean = area / (times[n - 1] - times[0]);
    }
    Duration span = n == 0 ? Duration.ZERO : Duration.ofNanos(times[n - 1] - times[0]);
    return new DepthStats(
        probe, n, samples, failedSamples, hwm, Duration.ofNanos(hwmAt), finalDepth, mean, span);
  }

  /**
   * How long the depth stayed above {@code threshold}, taking each point's depth to hold until the
   * next point (the last point adds nothing).
   *
   * @param threshold the depth to compare with; &gt;= 0
   */
  public Duration timeAbove(long threshold) {
    Preconditions.notNegative(threshold, "threshold");
    long total = 0;
    for (int i = 0; i < times.length - 1; i++) {
      if (depths[i] > threshold) {
        total += times[i + 1] - times[i];
      }
    }
    return Duration.ofNanos(total);
  }

  /**
   * How long after {@code after} the depth first fell to {@code level} or below: the time of the
   * first point (or of the last sample) at or after {@code after} with depth &lt;= {@code level},
   * minus {@code after}. Empty when that never happened within the series.
   *
   * @param after when to start looking, from the trace's start; &gt;= 0
   * @param level the depth that counts as drained; &gt;= 0
   */
  public Optional<Duration> drainTime(Duration after, long level) {
    Preconditions.notNegative(after, "drain start");
    Preconditions.notNegative(level, "drain level");
    long start = after.toNanos();
    for (int i = 0; i < times.length; i++) {
      if (times[i] >= start && depths[i] <= level) {
        return Optional.of(Duration.ofNanos(times[i] - start));
      }
    }
    if (samples > 0 && finalTime >= start && finalDepth <= level) {
      return Optional.of(Duration.ofNanos(finalTime - start));
    }
    return Optional.empty();
  }

  /**
   * The depth at {@code at}: that of the last point at or before it. Empty before the first point.
   *
   * @param at a time from the trace's start; &gt;= 0
   */
  public OptionalLong depthAt(Duration at) {
    Preconditions.notNegative(at, "time");
    long t = at.toNanos();
    int found = -1;
    for (int i = 0; i < times.length && times[i] <= t; i++) {
      found = i;
    }
    return found < 0 ? OptionalLong.empty() : OptionalLong.of(depths[found]);
  }

  /** The growth over the whole series. */
  public Growth growth() {
    int n = times.length;
    Duration from = n == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, times[0]));
    Duration to = n == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, times[n - 1]));
    return growth(from, to.compareTo(from) < 0 ? from : to);
  }

  /**
   * The least-squares growth of the depth over the points with {@code from <= time <= to}.
   *
   * @param from the window's start, from the trace's start; &gt;= 0
   * @param to the window's end; not before {@code from}
   */
  public Growth growth(Duration from, Duration to) {
    Preconditions.notNegative(from, "window start");
    Preconditions.notNull(to, "window end");
    Preconditions.check(to.compareTo(from) >= 0, "window end", "not before " + from, to);
    long lo = from.toNanos();
    long hi = to.toNanos();
    int n = 0;
    double sumT = 0;
    double sumD = 0;
    for (int i = 0; i < times.length; i++) {
      if (times[i] >= lo && times[i] <= hi) {
        n++;
        sumT += (times[i] - lo) / NANOS_PER_SECOND;
        sumD += depths[i];
      }
    }
    if (n < 2) {
      return new Growth(Double.NaN, Double.NaN, n, from, to, Double.NaN);
    }
    double meanT = sumT / n;
    double meanD = sumD / n;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < times.length; i++) {
      if (times[i] >= lo && times[i] <= hi) {
        double dt = (times[i] - lo) / NANOS_PER_SECOND - meanT;
        sxx += dt * dt;
        sxy += dt * (depths[i] - meanD);
      }
    }
    if (sxx == 0) {
      return new Growth(Double.NaN, Double.NaN, n, from, to, Double.NaN);
    }
    double slope = sxy / sxx;
    double intercept = meanD - slope * meanT; // fitted depth at 'from'
    double se = Double.NaN;
    if (n > 2) {
      double ssr = 0;
      for (int i = 0; i < times.length; i++) {
        if (times[i] >= lo && times[i] <= hi) {
          double t = (times[i] - lo) / NANOS_PER_SECOND;
          double r = depths[i] - (intercept + slope * t);
          ssr += r * r;
        }
      }
      se = Math.sqrt(ssr / (n - 2) / sxx);
    }
    return new Growth(slope, se, n, from, to, intercept);
  }

  /** Series are equal when every field and every point is equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof DepthSeries s
        && probe.equals(s.probe)
        && Arrays.equals(times, s.times)
        && Arrays.equals(depths, s.depths)
        && stride == s.stride
        && samples == s.samples
        && failedSamples == s.failedSamples
        && finalTime == s.finalTime
        && finalDepth == s.finalDepth
        && Objects.equals(lastFailure, s.lastFailure);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * probe.hashCode() + Arrays.hashCode(times)) + Arrays.hashCode(depths);
  }

  /** The probe, the number of points and samples, the stride, and the final and peak depths. */
  @Override
  public String toString() {
    return "DepthSeries[probe="
        + probe
        + ", points="
        + times.length
        + ", samples="
        + samples
        + ", failedSamples="
        + failedSamples
        + ", stride="
        + stride
        + ", highWaterMark="
        + highWaterMark()
        + ", finalDepth="
        + finalDepth
        + "]";
  }
}
