package dev.spillway.samples.internal;

import dev.spillway.samples.CloseSummary;
import dev.spillway.samples.Event;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.TrackResult;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.util.Preconditions;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * What the designs that run threads of their own behind one intake queue share (the balancer, the
 * drop-oldest buffer, the demand-driven pipeline): the admission of a tracked event into the
 * intake, its race with a close, and the close itself — stop accepting, wait for the design to be
 * idle until the drain timeout, stop its threads, count what is left in its queues as dropped, and
 * wait for the callers still inside {@code track}.
 *
 * <p>Accounting: an event is sent when tracked and queued in the intake; what happens next is the
 * design's. A late {@code track} that races with a close is either taken back (rejected) or drained
 * by the close as dropped, so nothing is ever lost silently.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
abstract class IntakeTracker<E> implements EventTracker {

  private static final System.Logger LOG = System.getLogger(IntakeTracker.class.getName());
  private static final long DRAIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final String name;
  private final MessageLedger ledger;
  private final InstrumentedQueue<E> intake;
  private final Function<Event, E> form;
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong callers = new AtomicLong();
  private volatile boolean accepting = true;
  private volatile boolean closed; // the last drain of the queues has begun
  private volatile boolean stopping;
  private CloseSummary closeSummary; // guarded by this

  /**
   * A design whose tracked events arrive in {@code intake}, each in the {@code form} it takes there
   * (the event itself, or what the design makes of it on arrival).
   */
  IntakeTracker(
      String name, MessageLedger ledger, InstrumentedQueue<E> intake, Function<Event, E> form) {
    this.name = name;
    this.ledger = ledger;
    this.intake = intake;
    this.form = form;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final MessageLedger ledger() {
    return ledger;
  }

  /** The queue tracked events arrive in. */
  final InstrumentedQueue<E> intake() {
    return intake;
  }

  /** Whether the design's threads are to stop: their loops check it. */
  final boolean stopping() {
    return stopping;
  }

  @Override
  public final TrackResult track(String key, String payload) {
    Preconditions.notNull(key, "key");
    Preconditions.notNull(payload, "payload");
    callers.incrementAndGet();
    try {
      ledger.sent();
      if (!accepting) {
        return refused();
      }
      E event = form.apply(new Event(ids.incrementAndGet(), key, payload, System.nanoTime()));
      admit(event);
      // close() sets closed before its last drain: if we see closed, either we take the event back
      // here, or that drain already took it and counted it as dropped
      if (closed && intake.remove(event)) {
        return refused();
      }
      return TrackResult.ACCEPTED;
    } finally {
      callers.decrementAndGet();
    }
  }

  private TrackResult refused() {
    ledger.rejected();
    return TrackResult.rejected(name + " is closed: not accepting events");
  }

  /** Queues {@code event} in the intake, which must take it; by default an unbounded offer. */
  void admit(E event) {
    intake.offer(event);
  }

  @Override
  public LedgerSnapshot books() {
    // the outcomes before the depth, as every design: an event finished while the books are read
    // is never counted both as queued and as processed
    return ledger.snapshot(depthProbe(), inFlight()::read);
  }

  @Override
  public abstract QueueProbe depthProbe();

  /** Whether nothing is queued or held anywhere in the design. */
  abstract boolean idle();

  /**
   * Interrupts the design's threads (after {@link #stopping()} became true) and waits for them
   * until {@code deadlineNanos}; returns how many events the stop dropped in their hands.
   */
  abstract long stopThreads(long deadlineNanos);

  /** The queues whose remains a close counts as dropped, once the threads have stopped. */
  abstract List<InstrumentedQueue<?>> remains();

  @Override
  public final synchronized CloseSummary close(Duration drainTimeout) {
    Preconditions.notNegative(drainTimeout, "drain timeout");
    if (closeSummary != null) {
      return closeSummary;
    }
    accepting = false;
    long deadline = CloseWaits.deadlineAfter(drainTimeout);
    Thread me = Thread.currentThread();
    while (!idle() && System.nanoTime() - deadline < 0 && !me.isInterrupted()) {
      LockSupport.parkNanos(DRAIN_POLL_NANOS);
    }
    boolean drained = idle();
    stopping = true;
    long stopDeadline = System.nanoTime() + EventTracker.CONSUMER_STOP_TIMEOUT.toNanos();
    long dropped = stopThreads(stopDeadline);
    closed = true;
    for (InstrumentedQueue<?> queue : remains()) {
      List<Object> left = new ArrayList<>();
      queue.drainTo(left);
      left.forEach(e -> ledger.dropped());
      dropped += left.size();
    }
    CloseWaits.awaitZero(callers, stopDeadline);
    closeSummary = new CloseSummary(drained && dropped == 0, dropped, books());
    return closeSummary;
  }

  /**
   * Waits until {@code deadlineNanos} for the interrupted {@code thread} to end; says so when it
   * does not: it is left running (a daemon), and its event is counted when it ends.
   */
  final void awaitStopped(Thread thread, long deadlineNanos) {
    CloseWaits.awaitEnd(thread, deadlineNanos)
        .ifPresent(
            how ->
                LOG.log(
                    Level.WARNING,
                    "design '"
                        + name
                        + "': "
                        + thread.getName()
                        + " did not stop "
                        + how
                        + "; it is left running (daemon), and its event will be counted when it"
                        + " ends"));
  }

  /** A daemon thread named {@code spillway-consumer-<suffix>} running {@code loop}, not started. */
  static Thread consumerThread(String suffix, Runnable loop) {
    Thread thread = new Thread(loop, "spillway-consumer-" + suffix);
    thread.setDaemon(true);
    return thread;
  }
}
