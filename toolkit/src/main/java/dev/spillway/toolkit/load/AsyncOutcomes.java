package dev.spillway.toolkit.load;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Outcomes of asynchronous sends, recorded by whatever thread completes a stage: all methods are
 * thread-safe (a multi-writer {@link Recorder} and {@link LongAdder}s).
 */
final class AsyncOutcomes {

  private final Recorder latency = new Recorder(3);
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder failed = new LongAdder();

  /** A send finished {@code latencyNanos} after it was due. */
  void finished(Outcome outcome, long latencyNanos) {
    latency.recordValue(Math.max(0, latencyNanos));
    switch (outcome.kind()) {
      case ACCEPTED -> accepted.increment();
      case REJECTED -> rejected.increment();
      case FAILED -> failed.increment();
    }
  }

  long accepted() {
    return accepted.sum();
  }

  long rejected() {
    return rejected.sum();
  }

  long failed() {
    return failed.sum();
  }

  long finishedCount() {
    return accepted.sum() + rejected.sum() + failed.sum();
  }

  Histogram takeLatency() {
    return latency.getIntervalHistogram();
  }
}
