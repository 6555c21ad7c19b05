package dev.spillway.gatling;

import dev.spillway.toolkit.load.Percentiles;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * What the virtual users sending to one queue were answered: requests started, answers by {@link
 * HttpOutcome}, and their response times. A request started and never answered failed (a timeout, a
 * refused connection); that count is exact once every user has finished.
 *
 * <p>Thread-safety: all methods thread-safe.
 */
final class Tally {

  private final LongAdder started = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder failedAnswers = new LongAdder();
  private final ConcurrentHistogram responseNanos =
      new ConcurrentHistogram(Percentiles.SIGNIFICANT_DIGITS);

  void started() {
    started.increment();
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

  boolean isEmpty() {
    return started.sum() == 0;
  }

  /** The response times' percentiles, if any answer came. */
  Optional<Percentiles> latency() {
    return responseNanos.getTotalCount() == 0
        ? Optional.empty()
        : Optional.of(Percentiles.of(responseNanos.copy()));
  }
}
