package dev.spillway.toolkit.target;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.QueueProbe;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A component under test that keeps its own books: how to send it a message, the queues in which
 * its messages wait, the ledger in which it counts every message, and what is known of the messages
 * inside its consumers. A harness floods it in one call (in the JUnit extension: {@code
 * harness.target(target)}), watches its queues, settles and judges its books.
 *
 * <p>The books must balance at every instant: {@code sent = processed + rejected + dropped + failed
 * + queued + in flight}. A target therefore
 *
 * <ul>
 *   <li>counts a message {@linkplain MessageLedger#sent() sent} in its {@link #sender()} before the
 *       message can reach a consumer, and what the component answered at once (a rejection with its
 *       reason, a failure with its cause);
 *   <li>counts every message that waits in one of its {@link #queues()} (their depths are the
 *       books' {@code queued}; they must not overlap);
 *   <li>counts a message out of its queue before into flight, and out of flight before its outcome
 *       (see {@link MessageLedger#snapshot(QueueProbe, java.util.function.LongSupplier)}), when it
 *       {@linkplain InFlight#counted counts} its messages in flight; or says how many can be in
 *       flight at most ({@link InFlight#atMost}), or that it does not know ({@link
 *       InFlight#unknown()});
 *   <li>counts work done on the caller's thread (a caller-runs policy) with {@link
 *       MessageLedger#processedByCaller()} or {@link MessageLedger#failedByCaller}: it is
 *       push-back, and not the consumers' service.
 * </ul>
 *
 * <p>What a target does not count shows as unaccounted, and once the run has settled, unaccounted
 * messages beyond what can be in flight are a silent loss.
 *
 * <p>A target may hold something to undo (a handler it installed, say): {@link #close()} undoes it,
 * and a harness closes the target when the test ends. It does not stop the component itself.
 *
 * <p>Implementations say how thread-safe they are; the harness calls {@link #sender()} once and
 * sends on one thread, and reads the queues, the ledger and {@link #inFlight()} from others.
 *
 * @see ExecutorTarget
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface AccountedTarget extends AutoCloseable {

  /** The component's name, as in reports; not blank. */
  String name();

  /**
   * Sends one message to the component and counts it: sent before it can reach a consumer, and what
   * the component answered at once.
   */
  Sender sender();

  /** The queues in which the component's messages wait; at least one, not overlapping. */
  List<QueueProbe> queues();

  /** The ledger in which the component counts every message. */
  MessageLedger ledger();

  /** What is known of the messages inside the component's consumers. */
  InFlight inFlight();

  /** Undoes what the target installed in the component, if anything; by default nothing. */
  @Override
  default void close() {}

  /**
   * This target with {@code handler} run when it closes, after its own {@link #close()} (even when
   * that throws): for something the target does not own but whoever closes it should end too — the
   * pool behind an {@link ExecutorTarget}, a design's consumers — such as each trial's target of a
   * capacity search, which the search closes when the trial ends. Everything else is this target's.
   *
   * @param handler run once per close of the returned target; not null
   */
  default AccountedTarget onClose(Runnable handler) {
    return new ClosingTarget(this, handler);
  }
}
