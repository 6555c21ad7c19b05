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
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * A demand-driven pipeline, as GenStage builds one: a producer, a producer-consumer stage and a
 * consumer. Each stage asks its upstream for at most {@code maxDemand} events and gets no more: its
 * inbox holds what it asked for and has not taken yet, so it never holds more than its demand. A
 * stage that cannot keep up stops asking, the stage before it stops, and the pressure travels back
 * to the producer — whose own buffer, where the callers' events arrive, is the one place they can
 * still pile up (GenStage's producer buffer). Queues: {@code <name>-source} (unbounded), {@code
 * <name>-stage} and {@code <name>-sink} (each of capacity {@code maxDemand}).
 *
 * <p>Accounting: the consumer counts each event processed or failed. Each thread holds at most one
 * event (in flight); it hands it on before it lets go of it, so for that instant the event may be
 * counted both queued downstream and in flight — never missing. A close counts what each thread
 * holds and what is queued anywhere as dropped.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class DemandPipelineTracker extends IntakeTracker<Event> {

  private final List<Stage> stages;
  private final List<QueueView> views;
  private final QueueProbe depthProbe;
  private final AtomicLong droppedByStop = new AtomicLong();

  /**
   * A pipeline named {@code name}: its stage spends {@code stageCost} on each event, its consumer
   * handles each through {@code downstream}; each asks for at most {@code maxDemand} events.
   */
  public DemandPipelineTracker(
      String name, int maxDemand, Duration stageCost, Downstream downstream, MessageLedger ledger) {
    super(name, ledger, InstrumentedQueue.unbounded(name + "-source"), event -> event);
    InstrumentedQueue<Event> stageInbox = InstrumentedQueue.bounded(name + "-stage", maxDemand);
    InstrumentedQueue<Event> sinkInbox = InstrumentedQueue.bounded(name + "-sink", maxDemand);
    this.stages =
        List.of(
            new Stage(name + "-producer", intake(), event -> {}, stageInbox),
            new Stage(name + "-stage", stageInbox, new InProcessDownstream(stageCost), sinkInbox),
            new Stage(name + "-consumer", sinkInbox, downstream, null));
    this.views = stages.stream().map(s -> QueueViews.of(s.inbox, s.holding::get)).toList();
    this.depthProbe =
        QueueProbes.total(name, intake().probe(), stageInbox.probe(), sinkInbox.probe());
    stages.forEach(s -> s.thread.start());
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
    return stages.stream().allMatch(s -> s.inbox.isEmpty() && s.holding.get() == 0);
  }

  @Override
  long stopThreads(long deadlineNanos) {
    stages.forEach(s -> s.thread.interrupt());
    stages.forEach(s -> awaitStopped(s.thread, deadlineNanos));
    return droppedByStop.get();
  }

  @Override
  List<InstrumentedQueue<?>> remains() {
    return stages.stream().<InstrumentedQueue<?>>map(s -> s.inbox).toList();
  }

  @Override
  public String toString() {
    return name() + views.stream().map(QueueView::name).toList();
  }

  /**
   * One thread of the pipeline: takes from its inbox, does its work, and puts the event into the
   * next stage's inbox — waiting while that stage has no demand left — or, for the consumer, counts
   * its outcome.
   */
  private final class Stage implements Runnable {

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
      this.inbox = inbox;
      this.work = work;
      this.next = next;
      this.thread = consumerThread(threadName, this);
    }

    @Override
    public void run() {
      while (!stopping()) {
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
          ledger().processed();
        }
      } catch (InterruptedException e) {
        holding.set(0);
        ledger().dropped(); // stopped while it held the event
        droppedByStop.incrementAndGet();
      } catch (Exception e) {
        holding.set(0);
        ledger().failed(e);
      } catch (Error e) {
        holding.set(0);
        ledger().failed(e);
        throw e; // a dying consumer is exactly what the DIED verdict is about
      }
    }
  }
}
