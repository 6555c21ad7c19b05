package dev.spillway.samples.survival;

import dev.spillway.junit.OverloadHarness;
import dev.spillway.samples.Downstream;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.QueueView;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Outcome;
import java.time.Duration;

/** What every survival test shares: the 5 ms consumer, and how a design is put under the flood. */
final class Survival {

  /** The tag of the survival suite: {@code ./mvnw verify -Dgroups=survival}. */
  static final String TAG = "survival";

  /** The seed incident's handler: 5 ms per event, so one consumer serves about 200/s. */
  static final Duration SERVICE_TIME = Duration.ofMillis(5);

  /** The nominal service rate of one consumer, 1 / 5 ms. */
  static final double NOMINAL_MU = 200;

  private Survival() {}

  /** A fresh 5 ms in-process handler. */
  static Downstream fiveMillis() {
    return Downstream.inProcess(SERVICE_TIME);
  }

  /**
   * Puts {@code design} under the harness's flood: the design keeps the books in its own ledger
   * (sent at {@code track}, processed by its consumers, rejected at admission), every one of its
   * queues is watched, and each message becomes {@code track(key, payload)} where the payload is
   * the message's sequence number. The design is closed when the test ends.
   */
  static <T extends EventTracker> T flood(OverloadHarness harness, T design) {
    watch(harness, design).sendTo(message -> track(design, message));
    return design;
  }

  /**
   * {@link #flood} without the target: the design keeps the books, its queues are watched, it is
   * closed when the test ends; the test sends to it itself.
   */
  static OverloadHarness watch(OverloadHarness harness, EventTracker design) {
    harness.closeAfterTest(() -> design.close(Duration.ZERO));
    harness.useLedger(design.ledger()).inFlight(design.inFlight());
    for (QueueView queue : design.queues()) {
      harness.watch(queue.probe());
    }
    return harness.reportDetail("consumer", "in process, 5 ms per event (μ ≈ 200/s per consumer)");
  }

  /** {@code track(key, sequence)}, as a load driver's outcome. */
  static Outcome track(EventTracker design, Message message) {
    return design.track(message.key(), Long.toString(message.sequence())).accepted()
        ? Outcome.ACCEPTED
        : Outcome.REJECTED;
  }
}
