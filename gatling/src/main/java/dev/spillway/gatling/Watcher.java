package dev.spillway.gatling;

import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.ledger.Settlement;
import dev.spillway.toolkit.probe.HttpMetricsProbe;
import dev.spillway.toolkit.probe.MetricsClient;
import dev.spillway.toolkit.probe.ProbeException;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.QueueRecorder;
import dev.spillway.toolkit.record.QueueTrace;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The watching half of a run — the poller: one {@link HttpMetricsProbe} per metric read, all
 * reading through one shared HTTP client (one connection pool, one selector thread and one pool of
 * daemon worker threads named {@code spillway-poller-<name>-<n>}, whatever the number of metrics),
 * a {@link QueueRecorder} sampling the depths (and the sent and processed counters of queues whose
 * growth is checked against λ − μ), the baseline of the books read before the load, and the wait
 * for the target to come to rest after it.
 *
 * <p>Thread-safety: {@link #start()} and {@link #settle} from one thread at a time; the probes are
 * thread-safe.
 */
final class Watcher implements AutoCloseable {

  /** How often the books are read while waiting for the target to come to rest. */
  static final Duration SETTLE_POLL = Duration.ofMillis(50);

  /** How long the books may stay unchanged, with nothing queued, before they count as at rest. */
  static final Duration QUIET = Duration.ofMillis(500);

  private final MetricsClient own; // null when the client is the caller's
  private final List<WatchedQueue> queues;
  private final Map<String, HttpMetricsProbe> depths = new LinkedHashMap<>();
  private final Map<String, Map<String, HttpMetricsProbe>> counters = new LinkedHashMap<>();
  private final Map<String, HttpMetricsProbe> highWaterMarks = new LinkedHashMap<>();
  private final QueueRecorder recorder;
  private final Map<String, Map<String, Long>> baseline = new LinkedHashMap<>();

  /** A poller with an HTTP client of its own, closed with it. */
  Watcher(
      String name,
      String metricsUrl,
      List<WatchedQueue> queues,
      Duration interval,
      Duration readTimeout) {
    this(
        name,
        metricsUrl,
        queues,
        interval,
        readTimeout,
        MetricsClient.create(
            "spillway-poller-" + name,
            Duration.ofMillis(HttpMetricsProbe.DEFAULT_CONNECT_TIMEOUT_MILLIS)));
  }

  private Watcher(
      String name,
      String metricsUrl,
      List<WatchedQueue> queues,
      Duration interval,
      Duration readTimeout,
      MetricsClient own) {
    this(name, metricsUrl, queues, interval, readTimeout, own.client(), own);
  }

  /**
   * A poller whose probes all read through {@code client}; {@code own}, when not null, is closed
   * with the poller (a client the caller owns is not).
   */
  Watcher(
      String name,
      String metricsUrl,
      List<WatchedQueue> queues,
      Duration interval,
      Duration readTimeout,
      HttpClient client,
      MetricsClient own) {
    this.own = own;
    this.queues = List.copyOf(queues);
    List<QueueProbe> sampled = new ArrayList<>();
    for (WatchedQueue q : this.queues) {
      HttpMetricsProbe depth = q.depth().probe(q.name(), metricsUrl, readTimeout, client);
      depths.put(q.name(), depth);
      sampled.add(depth);
      Map<String, HttpMetricsProbe> books = new LinkedHashMap<>();
      q.books()
          .ifPresent(
              b ->
                  b.byRole()
                      .forEach(
                          (role, metric) ->
                              books.put(
                                  role,
                                  metric.probe(
                                      Judge.counterProbe(q.name(), role),
                                      metricsUrl,
                                      readTimeout,
                                      client))));
      counters.put(q.name(), books);
      if (q.growthMatchesRates()) {
        sampled.add(books.get(BookCounters.SENT));
        sampled.add(books.get(BookCounters.PROCESSED));
      }
      q.highWaterMark()
          .ifPresent(
              m ->
                  highWaterMarks.put(
                      q.name(),
                      m.probe(q.name() + ".highWaterMark", metricsUrl, readTimeout, client)));
    }
    this.recorder = QueueRecorder.sampling(sampled).named(name).every(interval).build();
  }

  /**
   * Reads every queue's books once (the baseline: a target's counters need not start at zero), then
   * starts sampling.
   *
   * @throws ProbeException when the target's metrics cannot be read
   */
  void start() {
    for (WatchedQueue q : queues) {
      depths.get(q.name()).depth(); // the depth must be readable before the load, too
      baseline.put(q.name(), readCounters(q.name()));
    }
    recorder.start();
  }

  /** Marks an event on the recording (the load's start, its end). */
  void mark(String detail) {
    recorder.mark(detail);
  }

  /**
   * Waits, for at most {@code within}, until every queue is at rest (nothing queued, nothing
   * counted in flight, and either every message accounted for or the books unchanged for {@link
   * #QUIET}); returns each queue's books over the run and how they settled.
   */
  Map<String, SettledBooks> settle(Duration within) {
    long start = System.nanoTime();
    long deadline = start + within.toNanos();
    Map<String, LedgerSnapshot> last = new LinkedHashMap<>();
    Map<String, Long> stableSince = new LinkedHashMap<>();
    long reads = 0;
    boolean atRest;
    while (true) {
      reads++;
      atRest = true;
      long now = System.nanoTime();
      for (WatchedQueue q : queues) {
        LedgerSnapshot books = books(q.name());
        LedgerSnapshot before = last.put(q.name(), books);
        if (before == null || !before.equals(books)) {
          stableSince.put(q.name(), now);
        }
        boolean quiet = now - stableSince.get(q.name()) >= QUIET.toNanos();
        boolean empty = books.queued() == 0 && books.inFlight() == 0;
        if (!(empty && (books.unaccounted() == 0 || quiet))) {
          atRest = false;
        }
      }
      if (atRest || System.nanoTime() >= deadline) {
        break;
      }
      LockSupport.parkNanos(SETTLE_POLL.toNanos());
      if (Thread.currentThread().isInterrupted()) {
        break; // the flag stays set for the caller
      }
    }
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    Map<String, SettledBooks> out = new LinkedHashMap<>();
    for (WatchedQueue q : queues) {
      boolean counted = q.books().flatMap(BookCounters::inFlight).isPresent();
      long inFlightNow = last.get(q.name()).inFlight();
      out.put(
          q.name(),
          new SettledBooks(
              last.get(q.name()),
              atRest ? Settlement.AT_REST : Settlement.STILL_DRAINING,
              waited,
              within,
              reads,
              counted ? InFlight.counted(() -> inFlightNow) : InFlight.unknown()));
    }
    return out;
  }

  /** Stops sampling and returns the recording. */
  QueueTrace stop() {
    return recorder.stop();
  }

  /** The target's own high-water mark of {@code queue}, if it is read. */
  Optional<Long> exactHighWaterMark(String queue) {
    HttpMetricsProbe probe = highWaterMarks.get(queue);
    return probe == null ? Optional.empty() : Optional.of(probe.depth());
  }

  /** The queue's books now, less the baseline; queued is its depth now. */
  LedgerSnapshot books(String queue) {
    Map<String, Long> now = readCounters(queue);
    Map<String, Long> base = baseline.get(queue);
    long depth = depths.get(queue).depth();
    return new LedgerSnapshot(
        queue,
        delta(now, base, BookCounters.SENT),
        delta(now, base, BookCounters.PROCESSED),
        delta(now, base, BookCounters.REJECTED),
        delta(now, base, BookCounters.DROPPED),
        delta(now, base, BookCounters.FAILED),
        depth,
        now.getOrDefault(BookCounters.IN_FLIGHT, 0L),
        0,
        Duration.ZERO,
        Duration.ZERO,
        0,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  private static long delta(Map<String, Long> now, Map<String, Long> base, String role) {
    long d = now.getOrDefault(role, 0L) - base.getOrDefault(role, 0L);
    if (d < 0) {
      throw new ProbeException(
          "counter '"
              + role
              + "' went down during the run (from "
              + base.get(role)
              + " to "
              + now.get(role)
              + "): was the target restarted?");
    }
    return d;
  }

  private Map<String, Long> readCounters(String queue) {
    Map<String, Long> out = new LinkedHashMap<>();
    counters.get(queue).forEach((role, probe) -> out.put(role, probe.depth()));
    return out;
  }

  @Override
  public void close() {
    recorder.close();
    depths.values().forEach(HttpMetricsProbe::close);
    counters.values().forEach(m -> m.values().forEach(HttpMetricsProbe::close));
    highWaterMarks.values().forEach(HttpMetricsProbe::close);
    if (own != null) {
      own.close(); // JDK 17's HttpClient has no close: its worker threads end here
    }
  }
}
