package dev.spillway.toolkit.record;

import dev.spillway.toolkit.internal.Preconditions;
import dev.spillway.toolkit.probe.QueueProbe;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link BlockingQueue} that knows its exact depth and high-water mark at every enqueue, and
 * tells {@link DepthListener}s (an event-driven sentinel) of every change, on the thread that made
 * it.
 *
 * <p><b>Depth</b> is the number of messages admitted and not yet taken. A message is counted when
 * its slot is reserved, just before it is linked in, and uncounted just after it is taken, so the
 * depth is never below the number of messages really in the queue and, for a bounded queue, never
 * above its capacity. The <b>high-water mark</b> is the largest depth ever reached: it is computed
 * from the same atomic step that admits each message, so it is exact, not sampled, even under
 * concurrent producers.
 *
 * <p>A bounded queue's {@link #offer(Object)} fails at once when full (the bounded mailbox); {@link
 * #put(Object)} waits for space.
 *
 * <p>Thread-safety: all methods are thread-safe, for any number of producers and consumers.
 *
 * @param <E> the type of the messages
 */
public final class InstrumentedQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {

  private static final DepthListener[] NO_LISTENERS = {};

  private final String name;
  private final int capacity;
  private final LinkedBlockingQueue<E> items = new LinkedBlockingQueue<>();
  private final AtomicInteger depth = new AtomicInteger();
  private final AtomicLong highWaterMark = new AtomicLong();
  private final AtomicInteger spaceWaiters = new AtomicInteger();
  private final Object spaceMonitor = new Object();
  private volatile DepthListener[] listeners = NO_LISTENERS;

  private InstrumentedQueue(String name, int capacity) {
    this.name = Preconditions.notBlank(name, "queue name");
    this.capacity = Preconditions.positive(capacity, "queue capacity");
  }

  /** An unbounded queue named {@code name}. */
  public static <E> InstrumentedQueue<E> unbounded(String name) {
    return new InstrumentedQueue<>(name, Integer.MAX_VALUE);
  }

  /** A queue named {@code name} that holds at most {@code capacity} (&gt;= 1) messages. */
  public static <E> InstrumentedQueue<E> bounded(String name, int capacity) {
    return new InstrumentedQueue<>(name, capacity);
  }

  /** The queue's name, as its probe reports it. */
  public String name() {
    return name;
  }

  /** The capacity, or {@link Integer#MAX_VALUE} when unbounded. */
  public int capacity() {
    return capacity;
  }

  /** Whether the queue has a capacity below {@link Integer#MAX_VALUE}. */
  public boolean isBounded() {
    return capacity != Integer.MAX_VALUE;
  }

  /** The exact largest depth reached since creation or the last {@link #resetHighWaterMark()}. */
  public long highWaterMark() {
    return highWaterMark.get();
  }

  /** Starts a new high-water mark from the current depth. */
  public void resetHighWaterMark() {
    highWaterMark.set(depth.get());
  }

  /** A probe named after this queue that reads its depth (O(1)). */
  public QueueProbe probe() {
    return QueueProbe.of(name, depth::get);
  }

  /**
   * Adds a listener told of every depth change from now on; closing the returned handle removes it.
   * Listeners run on producer and consumer threads and must not block.
   */
  public AutoCloseable addDepthListener(DepthListener listener) {
    Preconditions.notNull(listener, "depth listener");
    synchronized (spaceMonitor) {
      DepthListener[] now = listeners;
      DepthListener[] next = Arrays.copyOf(now, now.length + 1);
      next[now.length] = listener;
      listeners = next;
    }
    return () -> removeDepthListener(listener);
  }

  private void removeDepthListener(DepthListener listener) {
    synchronized (spaceMonitor) {
      DepthListener[] now = listeners;
      for (int i = 0; i < now.length; i++) {
        if (now[i] == listener) {
          DepthListener[] next = new DepthListener[now.length - 1];
          System.arraycopy(now, 0, next, 0, i);
          System.arraycopy(now, i + 1, next, i, now.length - i - 1);
          listeners = next;
          return;
        }
      }
    }
  }

  @Override
  public boolean offer(E e) {
    Preconditions.notNull(e, "message");
    int reserved = reserveSlot();
    if (reserved < 0) {
      return false;
    }
    items.offer(e);
    afterEnqueue(reserved);
    return true;
  }

  @Override
  public void put(E e) throws InterruptedException {
    if (!offer(e, Long.MAX_VALUE, TimeUnit.NANOSECONDS)) {
      throw new AssertionError("an unlimited wait for space ended without space");
    }
  }

  @Override
  public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
    if (offer(e)) {
      return true;
    }
    long deadline = System.nanoTime() + Math.min(unit.toNanos(timeout), Long.MAX_VALUE / 2);
    synchronized (spaceMonitor) {
      spaceWaiters.incrementAndGet();
      try {
        while (!offer(e)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(spaceMonitor, left);
        }
        return true;
      } finally {
        spaceWaiters.decrementAndGet();
      }
    }
  }

  @Override
  public E poll() {
    E e = items.poll();
    if (e != null) {
      afterDequeue(1);
    }
    return e;
  }

  @Override
  public E take() throws InterruptedException {
    E e = items.take();
    afterDequeue(1);
    return e;
  }

  @Override
  public E poll(long timeout, TimeUnit unit) throws InterruptedException {
    E e = items.poll(timeout, unit);
    if (e != null) {
      afterDequeue(1);
    }
    return e;
  }

  @Override
  public E peek() {
    return items.peek();
  }

  @Override
  public int drainTo(Collection<? super E> c) {
    return drainTo(c, Integer.MAX_VALUE);
  }

  @Override
  public int drainTo(Collection<? super E> c, int maxElements) {
    int n = items.drainTo(c, maxElements);
    if (n > 0) {
      afterDequeue(n);
    }
    return n;
  }

  @Override
  public boolean remove(Object o) {
    if (items.remove(o)) {
      afterDequeue(1);
      return true;
    }
    return false;
  }

  @Override
  public void clear() {
    drainTo(new ArrayList<>());
  }

  /** The depth: messages admitted and not yet taken. */
  @Override
  public int size() {
    return depth.get();
  }

  @Override
  public int remainingCapacity() {
    return isBounded() ? capacity - depth.get() : Integer.MAX_VALUE;
  }

  @Override
  public Iterator<E> iterator() {
    Iterator<E> it = items.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public E next() {
        return it.next();
      }

      @Override
      public void remove() {
        it.remove();
        afterDequeue(1);
      }
    };
  }

  @Override
  public String toString() {
    return "InstrumentedQueue[name="
        + name
        + ", capacity="
        + (isBounded() ? capacity : "unbounded")
        + ", depth="
        + depth.get()
        + ", highWaterMark="
        + highWaterMark.get()
        + "]";
  }

  /** Reserves a slot; returns the depth including it, or -1 when the queue is full. */
  private int reserveSlot() {
    if (!isBounded()) {
      return depth.incrementAndGet();
    }
    while (true) {
      int d = depth.get();
      if (d >= capacity) {
        return -1;
      }
      if (depth.compareAndSet(d, d + 1)) {
        return d + 1;
      }
    }
  }

  private void afterEnqueue(int newDepth) {
    if (newDepth > highWaterMark.get()) {
      highWaterMark.accumulateAndGet(newDepth, Math::max);
    }
    for (DepthListener l : listeners) {
      l.afterEnqueue(newDepth);
    }
  }

  private void afterDequeue(int count) {
    int newDepth = depth.addAndGet(-count);
    if (isBounded() && spaceWaiters.get() > 0) {
      synchronized (spaceMonitor) {
        spaceMonitor.notifyAll();
      }
    }
    for (DepthListener l : listeners) {
      l.afterDequeue(newDepth, count);
    }
  }
}
