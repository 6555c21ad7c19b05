package dev.spillway.toolkit.load;

import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.util.Durations;
import java.util.List;

/**
 * Reports a {@code PHASE} event for each phase, in order, when the driver enters it: its planned
 * start has passed and every message of the phases before it has been handed out. Events are only
 * built when a sink other than {@link EventSink#NONE} listens. Driver thread only.
 */
final class PhaseAnnouncer {

  private final String source;
  private final List<LoadPhase> phases;
  private final EventSink events;
  private final long t0;
  private int next;

  PhaseAnnouncer(String source, LoadProfile profile, EventSink events, long t0) {
    this.source = source;
    this.phases = profile.phases();
    this.events = events;
    this.t0 = t0;
  }

  /** Announces every phase due by {@code now} once {@code handedOut} messages are out. */
  void announce(long handedOut, long now) {
    while (next < phases.size()
        && phases.get(next).firstMessageIndex() <= handedOut
        && now - (t0 + phases.get(next).startOffsetNanos()) >= 0) {
      LoadPhase phase = phases.get(next++);
      if (events != EventSink.NONE) {
        events.record(new TraceEvent(now, TraceEvent.Kind.PHASE, source, detail(phase)));
      }
    }
  }

  /** Whether phases remain to be announced. */
  boolean pending() {
    return next < phases.size();
  }

  /**
   * When the next phase can be announced once {@code handedOut} messages are out, as a nanoTime;
   * {@code fallback} when that depends on messages not handed out yet.
   */
  long nextAnnouncement(long handedOut, long fallback) {
    if (next < phases.size() && phases.get(next).firstMessageIndex() <= handedOut) {
      return t0 + phases.get(next).startOffsetNanos();
    }
    return fallback;
  }

  private String detail(LoadPhase phase) {
    String head = "phase " + (phase.index() + 1) + "/" + phases.size() + " '" + phase.name() + "' ";
    switch (phase.kind()) {
      case PAUSE:
        return head + "started: no messages for " + Durations.format(phase.duration());
      case BURST:
        return head + "started: burst of " + Format.count(phase.plannedMessages()) + " messages";
      default:
        return head
            + "started: "
            + Format.count(phase.plannedMessages())
            + " messages over "
            + Durations.format(phase.duration())
            + " (expected "
            + Format.rate(phase.expectedRatePerSecond())
            + "/s)";
    }
  }
}
