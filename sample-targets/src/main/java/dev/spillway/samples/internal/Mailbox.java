package dev.spillway.samples.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
import dev.spillway.samples.EventTracker;
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
import org.apiguardian.api.API;

/**
 * One queue and the one consumer thread that serves it: the unit every design is made of.
 *
 * <p>Accounting: the caller counts an event as sent before {@link #offer}; the consumer counts it
 * processed or failed; a restart or a close counts what it takes off the queue (and an event it
 * interrupts mid-handling) as dropped. A late offer that races with close is either taken back
 * ({@link Admission#CLOSED}) or drained by close as dropped, so nothing is ever lost silently.
 *
 * <p>Bounded: a restart or a close interrupts the consumer and waits at most {@link
 * EventTracker#CONSUMER_STOP_TIMEOUT} for it to end; a consumer that ignores the interrupt is left
 * running (a daemon), named in one {@code WARNING} line, and its event is counted when it ends.
 * {@link #consumerThread()} never waits (a sentinel's diagnostics call it during a restart).
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class Mailbox implements QueueView {

  private static final System.Logger LOG = System.getLogger(Mailbox.class.getName());

  /**
   * How long {@link #offerWaiting} waits for room before it looks whether the mailbox still
   * accepts: a close never waits longer than that for a blocked caller to give up.
   */
  public static final Duration WAIT_SLICE = Duration.ofMillis(10);

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
  private final Object lifecycle = new Object(); // restarts and closes, one at a time
  private volatile Worker worker; // written under lifecycle
  private int generation; // guarded by lifecycle
  private boolean closing; // guarded by lifecycle: no restart from now on
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

  /**
   * Queues {@code event}, waiting for room while the queue is full: the caller is held to the
   * consumer's pace. Answers {@link Admission#CLOSED} when the mailbox stops accepting while the
   * caller waits (it looks again every {@link #WAIT_SLICE}), or when the caller is interrupted (the
   * flag is kept); never {@link Admission#FULL}.
   */
  public Admission offerWaiting(Event event) {
    if (!accepting) {
      return Admission.CLOSED;
    }
    pending.incrementAndGet();
    try {
      while (!queue.offer(event, WAIT_SLICE.toNanos(), TimeUnit.NANOSECONDS)) {
        if (!accepting) {
          pending.decrementAndGet();
          return Admission.CLOSED;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.decrementAndGet();
      return Admission.CLOSED;
    }
    if (closed && queue.remove(event)) {
      pending.decrementAndGet();
      return Admission.CLOSED;
    }
    return Admission.QUEUED;
  }

  /** The thread consuming now (it changes on restart); never waits for a restart or a close. */
  public Thread consumerThread() {
    return worker.thread;
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
   * Does nothing once a close has begun.
   */
  public RestartOutcome restart() {
    synchronized (lifecycle) {
      if (closing) {
        return RestartOutcome.NOTHING;
      }
      Worker old = worker;
      interrupt(old);
      long dropped = awaitStopped(old, System.nanoTime() + stopTimeoutNanos()) + dropQueued();
      worker = startWorker();
      return new RestartOutcome(dropped, 0);
    }
  }

  /**
   * Stops accepting, waits until {@code deadlineNanos} (a {@link System#nanoTime()} instant) for
   * the queue to be handled, then stops the consumer (waiting at most {@link
   * EventTracker#CONSUMER_STOP_TIMEOUT}) and counts what is left as dropped.
   *
   * @return how many events were dropped; 0 when everything was handled in time
   */
  public long close(long deadlineNanos) {
    awaitDrained(deadlineNanos);
    stopConsumer();
    return finishClose(System.nanoTime() + stopTimeoutNanos());
  }

  /**
   * The first step of a close: stops accepting and restarting, and waits until {@code
   * deadlineNanos} for the queue to be handled, or until the calling thread is interrupted (the
   * flag is kept).
   *
   * @return whether every event was handled
   */
  public boolean awaitDrained(long deadlineNanos) {
    synchronized (lifecycle) {
      closing = true;
      accepting = false;
    }
    Thread me = Thread.currentThread();
    while (pending.get() > 0 && System.nanoTime() - deadlineNanos < 0 && !me.isInterrupted()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    return pending.get() == 0;
  }

  /** The second step of a close: interrupts the consumer; returns at once. Idempotent. */
  public void stopConsumer() {
    synchronized (lifecycle) {
      closing = true;
      accepting = false;
      interrupt(worker);
    }
  }

  /**
   * The last step of a close: waits until {@code stopDeadlineNanos} for the consumer to end, then
   * counts what is left queued (and the event it was interrupted in) as dropped. Idempotent.
   *
   * @return how many events were dropped by this call
   */
  public long finishClose(long stopDeadlineNanos) {
    stopConsumer();
    synchronized (lifecycle) {
      if (closed) {
        return 0;
      }
      long dropped = awaitStopped(worker, stopDeadlineNanos);
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

  private static long stopTimeoutNanos() {
    return EventTracker.CONSUMER_STOP_TIMEOUT.toNanos();
  }

  /** Stops {@code w} with one interrupt (later calls do nothing). */
  private static void interrupt(Worker w) {
    if (!w.stopped) {
      w.stopped = true;
      w.thread.interrupt();
    }
  }

  /**
   * Waits until {@code deadline} for the interrupted {@code w} to end; returns 1 if it was stopped
   * in the middle of an event, else 0. Says so when it does not end in time: it is left running.
   */
  private long awaitStopped(Worker w, long deadline) {
    CloseWaits.awaitEnd(w.thread, deadline)
        .ifPresent(
            how ->
                LOG.log(
                    Level.WARNING,
                    "mailbox '"
                        + queue.name()
                        + "': consumer "
                        + w.thread.getName()
                        + " did not stop "
                        + how
                        + "; it is left running (daemon), and its event will be counted when it"
                        + " ends"));
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
