package dev.spillway.samples.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.samples.SentinelMitigation;
import dev.spillway.samples.SentinelWatched;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.sentinel.Mitigation;
import dev.spillway.toolkit.sentinel.Sentinel;
import dev.spillway.toolkit.sentinel.SentinelBuilder;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One unbounded mailbox watched by an event-driven {@link Sentinel}. Thread-safe.
 *
 * <p>With {@link SentinelMitigation#SHED}, events are rejected from the enable threshold until the
 * depth falls back to disable; with {@code RESTART} the consumer is restarted and what was queued
 * is counted as dropped; with {@code ALERT} the breach is only logged with diagnostics.
 */
@API(status = INTERNAL, since = "0.1")
public final class SentinelWatchedTracker extends MailboxTracker implements SentinelWatched {

  private final Sentinel sentinel;
  private final SentinelMitigation mitigation;

  /** Starts the sentinel on {@code mailbox}'s queue; every breach goes to {@code events}. */
  public SentinelWatchedTracker(
      String name,
      Mailbox mailbox,
      MessageLedger ledger,
      long enable,
      long disable,
      SentinelMitigation mitigation,
      EventSink... events) {
    super(name, List.of(mailbox), ledger);
    this.mitigation = mitigation;
    Mitigation action =
        switch (mitigation) {
          case SHED -> Mitigation.shed().and(Mitigation.log());
          case RESTART -> Mitigation.restart(mailbox::restart).and(Mitigation.log());
          case ALERT -> Mitigation.log();
        };
    SentinelBuilder builder =
        Sentinel.watching(mailbox.queue())
            .enableAt(enable)
            .disableAt(disable)
            .named(name)
            .mitigate(action)
            .consumerThreadFrom(mailbox::consumerThread);
    this.sentinel = (events.length == 0 ? builder : builder.events(events)).start();
  }

  @Override
  public Sentinel sentinel() {
    return sentinel;
  }

  @Override
  public SentinelMitigation mitigation() {
    return mitigation;
  }

  @Override
  protected String refusal() {
    if (sentinel.admits()) {
      return null;
    }
    return name()
        + " is shedding: its queue reached "
        + sentinel.enableThreshold()
        + " (enable threshold); admitting again at "
        + sentinel.disableThreshold();
  }

  @Override
  protected void beforeClose() {
    sentinel.close(); // no restart or shed decision may race with the final drain
  }
}
