package dev.spillway.toolkit.sentinel;

import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.record.TraceEvent.Kind;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Handles a sentinel's transitions: diagnoses a breach, runs the mitigations, builds the {@link
 * Breach} and the events, and hands them to the {@link Publisher}. Knows what each thread handling
 * a transition is doing ({@link #activityOf(Thread)}), so that a close that gives up can name it;
 * once {@link #close() closed}, it starts no diagnosis and no mitigation.
 *
 * <p>Thread-safety: safe for concurrent use (each call works on its own transition).
 */
final class Responder {

  private static final Logger LOG = System.getLogger(Sentinel.class.getName());

  private final String name;
  private final String source;
  private final long enable;
  private final long disable;
  private final Mitigation mitigation;
  private final DiagnosticsCollector collector;
  private final Publisher publisher;
  private final Clock clock;
  private final Map<Thread, String> activity = new ConcurrentHashMap<>();
  private final Object gate = new Object(); // a step starts, or the responder closes: not both
  private volatile boolean closed; // written under gate

  Responder(
      String name,
      String source,
      long enable,
      long disable,
      Mitigation mitigation,
      DiagnosticsCollector collector,
      Publisher publisher,
      Clock clock) {
    this.name = name;
    this.source = source;
    this.enable = enable;
    this.disable = disable;
    this.mitigation = mitigation;
    this.collector = collector;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** What {@code thread} is doing for this sentinel now, e.g. "mitigation 'restart'", or null. */
  String activityOf(Thread thread) {
    return activity.get(thread);
  }

  /** Starts no step from now on; a step already started goes on. */
  void close() {
    synchronized (gate) {
      closed = true;
    }
  }

  /** Notes that this thread begins {@code what}; false (and nothing noted) once closed. */
  private boolean begin(String what) {
    synchronized (gate) {
      if (closed) {
        return false;
      }
      activity.put(Thread.currentThread(), what);
      return true;
    }
  }

  /** Restores what this thread was doing before a handling began ({@code outer}, may be null). */
  private void end(String outer) {
    if (outer == null) {
      activity.remove(Thread.currentThread());
    } else {
      activity.put(Thread.currentThread(), outer);
    }
  }

  void onBreach(Transition t) {
    String outer = activity.get(Thread.currentThread()); // an inline action may cause a breach
    try {
      handleBreach(t);
    } finally {
      end(outer);
    }
  }

  private void handleBreach(Transition t) {
    if (!begin("diagnostics")) {
      return;
    }
    Instant time = clock.instant().minusNanos(System.nanoTime() - t.nanoTime());
    Breach breach =
        new Breach(
            t.excursion(),
            time,
            t.nanoTime(),
            source,
            t.depth(),
            enable,
            disable,
            collector.collect(),
            List.of());
    boolean report = publisher.hasSinks();
    List<TraceEvent> events = new ArrayList<>();
    if (report) {
      events.add(
          new TraceEvent(
              t.nanoTime(),
              Kind.BREACH,
              name,
              "queue '"
                  + source
                  + "' reached depth "
                  + t.depth()
                  + " >= enable threshold "
                  + enable
                  + " (disable threshold "
                  + disable
                  + "), excursion #"
                  + t.excursion()));
    }
    List<MitigationResult> results = new ArrayList<>();
    for (Action action : mitigation.actions()) {
      if (!begin("mitigation '" + action.name() + "'")) {
        return;
      }
      MitigationResult result;
      try {
        result = action.apply(breach, name);
      } catch (RuntimeException e) {
        result = MitigationResult.failure(action.name(), action.name() + " failed: " + e);
      }
      if (closed) {
        return; // the sentinel's close gave up on this step: its outcome goes nowhere
      }
      results.add(result);
      breach = breach.withResults(results);
      if (!result.succeeded()) {
        LOG.log(
            Level.WARNING, "Sentinel '" + name + "': " + result.action() + " failed: " + result);
      }
      if (report) {
        events.add(
            TraceEvent.now(
                Kind.MITIGATION,
                name,
                result.action() + (result.succeeded() ? ": " : " failed: ") + result.detail()));
      }
    }
    if (begin("event sinks")) {
      publisher.publish(t.number(), new Publisher.Outcome(breach, false, events));
    }
  }

  /**
   * @param rejected messages {@link Sentinel#admits()} refused during the excursion
   */
  void onFallBack(Transition t, long rejected) {
    String outer = activity.get(Thread.currentThread());
    try {
      if (begin("event sinks")) {
        handleFallBack(t, rejected);
      }
    } finally {
      end(outer);
    }
  }

  private void handleFallBack(Transition t, long rejected) {
    List<TraceEvent> events = new ArrayList<>(2);
    if (publisher.hasSinks()) {
      if (t.rearmed()) {
        events.add(
            new TraceEvent(
                t.nanoTime(),
                Kind.REARM,
                name,
                "queue '"
                    + source
                    + "' fell to depth "
                    + t.depth()
                    + " <= disable threshold "
                    + disable
                    + ", re-armed after excursion #"
                    + t.excursion()));
      }
      if (mitigation.sheds()) {
        events.add(
            new TraceEvent(
                t.nanoTime(),
                Kind.MITIGATION,
                name,
                "shed: stopped at depth "
                    + t.depth()
                    + " after rejecting "
                    + rejected
                    + " messages in excursion #"
                    + t.excursion()));
      }
    }
    publisher.publish(t.number(), new Publisher.Outcome(null, t.rearmed(), events));
  }
}
