package dev.spillway.samples.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.samples.CloseSummary;
import dev.spillway.samples.Event;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.QueueView;
import dev.spillway.samples.TrackResult;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.probe.QueueProbes;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * A design made of one or more {@link Mailbox}es, each with its own consumer, chosen per key by a
 * stable hash (a single mailbox takes every key). Subclasses add an admission rule.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public class MailboxTracker implements EventTracker {

  private final String name;
  private final List<Mailbox> mailboxes;
  private final List<QueueView> views;
  private final MessageLedger ledger;
  private final QueueProbe depthProbe;
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong callers = new AtomicLong(); // inside track(): their outcome may be due
  private volatile CloseSummary closeSummary;

  /** A design named {@code name} over {@code mailboxes}, accounting in {@code ledger}. */
  public MailboxTracker(String name, List<Mailbox> mailboxes, MessageLedger ledger) {
    this.name = name;
    this.mailboxes = List.copyOf(mailboxes);
    this.views = List.copyOf(mailboxes);
    this.ledger = ledger;
    this.depthProbe =
        mailboxes.size() == 1
            ? mailboxes.get(0).probe()
            : QueueProbes.total(
                name, mailboxes.stream().map(Mailbox::probe).toArray(QueueProbe[]::new));
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
      return admitCounted(key, payload);
    } finally {
      callers.decrementAndGet();
    }
  }

  /** {@link #track}'s work: counts the event sent, then its admission. */
  private TrackResult admitCounted(String key, String payload) {
    ledger.sent();
    if (closeSummary != null) {
      ledger.rejected();
      return TrackResult.rejected(name + " is closed: not accepting events");
    }
    String refusal = refusal();
    if (refusal != null) {
      ledger.rejected();
      return TrackResult.rejected(refusal);
    }
    Mailbox mailbox = pick(key);
    Event event = new Event(ids.incrementAndGet(), key, payload, System.nanoTime());
    switch (admit(mailbox, event)) {
      case QUEUED:
        return TrackResult.ACCEPTED;
      case FULL:
        ledger.rejected();
        return TrackResult.rejected(
            "bounded mailbox '"
                + mailbox.name()
                + "' is full (capacity "
                + mailbox.capacity()
                + ")");
      case CLOSED:
      default:
        ledger.rejected();
        return TrackResult.rejected(name + " is closed: not accepting events");
    }
  }

  /**
   * Offers {@code event} to {@code mailbox}; by default without waiting ({@link Mailbox#offer}).
   */
  protected Mailbox.Admission admit(Mailbox mailbox, Event event) {
    return mailbox.offer(event);
  }

  /** Why the next event is refused before it reaches a queue, or null to admit it. */
  protected String refusal() {
    return null;
  }

  /** The mailbox {@code key}'s next event goes to; by default {@link #mailboxFor}. */
  protected Mailbox pick(String key) {
    return mailboxFor(key);
  }

  /** The mailbox that serves {@code key}: a stable hash of the key modulo the mailbox count. */
  public Mailbox mailboxFor(String key) {
    return mailboxes.get(partitionOf(key, mailboxes.size()));
  }

  /**
   * The partition of {@code key} among {@code partitions}: stable across runs and JVMs ({@link
   * String#hashCode()} is specified), with the hash's bits mixed so that similar keys spread.
   */
  public static int partitionOf(String key, int partitions) {
    int h = key.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return Math.floorMod(h, partitions);
  }

  /** The mailboxes, in partition order. */
  protected List<Mailbox> mailboxes() {
    return mailboxes;
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
    // the ledger reads the outcomes before the depth: an event taken and handled while the books
    // are read is never counted both as queued and as processed (a false double count)
    return ledger.snapshot(depthProbe, inFlight()::read);
  }

  @Override
  public synchronized CloseSummary close(Duration drainTimeout) {
    Preconditions.notNegative(drainTimeout, "drain timeout");
    if (closeSummary == null) {
      beforeClose();
      long deadline = CloseWaits.deadlineAfter(drainTimeout);
      // every mailbox stops accepting before any drains: a partition must not take new events
      // while another one is still draining
      for (Mailbox m : mailboxes) {
        m.stopAccepting();
      }
      boolean drained = true;
      for (Mailbox m : mailboxes) {
        drained &= m.awaitDrained(deadline);
      }
      // every consumer is interrupted before any is waited for: one stop timeout for them all
      for (Mailbox m : mailboxes) {
        m.stopConsumer();
      }
      long stopDeadline = System.nanoTime() + EventTracker.CONSUMER_STOP_TIMEOUT.toNanos();
      long dropped = 0;
      for (Mailbox m : mailboxes) {
        dropped += m.finishClose(stopDeadline);
      }
      // a caller waiting for room leaves within Mailbox.WAIT_SLICE of the close, any other at
      // once: the summary's books then include the answer of a caller the close turned away
      CloseWaits.awaitZero(callers, stopDeadline);
      closeSummary = new CloseSummary(drained && dropped == 0, dropped, books());
    }
    return closeSummary;
  }

  /** Runs first in {@link #close(Duration)}, before the mailboxes stop accepting. */
  protected void beforeClose() {}

  @Override
  public String toString() {
    return name + mailboxes;
  }
}
