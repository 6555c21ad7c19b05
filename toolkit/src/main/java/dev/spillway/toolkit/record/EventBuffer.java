package dev.spillway.toolkit.record;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded, thread-safe list of events: keeps the first {@code max} and counts the rest, and every
 * event offered after {@link #close()}, as dropped.
 */
final class EventBuffer {

  private final int max;
  private final List<TraceEvent> events = new ArrayList<>();
  private long dropped;
  private boolean closed;

  EventBuffer(int max) {
    this.max = max;
  }

  synchronized void add(TraceEvent event) {
    if (closed || events.size() >= max) {
      dropped++;
    } else {
      events.add(event);
    }
  }

  synchronized void close() {
    closed = true;
  }

  synchronized List<TraceEvent> events() {
    return new ArrayList<>(events);
  }

  synchronized long dropped() {
    return dropped;
  }
}
