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
 * <p>The sinks are called outside the lock that guards the books, by one thread at a time (the one
 * that found the outbox idle drains it, in order), so that reading the books or closing never waits
 * behind a sink.
 *
 * <p>Keeps the most recent {@code retain} breaches and counts all of them.
 *
 * <p>Thread-safety: all methods are thread-safe (synchronized; the lock is never held while a sink
 * runs).
 */
final class Publisher {

  private static final Logger LOG = System.getLogger(Sentinel.class.getName());

  private final List<EventSink> sinks;
  private final int retain;
  private final ArrayDeque<Breach> breaches = new ArrayDeque<>();
  private final Map<Long, Outcome> waiting = new HashMap<>();
  private final ArrayDeque<TraceEvent> outbox = new ArrayDeque<>();
  private long next = 1;
  private long breachCount;
  private long rearmCount;
  private boolean draining;
  private boolean closed;

  /** What handling one transition produced. */
  record Outcome(Breach breach, boolean rearm, List<TraceEvent> events) {}

  Publisher(List<EventSink> sinks, int retain) {
    this.sinks = List.copyOf(sinks);
    this.retain = retain;
  }

  boolean hasSinks() {
    return !sinks.isEmpty();
  }

  /**
   * Publishes the outcome of transition {@code number} once every earlier one is published: records
   * it at once, and reports its events after those of every earlier transition — on this thread,
   * unless another one is reporting already (it then reports these too before it returns).
   */
  void publish(long number, Outcome outcome) {
    synchronized (this) {
      if (closed) {
        return; // handled after the sentinel's close() gave up on it: neither recorded nor reported
      }
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
        outbox.addAll(ready.events());
      }
      if (draining || outbox.isEmpty()) {
        return;
      }
      draining = true;
    }
    drain();
  }

  private void drain() {
    while (true) {
      TraceEvent event;
      synchronized (this) {
        event = closed ? null : outbox.poll();
        if (event == null) {
          draining = false;
          return;
        }
      }
      emit(event);
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

  /** Records and reports nothing from now on (an event being reported now is the last). */
  synchronized void close() {
    closed = true;
    waiting.clear();
    outbox.clear();
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
