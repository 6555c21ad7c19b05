package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * One probe's depth over a run, downsampled for a report, with the figures of the full series.
 *
 * <p>The points are at most a few thousand (see {@link RunResultBuilder#maxPointsPerProbe(int)}):
 * each bucket of neighbouring samples keeps its lowest and its highest point, so that the
 * high-water mark and every drain stay on the chart; the first and the last points are always kept.
 * The figures ({@link #highWaterMark()}, {@link #meanDepth()}...) are those of the full series, not
 * of the points.
 *
 * <p>Immutable: the arrays are copied in and out.
 *
 * @param probe the probe's name; not blank
 * @param timesNanos each point's time, in nanoseconds from the start of the recording; &gt;= 0 and
 *     non-decreasing
 * @param depths each point's depth; &gt;= 0, as many as times
 * @param samples how many successful samples the full series held; &gt;= the number of points
 * @param failedSamples how many samples failed because the probe threw; &gt;= 0
 * @param highWaterMark the largest sampled depth; &gt;= every point's depth
 * @param highWaterMarkAt when it was first sampled, from the start of the recording; &gt;= 0
 * @param exactHighWaterMark the exact high-water mark, when the queue kept one (an {@link
 *     dev.spillway.toolkit.record.InstrumentedQueue}); &gt;= 0
 * @param finalDepth the last sampled depth; &gt;= 0
 * @param meanDepth the time-weighted mean depth; finite and &gt;= 0
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ProbeTrace(
    String probe,
    long[] timesNanos,
    long[] depths,
    long samples,
    long failedSamples,
    long highWaterMark,
    Duration highWaterMarkAt,
    OptionalLong exactHighWaterMark,
    long finalDepth,
    double meanDepth) {

  /** Validates the components and copies the arrays. */
  public ProbeTrace {
    Preconditions.notBlank(probe, "probe name");
    Preconditions.notNull(timesNanos, "point times");
    Preconditions.notNull(depths, "point depths");
    Preconditions.check(
        timesNanos.length == depths.length,
        "point depths length",
        "the point times length " + timesNanos.length,
        depths.length);
    timesNanos = timesNanos.clone();
    depths = depths.clone();
    for (int i = 0; i < timesNanos.length; i++) {
      Preconditions.check(depths[i] >= 0, "depths[" + i + "]", ">= 0", depths[i]);
      Preconditions.check(
          depths[i] <= highWaterMark,
          "depths[" + i + "]",
          "<= the high-water mark " + highWaterMark,
          depths[i]);
      if (i == 0) {
        Preconditions.check(timesNanos[0] >= 0, "times[0]", ">= 0", timesNanos[0]);
      } else {
        Preconditions.check(
            timesNanos[i] >= timesNanos[i - 1],
            "times[" + i + "]",
            ">= times[" + (i - 1) + "] " + timesNanos[i - 1],
            timesNanos[i]);
      }
    }
    Preconditions.check(
        samples >= timesNanos.length, "samples", ">= the points " + timesNanos.length, samples);
    Preconditions.notNegative(failedSamples, "failed samples");
    Preconditions.notNegative(highWaterMark, "high-water mark");
    Preconditions.notNegative(highWaterMarkAt, "high-water mark time");
    Preconditions.notNull(exactHighWaterMark, "exact high-water mark");
    if (exactHighWaterMark.isPresent()) {
      Preconditions.notNegative(exactHighWaterMark.getAsLong(), "exact high-water mark");
    }
    Preconditions.notNegative(finalDepth, "final depth");
    Preconditions.notNegative(meanDepth, "mean depth");
  }

  /** A copy of the points' times, in nanoseconds from the start of the recording. */
  @Override
  public long[] timesNanos() {
    return timesNanos.clone();
  }

  /** A copy of the points' depths. */
  @Override
  public long[] depths() {
    return depths.clone();
  }

  /** How many points the trace holds. */
  public int size() {
    return timesNanos.length;
  }

  /** The time of point {@code i}, in nanoseconds from the start of the recording. */
  public long timeNanos(int i) {
    return timesNanos[i];
  }

  /** The depth of point {@code i}. */
  public long depth(int i) {
    return depths[i];
  }

  /** The exact high-water mark when known, else the sampled one. */
  public long bestHighWaterMark() {
    return exactHighWaterMark.orElse(highWaterMark);
  }

  /** Traces are equal when every component and every point is equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ProbeTrace t
        && probe.equals(t.probe)
        && Arrays.equals(timesNanos, t.timesNanos)
        && Arrays.equals(depths, t.depths)
        && samples == t.samples
        && failedSamples == t.failedSamples
        && highWaterMark == t.highWaterMark
        && highWaterMarkAt.equals(t.highWaterMarkAt)
        && exactHighWaterMark.equals(t.exactHighWaterMark)
        && finalDepth == t.finalDepth
        && Double.compare(meanDepth, t.meanDepth) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        probe,
        Arrays.hashCode(timesNanos),
        Arrays.hashCode(depths),
        samples,
        highWaterMark,
        finalDepth);
  }

  /** Every component, with the number of points in place of the arrays. */
  @Override
  public String toString() {
    return "ProbeTrace[probe="
        + probe
        + ", points="
        + timesNanos.length
        + ", samples="
        + samples
        + ", failedSamples="
        + failedSamples
        + ", highWaterMark="
        + highWaterMark
        + ", highWaterMarkAt="
        + highWaterMarkAt
        + ", exactHighWaterMark="
        + exactHighWaterMark
        + ", finalDepth="
        + finalDepth
        + ", meanDepth="
        + meanDepth
        + "]";
  }
}
