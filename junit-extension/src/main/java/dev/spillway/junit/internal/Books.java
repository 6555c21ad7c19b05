package dev.spillway.junit.internal;

import dev.spillway.toolkit.ledger.MessageLedger;

/**
 * Who keeps the books of a run: the harness, counting at the sender (sent, rejected, failed) and in
 * the components it wraps (processed, failed), or the component itself, in a ledger the test gives;
 * then the harness counts nothing. Thread-safe.
 */
public final class Books {

  private volatile MessageLedger ledger;
  private volatile boolean counting;

  private Books(MessageLedger ledger, boolean counting) {
    this.ledger = ledger;
    this.counting = counting;
  }

  /** Books the harness keeps itself, in a new ledger named {@code name}. */
  public static Books keptByHarness(String name) {
    return new Books(MessageLedger.builder().named(name).build(), true);
  }

  /**
   * From now on the component keeps the books, in {@code componentLedger}; the harness counts
   * nothing more (components wrapped earlier included).
   */
  public void handOver(MessageLedger componentLedger) {
    ledger = componentLedger;
    counting = false;
  }

  /** The ledger. */
  public MessageLedger ledger() {
    return ledger;
  }

  /** Whether the harness counts (its own ledger). */
  public boolean countsItself() {
    return counting;
  }

  /** A message is being sent. */
  public void sent() {
    if (counting) {
      ledger.sent();
    }
  }

  /** The target refused a message. */
  public void rejected() {
    if (counting) {
      ledger.rejected();
    }
  }

  /** A message failed (its send or its handling threw). */
  public void failed() {
    if (counting) {
      ledger.failed();
    }
  }

  /** A wrapped component handled a message. */
  public void processed() {
    if (counting) {
      ledger.processed();
    }
  }
}
