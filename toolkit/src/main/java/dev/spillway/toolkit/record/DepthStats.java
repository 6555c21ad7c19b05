package dev.spillway.toolkit.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Summary figures of one probe's depth over a trace.
 *
 * @param probe the probe's name
 * @param points how many points the series holds (after any downsampling)
 * @param samples how many successful samples the points summarise (&gt;= points)
 * @param failedSamples how many samples failed because the probe threw
 * @param highWaterMark the largest sampled depth; 0 when there are no samples. Sampled, so a peak
 *     between two samples is missed; for the exact peak of an {@link InstrumentedQueue} use its
 *     {@link InstrumentedQueue#highWaterMark()}
 * @param highWaterMarkAt when the high-water mark was first sampled, as an offset from the trace's
 *     start; {@link Duration#ZERO} when there are no samples
 * @param finalDepth the last sampled depth; 0 when there are no samples
 * @param meanDepth the time-weighted mean depth from the first to the last point (the depth is
 *     taken to hold from one point to the next); after downsampling each point is the maximum of
 *     the samples it summarises, so the mean is then an upper estimate
 * @param span the time from the first to the last point
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DepthStats(
    String probe,
    int points,
    long samples,
    long failedSamples,
    long highWaterMark,
    Duration highWaterMarkAt,
    long finalDepth,
    double meanDepth,
    Duration span) {

  /** Validates the components. */
  public DepthStats {
    Preconditions.notBlank(probe, "probe name");
    Preconditions.check(points >= 0, "points", ">= 0", points);
    Preconditions.check(samples >= points, "samples", ">= points (" + points + ")", samples);
    Preconditions.notNegative(failedSamples, "failed samples");
    Preconditions.notNegative(highWaterMark, "high-water mark");
    Preconditions.notNull(highWaterMarkAt, "high-water mark time");
    Preconditions.notNegative(finalDepth, "final depth");
    Preconditions.check(
        finalDepth <= highWaterMark,
        "final depth",
        "<= high-water mark " + highWaterMark,
        finalDepth);
    Preconditions.notNegative(meanDepth, "mean depth");
    Preconditions.notNegative(span, "span");
  }
}
