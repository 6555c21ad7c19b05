package dev.spillway.toolkit.inject.method;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain repository: final, no interface, nothing to wrap. It counts its own inserts, so that a
 * test knows how many calls ran the body, independently of the injection's counts.
 */
final class OrderRepository {

  private final AtomicLong inserted = new AtomicLong();

  /** Stores an order (in memory): the method the tests slow down. */
  void insert(Order order) {
    if (order.id() < 0) {
      throw new IllegalArgumentException("order id must be >= 0, but was " + order.id());
    }
    inserted.incrementAndGet();
  }

  /** An overload, so that choosing by parameter types matters. */
  void insert(Order order, boolean flush) {
    insert(order);
  }

  /** Declares a checked exception, for faults of a checked type. */
  void save(Order order) throws IOException {
    inserted.incrementAndGet();
  }

  /** A native method: nothing to weave into (never called). */
  native void nativeFlush();

  long inserted() {
    return inserted.get();
  }

  /** An order. */
  record Order(long id) {}
}
