package dev.spillway.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractQueue;
import java.util.Iterator;

/**
 * P1's control: the toolkit's {@link dev.spillway.toolkit.record.InstrumentedMpscQueue} with its
 * instrumentation compiled out — the same field layout (the padding chain below), the same claim
 * (CAS on the producer index against a cached limit), the same slot writes and reads through
 * VarHandles, the same exact capacity, but no high-water mark and no listener field. Comparing the
 * two isolates what the instrumentation costs; comparing this one with JCTools' {@code
 * MpscArrayQueue} shows what our algorithm (VarHandles with bounds checks instead of Unsafe, an
 * exact capacity) costs. Benchmark-local, not toolkit API: keep it in step with the toolkit's queue
 * (offer, poll and the layout are line for line the same, minus the instrumentation).
 */
final class BareMpscQueue<E> extends BareMpscLayout<E> {

  private static final int PAD = 32;
  private static final int SPINS = 128;

  private static final VarHandle PRODUCER_INDEX;
  private static final VarHandle PRODUCER_LIMIT;
  private static final VarHandle CONSUMER_INDEX;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      Class<?> c = BareMpscQueue.class;
      PRODUCER_INDEX = l.findVarHandle(c, "producerIndex", long.class);
      PRODUCER_LIMIT = l.findVarHandle(c, "producerLimit", long.class);
      CONSUMER_INDEX = l.findVarHandle(c, "consumerIndex", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int capacity;
  private final int mask;
  private final Object[] ring;

  BareMpscQueue(int capacity) {
    this.capacity = capacity;
    int length = capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
    this.mask = length - 1;
    this.ring = new Object[length + 2 * PAD];
    PRODUCER_LIMIT.setRelease(this, (long) capacity);
  }

  @Override
  public boolean offer(E message) {
    if (message == null) {
      throw new IllegalArgumentException("message must not be null");
    }
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
    SLOT.setRelease(ring, slot(index), message);
    return true;
  }

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
    @SuppressWarnings("unchecked") // only E is ever stored
    E e = (E) message;
    return e;
  }

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

  private Object awaitWrite(int slot) {
    Object message;
    int spins = 0;
    while ((message = SLOT.getAcquire(ring, slot)) == null) {
      if (++spins < SPINS) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
    return message;
  }

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

  @Override
  public Iterator<E> iterator() {
    throw new UnsupportedOperationException("the benchmarks' bare MPSC queue has no iterator");
  }

  private int slot(long index) {
    return ((int) index & mask) + PAD;
  }
}

// The same layout as the toolkit's MpscLayout (see there): 128 bytes of padding around the
// producer index, the producers' cached limit, and the consumer index.

/** 128 bytes after the object header. */
abstract class BareMpscPad0<E> extends AbstractQueue<E> {
  long a00, a01, a02, a03, a04, a05, a06, a07;
  long a08, a09, a10, a11, a12, a13, a14, a15;
}

/** Written by every producer. */
abstract class BareMpscProducerIndex<E> extends BareMpscPad0<E> {
  volatile long producerIndex;
}

/** 128 bytes. */
abstract class BareMpscPad1<E> extends BareMpscProducerIndex<E> {
  long b00, b01, b02, b03, b04, b05, b06, b07;
  long b08, b09, b10, b11, b12, b13, b14, b15;
}

/** Read by every producer, written rarely. */
abstract class BareMpscProducerLimit<E> extends BareMpscPad1<E> {
  volatile long producerLimit;
}

/** 128 bytes. */
abstract class BareMpscPad2<E> extends BareMpscProducerLimit<E> {
  long c00, c01, c02, c03, c04, c05, c06, c07;
  long c08, c09, c10, c11, c12, c13, c14, c15;
}

/** Written by the consumer. */
abstract class BareMpscConsumerIndex<E> extends BareMpscPad2<E> {
  volatile long consumerIndex;
}

/** 128 bytes before the queue's own fields. */
abstract class BareMpscLayout<E> extends BareMpscConsumerIndex<E> {
  long d00, d01, d02, d03, d04, d05, d06, d07;
  long d08, d09, d10, d11, d12, d13, d14, d15;
}
