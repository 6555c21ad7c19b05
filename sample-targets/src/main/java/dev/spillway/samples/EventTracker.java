package dev.spillway.samples;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.target.AccountedTarget;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The one client API of every sample design: track an event for a key, and learn at once whether it
 * was accepted or rejected. Accepted events are handled later by the design's consumer(s) through
 * its {@link Downstream}.
 *
 * <p>Every event is accounted for in the design's {@link MessageLedger}: sent, then processed,
 * rejected, dropped or failed, or still queued. Closing stops accepting, then drains or counts what
 * remains as dropped, so the books balance after {@link #close(Duration)}.
 *
 * <p>Thread-safety: all methods are thread-safe; any number of threads may track events.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface EventTracker extends AutoCloseable {

  /** How long {@link #close()} waits for the queues to drain. */
  Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(5);

  /**
   * How long a close (after its drain timeout) or a restart waits for the consumers it interrupted
   * to end: 2 seconds, for all consumers of a design together. A consumer that ignores the
   * interrupt (a handler blocked in code that does not answer it) is left running, as the daemon
   * thread it is, and named in a {@code WARNING} line; the event it holds is counted when it ends.
   */
  Duration CONSUMER_STOP_TIMEOUT = Duration.ofSeconds(2);

  /** The design's name: {@code singleton}, {@code partitioned}, {@code bounded}, … */
  String name();

  /**
   * Tracks one event for {@code key}; never blocks on a full queue.
   *
   * @param key the event's key; not null
   * @param payload the event's content; not null, may be empty
   * @return accepted, or rejected with a reason naming the design
   */
  TrackResult track(String key, String payload);

  /** The design's queues, one per consumer, in a stable order. */
  List<QueueView> queues();

  /** A probe of the design's total depth (the sum over its queues). */
  QueueProbe depthProbe();

  /** The design's ledger (its λ and μ estimates come from here too). */
  MessageLedger ledger();

  /** The books now, with the current depth as "queued" and the events being handled in flight. */
  LedgerSnapshot books();

  /**
   * The events inside the design's consumers (taken from a queue, not finished), counted one by
   * one: a harness judging the design's books needs it to tell work in flight from a loss.
   */
  default InFlight inFlight() {
    return InFlight.counted(() -> queues().stream().mapToLong(QueueView::inFlight).sum());
  }

  /**
   * The design as an {@link AccountedTarget}: a message is tracked under its key with an empty
   * payload, accepted or rejected with the design's reason; its queues, ledger and in-flight count.
   */
  default AccountedTarget asTarget() {
    EventTracker design = this;
    return new AccountedTarget() {
      @Override
      public String name() {
        return design.name();
      }

      @Override
      public Sender sender() {
        return message -> {
          TrackResult result = design.track(message.key(), "");
          return result.accepted() ? Outcome.ACCEPTED : Outcome.rejected(result.reason());
        };
      }

      @Override
      public List<QueueProbe> queues() {
        return design.queues().stream().map(QueueView::probe).toList();
      }

      @Override
      public MessageLedger ledger() {
        return design.ledger();
      }

      @Override
      public InFlight inFlight() {
        return design.inFlight();
      }

      @Override
      public String toString() {
        return "AccountedTarget[" + design.name() + "]";
      }
    };
  }

  /**
   * Stops accepting (later events are rejected), waits up to {@code drainTimeout} for the queues to
   * be handled, then stops the consumers and counts what is left as dropped. Idempotent: a second
   * call returns the first call's summary.
   *
   * <p>Bounded: returns within {@code drainTimeout} + {@link #CONSUMER_STOP_TIMEOUT} (plus, for a
   * sentinel-watched design, its sentinel's close timeout), however the consumers' handlers block.
   * An interrupt of the calling thread ends the drain wait early (and stays set).
   *
   * @param drainTimeout not negative; {@link Duration#ZERO} stops the consumers at once
   */
  CloseSummary close(Duration drainTimeout);

  /** {@link #close(Duration)} with {@link #DEFAULT_DRAIN_TIMEOUT}. */
  @Override
  default void close() {
    close(DEFAULT_DRAIN_TIMEOUT);
  }
}
