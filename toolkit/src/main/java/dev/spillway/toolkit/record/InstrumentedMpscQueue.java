package dev.spillway.toolkit.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.probe.QueueProbes;
import dev.spillway.toolkit.util.Preconditions;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * A bounded, lock-free queue for many producers and <b>one consumer</b> (a mailbox), whose
 * instrumentation is its own two indices: the depth is {@code producerIndex - consumerIndex}, with
 * no counter of its own, so watching it costs next to nothing.
 *
 * <p><b>How it works.</b> The messages live in a ring of slots (an array whose length is the power
 * of two at or above the capacity). A producer claims the next index with one CAS on the producer
 * index, then writes its message into that index's slot; the consumer takes the message from the
 * slot at the consumer index, clears the slot and advances the consumer index (a plain store with
 * release semantics, no atomic instruction). Producers do not read the consumer index on every
 * offer: they keep a cached bound (an old consumer index plus the capacity) and read the real one
 * only when that bound runs out. Each index sits on cache lines of its own.
 *
 * <p><b>Depth.</b> A message counts from the moment its producer claims its slot, a few
 * instructions before {@link #poll()} can see it, until the consumer takes it. {@link #offer} fails
 * exactly when the depth is the capacity (the capacity is exact, not rounded). {@link #size()}
 * reads both indices consistently: it returns the depth at one instant during the call.
 *
 * <p><b>High-water mark.</b> After claiming index {@code i}, an offer knows the depth right after
 * its claim as {@code i + 1 - c}, where {@code c} is the consumer index it reads after the claim.
 * It reads that index only when its cached bound says the depth might exceed the mark, and raises
 * the mark with a CAS only when it does. So the mark:
 *
 * <ol>
 *   <li>is <b>never above the true largest depth</b> (nor the capacity): each value it takes was at
 *       most the depth at the instant {@code c} was read;
 *   <li>is <b>exact</b> whenever offers do not overlap polls in time: on one thread, with any
 *       number of producers offering concurrently while the consumer does not poll, or with
 *       producers and consumer taking turns (a happens-before between them);
 *   <li>otherwise may be <b>below</b> the true largest depth by the number of polls that completed
 *       while the offer that reached it was between its claim and its read of the consumer index —
 *       a few instructions, unless that producer is descheduled right there;
 *   <li>with listeners attached, is exactly the largest depth they were told of at enqueue.
 * </ol>
 *
 * A {@link #resetHighWaterMark()} racing offers may keep the depth one of them saw just before it,
 * or miss the depth one of them reached just after it (later offers compare with the new mark).
 *
 * <p><b>Listeners</b> are called after the change, on the thread that made it. {@code
 * afterEnqueue(d)} gets the offer's view {@code d = i + 1 - c} described above: at least 1, and at
 * most the depth at the instant it was read (a lower bound, so a sentinel never fires on a depth
 * that was not reached). {@code afterDequeue(d, 1)} gets the depth at the instant after the poll
 * when the consumer read the producer index. With a listener attached, each offer and poll reads
 * the other side's index (a cache miss when the other side runs on another core); without one, the
 * hot path pays a single read of the (empty) listener field.
 *
 * <p><b>Thread-safety.</b> {@link #offer}, {@link #add}, {@link #size()}, {@link #isEmpty()},
 * {@link #highWaterMark()}, the probe, {@link #iterator()} and listener registration are safe from
 * any thread. {@link #poll()}, {@link #peek()}, {@link #remove()}, {@link #element()} and {@link
 * #clear()} must be called by <b>one consumer thread at a time</b> (another thread may take over
 * only after a happens-before with the previous one, such as a hand-over through a lock or a
 * volatile field); two threads polling concurrently corrupt the queue, and this is not detected. A
 * poll that finds a slot claimed but not yet written waits (spinning, then yielding) for its
 * producer to write it, so {@code poll()} returns null only when the queue is empty.
 *
 * <p>The {@link #iterator()} is weakly consistent and read-only: it returns, oldest first, messages
 * that were in the queue at some instant during the iteration, skips those taken or not yet written
 * meanwhile, never returns one twice, and never returns one offered after it was created. Messages
 * leave only from the head: {@link #remove(Object)}, {@code removeIf}, {@code removeAll}, {@code
 * retainAll} and the iterator's {@code remove()} throw {@link UnsupportedOperationException}. Null
 * messages are rejected with an {@link IllegalArgumentException}, as by {@link InstrumentedQueue}.
 *
 * <p>Memory: the ring is allocated up front: one reference per slot, as many slots as the power of
 * two at or above the capacity, plus 64 slots of padding.
 *
 * @param <E> the type of the messages
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class InstrumentedMpscQueue<E> extends MpscLayout<E> implements ObservableQueue<E> {

  /** The largest capacity: 2<sup>30</sup>. */
  public static final int MAX_CAPACITY = 1 << 30;

  /** Unused slots before and after the ring, so its ends share no cache line with other objects. */
  private static final int PAD = 32;

  /** Busy-waits for a claimed slot this many times before yielding the core to its producer. */
  private static final int SPINS = 128;

  private static final VarHandle PRODUCER_INDEX;
  private static final VarHandle PRODUCER_LIMIT;
  private static final VarHandle HIGH_WATER_MARK;
  private static final VarHandle CONSUMER_INDEX;
  private static final VarHandle LISTENERS;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      Class<?> c = InstrumentedMpscQueue.class;
      PRODUCER_INDEX = l.findVarHandle(c, "producerIndex", long.class);
      PRODUCER_LIMIT = l.findVarHandle(c, "producerLimit", long.class);
      HIGH_WATER_MARK = l.findVarHandle(c, "highWaterMark", long.class);
      CONSUMER_INDEX = l.findVarHandle(c, "consumerIndex", long.class);
      LISTENERS = l.findVarHandle(c, "listeners", DepthListener[].class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final int capacity;
  private final int mask;
  private final Object[] ring;
  private final QueueProbe probe;
  private final Object listenersLock = new Object();
  private volatile DepthListener[] listeners; // null when there are none: the hot path's only cost

  private InstrumentedMpscQueue(String name, int capacity) {
    this.name = Preconditions.notBlank(name, "queue name");
    this.capacity = (int) Preconditions.inRange(capacity, 1, MAX_CAPACITY, "queue capacity");
    int length = capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
    this.mask = length - 1;
    this.ring = new Object[length + 2 * PAD];
    this.probe = QueueProbes.withCapacity(QueueProbe.of(name, this::size), this.capacity);
    PRODUCER_LIMIT.setRelease(this, (long) capacity);
  }

  /**
   * A queue named {@code name} that holds at most {@code capacity} messages.
   *
   * @param name not blank
   * @param capacity in [1, {@value #MAX_CAPACITY}]; exact: the {@code capacity + 1}-th message is
   *     refused
   */
  public static <E> InstrumentedMpscQueue<E> bounded(String name, int capacity) {
    return new InstrumentedMpscQueue<>(name, capacity);
  }

  @Override
  public String name() {
    return name;
  }

  /** The capacity, exactly as given. */
  @Override
  public int capacity() {
    return capacity;
  }

  /** The largest depth reached, within the guarantees of the class Javadoc. */
  @Override
  public long highWaterMark() {
    return (long) HIGH_WATER_MARK.getVolatile(this);
  }

  @Override
  public void resetHighWaterMark() {
    HIGH_WATER_MARK.setVolatile(this, (long) size());
  }

  /**
   * A probe named after this queue that reads {@link #size()} and knows its capacity; the same
   * instance every time.
   */
  @Override
  public QueueProbe probe() {
    return probe;
  }

  @Override
  public AutoCloseable addDepthListener(DepthListener listener) {
    Preconditions.notNull(listener, "depth listener");
    synchronized (listenersLock) {
      DepthListener[] now = listeners;
      DepthListener[] next =
          now == null ? new DepthListener[1] : Arrays.copyOf(now, now.length + 1);
      next[next.length - 1] = listener;
      listeners = next;
    }
    return () -> removeDepthListener(listener);
  }

  private void removeDepthListener(DepthListener listener) {
    synchronized (listenersLock) {
      DepthListener[] now = listeners;
      for (int i = 0; now != null && i < now.length; i++) {
        if (now[i] == listener) {
          DepthListener[] next = new DepthListener[now.length - 1];
          System.arraycopy(now, 0, next, 0, i);
          System.arraycopy(now, i + 1, next, i, now.length - i - 1);
          listeners = next.length == 0 ? null : next;
          return;
        }
      }
    }
  }

  /** Adds {@code message} unless the queue is full (depth == capacity); safe from any thread. */
  @Override
  public boolean offer(E message) {
    Preconditions.notNull(message, "message");
    long limit = (long) PRODUCER_LIMIT.getAcquire(this);
    long index;
    do {
      index = (long) PRODUCER_INDEX.getVolatile(this);
      if (index >= limit) {
        limit = (long) CONSUMER_INDEX.getAcquire(this) + capacity;
        if (index >= limit) {
          return false;
        }
        PRODUCER_LIMIT.setRelease(this, limit);
      }
    } while (!PRODUCER_INDEX.compareAndSet(this, index, index + 1));
    // The slot of index is ours. The mark is raised before the message is written, so the depth
    // seen includes it (the consumer cannot pass an unwritten slot).
    DepthListener[] ls = (DepthListener[]) LISTENERS.getAcquire(this);
    if (ls == null) {
      // limit - capacity is a consumer index read before the claim, so this over-estimates the
      // depth: only when it exceeds the mark is the real consumer index worth reading
      long mark = (long) HIGH_WATER_MARK.getOpaque(this);
      if (index + 1 - (limit - capacity) > mark) {
        observeDepth(index, limit, mark);
      }
      SLOT.setRelease(ring, slot(index), message);
    } else {
      long depth = observeDepth(index, limit, (long) HIGH_WATER_MARK.getVolatile(this));
      SLOT.setRelease(ring, slot(index), message);
      for (DepthListener l : ls) {
        l.afterEnqueue(depth);
      }
    }
    return true;
  }

  /**
   * Adds {@code message} or throws {@link IllegalStateException} naming the queue when it is full.
   */
  @Override
  public boolean add(E message) {
    if (offer(message)) {
      return true;
    }
    throw new IllegalStateException("queue '" + name + "' is full (capacity " + capacity + ")");
  }

  /**
   * The depth right after the claim of {@code index}, as seen now: raises the mark (last read as
   * {@code mark}) to it. When the depth is below the mark, also raises the producers' cached limit
   * (read as {@code limit}) to what the consumer index allows now, so that the next offers'
   * estimates are close enough to skip this read until the depth nears the mark again.
   */
  private long observeDepth(long index, long limit, long mark) {
    long consumed = (long) CONSUMER_INDEX.getAcquire(this);
    long depth = index + 1 - consumed;
    if (depth < mark) {
      if (consumed + capacity > limit) {
        // racing producers may store an older limit: that only costs an extra read later, as
        // any consumer index ever read plus the capacity is a safe bound
        PRODUCER_LIMIT.setRelease(this, consumed + capacity);
      }
      return depth;
    }
    while (depth > mark) {
      long witness = (long) HIGH_WATER_MARK.compareAndExchange(this, mark, depth);
      if (witness == mark) {
        break;
      }
      mark = witness;
    }
    return depth;
  }

  /** Takes the oldest message, or returns null when the queue is empty. Consumer thread only. */
  @Override
  public E poll() {
    long index = (long) CONSUMER_INDEX.get(this);
    int slot = slot(index);
    Object message = SLOT.getAcquire(ring, slot);
    if (message == null) {
      if (index == (long) PRODUCER_INDEX.getAcquire(this)) {
        return null;
      }
      message = awaitWrite(slot);
    }
    SLOT.set(ring, slot, null);
    CONSUMER_INDEX.setRelease(this, index + 1);
    DepthListener[] ls = (DepthListener[]) LISTENERS.getAcquire(this);
    if (ls != null) {
      long depth = (long) PRODUCER_INDEX.getAcquire(this) - (index + 1);
      for (DepthListener l : ls) {
        l.afterDequeue(depth, 1);
      }
    }
    @SuppressWarnings("unchecked") // only E is ever stored
    E e = (E) message;
    return e;
  }

  /** The oldest message without taking it, or null when empty. Consumer thread only. */
  @Override
  public E peek() {
    long index = (long) CONSUMER_INDEX.get(this);
    int slot = slot(index);
    Object message = SLOT.getAcquire(ring, slot);
    if (message == null) {
      if (index == (long) PRODUCER_INDEX.getAcquire(this)) {
        return null;
      }
      message = awaitWrite(slot);
    }
    @SuppressWarnings("unchecked") // only E is ever stored
    E e = (E) message;
    return e;
  }

  /** Waits for the producer that claimed {@code slot} to write its message. */
  private Object awaitWrite(int slot) {
    Object message;
    int spins = 0;
    while ((message = SLOT.getAcquire(ring, slot)) == null) {
      if (++spins < SPINS) {
        Thread.onSpinWait();
      } else {
        Thread.yield(); // on a busy machine the producer may need this core to finish its write
      }
    }
    return message;
  }

  /** Unsupported: messages leave only from the head, by {@link #poll()}. */
  @Override
  public boolean remove(Object o) {
    throw readOnly();
  }

  /** Unsupported: messages leave only from the head, by {@link #poll()}. */
  @Override
  public boolean removeIf(Predicate<? super E> filter) {
    throw readOnly();
  }

  /** Unsupported: messages leave only from the head, by {@link #poll()}. */
  @Override
  public boolean removeAll(Collection<?> c) {
    throw readOnly();
  }

  /** Unsupported: messages leave only from the head, by {@link #poll()}. */
  @Override
  public boolean retainAll(Collection<?> c) {
    throw readOnly();
  }

  private UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException(
        "queue '" + name + "' gives up messages only from its head (poll), one consumer at a time");
  }

  /** The depth at one instant during the call: both indices read consistently. Any thread. */
  @Override
  public int size() {
    long after = (long) CONSUMER_INDEX.getVolatile(this);
    while (true) {
      long before = after;
      long produced = (long) PRODUCER_INDEX.getVolatile(this);
      after = (long) CONSUMER_INDEX.getVolatile(this);
      if (before == after) {
        return (int) (produced - after);
      }
    }
  }

  /** Whether the depth was 0 at one instant during the call. Any thread. */
  @Override
  public boolean isEmpty() {
    long consumed = (long) CONSUMER_INDEX.getVolatile(this);
    return consumed == (long) PRODUCER_INDEX.getVolatile(this);
  }

  /** A weakly consistent, read-only iterator (see the class Javadoc). Any thread. */
  @Override
  public Iterator<E> iterator() {
    return new WeakIterator();
  }

  @Override
  public String toString() {
    return "InstrumentedMpscQueue[name="
        + name
        + ", capacity="
        + capacity
        + ", depth="
        + size()
        + ", highWaterMark="
        + highWaterMark()
        + "]";
  }

  private int slot(long index) {
    return ((int) index & mask) + PAD;
  }

  /**
   * Walks the indices from the consumer index to the producer index read at its creation. Reading
   * the producer index (acquire) orders this thread after every claim below it, hence after the
   * consumer cleared each of those slots' previous message; a slot read and then the consumer index
   * still at or below its index means the slot held that index's message, or nothing yet.
   */
  private final class WeakIterator implements Iterator<E> {
    private final long end;
    private long index;
    private Object next;

    WeakIterator() {
      index = (long) CONSUMER_INDEX.getVolatile(InstrumentedMpscQueue.this);
      end = (long) PRODUCER_INDEX.getVolatile(InstrumentedMpscQueue.this);
      advance();
    }

    private void advance() {
      next = null;
      while (index < end) {
        long i = index++;
        Object message = SLOT.getAcquire(ring, slot(i));
        long consumed = (long) CONSUMER_INDEX.getAcquire(InstrumentedMpscQueue.this);
        if (consumed > i) {
          index = Math.max(index, consumed); // taken meanwhile: its slot may hold a later message
        } else if (message != null) {
          next = message;
          return;
        } // else claimed but not yet written: skipped
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public E next() {
      if (next == null) {
        throw new NoSuchElementException("no more messages in this view of queue '" + name + "'");
      }
      @SuppressWarnings("unchecked") // only E is ever stored
      E e = (E) next;
      advance();
      return e;
    }
  }
}
