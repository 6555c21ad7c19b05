package dev.spillway.toolkit.sentinel;

import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Test helpers: fill and drain a queue, a sink and a logger that remember what they got. */
final class Fixtures {

  private Fixtures() {}

  /** Awaitility that checks at once and then every millisecond, for up to 5 seconds. */
  static ConditionFactory eventually() {
    return Awaitility.await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(1))
        .atMost(Duration.ofSeconds(5));
  }

  /** Offers messages until {@code queue} holds {@code depth}. */
  static void fillTo(Queue<Integer> queue, int depth) {
    while (queue.size() < depth) {
      queue.offer(queue.size());
    }
  }

  /** Polls messages until {@code queue} holds {@code depth}. */
  static void drainTo(Queue<Integer> queue, int depth) {
    while (queue.size() > depth) {
      queue.poll();
    }
  }

  /** A sink that keeps every event, thread-safe. */
  static final class RecordingSink implements EventSink {
    private final List<TraceEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(TraceEvent event) {
      events.add(event);
    }

    synchronized List<TraceEvent> events() {
      return List.copyOf(events);
    }

    synchronized List<TraceEvent.Kind> kinds() {
      return events.stream().map(TraceEvent::kind).toList();
    }
  }

  /** A System.Logger that keeps every message logged at an enabled level, thread-safe. */
  static final class CapturingLogger implements System.Logger {
    private final List<String> messages = new ArrayList<>();
    private final Level threshold;

    CapturingLogger(Level threshold) {
      this.threshold = threshold;
    }

    synchronized List<String> messages() {
      return List.copyOf(messages);
    }

    @Override
    public String getName() {
      return "test-logger";
    }

    @Override
    public boolean isLoggable(Level level) {
      return level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (isLoggable(level)) {
        messages.add(level + " " + msg);
      }
    }

    @Override
    public synchronized void log(
        Level level, ResourceBundle bundle, String format, Object... args) {
      if (isLoggable(level)) {
        messages.add(level + " " + format);
      }
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
      log(level, (ResourceBundle) null, msgSupplier.get(), (Throwable) null);
    }
  }
}
