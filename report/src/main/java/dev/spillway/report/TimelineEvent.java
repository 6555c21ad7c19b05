package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

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
@API(status = EXPERIMENTAL, since = "0.1")
public record TimelineEvent(Duration at, TraceEvent.Kind kind, String source, String detail) {

  /** Validates the components. */
  public TimelineEvent {
    Preconditions.notNull(at, "event time");
    Preconditions.notNull(kind, "event kind");
    Preconditions.notBlank(source, "event source");
    Preconditions.notNull(detail, "event detail");
  }
}
