package dev.spillway.junit;

import dev.spillway.toolkit.probe.QueueProbe;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A probe of a collection's size that reads well for its first {@code healthyReads} reads, then
 * fails in one {@link Fault} way for {@code faultyReads} reads (or for good), then reads well
 * again. Thread-safe.
 */
final class FaultyProbe implements QueueProbe {

  /** How the probe fails once its healthy reads are used up. */
  enum Fault {
    /** Every read throws an {@link IllegalStateException}. */
    THROWS,
    /** Every third read throws an {@link IllegalStateException}; the others read well. */
    THROWS_EVERY_THIRD,
    /** Every read returns -1. */
    NEGATIVE,
    /** The read blocks until it is interrupted (then throws). */
    BLOCKS,
    /** The read spins, ignoring interrupts, until {@link #release()}. */
    IGNORES_INTERRUPTS
  }

  private final String name;
  private final Collection<?> queue;
  private final Fault fault;
  private final int healthyReads;
  private final int faultyReads;
  private final AtomicInteger reads = new AtomicInteger();
  private volatile boolean released;

  /** Fails for good after {@code healthyReads}. */
  FaultyProbe(String name, Collection<?> queue, Fault fault, int healthyReads) {
    this(name, queue, fault, healthyReads, Integer.MAX_VALUE);
  }

  FaultyProbe(String name, Collection<?> queue, Fault fault, int healthyReads, int faultyReads) {
    this.name = name;
    this.queue = queue;
    this.fault = fault;
    this.healthyReads = healthyReads;
    this.faultyReads = faultyReads;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long depth() {
    int n = reads.incrementAndGet();
    if (n <= healthyReads || n - healthyReads > faultyReads) {
      return queue.size();
    }
    switch (fault) {
      case THROWS:
        throw new IllegalStateException("broker connection lost");
      case THROWS_EVERY_THIRD:
        if (n % 3 == 0) {
          throw new IllegalStateException("broker connection lost");
        }
        return queue.size();
      case NEGATIVE:
        return -1;
      case BLOCKS:
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while blocked");
        }
        throw new AssertionError("unreachable");
      case IGNORES_INTERRUPTS:
        while (!released) {
          LockSupport.parkNanos(1_000_000);
        }
        return queue.size();
      default:
        throw new AssertionError(fault);
    }
  }

  /** How many reads began. */
  int reads() {
    return reads.get();
  }

  /** Lets a read stuck in {@link Fault#IGNORES_INTERRUPTS} go. */
  void release() {
    released = true;
  }

  @Override
  public String toString() {
    return "FaultyProbe[" + name + ", " + fault + " after " + healthyReads + " reads]";
  }
}
