package dev.spillway.toolkit.record;

import dev.spillway.toolkit.probe.QueueProbe;
import java.util.Arrays;

/**
 * One probe's samples in primitive arrays with a fixed upper bound: when the arrays are full, each
 * pair of neighbouring points is merged into the one with the larger depth and the stride (samples
 * per point) doubles. Not thread-safe: the recorder guards it with its lock.
 */
final class ProbeTrack {

  private static final int INITIAL_CAPACITY = 1024;
  private static final int MAX_STRIDE = 1 << 30;

  final QueueProbe probe;
  final String name;
  private final int maxPoints;

  private long[] times;
  private long[] depths;
  private int size;
  private int stride = 1;

  private int pendingCount;
  private long pendingTime;
  private long pendingDepth;

  private long samples;
  private long failed;
  private long failureStreak;
  private long finalTime;
  private long finalDepth;
  private String lastFailure;

  ProbeTrack(QueueProbe probe, int maxPoints) {
    this.probe = probe;
    this.name = probe.name();
    this.maxPoints = maxPoints;
    int initial = Math.min(maxPoints, INITIAL_CAPACITY);
    this.times = new long[initial];
    this.depths = new long[initial];
  }

  /**
   * Adds a successful sample at {@code time} (offset from the start).
   *
   * @return the length of the failure streak this sample ended (0 if none)
   */
  long add(long time, long depth) {
    samples++;
    finalTime = time;
    finalDepth = depth;
    if (pendingCount == 0 || depth > pendingDepth) {
      pendingDepth = depth;
      pendingTime = time;
    }
    pendingCount++;
    if (pendingCount >= stride) {
      append(pendingTime, pendingDepth);
      pendingCount = 0;
    }
    long streak = failureStreak;
    failureStreak = 0;
    return streak;
  }

  /**
   * Counts a failed sample.
   *
   * @return whether it starts a failure streak (the previous sample succeeded or there was none)
   */
  boolean fail(String message) {
    failed++;
    lastFailure = message;
    return failureStreak++ == 0;
  }

  int points() {
    return size + (pendingCount > 0 ? 1 : 0);
  }

  int stride() {
    return stride;
  }

  DepthSeries toSeries() {
    int n = points();
    long[] t = Arrays.copyOf(times, n);
    long[] d = Arrays.copyOf(depths, n);
    if (pendingCount > 0) {
      t[n - 1] = pendingTime;
      d[n - 1] = pendingDepth;
    }
    return new DepthSeries(
        name, t, d, stride, samples, failed, finalTime, samples == 0 ? 0 : finalDepth, lastFailure);
  }

  private void append(long time, long depth) {
    if (size == times.length) {
      int grown = Math.min(maxPoints, times.length * 2);
      times = Arrays.copyOf(times, grown);
      depths = Arrays.copyOf(depths, grown);
    }
    times[size] = time;
    depths[size] = depth;
    size++;
    if (size == maxPoints) {
      compact();
    }
  }

  /** Merges each pair of points into the one with the larger depth (the earlier on a tie). */
  private void compact() {
    int kept = 0;
    for (int i = 0; i < size; i += 2) {
      int pick = i;
      if (i + 1 < size && depths[i + 1] > depths[i]) {
        pick = i + 1;
      }
      times[kept] = times[pick];
      depths[kept] = depths[pick];
      kept++;
    }
    size = kept;
    stride = Math.min(MAX_STRIDE, stride * 2);
  }
}
