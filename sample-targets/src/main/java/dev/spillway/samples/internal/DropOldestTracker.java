package dev.spillway.samples.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.samples.Downstream;
import dev.spillway.samples.DropOldestBuffer;
import dev.spillway.samples.Event;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * A bounded buffer that never refuses its callers and drops its oldest event to make room (Fred
 * Hébert's pobox in {@code queue} mode), and a consumer that pulls what is buffered in batches and
 * is told, with each batch, how many events were dropped since the last one.
 *
 * <p>Accounting: every event is accepted; a dropped one is counted dropped with its reason at once
 * (never silent), and announced to the consumer with its next batch ({@link #announcedDrops()}). A
 * batch is in flight from the pull until each event's outcome; a close counts the rest of a batch
 * it interrupts, and what is still buffered, as dropped.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class DropOldestTracker extends SingleConsumerTracker<Event>
    implements DropOldestBuffer {

  private final int batch;
  private final Downstream downstream;
  private final String dropReason;
  private final Object producers = new Object(); // one make-room-and-offer at a time
  private final AtomicLong dropsSinceLastPull = new AtomicLong();
  private final AtomicLong announced = new AtomicLong();

  /**
   * A buffer named {@code name} of {@code capacity} events, whose consumer pulls up to {@code
   * batch} at a time and handles them through {@code downstream}, accounting in {@code ledger}.
   */
  public DropOldestTracker(
      String name, int capacity, int batch, Downstream downstream, MessageLedger ledger) {
    super(name, ledger, InstrumentedQueue.bounded(name, capacity), event -> event);
    this.batch = batch;
    this.downstream = downstream;
    this.dropReason =
        "dropped as the oldest: buffer '"
            + name
            + "' full (capacity "
            + capacity
            + "); the caller was not told, the consumer was";
    startConsumer();
  }

  @Override
  void admit(Event event) {
    synchronized (producers) {
      // only producers add, one at a time: after a poll there is room, unless the consumer emptied
      // the buffer first, and then there is room too
      while (!intake().offer(event)) {
        if (intake().poll() != null) {
          ledger().dropped(dropReason);
          dropsSinceLastPull.incrementAndGet();
        }
      }
    }
  }

  /** The consumer's loop: pull a batch (and the count of drops since the last), handle each. */
  @Override
  void consume() {
    List<Event> pulled = new ArrayList<>(batch);
    while (!stopping()) {
      try {
        Event first = intake().take();
        handling().incrementAndGet();
        pulled.add(first);
        handling().addAndGet(intake().drainTo(pulled, batch - 1));
      } catch (InterruptedException e) {
        continue; // stopping is checked by the loop
      }
      announced.addAndGet(dropsSinceLastPull.getAndSet(0));
      handleBatch(pulled);
      pulled.clear();
    }
  }

  /** Handles a pulled batch; an interrupt (a stop) counts the rest of it as dropped. */
  private void handleBatch(List<Event> pulled) {
    for (int i = 0; i < pulled.size(); i++) {
      try {
        downstream.handle(pulled.get(i));
        handling().decrementAndGet();
        ledger().processed();
      } catch (InterruptedException e) {
        long rest = pulled.size() - i;
        handling().addAndGet(-rest);
        for (long j = 0; j < rest; j++) {
          ledger().dropped();
        }
        droppedByStop(rest);
        return;
      } catch (Exception e) {
        handling().decrementAndGet();
        ledger().failed(e);
      } catch (Error e) {
        handling().decrementAndGet();
        ledger().failed(e);
        throw e; // a dying consumer is exactly what the DIED verdict is about
      }
    }
  }

  @Override
  public long announcedDrops() {
    return announced.get();
  }

  @Override
  public int batch() {
    return batch;
  }

  @Override
  public String toString() {
    return name() + "[" + intake() + ", batch " + batch + ", downstream " + downstream + "]";
  }
}
