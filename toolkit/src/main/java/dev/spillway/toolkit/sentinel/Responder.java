package dev.spillway.toolkit.sentinel;

import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.record.TraceEvent.Kind;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Handles a sentinel's transitions: diagnoses a breach, runs the mitigations, builds the {@link
 * Breach} and the events, and hands them to the {@link Publisher}.
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

  void onBreach(Transition t) {
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
      MitigationResult result;
      try {
        result = action.apply(breach, name);
      } catch (RuntimeException e) {
        result = MitigationResult.failure(action.name(), action.name() + " failed: " + e);
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
    publisher.publish(t.number(), new Publisher.Outcome(breach, false, events));
  }

  /**
   * @param rejected messages {@link Sentinel#admits()} refused during the excursion
   */
  void onFallBack(Transition t, long rejected) {
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
