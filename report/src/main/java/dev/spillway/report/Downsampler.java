package dev.spillway.report;

import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.DepthStats;
import dev.spillway.toolkit.util.Preconditions;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Shrinks a depth series to at most a given number of points for a report, keeping its shape: the
 * first and last points, and in each bucket of neighbouring points the lowest and the highest (in
 * time order), so the high-water mark and every drain survive. Times are rounded down to whole
 * microseconds, which keeps the JSON short and loses nothing a chart can show. Stateless.
 */
final class Downsampler {

  /** The fewest points a report may keep per probe. */
  static final int MIN_POINTS = 16;

  private Downsampler() {}

  /** The series as a report's probe trace of at most {@code maxPoints} points. */
  static ProbeTrace trace(DepthSeries series, OptionalLong exactHighWaterMark, int maxPoints) {
    DepthStats stats = series.stats();
    long[][] points = downsample(series.timesNanos(), series.depths(), maxPoints);
    return new ProbeTrace(
        series.probe(),
        points[0],
        points[1],
        series.samples(),
        series.failedSamples(),
        stats.highWaterMark(),
        stats.highWaterMarkAt(),
        exactHighWaterMark,
        stats.finalDepth(),
        stats.meanDepth());
  }

  /**
   * {@code {times, depths}} with at most {@code maxPoints} points.
   *
   * @param maxPoints &gt;= {@value #MIN_POINTS}
   */
  static long[][] downsample(long[] times, long[] depths, int maxPoints) {
    Preconditions.check(maxPoints >= MIN_POINTS, "max points", ">= " + MIN_POINTS, maxPoints);
    int n = times.length;
    if (n <= maxPoints) {
      return new long[][] {micros(times), depths.clone()};
    }
    long[] t = new long[maxPoints];
    long[] d = new long[maxPoints];
    int out = 0;
    t[out] = times[0];
    d[out++] = depths[0];
    int interior = n - 2; // points 1 .. n-2
    int buckets = (maxPoints - 2) / 2;
    for (int b = 0; b < buckets; b++) {
      int from = 1 + (int) ((long) b * interior / buckets);
      int to = 1 + (int) ((long) (b + 1) * interior / buckets); // exclusive
      if (from >= to) {
        continue;
      }
      int lo = from;
      int hi = from;
      for (int i = from + 1; i < to; i++) {
        if (depths[i] < depths[lo]) {
          lo = i;
        }
        if (depths[i] > depths[hi]) {
          hi = i;
        }
      }
      int first = Math.min(lo, hi);
      int second = Math.max(lo, hi);
      t[out] = times[first];
      d[out++] = depths[first];
      if (second != first) {
        t[out] = times[second];
        d[out++] = depths[second];
      }
    }
    t[out] = times[n - 1];
    d[out++] = depths[n - 1];
    return new long[][] {micros(Arrays.copyOf(t, out)), Arrays.copyOf(d, out)};
  }

  private static long[] micros(long[] nanos) {
    long[] rounded = new long[nanos.length];
    for (int i = 0; i < nanos.length; i++) {
      rounded[i] = Math.floorDiv(nanos[i], 1000) * 1000;
    }
    return rounded;
  }
}
