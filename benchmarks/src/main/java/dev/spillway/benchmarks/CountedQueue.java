package dev.spillway.benchmarks;

import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A prototype (benchmark-local, not toolkit API) of instrumenting a lock-free queue with
 * single-sided counters, JCTools style: producers own the enqueue count (one atomic increment), the
 * single consumer owns the dequeue count (a plain release store, no atomic instruction), depth =
 * enqueued - dequeued (read, not written, across sides; approximate under concurrency), and a
 * high-water mark raised by the producer from its own view of the depth. It shows what the
 * lock-free case costs when no counter is written by both sides.
 */
final class CountedQueue<E> extends AbstractQueue<E> {

  private final Queue<E> delegate;
  private final AtomicLong enqueued = new AtomicLong();
  private final AtomicLong dequeued = new AtomicLong(); // single consumer: plain release stores
  private final AtomicLong highWaterMark = new AtomicLong();

  CountedQueue(Queue<E> delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean offer(E e) {
    if (!delegate.offer(e)) {
      return false;
    }
    long depth = enqueued.incrementAndGet() - dequeued.get();
    if (depth > highWaterMark.getPlain()) {
      highWaterMark.accumulateAndGet(depth, Math::max);
    }
    return true;
  }

  @Override
  public E poll() {
    E e = delegate.poll();
    if (e != null) {
      dequeued.setRelease(dequeued.getPlain() + 1);
    }
    return e;
  }

  @Override
  public E peek() {
    return delegate.peek();
  }

  @Override
  public int size() {
    return (int) (enqueued.get() - dequeued.get());
  }

  long highWaterMark() {
    return highWaterMark.get();
  }

  @Override
  public Iterator<E> iterator() {
    return delegate.iterator();
  }
}
