package dev.spillway.samples.capacity;

import dev.spillway.samples.EventTracker;
import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.target.AccountedTarget;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A sample design as a capacity trial's target: a new design per trial, its consumers stopped when
 * the trial ends (what is left is counted dropped), so every trial starts with empty queues.
 */
final class DesignTrials implements AccountedTarget {

  private final EventTracker design;
  private final AccountedTarget target;

  private DesignTrials(EventTracker design) {
    this.design = design;
    this.target = design.asTarget();
  }

  /** A fresh design from {@code designs} for each trial. */
  static Supplier<AccountedTarget> of(Supplier<EventTracker> designs) {
    return () -> new DesignTrials(designs.get());
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
    design.close(Duration.ZERO);
  }

  @Override
  public String toString() {
    return "DesignTrials[" + design.name() + "]";
  }
}
