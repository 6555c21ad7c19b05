package dev.spillway.samples;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.samples.internal.BalancerTracker;
import dev.spillway.samples.internal.CallerWaitsTracker;
import dev.spillway.samples.internal.DemandPipelineTracker;
import dev.spillway.samples.internal.DropOldestTracker;
import dev.spillway.samples.internal.FreeForAllTracker;
import dev.spillway.samples.internal.LargeMessagesTracker;
import dev.spillway.samples.internal.Mailbox;
import dev.spillway.samples.internal.MailboxTracker;
import dev.spillway.samples.internal.SentinelWatchedTracker;
import dev.spillway.samples.internal.SyncAsyncTracker;
import dev.spillway.samples.internal.WorkerLocksTracker;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Builds the sample designs. Each starts its consumer thread(s) at once; close it (it is an {@link
 * AutoCloseable}) to stop them.
 *
 * <pre>{@code
 * try (EventTracker singleton = Designs.singleton(Downstream.inProcess(Duration.ofMillis(5)))) {
 *   TrackResult result = singleton.track("user-42", "clicked");
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Designs {

  /** The most fields a document of {@link #largeMessages} may have: about 10 MB per message. */
  public static final int MAX_DOCUMENT_FIELDS = 100_000;

  /** The largest partition count {@link #partitioned} accepts. */
  public static final int MAX_PARTITIONS = 1024;

  private Designs() {}

  /**
   * One consumer thread, an unbounded queue, fire-and-forget: a GenServer fed by {@code cast}.
   * Under λ &gt; μ its queue grows at λ − μ without limit.
   */
  public static EventTracker singleton(Downstream downstream) {
    Preconditions.notNull(downstream, "downstream");
    return single("singleton", InstrumentedQueue.unbounded("singleton"), downstream);
  }

  /**
   * The singleton with large messages: one consumer thread and an unbounded queue, where each event
   * arrives as a document of {@code fields} fields (parsed on arrival into a string per field,
   * about 52 bytes each: 600 fields make ~31 KB) that waits in the queue until it is served. The
   * consumer renders each document to text and encodes it, once for each of 64 subscribers
   * (allocating a few hundred times its size, short-lived), then waits {@code serviceTime} — a
   * plain sleep, which, unlike {@link Downstream#inProcess}, never catches up on time lost: a
   * collection's pause is time the consumer loses. Under λ &gt; μ the backlog's documents fill the
   * heap; in a small heap the collector then takes a growing share of the time and μ falls as the
   * backlog grows — a GC death spiral. Its queue: {@code large-messages}.
   *
   * @param fields 1 to {@value #MAX_DOCUMENT_FIELDS}
   * @param serviceTime the consumer's wait per event, &gt;= 0
   */
  public static EventTracker largeMessages(int fields, Duration serviceTime) {
    Preconditions.inRange(fields, 1, MAX_DOCUMENT_FIELDS, "document fields");
    Preconditions.notNegative(serviceTime, "service time");
    MessageLedger ledger = MessageLedger.builder().named("large-messages").build();
    return new LargeMessagesTracker("large-messages", fields, serviceTime, ledger);
  }

  /**
   * {@code partitions} consumers, each with its own unbounded queue; a key always goes to the same
   * partition (a stable hash), so events of one key keep their order. Survives while λ &lt; N·μ; a
   * hot key overflows only its own partition.
   *
   * @param partitions 1 to {@value #MAX_PARTITIONS}
   */
  public static EventTracker partitioned(int partitions, Downstream downstream) {
    Preconditions.inRange(partitions, 1, MAX_PARTITIONS, "partitions");
    Preconditions.notNull(downstream, "downstream");
    MessageLedger ledger = MessageLedger.builder().named("partitioned").build();
    List<Mailbox> mailboxes = new ArrayList<>(partitions);
    for (int i = 0; i < partitions; i++) {
      mailboxes.add(
          new Mailbox(InstrumentedQueue.unbounded("partitioned-" + i), downstream, ledger));
    }
    return new MailboxTracker("partitioned", mailboxes, ledger);
  }

  /** {@link #partitioned(int, Downstream)} with one partition per available processor. */
  public static EventTracker partitioned(Downstream downstream) {
    return partitioned(
        Math.min(MAX_PARTITIONS, Runtime.getRuntime().availableProcessors()), downstream);
  }

  /**
   * One consumer with a bounded queue: when it holds {@code capacity} events, {@code track} returns
   * REJECTED at once, with a reason naming the design and its capacity.
   *
   * @param capacity at least 1
   */
  public static EventTracker bounded(int capacity, Downstream downstream) {
    Preconditions.positive(capacity, "capacity");
    Preconditions.notNull(downstream, "downstream");
    return single("bounded", InstrumentedQueue.bounded("bounded", capacity), downstream);
  }

  /**
   * One consumer with a bounded queue whose callers wait for room: {@code track} returns once the
   * event is queued, so a caller faster than the consumer is held to its pace and nothing is turned
   * away — the back-pressure of a synchronous {@code GenServer.call}. The events a waiting caller
   * cannot send meanwhile wait in the caller.
   *
   * @param capacity at least 1
   */
  public static EventTracker callerWaits(int capacity, Downstream downstream) {
    Preconditions.positive(capacity, "capacity");
    Preconditions.notNull(downstream, "downstream");
    MessageLedger ledger = MessageLedger.builder().named("caller-waits").build();
    Mailbox mailbox =
        new Mailbox(InstrumentedQueue.bounded("caller-waits", capacity), downstream, ledger);
    return new CallerWaitsTracker("caller-waits", List.of(mailbox), ledger);
  }

  /**
   * {@code workers} consumers, each with its own unbounded queue, and no balancer: every event goes
   * to a worker the caller picks at random ("free for all"). On average each worker receives λ/N,
   * whatever the keys — a hot key is spread too — but the picks are a throw of balls into bins:
   * workers' queues fill unevenly, and one near saturation grows on its own. Per-key order is not
   * kept. Its queues: {@code free-for-all-<i>}.
   *
   * @param workers 1 to {@value #MAX_PARTITIONS}
   */
  public static EventTracker freeForAll(int workers, Downstream downstream) {
    Preconditions.inRange(workers, 1, MAX_PARTITIONS, "workers");
    Preconditions.notNull(downstream, "downstream");
    MessageLedger ledger = MessageLedger.builder().named("free-for-all").build();
    List<Mailbox> mailboxes = new ArrayList<>(workers);
    for (int i = 0; i < workers; i++) {
      mailboxes.add(
          new Mailbox(InstrumentedQueue.unbounded("free-for-all-" + i), downstream, ledger));
    }
    return new FreeForAllTracker("free-for-all", mailboxes, ledger);
  }

  /**
   * {@code workers} consumers, each with its own unbounded queue, checked out by their clients
   * through a registry of busy workers, as in the seed: a client looks for a worker that is not
   * checked out and hands it the event; the worker marks itself checked out when the event reaches
   * it, and checks itself back in when it is done with it; while every worker is checked out,
   * clients wait. The lock is not immediate: clients that find a worker free in the moment before
   * it marks itself all hand it events — lock races, counted ({@link WorkerLocks#lockRaces()}) — so
   * a worker's queue can hold more than one event, though never more than one plus its races.
   * Clients with work piled up behind them race at every check-in: the lock leaks, and past the
   * pool's capacity the workers' queues grow instead of the clients being held back. Per-key order
   * is not kept. Its queues: {@code worker-locks-<i>}.
   *
   * @param workers 1 to {@value #MAX_PARTITIONS}
   */
  public static WorkerLocks workerLocks(int workers, Downstream downstream) {
    return workerLocks(workers, WorkerLocks.Lock.registry(), downstream);
  }

  /**
   * {@link #workerLocks(int, Downstream)} with the clients' lock chosen: the seed's {@linkplain
   * WorkerLocks.Lock#registry(Duration) registry}, not immediate (its mark seen at once, or after a
   * delay), or an {@linkplain WorkerLocks.Lock#immediate() immediate} one, with which no two
   * clients ever share a worker and no lock race happens.
   *
   * @param workers 1 to {@value #MAX_PARTITIONS}
   */
  public static WorkerLocks workerLocks(int workers, WorkerLocks.Lock lock, Downstream downstream) {
    Preconditions.inRange(workers, 1, MAX_PARTITIONS, "workers");
    Preconditions.notNull(lock, "lock");
    Preconditions.notNull(downstream, "downstream");
    MessageLedger ledger = MessageLedger.builder().named("worker-locks").build();
    return WorkerLocksTracker.create("worker-locks", lock, workers, downstream, ledger);
  }

  /**
   * A bounded buffer of {@code capacity} events that never refuses its callers: when it is full, it
   * drops its oldest event to make room (pobox in {@code queue} mode), counts it dropped in the
   * ledger with its reason, and tells the consumer, which pulls up to {@code batch} events at a
   * time, how many were dropped since its last pull. Under λ &gt; μ the depth stays at the capacity
   * and the excess is dropped — counted and announced, never silent — and the events served are the
   * newest. Its queue: {@code drop-oldest}.
   *
   * @param capacity at least 1
   * @param batch 1 to {@code capacity}
   */
  public static DropOldestBuffer dropOldest(int capacity, int batch, Downstream downstream) {
    Preconditions.positive(capacity, "capacity");
    Preconditions.inRange(batch, 1, capacity, "batch");
    Preconditions.notNull(downstream, "downstream");
    MessageLedger ledger = MessageLedger.builder().named("drop-oldest").build();
    return new DropOldestTracker("drop-oldest", capacity, batch, downstream, ledger);
  }

  /**
   * One consumer with an unbounded mailbox whose callers switch from fire-and-forget to waiting, as
   * lager's logging calls switch from async to sync: once the mailbox holds {@code syncAt} events,
   * {@code track} returns only when that caller's own event has been handled — queued behind the
   * whole backlog, it is held to the consumer's pace — and once the mailbox is down to {@code
   * asyncAt}, callers stop waiting. Above its threshold it pushes back on its callers instead of
   * growing; nothing is turned away. Its queue: {@code sync-async}.
   *
   * @param syncAt the depth from which callers wait, &gt; asyncAt
   * @param asyncAt the depth at which they stop waiting, &gt;= 0
   */
  public static SyncAsyncSwitch syncAsync(long syncAt, long asyncAt, Downstream downstream) {
    Preconditions.notNegative(asyncAt, "async threshold");
    Preconditions.check(syncAt > asyncAt, "sync threshold", "> async threshold " + asyncAt, syncAt);
    Preconditions.notNull(downstream, "downstream");
    MessageLedger ledger = MessageLedger.builder().named("sync-async").build();
    return SyncAsyncTracker.create("sync-async", syncAt, asyncAt, downstream, ledger);
  }

  /**
   * A demand-driven pipeline, as GenStage builds one: a producer, a stage that spends {@code
   * stageCost} on each event, and a consumer that handles each through {@code downstream}. Each
   * stage asks its upstream for at most {@code maxDemand} events and never holds more; when the
   * consumer cannot keep up, the demand stops and the pressure travels back to the producer, whose
   * unbounded buffer — where callers' events arrive — is where they pile up under λ &gt; μ. Its
   * queues: {@code demand-driven-source} (unbounded), {@code demand-driven-stage} and {@code
   * demand-driven-sink} (capacity {@code maxDemand} each).
   *
   * @param maxDemand at least 1
   * @param stageCost the middle stage's time per event, &gt;= 0
   */
  public static EventTracker demandDriven(
      int maxDemand, Duration stageCost, Downstream downstream) {
    Preconditions.positive(maxDemand, "max demand");
    Preconditions.notNegative(stageCost, "stage cost");
    Preconditions.notNull(downstream, "downstream");
    MessageLedger ledger = MessageLedger.builder().named("demand-driven").build();
    return new DemandPipelineTracker("demand-driven", maxDemand, stageCost, downstream, ledger);
  }

  /**
   * A balancer in front of a pool of {@code workers}, as poolboy: every event goes to the
   * balancer's own unbounded mailbox; its one thread spends {@code dispatchCost} on each (the
   * check-out and check-in a pool's balancer handles for every request) and hands it to an idle
   * worker, waiting while none is idle. Each worker handles one event at a time through {@code
   * downstream}. The pool serves up to {@code workers} / service time, but the balancer only 1 /
   * dispatch cost: above that its mailbox grows at λ − 1/dispatch cost while workers sit idle — the
   * balancer is the bottleneck. Its queues: the balancer's mailbox ({@code balancer}), then one per
   * worker ({@code balancer-worker-<i>}, capacity 1).
   *
   * @param workers 1 to {@value #MAX_PARTITIONS}
   * @param dispatchCost the balancer's time per event, &gt;= 0
   */
  public static EventTracker balancer(int workers, Duration dispatchCost, Downstream downstream) {
    Preconditions.inRange(workers, 1, MAX_PARTITIONS, "workers");
    Preconditions.notNegative(dispatchCost, "dispatch cost");
    Preconditions.notNull(downstream, "downstream");
    MessageLedger ledger = MessageLedger.builder().named("balancer").build();
    return new BalancerTracker("balancer", workers, dispatchCost, downstream, ledger);
  }

  /**
   * One consumer with an unbounded queue watched by a {@link
   * dev.spillway.toolkit.sentinel.Sentinel}: it fires when the depth reaches {@code enable},
   * re-arms when it falls to {@code disable}, and applies {@code mitigation}.
   *
   * @param enable the enable threshold, &gt; disable
   * @param disable the disable threshold, &gt;= 0
   * @param events where breaches, re-arms and mitigations are reported (a recorder, say)
   */
  public static SentinelWatched sentinelWatched(
      long enable,
      long disable,
      SentinelMitigation mitigation,
      Downstream downstream,
      EventSink... events) {
    Preconditions.notNegative(disable, "disable threshold");
    Preconditions.check(
        enable > disable, "enable threshold", "> disable threshold " + disable, enable);
    Preconditions.notNull(mitigation, "mitigation");
    Preconditions.notNull(downstream, "downstream");
    Preconditions.noNullElements(events, "events");
    MessageLedger ledger = MessageLedger.builder().named("sentinel-watched").build();
    Mailbox mailbox =
        new Mailbox(InstrumentedQueue.unbounded("sentinel-watched"), downstream, ledger);
    try {
      return new SentinelWatchedTracker(
          "sentinel-watched", mailbox, ledger, enable, disable, mitigation, events);
    } catch (RuntimeException e) {
      mailbox.close(System.nanoTime());
      throw e;
    }
  }

  private static EventTracker single(
      String name, InstrumentedQueue<Event> queue, Downstream downstream) {
    MessageLedger ledger = MessageLedger.builder().named(name).build();
    return new MailboxTracker(name, List.of(new Mailbox(queue, downstream, ledger)), ledger);
  }
}
