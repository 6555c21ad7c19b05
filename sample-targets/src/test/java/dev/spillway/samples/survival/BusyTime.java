package dev.spillway.samples.survival;

import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A downstream that counts, apart from any design's books, how long its consumers spent handling
 * events: the busy share of a pool, from the first event's start to the last one's end.
 */
final class BusyTime implements Downstream {

  private final Downstream inner;
  private final LongAdder busyNanos = new LongAdder();
  private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);

  BusyTime(Downstream inner) {
    this.inner = inner;
  }

  @Override
  public void handle(Event event) throws Exception {
    long start = System.nanoTime();
    firstStart.accumulateAndGet(start, Math::min);
    try {
      inner.handle(event);
    } finally {
      long end = System.nanoTime();
      busyNanos.add(end - start);
      lastEnd.accumulateAndGet(end, Math::max);
    }
  }

  /** The share of {@code consumers}' time spent handling, between the first start and last end. */
  double share(int consumers) {
    long span = lastEnd.get() - firstStart.get();
    return span <= 0 ? 0 : busyNanos.sum() / ((double) consumers * span);
  }

  /** The time spent handling, over all consumers, in seconds. */
  double busySeconds() {
    return busyNanos.sum() / 1e9;
  }
}
