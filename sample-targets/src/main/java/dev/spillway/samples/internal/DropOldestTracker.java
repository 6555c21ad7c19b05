package dev.spillway.samples.internal;

import dev.spillway.samples.CloseSummary;
import dev.spillway.samples.Downstream;
import dev.spillway.samples.DropOldestBuffer;
import dev.spillway.samples.Event;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.QueueView;
import dev.spillway.samples.TrackResult;
import dev.spillway.toolkit.internal.Preconditions;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

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
public final class DropOldestTracker implements DropOldestBuffer {

  private static final System.Logger LOG = System.getLogger(DropOldestTracker.class.getName());
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long CALLER_POLL_NANOS = 100_000;
  private static final Duration MAX_DRAIN_TIMEOUT = Duration.ofNanos(Long.MAX_VALUE / 2);

  private final String name;
  private final InstrumentedQueue<Event> buffer;
  private final int batch;
  private final Downstream downstream;
  private final MessageLedger ledger;
  private final String dropReason;
  private final Object producers = new Object(); // one make-room-and-offer at a time
  private final AtomicLong handling = new AtomicLong(); // pulled in a batch, no outcome yet
  private final AtomicLong dropsSinceLastPull = new AtomicLong();
  private final AtomicLong announced = new AtomicLong();
  private final AtomicLong droppedByStop = new AtomicLong();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong callers = new AtomicLong();
  private final Thread consumer;
  private final QueueView view = new BufferView();
  private volatile boolean accepting = true;
  private volatile boolean closed; // the buffer's last drain has begun
  private volatile boolean stopping;
  private CloseSummary closeSummary; // guarded by this

  /**
   * A buffer named {@code name} of {@code capacity} events, whose consumer pulls up to {@code
   * batch} at a time and handles them through {@code downstream}, accounting in {@code ledger}.
   */
  public DropOldestTracker(
      String name, int capacity, int batch, Downstream downstream, MessageLedger ledger) {
    this.name = name;
    this.buffer = InstrumentedQueue.bounded(name, capacity);
    this.batch = batch;
    this.downstream = downstream;
    this.ledger = ledger;
    this.dropReason =
        "dropped as the oldest: buffer '"
            + name
            + "' full (capacity "
            + capacity
            + "); the caller was not told, the consumer was";
    this.consumer = new Thread(this::consume, "spillway-consumer-" + name);
    consumer.setDaemon(true);
    consumer.start();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public TrackResult track(String key, String payload) {
    Preconditions.notNull(key, "key");
    Preconditions.notNull(payload, "payload");
    callers.incrementAndGet();
    try {
      ledger.sent();
      if (!accepting) {
        ledger.rejected();
        return TrackResult.rejected(name + " is closed: not accepting events");
      }
      Event event = new Event(ids.incrementAndGet(), key, payload, System.nanoTime());
      synchronized (producers) {
        // only producers add, one at a time: after a poll there is room, unless the consumer
        // emptied the buffer first, and then there is room too
        while (!buffer.offer(event)) {
          if (buffer.poll() != null) {
            ledger.dropped(dropReason);
            dropsSinceLastPull.incrementAndGet();
          }
        }
      }
      // close() sets closed before its last drain: if we see closed, either we take the event back
      // here, or that drain already took it and counted it as dropped
      if (closed && buffer.remove(event)) {
        ledger.rejected();
        return TrackResult.rejected(name + " is closed: not accepting events");
      }
      return TrackResult.ACCEPTED;
    } finally {
      callers.decrementAndGet();
    }
  }

  /** The consumer's loop: pull a batch (and the count of drops since the last), handle each. */
  private void consume() {
    List<Event> pulled = new ArrayList<>(batch);
    while (!stopping) {
      try {
        Event first = buffer.take();
        handling.incrementAndGet();
        pulled.add(first);
        int more = buffer.drainTo(pulled, batch - 1);
        handling.addAndGet(more);
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
        handling.decrementAndGet();
        ledger.processed();
      } catch (InterruptedException e) {
        long rest = pulled.size() - i;
        handling.addAndGet(-rest);
        for (long j = 0; j < rest; j++) {
          ledger.dropped();
        }
        droppedByStop.addAndGet(rest);
        return;
      } catch (Exception e) {
        handling.decrementAndGet();
        ledger.failed(e);
      } catch (Error e) {
        handling.decrementAndGet();
        ledger.failed(e);
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
  public List<QueueView> queues() {
    return List.of(view);
  }

  @Override
  public QueueProbe depthProbe() {
    return buffer.probe();
  }

  @Override
  public MessageLedger ledger() {
    return ledger;
  }

  @Override
  public LedgerSnapshot books() {
    // the outcomes before the depth, as every design: never a false double count
    return ledger.snapshot(buffer.probe(), handling::get);
  }

  @Override
  public synchronized CloseSummary close(Duration drainTimeout) {
    Preconditions.notNegative(drainTimeout, "drain timeout");
    if (closeSummary != null) {
      return closeSummary;
    }
    accepting = false;
    long deadline =
        System.nanoTime()
            + (drainTimeout.compareTo(MAX_DRAIN_TIMEOUT) > 0 ? MAX_DRAIN_TIMEOUT : drainTimeout)
                .toNanos();
    Thread me = Thread.currentThread();
    while ((!buffer.isEmpty() || handling.get() > 0)
        && System.nanoTime() - deadline < 0
        && !me.isInterrupted()) {
      LockSupport.parkNanos(POLL_NANOS);
    }
    boolean drained = buffer.isEmpty() && handling.get() == 0;
    stopping = true;
    consumer.interrupt();
    long stopDeadline = System.nanoTime() + EventTracker.CONSUMER_STOP_TIMEOUT.toNanos();
    awaitConsumer(stopDeadline);
    closed = true;
    List<Event> left = new ArrayList<>();
    buffer.drainTo(left);
    left.forEach(e -> ledger.dropped());
    long dropped = droppedByStop.get() + left.size();
    while (callers.get() > 0 && System.nanoTime() - stopDeadline < 0) {
      LockSupport.parkNanos(CALLER_POLL_NANOS);
    }
    closeSummary = new CloseSummary(drained && dropped == 0, dropped, books());
    return closeSummary;
  }

  private void awaitConsumer(long deadline) {
    long left;
    boolean interrupted = false;
    while (consumer.isAlive() && (left = deadline - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.timedJoin(consumer, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        interrupted = true;
        break;
      }
    }
    if (consumer.isAlive()) {
      LOG.log(
          Level.WARNING,
          "buffer '"
              + name
              + "': its consumer did not stop "
              + (interrupted ? "before the wait for it was interrupted" : "in time")
              + "; it is left running (daemon), and its batch will be counted when it ends");
    }
  }

  @Override
  public String toString() {
    return name + "[" + buffer + ", batch " + batch + ", downstream " + downstream + "]";
  }

  /** The buffer, as the design's one queue. */
  private final class BufferView implements QueueView {

    @Override
    public String name() {
      return name;
    }

    @Override
    public long depth() {
      return buffer.size();
    }

    @Override
    public long inFlight() {
      return handling.get();
    }

    @Override
    public long highWaterMark() {
      return buffer.highWaterMark();
    }

    @Override
    public int capacity() {
      return buffer.capacity();
    }

    @Override
    public QueueProbe probe() {
      return buffer.probe();
    }
  }
}
