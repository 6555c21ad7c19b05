package dev.spillway.samples.survival;

import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.record.QueueTrace;
import java.time.Duration;
import java.util.Locale;

/**
 * λ and μ counted by a ledger over its <em>whole</em> rate buckets inside a window of a trace, and
 * the window those buckets span, so that a queue's growth can be measured over exactly the same
 * span as the rates it is compared with.
 *
 * <p>Why not {@code Evidence.withRatesFrom} or {@code MessageLedger.ratesBetween}: they pro-rate a
 * bucket that is only partly inside the window as if its messages were spread evenly over it. Over
 * a window of a second or two, the 100 ms buckets at its ends weigh enough for that to bias λ − μ
 * (the bucket where a spike starts holds messages of two rates). Whole buckets have no such bias,
 * and {@link #growthOf} fits the depth over the very span they cover.
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
    long lo = trace.startNanos() + from.toNanos();
    long hi = trace.startNanos() + to.toNanos();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long sent = 0;
    long completed = 0;
    for (RateBucket bucket : ledger.rateSeries()) {
      long start = bucket.startNanos();
      long end = start + bucket.length().toNanos();
      if (start - lo >= 0 && hi - end >= 0) {
        first = Math.min(first, start);
        last = Math.max(last, end);
        sent += bucket.sent();
        completed += bucket.completed();
      }
    }
    if (first == Long.MAX_VALUE) {
      throw new IllegalStateException(
          "no whole rate bucket of ledger '" + ledger.name() + "' between " + from + " and " + to);
    }
    return new RateWindow(trace.offsetOf(first), trace.offsetOf(last), sent, completed);
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
