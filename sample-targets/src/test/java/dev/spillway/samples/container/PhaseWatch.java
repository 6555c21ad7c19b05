package dev.spillway.samples.container;

import static org.awaitility.Awaitility.await;

import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An event sink that passes every event on and lets a test wait for a load phase to start, to
 * inject chaos at that moment. Thread-safe.
 */
final class PhaseWatch implements EventSink {

  private final EventSink next;
  private final List<TraceEvent> phases = new CopyOnWriteArrayList<>();

  PhaseWatch(EventSink next) {
    this.next = next;
  }

  @Override
  public void record(TraceEvent event) {
    if (event.kind() == TraceEvent.Kind.PHASE) {
      phases.add(event);
    }
    next.record(event);
  }

  /** Waits (up to 30 s) until the phase named {@code name} has started; returns when it did. */
  long awaitStart(String name) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(1))
        .until(() -> start(name), Optional::isPresent)
        .orElseThrow();
  }

  private Optional<Long> start(String name) {
    return phases.stream()
        .filter(e -> e.detail().contains("'" + name + "'"))
        .map(TraceEvent::nanoTime)
        .findFirst();
  }
}
