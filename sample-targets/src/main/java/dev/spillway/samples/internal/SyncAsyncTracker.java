package dev.spillway.samples.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
import dev.spillway.samples.SyncAsyncSwitch;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * One consumer with an unbounded mailbox whose callers switch between fire-and-forget and waiting,
 * as lager's logging calls switch from async to sync: once the mailbox holds {@code syncAt} events,
 * each caller waits until its own event is handled (it queued behind the whole backlog, so it is
 * held back at the consumer's pace); once the mailbox is down to {@code asyncAt}, callers stop
 * waiting. The mode is decided by each caller from the depth it sees when it arrives.
 *
 * <p>A waiting caller looks every {@link Mailbox#WAIT_SLICE} whether the design is closing, and
 * then stops waiting: a close never waits longer than that for it. Its event is accounted as every
 * event (processed, or dropped by the close).
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class SyncAsyncTracker extends MailboxTracker implements SyncAsyncSwitch {

  private final long syncAt;
  private final long asyncAt;
  private final Completions completions;
  private final AtomicBoolean sync = new AtomicBoolean();
  private final AtomicLong toSync = new AtomicLong();
  private final AtomicLong toAsync = new AtomicLong();
  private volatile boolean closing;

  private SyncAsyncTracker(
      String name,
      Mailbox mailbox,
      MessageLedger ledger,
      long syncAt,
      long asyncAt,
      Completions completions) {
    super(name, List.of(mailbox), ledger);
    this.syncAt = syncAt;
    this.asyncAt = asyncAt;
    this.completions = completions;
  }

  /**
   * The design named {@code name} over an unbounded mailbox of the same name handled through {@code
   * downstream}, accounting in {@code ledger}; callers wait from depth {@code syncAt} until depth
   * {@code asyncAt} ({@code syncAt > asyncAt >= 0}).
   */
  public static SyncAsyncTracker create(
      String name, long syncAt, long asyncAt, Downstream downstream, MessageLedger ledger) {
    Completions completions = new Completions(downstream);
    Mailbox mailbox = new Mailbox(InstrumentedQueue.unbounded(name), completions, ledger);
    return new SyncAsyncTracker(name, mailbox, ledger, syncAt, asyncAt, completions);
  }

  @Override
  protected Mailbox.Admission admit(Mailbox mailbox, Event event) {
    if (!waits(mailbox.depth())) {
      return mailbox.offer(event);
    }
    CountDownLatch done = completions.expect(event.id());
    try {
      Mailbox.Admission admission = mailbox.offer(event);
      if (admission == Mailbox.Admission.QUEUED) {
        awaitHandled(done);
      }
      return admission;
    } finally {
      completions.forget(event.id());
    }
  }

  /** Whether a caller arriving at {@code depth} waits, switching the mode at the thresholds. */
  private boolean waits(long depth) {
    if (depth >= syncAt) {
      if (sync.compareAndSet(false, true)) {
        toSync.incrementAndGet();
      }
    } else if (depth <= asyncAt && sync.compareAndSet(true, false)) {
      toAsync.incrementAndGet();
    }
    return sync.get();
  }

  /** Waits until the event is handled, the design closes, or the caller is interrupted. */
  private void awaitHandled(CountDownLatch done) {
    try {
      while (!done.await(Mailbox.WAIT_SLICE.toNanos(), TimeUnit.NANOSECONDS)) {
        if (closing) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the event stays queued; the caller stops waiting
    }
  }

  @Override
  protected void beforeClose() {
    closing = true;
  }

  @Override
  public boolean synchronous() {
    return sync.get();
  }

  @Override
  public long switchesToSync() {
    return toSync.get();
  }

  @Override
  public long switchesToAsync() {
    return toAsync.get();
  }

  /** The consumer's downstream, telling a waiting caller when its event has been handled. */
  private static final class Completions implements Downstream {

    private final Downstream inner;
    private final Map<Long, CountDownLatch> waiting = new ConcurrentHashMap<>();

    Completions(Downstream inner) {
      this.inner = inner;
    }

    CountDownLatch expect(long id) {
      CountDownLatch latch = new CountDownLatch(1);
      waiting.put(id, latch);
      return latch;
    }

    void forget(long id) {
      waiting.remove(id);
    }

    @Override
    public void handle(Event event) throws Exception {
      try {
        inner.handle(event);
      } finally {
        CountDownLatch latch = waiting.get(event.id());
        if (latch != null) {
          latch.countDown();
        }
      }
    }

    @Override
    public String toString() {
      return inner.toString();
    }
  }
}
