package dev.spillway.junit.realtargets;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The slow appender behind an async appender, whichever the logging library: 5 ms per event (about
 * 200 events/s), counting for the test, apart from Spillway, every event it received and how long
 * each took. The end-of-run marker is not counted: it only says that everything appended before it
 * has been delivered or discarded (the worker delivers in order). Thread-safe.
 */
final class SlowDownstream {

  /** The message of the end-of-run marker event. */
  static final String MARKER = "end of run";

  private final LongAdder received = new LongAdder();
  private final LongAdder nanos = new LongAdder();
  private final AtomicLong minNanos = new AtomicLong(Long.MAX_VALUE);
  private final CountDownLatch marker = new CountDownLatch(1);

  /** Receives one event whose message is {@code message}, on the appender's worker thread. */
  void receive(String message) {
    if (MARKER.equals(message)) {
      marker.countDown();
      return;
    }
    long start = System.nanoTime();
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the appender is being stopped: let it see that
    }
    long took = System.nanoTime() - start;
    nanos.add(took);
    minNanos.accumulateAndGet(took, Math::min);
    received.increment();
  }

  /** Waits until the marker has arrived. */
  void awaitMarker() throws InterruptedException {
    if (!marker.await(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the end-of-run marker did not arrive within 2 minutes");
    }
  }

  long received() {
    return received.sum();
  }

  /**
   * What the test counted: {@code handed} by its sender (the longest send taking {@code
   * longestSendNanos}), received here; the rest vanished.
   */
  Truth truth(long handed, long longestSendNanos) {
    long n = received.sum();
    return new Truth(
        handed,
        0,
        n,
        0,
        0,
        n == 0 ? 0 : nanos.sum() / (double) n / 1e9,
        n == 0 ? 0 : minNanos.get() / 1e9,
        0,
        longestSendNanos / 1e9);
  }
}
