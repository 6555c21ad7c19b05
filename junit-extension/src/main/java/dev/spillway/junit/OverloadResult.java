package dev.spillway.junit;

import dev.spillway.junit.internal.Durations;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.record.QueueTrace;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one run of an {@link OverloadHarness} measured: the load driver's report, the recorded trace
 * of every watched queue, the books, the exact high-water marks and when the load played.
 *
 * <p>Offsets ({@link #loadStart()}, {@link #loadEnd()}) are measured from the start of the trace,
 * like the times inside {@link #trace()}. Immutable and thread-safe.
 *
 * @param name the run's name (the test method's)
 * @param load the load driver's report: messages planned, sent, accepted, rejected; lateness and
 *     latency; back-pressure
 * @param trace the sampled depth of every watched queue, with the run's events (load phases,
 *     injections, sentinel breaches, marks)
 * @param books the ledger's books after the run (after the drain, if one was declared)
 * @param highWaterMarks the largest depth of each watched queue during the run, by name, in the
 *     order they were watched: exact (seen at every enqueue) for an {@link
 *     dev.spillway.toolkit.record.InstrumentedQueue}, sampled for any other probe
 * @param loadStart when the load started, from the start of the trace
 * @param loadEnd when it ended (its planned end, or when it was stopped), from the start of the
 *     trace; not before {@code loadStart}
 */
public record OverloadResult(
    String name,
    LoadReport load,
    QueueTrace trace,
    LedgerSnapshot books,
    Map<String, Long> highWaterMarks,
    Duration loadStart,
    Duration loadEnd) {

  /** The key of the report entry each run publishes, with {@link #summary()} as its value. */
  public static final String REPORT_KEY = "spillway";

  /** Validates the components and copies the map. */
  public OverloadResult {
    requireNonNull(name, "name");
    requireNonNull(load, "load report");
    requireNonNull(trace, "trace");
    requireNonNull(books, "books");
    requireNonNull(highWaterMarks, "high-water marks");
    requireNonNull(loadStart, "load start");
    requireNonNull(loadEnd, "load end");
    if (highWaterMarks.isEmpty()) {
      throw new IllegalArgumentException("high-water marks must name at least one queue");
    }
    if (loadStart.isNegative() || loadEnd.compareTo(loadStart) < 0) {
      throw new IllegalArgumentException(
          "load window must be 0 <= start <= end, but was " + loadStart + " to " + loadEnd);
    }
    highWaterMarks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(highWaterMarks));
  }

  private static void requireNonNull(Object value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
  }

  /** The largest depth any watched queue reached. */
  public long highWaterMark() {
    return highWaterMarks.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /**
   * The largest depth the queue named {@code queue} reached.
   *
   * @throws IllegalArgumentException when no watched queue has that name
   */
  public long highWaterMark(String queue) {
    Long mark = highWaterMarks.get(queue);
    if (mark == null) {
      throw new IllegalArgumentException(
          "queue must be one of " + highWaterMarks.keySet() + ", but was '" + queue + "'");
    }
    return mark;
  }

  /** The name of the watched queue that reached the largest depth (the first, on a tie). */
  public String deepestQueue() {
    String deepest = null;
    long most = -1;
    for (Map.Entry<String, Long> e : highWaterMarks.entrySet()) {
      if (e.getValue() > most) {
        deepest = e.getKey();
        most = e.getValue();
      }
    }
    return deepest;
  }

  /**
   * How fast the queue named {@code queue} grew while the load played: the least-squares slope of
   * its sampled depth over [{@link #loadStart()}, {@link #loadEnd()}], in messages per second.
   */
  public Growth growth(String queue) {
    highWaterMark(queue); // names the queues when it is not one
    return trace.series(queue).growth(loadStart, loadEnd);
  }

  /** {@link #growth(String)} of the {@linkplain #deepestQueue() deepest queue}. */
  public Growth growth() {
    return growth(deepestQueue());
  }

  /** The share of the messages sent that were shed (rejected or dropped), in [0, 1]. */
  public double shedRatio() {
    return books.shedFraction();
  }

  /** The 99th percentile of latency (from intended send time to the target's answer). */
  public Duration latencyP99() {
    return load.latency().p99();
  }

  /**
   * How long after the load ended the queue named {@code queue} took to be empty; empty when it was
   * not empty by the end of the trace.
   */
  public Optional<Duration> drainTime(String queue) {
    highWaterMark(queue);
    return trace.series(queue).drainTime(loadEnd, 0);
  }

  /**
   * One line for reports, e.g. {@code "overload 'orders': high-water mark 100 (mailbox); growth
   * +2.1/s; shed 18.6%; latency p99 212µs; 1,500 sent, 1,221 processed, 279 rejected"}.
   */
  public String summary() {
    Growth growth = growth();
    String slope =
        growth.isDetermined()
            ? String.format(Locale.ROOT, "%+.1f/s", Math.round(growth.slopePerSecond() * 10) / 10.0)
            : "undetermined";
    return String.format(
        Locale.ROOT,
        "overload '%s': high-water mark %,d (%s); growth %s; shed %.1f%%; latency p99 %s;"
            + " %,d sent, %,d processed, %,d rejected, %,d dropped, %,d failed, %,d unaccounted",
        name,
        highWaterMark(),
        deepestQueue(),
        slope,
        shedRatio() * 100,
        Durations.format(latencyP99()),
        books.sent(),
        books.processed(),
        books.rejected(),
        books.dropped(),
        books.failed(),
        books.unaccounted());
  }
}
