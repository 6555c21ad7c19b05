package dev.spillway.samples.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.ledger.MessageLedger;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apiguardian.api.API;

/**
 * A design whose clients pick a worker themselves, at random, for every event ("free for all": no
 * balancer in between). The load spreads evenly on average — a hot key too, since the key plays no
 * part — but nothing stops many clients from picking the same worker at once: each worker's share
 * is a throw of balls into bins, and near saturation its mailbox grows on its own. Events of one
 * key may be handled out of order.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class FreeForAllTracker extends MailboxTracker {

  /** A design named {@code name} over {@code mailboxes}, accounting in {@code ledger}. */
  public FreeForAllTracker(String name, List<Mailbox> mailboxes, MessageLedger ledger) {
    super(name, mailboxes, ledger);
  }

  @Override
  protected Mailbox pick(String key) {
    List<Mailbox> workers = mailboxes();
    return workers.get(ThreadLocalRandom.current().nextInt(workers.size()));
  }
}
