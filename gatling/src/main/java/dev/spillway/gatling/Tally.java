package dev.spillway.gatling;

import dev.spillway.toolkit.load.Percentiles;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the virtual users sending to one queue were answered: requests started, answers by {@link
 * HttpOutcome}, and their response times. A request started and never answered failed (a timeout, a
 * refused connection); that count is exact once every user has finished.
 *
 * <p>Thread-safety: all methods thread-safe.
 */
final class Tally {

  private final LongAdder started = new LongAdder();
  private final AtomicLong firstNanos = new AtomicLong();
  private final AtomicLong lastNanos = new AtomicLong();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder failedAnswers = new LongAdder();
  private final ConcurrentHistogram responseNanos =
      new ConcurrentHistogram(Percentiles.SIGNIFICANT_DIGITS);

  void started() {
    long now = System.nanoTime();
    if (firstNanos.get() == 0) {
      firstNanos.compareAndSet(0, now);
    }
    lastNanos.accumulateAndGet(now, Math::max);
    started.increment();
  }

  /** When the first request started ({@link System#nanoTime()}); 0 when none did. */
  long firstNanos() {
    return firstNanos.get();
  }

  /** When the last request so far started ({@link System#nanoTime()}); 0 when none did. */
  long lastNanos() {
    return lastNanos.get();
  }

  /** An answer with {@code status} that took {@code millis}. */
  void answered(int status, long millis) {
    switch (HttpOutcome.of(OptionalInt.of(status))) {
      case ACCEPTED -> accepted.increment();
      case REJECTED -> rejected.increment();
      case FAILED -> failedAnswers.increment();
    }
    responseNanos.recordValue(Math.max(0, millis) * 1_000_000L);
  }

  /** The outcomes so far; requests started and not answered count as failed. */
  ClientOutcomes outcomes() {
    long a = accepted.sum();
    long r = rejected.sum();
    long f = failedAnswers.sum();
    long unanswered = Math.max(0, started.sum() - a - r - f);
    return new ClientOutcomes(a, r, f + unanswered);
  }

  /** Requests started and not answered yet (a request that never gets an answer stays here). */
  long unanswered() {
    return started.sum() - accepted.sum() - rejected.sum() - failedAnswers.sum();
  }

  boolean isEmpty() {
    return started.sum() == 0;
  }

  /** The response times' percentiles, if any answer came. */
  Optional<Percentiles> latency() {
    return latency(responseNanos);
  }

  /** A copy of the response times, in nanoseconds. */
  Histogram responseNanos() {
    return responseNanos.copy();
  }

  /** The percentiles of {@code histogram}, if it holds any value. */
  static Optional<Percentiles> latency(Histogram histogram) {
    return histogram.getTotalCount() == 0
        ? Optional.empty()
        : Optional.of(Percentiles.of(histogram));
  }
}
