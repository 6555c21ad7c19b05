package dev.spillway.toolkit.target;

import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.util.Preconditions;
import java.util.List;

/** {@link AccountedTarget#onClose}: a target that runs a handler after its own close. */
final class ClosingTarget implements AccountedTarget {

  private final AccountedTarget target;
  private final Runnable handler;

  ClosingTarget(AccountedTarget target, Runnable handler) {
    this.target = target;
    this.handler = Preconditions.notNull(handler, "close handler");
  }

  @Override
  public String name() {
    return target.name();
  }

  @Override
  public Sender sender() {
    return target.sender();
  }

  @Override
  public List<QueueProbe> queues() {
    return target.queues();
  }

  @Override
  public MessageLedger ledger() {
    return target.ledger();
  }

  @Override
  public InFlight inFlight() {
    return target.inFlight();
  }

  @Override
  public void close() {
    try {
      target.close();
    } finally {
      handler.run();
    }
  }

  @Override
  public String toString() {
    return target + " (closing: " + handler + ")";
  }
}
