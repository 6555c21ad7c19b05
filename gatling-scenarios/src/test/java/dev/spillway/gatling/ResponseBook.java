package dev.spillway.gatling;

import dev.spillway.toolkit.util.Preconditions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Our own count of what each named request did, kept beside Gatling's (whose machine-readable
 * results are gone since 3.13.5): statuses, failures by kind, response times. Fed by {@link
 * Requests} after every request.
 *
 * <p>Thread-safety: all methods are thread-safe (Gatling records from several threads).
 */
final class ResponseBook {

  /** The status recorded for a request that got no response at all. */
  static final int NO_RESPONSE = -1;

  private static final long MAX_TRACKED_MILLIS = 3_600_000;

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final LongAdder inFlight = new LongAdder();

  /** Counts a request as sent (in flight until {@link #finished}). */
  void started(String request) {
    Preconditions.notBlank(request, "request name");
    inFlight.increment();
  }

  /**
   * Counts a request as completed.
   *
   * @param request the request's name
   * @param status its HTTP status, or {@link #NO_RESPONSE}
   * @param responseTimeMillis its response time, or a negative number when unknown
   * @param failure why Gatling marked it KO, or null when it was OK
   */
  void finished(String request, int status, long responseTimeMillis, String failure) {
    Entry e =
        entries.computeIfAbsent(Preconditions.notBlank(request, "request name"), k -> new Entry());
    e.count.increment();
    e.byStatus
        .computeIfAbsent(
            status == NO_RESPONSE ? "none" : Integer.toString(status), k -> new LongAdder())
        .increment();
    if (failure != null) {
      e.failed.increment();
      e.failures.computeIfAbsent(failure, k -> new LongAdder()).increment();
    }
    if (responseTimeMillis >= 0) {
      e.times.recordValue(Math.min(responseTimeMillis, MAX_TRACKED_MILLIS));
    }
    inFlight.decrement();
  }

  /** How many {@code request}s have completed. */
  long completed(String request) {
    Entry e = entries.get(Preconditions.notBlank(request, "request name"));
    return e == null ? 0 : e.count.sum();
  }

  /** Requests sent but not completed yet. */
  long inFlight() {
    return inFlight.sum();
  }

  /** The figures of {@code request} so far (all zero when it never ran). */
  RequestStats stats(String request) {
    Entry e = entries.get(Preconditions.notBlank(request, "request name"));
    if (e == null) {
      return new RequestStats(
          request, 0, 0, Map.of(), Map.of(), ResponseTimes.of(new Histogram(3)));
    }
    // read once the load is over: a histogram read while being recorded may be inconsistent
    Histogram copy = e.times.copy();
    return new RequestStats(
        request,
        e.count.sum(),
        e.failed.sum(),
        sums(e.byStatus),
        sums(e.failures),
        ResponseTimes.of(copy));
  }

  /** The figures of every request that ran, by name, sorted. */
  Map<String, RequestStats> all() {
    Map<String, RequestStats> out = new LinkedHashMap<>();
    new TreeMap<>(entries).keySet().forEach(name -> out.put(name, stats(name)));
    return out;
  }

  private static Map<String, Long> sums(Map<String, LongAdder> counters) {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private static final class Entry {
    final LongAdder count = new LongAdder();
    final LongAdder failed = new LongAdder();
    final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    final Histogram times = new ConcurrentHistogram(MAX_TRACKED_MILLIS, 3);
  }
}
