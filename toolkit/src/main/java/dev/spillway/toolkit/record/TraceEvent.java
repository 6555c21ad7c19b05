package dev.spillway.toolkit.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * Something that happened during a run and belongs on its timeline: a load phase starting, a
 * sentinel breach, a mitigation, a mark set by a test.
 *
 * @param nanoTime when it happened, as {@link System#nanoTime()}
 * @param kind what sort of event it is
 * @param source who reported it (a probe, sentinel or driver name); not blank
 * @param detail a one-line description, with numbers where there are any; never null
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TraceEvent(long nanoTime, Kind kind, String source, String detail) {

  /** The sorts of events a trace holds. */
  public enum Kind {
    /** A load phase started; the detail names the phase. */
    PHASE,
    /** A sentinel saw a queue reach its enable threshold. */
    BREACH,
    /** A sentinel saw the queue fall back to its disable threshold and re-armed. */
    REARM,
    /** A mitigation acted (shed started or stopped, a consumer restarted, an alert). */
    MITIGATION,
    /** An injector changed the consumer's behaviour (a stall, a delay plan step, chaos). */
    INJECTION,
    /** Anything else a test or component wants on the timeline. */
    MARK
  }

  /** Validates the components. */
  public TraceEvent {
    Preconditions.notNull(kind, "event kind");
    Preconditions.notBlank(source, "event source");
    Preconditions.notNull(detail, "event detail");
  }

  /** An event that happens now. */
  public static TraceEvent now(Kind kind, String source, String detail) {
    return new TraceEvent(System.nanoTime(), kind, source, detail);
  }
}
