package dev.spillway.samples.internal;

import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
import dev.spillway.samples.QueueView;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.sentinel.RestartOutcome;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One queue and the one consumer thread that serves it: the unit every design is made of.
 *
 * <p>Accounting: the caller counts an event as sent before {@link #offer}; the consumer counts it
 * processed or failed; a restart or a close counts what it takes off the queue (and an event it
 * interrupts mid-handling) as dropped. A late offer that races with close is either taken back
 * ({@link Admission#CLOSED}) or drained by close as dropped, so nothing is ever lost silently.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
public final class Mailbox implements QueueView {

  private static final System.Logger LOG = System.getLogger(Mailbox.class.getName());
  private static final Duration STOP_WAIT = Duration.ofSeconds(2);

  /** What {@link #offer} did with an event. */
  public enum Admission {
    /** Queued for the consumer. */
    QUEUED,
    /** Not queued: the queue is at its capacity. */
    FULL,
    /** Not queued: the mailbox is closing or closed. */
    CLOSED
  }

  private final InstrumentedQueue<Event> queue;
  private final Downstream downstream;
  private final MessageLedger ledger;
  private final AtomicLong pending = new AtomicLong(); // queued + being handled
  private final AtomicLong handling = new AtomicLong(); // taken from the queue, no outcome yet
  private final Object lifecycle = new Object();
  private Worker worker; // guarded by lifecycle
  private int generation; // guarded by lifecycle
  private volatile boolean accepting = true;
  private volatile boolean closed;

  /** A mailbox over {@code queue}; its consumer starts at once. */
  public Mailbox(InstrumentedQueue<Event> queue, Downstream downstream, MessageLedger ledger) {
    this.queue = queue;
    this.downstream = downstream;
    this.ledger = ledger;
    synchronized (lifecycle) {
      worker = startWorker();
    }
  }

  /** The queue, for a sentinel to watch; callers must go through {@link #offer}. */
  public InstrumentedQueue<Event> queue() {
    return queue;
  }

  /** Queues {@code event} unless the queue is full or the mailbox closing; never blocks. */
  public Admission offer(Event event) {
    if (!accepting) {
      return Admission.CLOSED;
    }
    pending.incrementAndGet();
    if (!queue.offer(event)) {
      pending.decrementAndGet();
      return Admission.FULL;
    }
    // close() sets closed before its last drain: if we see closed, either we take the event back
    // here, or that drain already took it and counted it as dropped.
    if (closed && queue.remove(event)) {
      pending.decrementAndGet();
      return Admission.CLOSED;
    }
    return Admission.QUEUED;
  }

  /** The thread consuming now (it changes on restart). */
  public Thread consumerThread() {
    synchronized (lifecycle) {
      return worker.thread;
    }
  }

  /**
   * Stops accepting: every later {@link #offer} answers {@link Admission#CLOSED}. The consumer goes
   * on serving what is queued until {@link #close}. Idempotent.
   */
  public void stopAccepting() {
    accepting = false;
  }

  /**
   * Restarts the consumer, as a supervisor restarts a crashed process: the consumer is stopped,
   * everything queued is counted as dropped, and a new consumer starts on the (now empty) queue.
   */
  public RestartOutcome restart() {
    synchronized (lifecycle) {
      if (closed) {
        return RestartOutcome.NOTHING;
      }
      long dropped = stopWorker(worker) + dropQueued();
      worker = startWorker();
      return new RestartOutcome(dropped, 0);
    }
  }

  /**
   * Stops accepting, waits until {@code deadlineNanos} (a {@link System#nanoTime()} instant) for
   * the queue to be handled, then stops the consumer and counts what is left as dropped.
   *
   * @return how many events were dropped; 0 when everything was handled in time
   */
  public long close(long deadlineNanos) {
    synchronized (lifecycle) {
      if (closed) {
        return 0;
      }
      accepting = false;
      while (pending.get() > 0 && System.nanoTime() - deadlineNanos < 0) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
      long dropped = stopWorker(worker);
      closed = true;
      return dropped + dropQueued();
    }
  }

  @Override
  public String name() {
    return queue.name();
  }

  @Override
  public long inFlight() {
    return handling.get();
  }

  @Override
  public long depth() {
    return queue.size();
  }

  @Override
  public long highWaterMark() {
    return queue.highWaterMark();
  }

  @Override
  public int capacity() {
    return queue.capacity();
  }

  @Override
  public QueueProbe probe() {
    return queue.probe();
  }

  @Override
  public String toString() {
    return "Mailbox[" + queue + ", downstream=" + downstream + "]";
  }

  private Worker startWorker() {
    Worker w = new Worker();
    w.thread = new Thread(w, "spillway-consumer-" + queue.name() + "-" + generation++);
    w.thread.setDaemon(true);
    w.thread.start();
    return w;
  }

  /** Stops {@code w}; returns 1 if it was interrupted in the middle of an event, else 0. */
  private long stopWorker(Worker w) {
    w.stopped = true;
    w.thread.interrupt();
    try {
      w.thread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (w.thread.isAlive()) {
      LOG.log(
          Level.WARNING,
          "consumer {0} did not stop within {1}; its event will still be counted when it ends",
          w.thread.getName(),
          STOP_WAIT);
    }
    return w.droppedMidHandling;
  }

  private long dropQueued() {
    List<Event> left = new ArrayList<>();
    queue.drainTo(left);
    for (int i = 0; i < left.size(); i++) {
      ledger.dropped();
    }
    pending.addAndGet(-left.size());
    return left.size();
  }

  /** The consumer loop: take, handle, account. */
  private final class Worker implements Runnable {
    private volatile boolean stopped;
    private volatile long droppedMidHandling;
    private Thread thread;

    @Override
    public void run() {
      while (!stopped) {
        Event event;
        try {
          event = queue.take();
        } catch (InterruptedException e) {
          continue; // stopped is checked by the loop; a stray interrupt is ignored
        }
        handle(event);
      }
    }

    // in flight from the take to the outcome: counted out of flight before the outcome is, so
    // that the books read at any moment never count an event twice
    private void handle(Event event) {
      handling.incrementAndGet();
      try {
        downstream.handle(event);
        handling.decrementAndGet();
        ledger.processed();
      } catch (InterruptedException e) {
        // stopped in the middle of an event: it was not completed, and will not be
        handling.decrementAndGet();
        ledger.dropped();
        droppedMidHandling++;
      } catch (Exception e) {
        handling.decrementAndGet();
        ledger.failed(e);
      } catch (Error e) {
        handling.decrementAndGet();
        ledger.failed(e);
        throw e; // a dying consumer is exactly what the DIED verdict is about
      } finally {
        pending.decrementAndGet();
      }
    }
  }
}
