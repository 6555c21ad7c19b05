package dev.spillway.samples.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.samples.Event;
import dev.spillway.toolkit.ledger.MessageLedger;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A design whose callers wait for room in a full mailbox instead of being turned away ({@link
 * Mailbox#offerWaiting}): back-pressure, as a synchronous {@code GenServer.call} gives it.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class CallerWaitsTracker extends MailboxTracker {

  /** A design named {@code name} over {@code mailboxes}, accounting in {@code ledger}. */
  public CallerWaitsTracker(String name, List<Mailbox> mailboxes, MessageLedger ledger) {
    super(name, mailboxes, ledger);
  }

  @Override
  protected Mailbox.Admission admit(Mailbox mailbox, Event event) {
    return mailbox.offerWaiting(event);
  }
}
