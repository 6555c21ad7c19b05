package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.ObservableQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import org.apiguardian.api.API;

/**
 * The recorder's probe of an instrumented queue: each read returns the largest depth the queue
 * reached since the previous read (its depth now, if nothing was enqueued meanwhile), so that the
 * sampled trace — and the verdict computed from it — holds every peak, even one between two
 * samples. Also keeps the exact high-water mark of the run. Fed by {@link #seen(long)} from a depth
 * listener at every enqueue. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class PeakProbe implements QueueProbe {

  private final ObservableQueue<?> queue;
  private final AtomicLong sinceRead;
  private final LongAccumulator highWaterMark;
  private final AtomicLong reads = new AtomicLong();

  /** A probe of {@code queue}, starting from its depth now. */
  public PeakProbe(ObservableQueue<?> queue) {
    this.queue = queue;
    long now = queue.size();
    this.sinceRead = new AtomicLong(now);
    this.highWaterMark = new LongAccumulator(Math::max, now);
  }

  /** Notes a depth the queue reached (at an enqueue). */
  public void seen(long depth) {
    highWaterMark.accumulate(depth);
    sinceRead.accumulateAndGet(depth, Math::max);
  }

  /** The largest depth noted since this probe was made. */
  public long highWaterMark() {
    return highWaterMark.get();
  }

  @Override
  public String name() {
    return queue.name();
  }

  /** The largest depth since the previous read, or now. */
  @Override
  public long depth() {
    long now = queue.size();
    long peak = Math.max(now, sinceRead.getAndSet(now));
    reads.incrementAndGet();
    return peak;
  }

  /** How many times the probe was read (see {@link CountedProbe#awaitNextRead}). */
  public long reads() {
    return reads.get();
  }

  @Override
  public String toString() {
    return "PeakProbe[queue=" + queue.name() + "]";
  }
}
