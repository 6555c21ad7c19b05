package dev.spillway.samples.internal;

import dev.spillway.samples.CloseSummary;
import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.QueueView;
import dev.spillway.samples.TrackResult;
import dev.spillway.toolkit.internal.Preconditions;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.probe.QueueProbes;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A balancer in front of a pool (poolboy): every event goes to the balancer's own mailbox; its one
 * thread spends the dispatch cost on each (the check-out and check-in a pool's balancer handles for
 * every request), checks out an idle worker (waiting while none is) and hands the event to it; the
 * worker checks itself back in when it has handled the event. The workers serve in parallel, but
 * the balancer serves one event at a time: above 1/dispatch cost its mailbox grows while the
 * workers sit idle.
 *
 * <p>Accounting: an event is sent when tracked; the worker that handles it counts it processed or
 * failed. The balancer holds at most one event (in flight) and counts it out of flight before it
 * hands it on, so the books never count an event twice; a close counts what the balancer still
 * holds or has queued as dropped, and each worker's close counts its own.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
public final class BalancerTracker implements EventTracker {

  private static final System.Logger LOG = System.getLogger(BalancerTracker.class.getName());
  private static final long DRAIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long CALLER_POLL_NANOS = 100_000;
  private static final Duration MAX_DRAIN_TIMEOUT = Duration.ofNanos(Long.MAX_VALUE / 2);

  private final String name;
  private final InstrumentedQueue<Event> inbox;
  private final List<Mailbox> workers;
  private final InProcessDownstream dispatchWork;
  private final MessageLedger ledger;
  private final List<QueueView> views;
  private final QueueProbe depthProbe;
  private final Thread dispatcher;
  private final AtomicLong holding =
      new AtomicLong(); // 0 or 1: taken from the inbox, not handed on
  private final AtomicLong dispatcherDropped = new AtomicLong();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong callers = new AtomicLong();
  private final BlockingQueue<Mailbox> idle = new LinkedBlockingQueue<>(); // checked in
  private volatile boolean accepting = true;
  private volatile boolean closed; // the inbox's last drain has begun
  private volatile boolean stopping;
  private CloseSummary closeSummary; // guarded by this

  /**
   * A balancer named {@code name} in front of {@code workers} workers, each a mailbox of capacity 1
   * named {@code <name>-worker-<i>} that handles its events through {@code downstream} and accounts
   * in {@code ledger}; the balancer spends {@code dispatchCost} of its own time on each event.
   */
  public BalancerTracker(
      String name,
      int workers,
      Duration dispatchCost,
      Downstream downstream,
      MessageLedger ledger) {
    this.name = name;
    this.inbox = InstrumentedQueue.unbounded(name);
    List<Mailbox> pool = new ArrayList<>(workers);
    for (int i = 0; i < workers; i++) {
      pool.add(
          new Mailbox(
              InstrumentedQueue.bounded(name + "-worker-" + i, 1),
              checkingIn(pool::get, i, downstream),
              ledger));
    }
    this.workers = List.copyOf(pool);
    idle.addAll(this.workers);
    this.dispatchWork = new InProcessDownstream(dispatchCost);
    this.ledger = ledger;
    List<QueueView> all = new ArrayList<>();
    all.add(new InboxView());
    all.addAll(this.workers);
    this.views = List.copyOf(all);
    List<QueueProbe> probes = new ArrayList<>();
    probes.add(inbox.probe());
    this.workers.forEach(w -> probes.add(w.probe()));
    this.depthProbe = QueueProbes.total(name, probes.toArray(QueueProbe[]::new));
    this.dispatcher = new Thread(this::dispatch, "spillway-consumer-" + name);
    dispatcher.setDaemon(true);
    dispatcher.start();
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
      inbox.offer(event); // unbounded: always queued
      // close() sets closed before its last drain: if we see closed, either we take the event back
      // here, or that drain already took it and counted it as dropped
      if (closed && inbox.remove(event)) {
        ledger.rejected();
        return TrackResult.rejected(name + " is closed: not accepting events");
      }
      return TrackResult.ACCEPTED;
    } finally {
      callers.decrementAndGet();
    }
  }

  /** The balancer's loop: take, spend the dispatch cost, hand to an idle worker. */
  private void dispatch() {
    while (!stopping) {
      Event event;
      try {
        event = inbox.take();
      } catch (InterruptedException e) {
        continue; // stopping is checked by the loop
      }
      holding.set(1);
      try {
        dispatchWork.handle(event);
        Mailbox worker = idle.take(); // poolboy's check-out: waits while every worker is busy
        holding.set(0); // out of flight before it is queued: never counted twice
        if (worker.offer(event) != Mailbox.Admission.QUEUED) {
          drop(); // the worker closed meanwhile
        }
      } catch (InterruptedException e) {
        holding.set(0);
        drop(); // stopped while it held the event
      }
    }
  }

  private void drop() {
    ledger.dropped();
    dispatcherDropped.incrementAndGet();
  }

  /**
   * Worker {@code index}'s handling: {@code downstream}, then the worker checks itself back in,
   * however the handling ended.
   */
  private Downstream checkingIn(IntFunction<Mailbox> workers, int index, Downstream downstream) {
    return event -> {
      try {
        downstream.handle(event);
      } finally {
        idle.add(workers.apply(index));
      }
    };
  }

  @Override
  public List<QueueView> queues() {
    return views;
  }

  @Override
  public QueueProbe depthProbe() {
    return depthProbe;
  }

  @Override
  public MessageLedger ledger() {
    return ledger;
  }

  @Override
  public LedgerSnapshot books() {
    // the outcomes before the depth, as every design: never a false double count
    return ledger.snapshot(depthProbe, inFlight()::read);
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
    // the balancer first: the workers must accept what it still hands on
    Thread me = Thread.currentThread();
    while ((!inbox.isEmpty() || holding.get() > 0)
        && System.nanoTime() - deadline < 0
        && !me.isInterrupted()) {
      LockSupport.parkNanos(DRAIN_POLL_NANOS);
    }
    boolean drained = inbox.isEmpty() && holding.get() == 0;
    for (Mailbox w : workers) {
      drained &= w.awaitDrained(deadline);
    }
    stopping = true;
    dispatcher.interrupt();
    for (Mailbox w : workers) {
      w.stopConsumer();
    }
    long stopDeadline = System.nanoTime() + EventTracker.CONSUMER_STOP_TIMEOUT.toNanos();
    long dropped = stopDispatcher(stopDeadline);
    for (Mailbox w : workers) {
      dropped += w.finishClose(stopDeadline);
    }
    awaitCallers(stopDeadline);
    closeSummary = new CloseSummary(drained && dropped == 0, dropped, books());
    return closeSummary;
  }

  /**
   * Waits until {@code deadline} for the dispatcher to end, then counts what is left in the inbox
   * as dropped; returns how many events the dispatcher's stop dropped.
   */
  private long stopDispatcher(long deadline) {
    long left;
    boolean interrupted = false;
    while (dispatcher.isAlive() && (left = deadline - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.timedJoin(dispatcher, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        interrupted = true;
        break;
      }
    }
    if (dispatcher.isAlive()) {
      LOG.log(
          Level.WARNING,
          "balancer '"
              + name
              + "': its thread did not stop "
              + (interrupted ? "before the wait for it was interrupted" : "in time")
              + "; it is left running (daemon), and its event will be counted when it ends");
    }
    closed = true;
    List<Event> queued = new ArrayList<>();
    inbox.drainTo(queued);
    queued.forEach(e -> ledger.dropped());
    return dispatcherDropped.get() + queued.size();
  }

  private void awaitCallers(long deadlineNanos) {
    while (callers.get() > 0 && System.nanoTime() - deadlineNanos < 0) {
      LockSupport.parkNanos(CALLER_POLL_NANOS);
    }
  }

  @Override
  public String toString() {
    return name + "[inbox " + inbox + ", workers " + workers + "]";
  }

  /** The balancer's own mailbox, as one of the design's queues. */
  private final class InboxView implements QueueView {

    @Override
    public String name() {
      return inbox.name();
    }

    @Override
    public long depth() {
      return inbox.size();
    }

    @Override
    public long inFlight() {
      return holding.get();
    }

    @Override
    public long highWaterMark() {
      return inbox.highWaterMark();
    }

    @Override
    public int capacity() {
      return inbox.capacity();
    }

    @Override
    public QueueProbe probe() {
      return inbox.probe();
    }
  }
}
