package dev.spillway.samples.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
import dev.spillway.samples.WorkerLocks;
import dev.spillway.samples.WorkerLocks.Lock;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.util.Preconditions;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * Workers checked out by their clients, one client at a time, as a registry of busy workers does: a
 * client looks for a worker that is not checked out (from a random one on), hands it the event and
 * goes on; the worker checks itself back in when it is done with the event. While every worker is
 * checked out, clients wait for a check-in — the design pushes back on its callers instead of
 * queueing, as long as the lock holds.
 *
 * <p>With the {@link Lock#registry registry} lock the worker marks itself checked out only when the
 * event reaches it: between a client seeing a worker free and the worker marking itself, other
 * clients see it free too, and hand it events of their own. Each such event is a lock race, counted
 * at the hand-over by what the worker holds at that moment — apart from the flag the clients read —
 * so a worker's queue holds at most one event more than its races. With the {@link Lock#immediate
 * immediate} lock the client marks the worker itself, atomically: no race.
 *
 * <p>A waiting client looks every {@link Mailbox#WAIT_SLICE} whether the design is closing (a close
 * also wakes it at once), and then stops waiting: its event is turned away.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class WorkerLocksTracker extends MailboxTracker implements WorkerLocks {

  private final Lock lock;
  private final List<WorkerLock> locks;
  private final Map<Mailbox, WorkerLock> lockOf;
  private final Object checkIns;
  private final AtomicLong waits = new AtomicLong();
  private volatile boolean closing;

  private WorkerLocksTracker(
      String name,
      Lock lock,
      List<Mailbox> workers,
      List<WorkerLock> locks,
      Object checkIns,
      MessageLedger ledger) {
    super(name, workers, ledger);
    this.lock = lock;
    this.locks = List.copyOf(locks);
    Map<Mailbox, WorkerLock> byWorker = new IdentityHashMap<>();
    for (int i = 0; i < workers.size(); i++) {
      byWorker.put(workers.get(i), locks.get(i));
    }
    this.lockOf = byWorker;
    this.checkIns = checkIns;
  }

  /**
   * The design named {@code name} with {@code workers} workers checked out by {@code lock}, each an
   * unbounded mailbox named {@code <name>-<i>} handled through {@code downstream}, accounting in
   * {@code ledger}.
   */
  public static WorkerLocksTracker create(
      String name, Lock lock, int workers, Downstream downstream, MessageLedger ledger) {
    Object checkIns = new Object();
    List<WorkerLock> locks = new ArrayList<>(workers);
    List<Mailbox> mailboxes = new ArrayList<>(workers);
    for (int i = 0; i < workers; i++) {
      WorkerLock worker = new WorkerLock(checkIns, lock.visibleAfter().toNanos());
      locks.add(worker);
      mailboxes.add(
          new Mailbox(
              InstrumentedQueue.unbounded(name + "-" + i), worker.guarding(downstream), ledger));
    }
    return new WorkerLocksTracker(name, lock, mailboxes, locks, checkIns, ledger);
  }

  @Override
  protected Mailbox pick(String key) {
    List<Mailbox> workers = mailboxes();
    int start = ThreadLocalRandom.current().nextInt(workers.size());
    boolean waited = false;
    while (true) {
      int free = freeFrom(start);
      if (free >= 0) {
        return workers.get(free);
      }
      if (closing) {
        return workers.get(start); // admit turns it away
      }
      if (!waited) {
        waited = true;
        waits.incrementAndGet();
      }
      if (!awaitCheckIn()) {
        return workers.get(start); // interrupted: the caller goes on, its event handed over
      }
    }
  }

  /**
   * The first worker from {@code start} on that is not checked out, or -1; with the immediate lock,
   * checked out for this caller.
   */
  private int freeFrom(int start) {
    int n = locks.size();
    for (int k = 0; k < n; k++) {
      int i = (start + k) % n;
      if (lock.atomic() ? locks.get(i).checkOut() : !locks.get(i).checkedOut()) {
        return i;
      }
    }
    return -1;
  }

  /** Whether every worker is checked out, as a waiting caller sees it (checking none out). */
  private boolean allCheckedOut() {
    return locks.stream().allMatch(WorkerLock::checkedOut);
  }

  /**
   * Waits for a check-in (or a slice, to look at the close again); false when interrupted, with the
   * interrupt kept.
   */
  private boolean awaitCheckIn() {
    synchronized (checkIns) {
      if (!allCheckedOut() || closing) {
        return true; // a worker checked in before this caller began to wait
      }
      try {
        checkIns.wait(Mailbox.WAIT_SLICE.toMillis());
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  @Override
  protected Mailbox.Admission admit(Mailbox mailbox, Event event) {
    WorkerLock worker = lockOf.get(mailbox);
    if (closing) {
      worker.abandon(); // a caller the close released from its wait is turned away
      return Mailbox.Admission.CLOSED;
    }
    worker.handOver();
    Mailbox.Admission admission = mailbox.offer(event);
    if (admission != Mailbox.Admission.QUEUED) {
      worker.release(); // not handed over after all
    }
    return admission;
  }

  @Override
  protected void beforeClose() {
    closing = true;
    synchronized (checkIns) {
      checkIns.notifyAll();
    }
  }

  @Override
  public Lock lock() {
    return lock;
  }

  @Override
  public long lockRaces() {
    return locks.stream().mapToLong(l -> l.races.get()).sum();
  }

  @Override
  public long lockRaces(int worker) {
    Preconditions.inRange(worker, 0, locks.size() - 1, "worker");
    return locks.get(worker).races.get();
  }

  @Override
  public long lockWaits() {
    return waits.get();
  }

  /** One worker's entry in the registry of busy workers, and its count of races. */
  private static final class WorkerLock {

    private static final long NOT_OUT = Long.MIN_VALUE;

    private final Object checkIns;
    private final long visibleAfterNanos;
    // what clients read: NOT_OUT, or when the worker was marked checked out (System.nanoTime)
    private final AtomicLong markedAt = new AtomicLong(NOT_OUT);
    private final AtomicInteger held = new AtomicInteger(); // handed over, not yet handled
    private final AtomicLong races = new AtomicLong();

    WorkerLock(Object checkIns, long visibleAfterNanos) {
      this.checkIns = checkIns;
      this.visibleAfterNanos = visibleAfterNanos;
    }

    /** Whether the other clients see the worker checked out. */
    boolean checkedOut() {
      long at = markedAt.get();
      return at != NOT_OUT && System.nanoTime() - at >= visibleAfterNanos;
    }

    /** The immediate lock: checks the worker out for the caller; false when it already was. */
    boolean checkOut() {
      return markedAt.compareAndSet(NOT_OUT, System.nanoTime());
    }

    /** A client hands the worker an event: a race when the worker already held one. */
    void handOver() {
      if (held.getAndIncrement() > 0) {
        races.incrementAndGet();
      }
    }

    /** A caller that checked the worker out hands it nothing: it is free again if it holds none. */
    void abandon() {
      if (held.get() == 0) {
        checkIn();
      }
    }

    /** An event handed over was not taken after all: the worker is free again if it holds none. */
    void release() {
      if (held.decrementAndGet() == 0) {
        checkIn();
      }
    }

    private void checkIn() {
      markedAt.set(NOT_OUT);
      synchronized (checkIns) {
        checkIns.notifyAll();
      }
    }

    /**
     * The worker's handling: it marks itself checked out when an event reaches it — not at the
     * hand-over — and checks back in when it is done with it, as the seed's workers lock themselves
     * for each request and unlock after it, whatever the races left in their mailbox.
     */
    Downstream guarding(Downstream downstream) {
      return event -> {
        markedAt.set(System.nanoTime());
        try {
          downstream.handle(event);
        } finally {
          held.decrementAndGet();
          checkIn();
        }
      };
    }
  }
}
