package dev.spillway.toolkit.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.probe.QueueProbes;
import dev.spillway.toolkit.util.Preconditions;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apiguardian.api.API;

/**
 * A {@link BlockingQueue} that knows its exact depth and high-water mark at every enqueue, and
 * tells {@link DepthListener}s (an event-driven sentinel) of every change, on the thread that made
 * it.
 *
 * <p><b>Depth</b> is the number of messages admitted and not yet taken; it is exactly the number of
 * messages in the queue, and for a bounded queue never above its capacity. The <b>high-water
 * mark</b> is the largest depth ever reached: it is updated in the same locked step that admits
 * each message, so it is exact, not sampled, even under concurrent producers. {@link #size()} and
 * the {@link #probe()} read the depth without locking (O(1)).
 *
 * <p>A bounded queue's {@link #offer(Object)} fails at once when full (the bounded mailbox); {@link
 * #put(Object)} waits for space. Null messages are rejected with an {@link
 * IllegalArgumentException}.
 *
 * <p><b>Listeners</b> are called after the change, outside the queue's lock, with the exact depth
 * right after that change. Calls made by different threads may reach a listener in a different
 * order than the changes happened (a consumer's {@code afterDequeue(4)} can arrive before a
 * producer's {@code afterEnqueue(5)} that happened first), so a listener that needs the current
 * depth should treat each value as "the depth was this at some instant", not as "the depth is this
 * now".
 *
 * <p>The {@link #iterator()} walks a snapshot taken when it was created; its {@code remove()}
 * removes that very message (by identity) if it is still queued. {@link #drainTo(Collection, int)}
 * takes the messages under the lock and adds them to the target outside it (no lock is held while
 * foreign code runs); if the target throws, the messages not yet added are gone, as {@link
 * BlockingQueue#drainTo} allows.
 *
 * <p>Memory: the messages live in an array that grows by doubling; when the queue empties after
 * holding more than {@value #SHRINK_ABOVE} messages, the array is released, so a drained flood does
 * not keep its memory.
 *
 * <p>Thread-safety: all methods are thread-safe, for any number of producers and consumers. For a
 * lock-free mailbox with one consumer, see {@link InstrumentedMpscQueue}.
 *
 * @param <E> the type of the messages
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class InstrumentedQueue<E> extends AbstractQueue<E>
    implements BlockingQueue<E>, ObservableQueue<E> {

  /** Above this peak, an emptied queue releases its array. */
  static final int SHRINK_ABOVE = 4096;

  private static final DepthListener[] NO_LISTENERS = {};

  // Depth and high-water mark are only written with the lock held, which already orders those
  // writes for the next lock holder; lock-free readers (size(), the probe) need only see them, not
  // a full fence after each. So they are written with release stores, not volatile ones: a
  // volatile store costs a full fence (a locked instruction on x86) on every offer and poll.
  private static final VarHandle DEPTH;
  private static final VarHandle HIGH_WATER_MARK;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      DEPTH = l.findVarHandle(InstrumentedQueue.class, "depth", int.class);
      HIGH_WATER_MARK = l.findVarHandle(InstrumentedQueue.class, "highWaterMark", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final Object listenersLock = new Object();

  private ArrayDeque<E> items = new ArrayDeque<>(); // guarded by lock
  private int peakSinceShrink; // guarded by lock
  private volatile int depth; // written under lock, with setDepth
  private volatile long highWaterMark; // written under lock, with setHighWaterMark
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
  @Override
  public String name() {
    return name;
  }

  /** The capacity, or {@link Integer#MAX_VALUE} when unbounded. */
  @Override
  public int capacity() {
    return capacity;
  }

  /** Whether the queue has a capacity below {@link Integer#MAX_VALUE}. */
  @Override
  public boolean isBounded() {
    return capacity != Integer.MAX_VALUE;
  }

  /** The exact largest depth reached since creation or the last {@link #resetHighWaterMark()}. */
  @Override
  public long highWaterMark() {
    return highWaterMark;
  }

  /** Starts a new high-water mark from the current depth. */
  @Override
  public void resetHighWaterMark() {
    lock.lock();
    try {
      setHighWaterMark(depth);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A probe named after this queue that reads its depth (O(1), no lock) and knows its capacity when
   * it is bounded.
   */
  @Override
  public QueueProbe probe() {
    QueueProbe depthProbe = QueueProbe.of(name, () -> depth);
    return isBounded()
        ? QueueProbes.withCapacity(depthProbe, capacity)
        : QueueProbes.unbounded(depthProbe);
  }

  /**
   * Adds a listener told of every depth change from now on; closing the returned handle removes it
   * (closing twice is harmless). Listeners run on producer and consumer threads and must not block.
   */
  @Override
  public AutoCloseable addDepthListener(DepthListener listener) {
    Preconditions.notNull(listener, "depth listener");
    synchronized (listenersLock) {
      DepthListener[] now = listeners;
      DepthListener[] next = Arrays.copyOf(now, now.length + 1);
      next[now.length] = listener;
      listeners = next;
    }
    return () -> removeDepthListener(listener);
  }

  private void removeDepthListener(DepthListener listener) {
    synchronized (listenersLock) {
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
    if (depth >= capacity) {
      return false; // full at this read: refuse without touching the lock (as LinkedBlockingQueue)
    }
    int newDepth;
    lock.lock();
    try {
      if (depth >= capacity) {
        return false;
      }
      newDepth = enqueue(e);
    } finally {
      lock.unlock();
    }
    notifyEnqueue(newDepth);
    return true;
  }

  @Override
  public void put(E e) throws InterruptedException {
    Preconditions.notNull(e, "message");
    int newDepth;
    lock.lockInterruptibly();
    try {
      while (depth >= capacity) {
        notFull.await();
      }
      newDepth = enqueue(e);
    } finally {
      lock.unlock();
    }
    notifyEnqueue(newDepth);
  }

  @Override
  public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
    Preconditions.notNull(e, "message");
    Preconditions.notNull(unit, "time unit");
    long nanos = unit.toNanos(timeout);
    int newDepth;
    lock.lockInterruptibly();
    try {
      while (depth >= capacity) {
        if (nanos <= 0) {
          return false;
        }
        nanos = notFull.awaitNanos(nanos);
      }
      newDepth = enqueue(e);
    } finally {
      lock.unlock();
    }
    notifyEnqueue(newDepth);
    return true;
  }

  @Override
  public E poll() {
    if (depth == 0) {
      return null; // empty at this read: a spinning consumer must not contend for the lock
    }
    E e;
    int newDepth;
    lock.lock();
    try {
      if (depth == 0) {
        return null;
      }
      e = items.pollFirst();
      newDepth = dequeued(1);
    } finally {
      lock.unlock();
    }
    notifyDequeue(newDepth, 1);
    return e;
  }

  @Override
  public E take() throws InterruptedException {
    E e;
    int newDepth;
    lock.lockInterruptibly();
    try {
      while (depth == 0) {
        notEmpty.await();
      }
      e = items.pollFirst();
      newDepth = dequeued(1);
    } finally {
      lock.unlock();
    }
    notifyDequeue(newDepth, 1);
    return e;
  }

  @Override
  public E poll(long timeout, TimeUnit unit) throws InterruptedException {
    Preconditions.notNull(unit, "time unit");
    long nanos = unit.toNanos(timeout);
    E e;
    int newDepth;
    lock.lockInterruptibly();
    try {
      while (depth == 0) {
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      e = items.pollFirst();
      newDepth = dequeued(1);
    } finally {
      lock.unlock();
    }
    notifyDequeue(newDepth, 1);
    return e;
  }

  @Override
  public E peek() {
    if (depth == 0) {
      return null;
    }
    lock.lock();
    try {
      return items.peekFirst();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int drainTo(Collection<? super E> c) {
    return drainTo(c, Integer.MAX_VALUE);
  }

  @Override
  public int drainTo(Collection<? super E> c, int maxElements) {
    Preconditions.notNull(c, "target collection");
    Preconditions.check(c != this, "target collection", "another collection", "this queue");
    if (maxElements <= 0) {
      return 0;
    }
    Object[] taken;
    int newDepth;
    lock.lock();
    try {
      int n = Math.min(maxElements, depth);
      if (n == 0) {
        return 0;
      }
      taken = new Object[n];
      for (int i = 0; i < n; i++) {
        taken[i] = items.pollFirst();
      }
      newDepth = dequeued(n);
    } finally {
      lock.unlock();
    }
    notifyDequeue(newDepth, taken.length);
    for (Object o : taken) {
      @SuppressWarnings("unchecked") // only E is ever stored
      E e = (E) o;
      c.add(e);
    }
    return taken.length;
  }

  @Override
  public boolean remove(Object o) {
    if (o == null) {
      return false;
    }
    int newDepth;
    lock.lock();
    try {
      if (!items.removeFirstOccurrence(o)) {
        return false;
      }
      newDepth = dequeued(1);
    } finally {
      lock.unlock();
    }
    notifyDequeue(newDepth, 1);
    return true;
  }

  @Override
  public boolean contains(Object o) {
    if (o == null) {
      return false;
    }
    lock.lock();
    try {
      return items.contains(o);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void clear() {
    int n;
    lock.lock();
    try {
      n = depth;
      if (n == 0) {
        return;
      }
      items.clear();
      dequeued(n);
    } finally {
      lock.unlock();
    }
    notifyDequeue(0, n);
  }

  /** The depth: messages admitted and not yet taken. */
  @Override
  public int size() {
    return depth;
  }

  @Override
  public boolean isEmpty() {
    return depth == 0;
  }

  @Override
  public int remainingCapacity() {
    return isBounded() ? capacity - depth : Integer.MAX_VALUE;
  }

  /**
   * An iterator over a snapshot of the messages queued now, oldest first. Its {@code remove()}
   * removes the last message returned if it is still queued (and does nothing if a consumer took it
   * meanwhile).
   */
  @Override
  public Iterator<E> iterator() {
    Object[] snapshot;
    lock.lock();
    try {
      snapshot = items.toArray();
    } finally {
      lock.unlock();
    }
    return new SnapshotIterator(snapshot);
  }

  @Override
  public String toString() {
    return "InstrumentedQueue[name="
        + name
        + ", capacity="
        + (isBounded() ? capacity : "unbounded")
        + ", depth="
        + depth
        + ", highWaterMark="
        + highWaterMark
        + "]";
  }

  /** Adds {@code e} and returns the new depth; call with the lock held and space checked. */
  private int enqueue(E e) {
    items.addLast(e);
    int d = depth + 1;
    setDepth(d);
    if (d > highWaterMark) {
      setHighWaterMark(d);
    }
    if (d > peakSinceShrink) {
      peakSinceShrink = d;
    }
    notEmpty.signal();
    return d;
  }

  /** Accounts for {@code n} messages removed; call with the lock held. Returns the new depth. */
  private int dequeued(int n) {
    int d = depth - n;
    setDepth(d);
    if (capacity != Integer.MAX_VALUE) {
      if (n == 1) {
        notFull.signal();
      } else {
        notFull.signalAll();
      }
    }
    if (d == 0 && peakSinceShrink > SHRINK_ABOVE) {
      items = new ArrayDeque<>();
      peakSinceShrink = 0;
    }
    return d;
  }

  /** Publishes the depth; call with the lock held. */
  private void setDepth(int d) {
    DEPTH.setRelease(this, d);
  }

  /** Publishes the high-water mark; call with the lock held. */
  private void setHighWaterMark(long mark) {
    HIGH_WATER_MARK.setRelease(this, mark);
  }

  private boolean removeExact(Object target) {
    int newDepth;
    lock.lock();
    try {
      Iterator<E> it = items.iterator();
      while (true) {
        if (!it.hasNext()) {
          return false;
        }
        if (it.next() == target) {
          it.remove();
          break;
        }
      }
      newDepth = dequeued(1);
    } finally {
      lock.unlock();
    }
    notifyDequeue(newDepth, 1);
    return true;
  }

  private void notifyEnqueue(int newDepth) {
    for (DepthListener l : listeners) {
      l.afterEnqueue(newDepth);
    }
  }

  private void notifyDequeue(int newDepth, int count) {
    for (DepthListener l : listeners) {
      l.afterDequeue(newDepth, count);
    }
  }

  private final class SnapshotIterator implements Iterator<E> {
    private final Object[] snapshot;
    private int next;
    private Object last;

    SnapshotIterator(Object[] snapshot) {
      this.snapshot = snapshot;
    }

    @Override
    public boolean hasNext() {
      return next < snapshot.length;
    }

    @Override
    public E next() {
      if (next >= snapshot.length) {
        throw new NoSuchElementException(
            "no more messages in the snapshot of queue '" + name + "'");
      }
      last = snapshot[next++];
      @SuppressWarnings("unchecked") // only E is ever stored
      E e = (E) last;
      return e;
    }

    @Override
    public void remove() {
      if (last == null) {
        throw new IllegalStateException("remove() needs a preceding next()");
      }
      Object target = last;
      last = null;
      removeExact(target);
    }
  }
}
