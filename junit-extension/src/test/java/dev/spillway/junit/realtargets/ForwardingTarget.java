package dev.spillway.junit.realtargets;

import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.target.AccountedTarget;
import java.util.List;

/**
 * A target that forwards every call to another: a test overrides the one part it replaces (the
 * sender it counts, the probe it reads the queue through) and keeps the rest the target's own.
 */
abstract class ForwardingTarget implements AccountedTarget {

  /** The target every call not overridden goes to. */
  protected final AccountedTarget target;

  ForwardingTarget(AccountedTarget target) {
    this.target = target;
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
    target.close();
  }
}
