package dev.spillway.toolkit.load;

import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/** Test helpers: a sender that remembers what it got and when, an event sink, a timed block. */
final class Recording {

  /** A message as the target saw it. */
  record Received(Message message, long receivedNanoTime, String thread) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  final List<TraceEvent> events = new CopyOnWriteArrayList<>();

  /** Messages and events in the order they happened (as "m<seq>" and "e<phase name>"). */
  final List<String> log = new CopyOnWriteArrayList<>();

  Outcome accept(Message message) {
    received.add(new Received(message, System.nanoTime(), Thread.currentThread().getName()));
    log.add("m" + message.sequence());
    return Outcome.ACCEPTED;
  }

  Sender sender() {
    return this::accept;
  }

  EventSink eventSink() {
    return event -> {
      events.add(event);
      log.add("e" + event.detail());
    };
  }

  /** Blocks the calling thread for at least {@code duration}, whatever interrupts arrive. */
  static void blockFor(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    long remaining;
    while ((remaining = end - System.nanoTime()) > 0) {
      LockSupport.parkNanos(remaining);
    }
  }
}
