package dev.spillway.toolkit.report;

import dev.spillway.toolkit.internal.Preconditions;
import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;

/**
 * An event of a run (a phase starting, an injection step, a mitigation, a mark) on the run's
 * timeline.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when, from the start of the recording (negative if before it)
 * @param kind what sort of event it is
 * @param source who reported it; not blank
 * @param detail a one-line description; never null
 */
public record TimelineEvent(Duration at, TraceEvent.Kind kind, String source, String detail) {

  /** Validates the components. */
  public TimelineEvent {
    Preconditions.notNull(at, "event time");
    Preconditions.notNull(kind, "event kind");
    Preconditions.notBlank(source, "event source");
    Preconditions.notNull(detail, "event detail");
  }
}
