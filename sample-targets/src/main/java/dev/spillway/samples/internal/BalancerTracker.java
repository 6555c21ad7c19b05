package dev.spillway.samples.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
import dev.spillway.samples.QueueView;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.probe.QueueProbes;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * A balancer in front of a pool (poolboy): every event goes to the balancer's own mailbox; its one
 * thread spends the dispatch cost on each (the check-out and check-in a pool's balancer handles for
 * every request), checks out an idle worker (waiting while none is) and hands the event to it; the
 * worker checks itself back in when it has handled the event. The workers serve in parallel, but
 * the balancer serves one event at a time: above 1/dispatch cost its mailbox grows while the
 * workers sit idle.
 *
 * <p>Accounting: the worker that handles an event counts it processed or failed. The balancer holds
 * at most one event (in flight) and counts it out of flight before it hands it on, so the books
 * never count an event twice; a close counts what the balancer still holds or has queued as
 * dropped, and each worker's close counts its own.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class BalancerTracker extends IntakeTracker<Event> {

  private final List<Mailbox> workers;
  private final BlockingQueue<Integer> idle = new LinkedBlockingQueue<>(); // workers checked in
  private final InProcessDownstream dispatchWork;
  private final List<QueueView> views;
  private final QueueProbe depthProbe;
  private final Thread dispatcher;
  private final AtomicLong holding =
      new AtomicLong(); // 0 or 1: taken from the inbox, not handed on
  private final AtomicLong dispatcherDropped = new AtomicLong();

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
    super(name, ledger, InstrumentedQueue.unbounded(name), event -> event);
    List<Mailbox> pool = new ArrayList<>(workers);
    for (int i = 0; i < workers; i++) {
      pool.add(
          new Mailbox(
              InstrumentedQueue.bounded(name + "-worker-" + i, 1),
              checkingIn(i, downstream),
              ledger));
    }
    this.workers = List.copyOf(pool);
    for (int i = 0; i < workers; i++) {
      idle.add(i);
    }
    this.dispatchWork = new InProcessDownstream(dispatchCost);
    List<QueueView> all = new ArrayList<>();
    all.add(QueueViews.of(intake(), holding::get));
    all.addAll(this.workers);
    this.views = List.copyOf(all);
    List<QueueProbe> probes = new ArrayList<>();
    probes.add(intake().probe());
    this.workers.forEach(w -> probes.add(w.probe()));
    this.depthProbe = QueueProbes.total(name, probes.toArray(QueueProbe[]::new));
    this.dispatcher = consumerThread(name, this::dispatch);
    dispatcher.start();
  }

  /** The balancer's loop: take, spend the dispatch cost, hand to an idle worker. */
  private void dispatch() {
    while (!stopping()) {
      Event event;
      try {
        event = intake().take();
      } catch (InterruptedException e) {
        continue; // stopping is checked by the loop
      }
      holding.set(1);
      try {
        dispatchWork.handle(event);
        Mailbox worker = workers.get(idle.take()); // poolboy's check-out: waits while all are busy
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
    ledger().dropped();
    dispatcherDropped.incrementAndGet();
  }

  /**
   * Worker {@code index}'s handling: {@code downstream}, then the worker checks itself back in,
   * however the handling ended.
   */
  private Downstream checkingIn(int index, Downstream downstream) {
    return event -> {
      try {
        downstream.handle(event);
      } finally {
        idle.add(index);
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
  boolean idle() {
    return intake().isEmpty()
        && holding.get() == 0
        && workers.stream().allMatch(w -> w.depth() == 0 && w.inFlight() == 0);
  }

  @Override
  long stopThreads(long deadlineNanos) {
    dispatcher.interrupt();
    workers.forEach(Mailbox::stopConsumer);
    awaitStopped(dispatcher, deadlineNanos);
    long dropped = dispatcherDropped.get();
    for (Mailbox w : workers) {
      dropped += w.finishClose(deadlineNanos);
    }
    return dropped;
  }

  @Override
  List<InstrumentedQueue<?>> remains() {
    return List.of(intake());
  }

  @Override
  public String toString() {
    return name() + "[inbox " + intake() + ", workers " + workers + "]";
  }
}
