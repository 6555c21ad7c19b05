package dev.spillway.toolkit.sentinel;

import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.TraceEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records breaches and reports events in transition order, whichever thread finishes handling a
 * transition first: the outcome of transition {@code n} waits until {@code n - 1} is published. No
 * thread ever waits for another here; a late predecessor publishes what waited behind it.
 *
 * <p>Keeps the most recent {@code retain} breaches and counts all of them.
 *
 * <p>Thread-safety: all methods are thread-safe (synchronized, never blocking on anything else).
 */
final class Publisher {

  private static final Logger LOG = System.getLogger(Sentinel.class.getName());

  private final List<EventSink> sinks;
  private final int retain;
  private final ArrayDeque<Breach> breaches = new ArrayDeque<>();
  private final Map<Long, Outcome> waiting = new HashMap<>();
  private long next = 1;
  private long breachCount;
  private long rearmCount;

  /** What handling one transition produced. */
  record Outcome(Breach breach, boolean rearm, List<TraceEvent> events) {}

  Publisher(List<EventSink> sinks, int retain) {
    this.sinks = List.copyOf(sinks);
    this.retain = retain;
  }

  boolean hasSinks() {
    return !sinks.isEmpty();
  }

  /** Publishes the outcome of transition {@code number} once every earlier one is published. */
  synchronized void publish(long number, Outcome outcome) {
    waiting.put(number, outcome);
    Outcome ready;
    while ((ready = waiting.remove(next)) != null) {
      next++;
      if (ready.breach() != null) {
        breachCount++;
        breaches.addLast(ready.breach());
        if (breaches.size() > retain) {
          breaches.removeFirst();
        }
      }
      if (ready.rearm()) {
        rearmCount++;
      }
      for (TraceEvent event : ready.events()) {
        emit(event);
      }
    }
  }

  private void emit(TraceEvent event) {
    for (EventSink sink : sinks) {
      try {
        sink.record(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Event sink " + sink + " failed to record " + event, e);
      }
    }
  }

  synchronized List<Breach> breaches() {
    return List.copyOf(breaches);
  }

  synchronized long breachCount() {
    return breachCount;
  }

  synchronized long rearmCount() {
    return rearmCount;
  }
}
