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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A demand-driven pipeline, as GenStage builds one: a producer, a producer-consumer stage and a
 * consumer. Each stage asks its upstream for at most {@code maxDemand} events and gets no more: its
 * inbox holds what it asked for and has not taken yet, so it never holds more than its demand. A
 * stage that cannot keep up stops asking, the stage before it stops, and the pressure travels back
 * to the producer — whose own buffer, where the callers' events arrive, is the one place they can
 * still pile up (GenStage's producer buffer). Queues: {@code <name>-source} (unbounded), {@code
 * <name>-stage} and {@code <name>-sink} (each of capacity {@code maxDemand}).
 *
 * <p>Accounting: an event is sent when tracked, and processed or failed by the consumer. Each
 * thread holds at most one event (in flight); it hands it on before it lets go of it, so for that
 * instant the event may be counted both queued downstream and in flight — never missing. A close
 * counts what each thread holds and what is queued anywhere as dropped.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
public final class DemandPipelineTracker implements EventTracker {

  private static final System.Logger LOG = System.getLogger(DemandPipelineTracker.class.getName());
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long CALLER_POLL_NANOS = 100_000;
  private static final Duration MAX_DRAIN_TIMEOUT = Duration.ofNanos(Long.MAX_VALUE / 2);

  private final String name;
  private final MessageLedger ledger;
  private final InstrumentedQueue<Event> source;
  private final List<Stage> stages;
  private final List<QueueView> views;
  private final QueueProbe depthProbe;
  private final AtomicLong droppedByStop = new AtomicLong();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong callers = new AtomicLong();
  private volatile boolean accepting = true;
  private volatile boolean closed; // the last drain has begun
  private volatile boolean stopping;
  private CloseSummary closeSummary; // guarded by this

  /**
   * A pipeline named {@code name}: its stage spends {@code stageCost} on each event, its consumer
   * handles each through {@code downstream}; each asks for at most {@code maxDemand} events.
   */
  public DemandPipelineTracker(
      String name, int maxDemand, Duration stageCost, Downstream downstream, MessageLedger ledger) {
    this.name = name;
    this.ledger = ledger;
    this.source = InstrumentedQueue.unbounded(name + "-source");
    InstrumentedQueue<Event> stageInbox = InstrumentedQueue.bounded(name + "-stage", maxDemand);
    InstrumentedQueue<Event> sinkInbox = InstrumentedQueue.bounded(name + "-sink", maxDemand);
    InProcessDownstream stageWork = new InProcessDownstream(stageCost);
    this.stages =
        List.of(
            new Stage(name + "-producer", source, event -> {}, stageInbox),
            new Stage(name + "-stage", stageInbox, stageWork, sinkInbox),
            new Stage(name + "-consumer", sinkInbox, downstream, null));
    this.views = stages.stream().map(Stage::view).toList();
    this.depthProbe =
        QueueProbes.total(name, source.probe(), stageInbox.probe(), sinkInbox.probe());
    stages.forEach(Stage::start);
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
      source.offer(event); // the producer's buffer is unbounded: always queued
      // close() sets closed before its last drain: if we see closed, either we take the event back
      // here, or that drain already took it and counted it as dropped
      if (closed && source.remove(event)) {
        ledger.rejected();
        return TrackResult.rejected(name + " is closed: not accepting events");
      }
      return TrackResult.ACCEPTED;
    } finally {
      callers.decrementAndGet();
    }
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
    // the outcomes before the depth, as every design: an event finished while the books are read
    // is never counted both as queued and as processed
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
    Thread me = Thread.currentThread();
    while (!idle() && System.nanoTime() - deadline < 0 && !me.isInterrupted()) {
      LockSupport.parkNanos(POLL_NANOS);
    }
    boolean drained = idle();
    stopping = true;
    stages.forEach(s -> s.thread.interrupt());
    long stopDeadline = System.nanoTime() + EventTracker.CONSUMER_STOP_TIMEOUT.toNanos();
    stages.forEach(s -> s.awaitStopped(stopDeadline));
    closed = true;
    long dropped = droppedByStop.get();
    for (Stage s : stages) {
      List<Event> left = new ArrayList<>();
      s.inbox.drainTo(left);
      left.forEach(e -> ledger.dropped());
      dropped += left.size();
    }
    while (callers.get() > 0 && System.nanoTime() - stopDeadline < 0) {
      LockSupport.parkNanos(CALLER_POLL_NANOS);
    }
    closeSummary = new CloseSummary(drained && dropped == 0, dropped, books());
    return closeSummary;
  }

  private boolean idle() {
    return stages.stream().allMatch(s -> s.inbox.isEmpty() && s.holding.get() == 0);
  }

  @Override
  public String toString() {
    return name + views.stream().map(QueueView::name).toList();
  }

  /**
   * One thread of the pipeline: takes from its inbox, does its work, and puts the event into the
   * next stage's inbox — waiting while that stage has no demand left — or, for the consumer, counts
   * its outcome.
   */
  private final class Stage implements Runnable {

    private final String threadName;
    private final InstrumentedQueue<Event> inbox;
    private final Downstream work;
    private final InstrumentedQueue<Event> next; // null for the consumer
    private final AtomicLong holding = new AtomicLong(); // 0 or 1
    private final Thread thread;

    Stage(
        String threadName,
        InstrumentedQueue<Event> inbox,
        Downstream work,
        InstrumentedQueue<Event> next) {
      this.threadName = threadName;
      this.inbox = inbox;
      this.work = work;
      this.next = next;
      this.thread = new Thread(this, "spillway-consumer-" + threadName);
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    @Override
    public void run() {
      while (!stopping) {
        Event event;
        try {
          event = inbox.take();
        } catch (InterruptedException e) {
          continue; // stopping is checked by the loop
        }
        holding.set(1);
        handle(event);
      }
    }

    private void handle(Event event) {
      try {
        work.handle(event);
        if (next != null) {
          next.put(event); // waits while the next stage has no demand left
          holding.set(0); // handed on first: for an instant counted twice, never missing
        } else {
          holding.set(0); // out of flight before the outcome: never counted twice
          ledger.processed();
        }
      } catch (InterruptedException e) {
        holding.set(0);
        ledger.dropped(); // stopped while it held the event
        droppedByStop.incrementAndGet();
      } catch (Exception e) {
        holding.set(0);
        ledger.failed(e);
      } catch (Error e) {
        holding.set(0);
        ledger.failed(e);
        throw e; // a dying consumer is exactly what the DIED verdict is about
      }
    }

    void awaitStopped(long deadline) {
      long left;
      boolean interrupted = false;
      while (thread.isAlive() && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedJoin(thread, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          interrupted = true;
          break;
        }
      }
      if (thread.isAlive()) {
        LOG.log(
            Level.WARNING,
            "pipeline '"
                + name
                + "': "
                + threadName
                + " did not stop "
                + (interrupted ? "before the wait for it was interrupted" : "in time")
                + "; it is left running (daemon), and its event will be counted when it ends");
      }
    }

    QueueView view() {
      return new QueueView() {
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
      };
    }
  }
}
