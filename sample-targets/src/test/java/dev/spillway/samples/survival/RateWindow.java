package dev.spillway.samples.survival;

import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.record.QueueTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * λ and μ counted by a ledger over its <em>whole</em> rate buckets inside a window of a trace, and
 * the window those buckets span, so that a queue's growth can be measured over exactly the same
 * span as the rates it is compared with.
 *
 * <p>The ledger answers the whole buckets ({@link MessageLedger#wholeBuckets}); this adds their
 * span as offsets in the trace, so that {@link #growthOf} fits the depth over the very span they
 * cover, and the figures the survival tests compare. Whole buckets, not {@code
 * MessageLedger.ratesBetween}, which pro-rates a bucket only partly inside the window as if its
 * messages were spread evenly over it: over a window of a second or two the 100 ms buckets at its
 * ends weigh enough to bias λ − μ (the bucket where a spike starts holds messages of two rates).
 *
 * @param from the start of the first whole bucket, from the trace's start
 * @param to the end of the last whole bucket, from the trace's start
 * @param sent messages sent in those buckets
 * @param completed messages completed (processed or failed) in those buckets
 */
record RateWindow(Duration from, Duration to, long sent, long completed) {

  /**
   * The whole buckets of {@code ledger} (on the trace's clock, {@link System#nanoTime()}) that lie
   * inside [{@code from}, {@code to}], offsets in {@code trace}.
   *
   * @throws IllegalStateException when no whole bucket lies inside
   */
  static RateWindow within(MessageLedger ledger, QueueTrace trace, Duration from, Duration to) {
    RateBucket whole =
        ledger
            .wholeBuckets(trace.startNanos() + from.toNanos(), trace.startNanos() + to.toNanos())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no whole rate bucket of ledger '"
                            + ledger.name()
                            + "' between "
                            + from
                            + " and "
                            + to));
    Duration start = trace.offsetOf(whole.startNanos());
    return new RateWindow(start, start.plus(whole.length()), whole.sent(), whole.completed());
  }

  double seconds() {
    return to.minus(from).toNanos() / 1e9;
  }

  /** λ, messages sent per second. */
  double arrivalPerSecond() {
    return sent / seconds();
  }

  /** μ, messages completed per second (the consumers' capacity while they have a backlog). */
  double servicePerSecond() {
    return completed / seconds();
  }

  /** λ − μ: how fast a queue between them must grow. */
  double excessPerSecond() {
    return arrivalPerSecond() - servicePerSecond();
  }

  /**
   * What the books say the design holds over this window — messages sent minus those completed
   * since its start — at its start and at the end of each of its whole buckets, on {@code trace}'s
   * clock. The window's completions are added to every point so that none is negative; a slope is
   * all it is read for.
   */
  DepthSeries inDesign(MessageLedger ledger, QueueTrace trace) {
    long from = trace.startNanos() + this.from.toNanos();
    long to = trace.startNanos() + this.to.toNanos();
    List<Long> times = new ArrayList<>(List.of(from - trace.startNanos()));
    List<Long> held = new ArrayList<>(List.of(completed));
    long net = completed;
    for (RateBucket bucket : ledger.rateSeries()) {
      long end = bucket.startNanos() + bucket.length().toNanos();
      if (bucket.startNanos() - from >= 0 && to - end >= 0) {
        net += bucket.sent() - bucket.completed();
        times.add(end - trace.startNanos());
        held.add(net);
      }
    }
    return DepthSeries.of(
        "books",
        times.stream().mapToLong(Long::longValue).toArray(),
        held.stream().mapToLong(Long::longValue).toArray());
  }

  /** {@code series} read at {@code instants}' times: at each, its last point at or before it. */
  static DepthSeries readAt(DepthSeries series, DepthSeries instants) {
    long[] times = instants.timesNanos();
    long[] depths = new long[times.length];
    for (int i = 0; i < times.length; i++) {
      depths[i] = series.depthAt(Duration.ofNanos(times[i])).orElse(0);
    }
    return DepthSeries.of(series.probe(), times, depths);
  }

  /** The least-squares growth of {@code series} over exactly this window. */
  Growth growthOf(DepthSeries series) {
    return series.growth(from, to);
  }

  /** The figures, for assertion messages. */
  String describe() {
    return String.format(
        Locale.ROOT,
        "over %s..%s (%.2f s of whole buckets): λ = %.1f/s (%d sent), μ = %.1f/s (%d completed),"
            + " λ − μ = %.1f/s",
        from,
        to,
        seconds(),
        arrivalPerSecond(),
        sent,
        servicePerSecond(),
        completed,
        excessPerSecond());
  }
}
