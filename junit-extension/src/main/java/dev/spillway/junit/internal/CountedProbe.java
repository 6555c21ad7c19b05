package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.probe.QueueProbe;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.apiguardian.api.API;

/**
 * A probe that counts how often the recorder read it, so that a run can wait for one more sample
 * before it stops the recorder: the recorder takes no last sample when it stops, and without it a
 * queue that drained just after the previous sample would read as never drained. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class CountedProbe implements QueueProbe {

  private final QueueProbe probe;
  private final AtomicLong reads = new AtomicLong();

  /** Counts the reads of {@code probe}. */
  public CountedProbe(QueueProbe probe) {
    this.probe = probe;
  }

  @Override
  public String name() {
    return probe.name();
  }

  @Override
  public long depth() {
    long depth = probe.depth();
    reads.incrementAndGet();
    return depth;
  }

  /** How many times the probe was read successfully. */
  public long reads() {
    return reads.get();
  }

  /**
   * Waits until every read count of {@code reads} has risen by two above its value in {@code
   * before} (one per count, in order) — the first read may have begun before — so that the trace
   * holds a sample of every probe taken after {@code before} was read; at most {@code timeoutNanos}
   * in all. Returns at once, with the interrupt flag kept, when interrupted.
   */
  public static void awaitNextRead(List<LongSupplier> reads, long[] before, long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    for (int i = 0; i < reads.size(); i++) {
      while (reads.get(i).getAsLong() < before[i] + 2 && deadline - System.nanoTime() > 0) {
        LockSupport.parkNanos(100_000);
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    }
  }

  @Override
  public String toString() {
    return probe.toString();
  }
}
