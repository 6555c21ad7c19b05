package dev.spillway.toolkit.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What a {@link QueueRecorder} saw: each probe's sampled depths over time and the events of the
 * run, immutable.
 *
 * <p>Times inside the series are nanosecond offsets from {@link #startNanos()}; events keep their
 * {@link System#nanoTime()} stamps ({@link #offsetOf(TraceEvent)} converts). Events are held in
 * time order (ties keep the order they were given in).
 *
 * <p>A trace is usually produced by {@link QueueRecorder#stop()} or {@link
 * QueueRecorder#snapshot()}; it can also be built from samples taken elsewhere with {@link
 * DepthSeries#of(String, long[], long[])} and this record's constructor.
 *
 * @param recorder the name of the recorder that took it; not blank
 * @param startTime the wall-clock time the recording started
 * @param startNanos the {@link System#nanoTime()} at which the recording started
 * @param duration how long the recording ran (until it stopped, or until the snapshot); &gt;= 0
 * @param interval the sampling interval; positive
 * @param series one series per probe, in the order the probes were given; names unique
 * @param events the events recorded, sorted by time
 * @param droppedEvents how many events were not kept because the event buffer was full, or came
 *     after the recording stopped
 * @param skippedTicks how many sampling ticks were skipped because the recorder fell more than one
 *     interval behind (a slow probe, a busy machine)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record QueueTrace(
    String recorder,
    Instant startTime,
    long startNanos,
    Duration duration,
    Duration interval,
    List<DepthSeries> series,
    List<TraceEvent> events,
    long droppedEvents,
    long skippedTicks) {

  /** Validates the components, copies the lists and sorts the events by time. */
  public QueueTrace {
    Preconditions.notBlank(recorder, "recorder name");
    Preconditions.notNull(startTime, "start time");
    Preconditions.notNegative(duration, "duration");
    Preconditions.positive(interval, "interval");
    series = List.copyOf(Preconditions.notNull(series, "series"));
    Set<String> names = new HashSet<>();
    for (DepthSeries s : series) {
      Preconditions.check(names.add(s.probe()), "probe name", "unique in a trace", s.probe());
    }
    List<TraceEvent> sorted = new ArrayList<>(Preconditions.notNull(events, "events"));
    sorted.sort(Comparator.comparingLong(e -> e.nanoTime() - startNanos));
    events = List.copyOf(sorted);
    Preconditions.notNegative(droppedEvents, "dropped events");
    Preconditions.notNegative(skippedTicks, "skipped ticks");
  }

  /** The probes' names, in order. */
  public List<String> probeNames() {
    return series.stream().map(DepthSeries::probe).toList();
  }

  /**
   * The series of the probe named {@code probe}.
   *
   * @throws IllegalArgumentException when the trace has no such probe; the message lists those it
   *     has
   */
  public DepthSeries series(String probe) {
    Preconditions.notNull(probe, "probe name");
    for (DepthSeries s : series) {
      if (s.probe().equals(probe)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "probe name must be one of " + probeNames() + ", but was '" + probe + "'");
  }

  /**
   * The series of a trace that has exactly one probe.
   *
   * @throws IllegalStateException when the trace has no probe or several
   */
  public DepthSeries onlySeries() {
    if (series.size() != 1) {
      throw new IllegalStateException(
          "trace '" + recorder + "' has " + series.size() + " probes " + probeNames() + ", not 1");
    }
    return series.get(0);
  }

  /** The summary figures of the probe named {@code probe}. */
  public DepthStats stats(String probe) {
    return series(probe).stats();
  }

  /** The {@link System#nanoTime()} at which the recording ended (or the snapshot was taken). */
  public long endNanos() {
    return startNanos + duration.toNanos();
  }

  /** When {@code event} happened, as an offset from the start (negative if before it). */
  public Duration offsetOf(TraceEvent event) {
    Preconditions.notNull(event, "event");
    return offsetOf(event.nanoTime());
  }

  /** {@code nanoTime} as an offset from the start (negative if before it). */
  public Duration offsetOf(long nanoTime) {
    return Duration.ofNanos(nanoTime - startNanos);
  }

  /** The events of one kind, in time order. */
  public List<TraceEvent> events(TraceEvent.Kind kind) {
    Preconditions.notNull(kind, "event kind");
    return events.stream().filter(e -> e.kind() == kind).toList();
  }
}
