package dev.spillway.gatling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.spillway.samples.server.ServerOptions;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.util.Preconditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Our machine-readable result of one simulation run (Gatling 3.13.5+ writes none): requests by
 * status, failures by kind, response-time percentiles, each design's queues (high-water mark,
 * growth over the window, ledger), the breaches the polls found and the end-of-run verdicts. The
 * format is documented in the module's README.
 *
 * <p>Thread-safety: build it once the run is over; not meant to be shared.
 */
final class RunSummary {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String simulation;
  private final Target target;
  private final Instant started;
  private final Duration wall;
  private final ResponseBook book;
  private final MetricsLog log;
  private final List<SummaryWindow> windows;
  private final Verdicts verdicts;

  RunSummary(
      String simulation,
      Target target,
      Instant started,
      Duration wall,
      ResponseBook book,
      MetricsLog log,
      List<SummaryWindow> windows,
      Verdicts verdicts) {
    this.simulation = Preconditions.notBlank(simulation, "simulation");
    this.target = Preconditions.notNull(target, "target");
    this.started = Preconditions.notNull(started, "start");
    this.wall = Preconditions.notNegative(wall, "wall time");
    this.book = Preconditions.notNull(book, "response book");
    this.log = Preconditions.notNull(log, "metrics log");
    this.windows = List.copyOf(Preconditions.notNull(windows, "summary windows"));
    this.verdicts = Preconditions.notNull(verdicts, "verdicts");
  }

  /** Writes {@code summary} as indented JSON to {@code file}, creating its folder. */
  static void write(Path file, RunSummary summary) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    JSON.writeValue(file.toFile(), summary.document());
  }

  /** The summary as nested maps and lists, ready for JSON. */
  Map<String, Object> document() {
    Map<String, RequestStats> requests = book.all();
    long failedRequests = requests.values().stream().mapToLong(RequestStats::failed).sum();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("simulation", simulation);
    doc.put("passed", failedRequests == 0 && verdicts.allPassed());
    doc.put("target", target());
    doc.put("startedAt", started.toString());
    doc.put("wallSeconds", seconds(wall));
    doc.put("failedRequests", failedRequests);
    Map<String, Object> reqs = new LinkedHashMap<>();
    requests.forEach((name, stats) -> reqs.put(name, request(stats)));
    doc.put("requests", reqs);
    doc.put("polls", log.samples().size());
    Map<String, Object> queues = new LinkedHashMap<>();
    for (SummaryWindow w : windows) {
      queues.put(w.design(), design(w));
    }
    doc.put("queues", queues);
    Map<String, Object> breaches = new LinkedHashMap<>();
    breaches.put("count", verdicts.breachCount());
    breaches.put("first", verdicts.breaches());
    doc.put("breaches", breaches);
    doc.put(
        "verdicts",
        verdicts.verdicts().stream()
            .map(
                v -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("name", v.name());
                  m.put("passed", v.passed());
                  m.put("detail", v.detail());
                  return m;
                })
            .toList());
    return doc;
  }

  private Map<String, Object> target() {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("url", target.baseUrl().toString());
    t.put("inProcess", target.inProcess());
    Optional<ServerOptions> o = target.options();
    o.ifPresent(
        opts -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("serviceTimeMs", opts.serviceTime().toNanos() / 1e6);
          m.put("partitions", opts.partitions());
          m.put("bound", opts.bound());
          m.put("sentinelEnable", opts.sentinelEnable());
          m.put("sentinelDisable", opts.sentinelDisable());
          m.put("mitigation", opts.mitigation().name().toLowerCase(Locale.ROOT));
          m.put("handlerThreads", opts.handlerThreads());
          t.put("options", m);
        });
    return t;
  }

  private static Map<String, Object> request(RequestStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", s.count());
    m.put("failed", s.failed());
    m.put("byStatus", s.byStatus());
    m.put("failures", s.failures());
    ResponseTimes t = s.responseTimeMillis();
    Map<String, Object> times = new LinkedHashMap<>();
    times.put("count", t.count());
    times.put("min", t.min());
    times.put("p50", t.p50());
    times.put("p75", t.p75());
    times.put("p95", t.p95());
    times.put("p99", t.p99());
    times.put("max", t.max());
    times.put("mean", round(t.mean()));
    m.put("responseTimeMs", times);
    return m;
  }

  private Map<String, Object> design(SummaryWindow window) {
    String design = window.design();
    Map<String, Object> m = new LinkedHashMap<>();
    List<MetricsSample> samples = log.samples();
    if (samples.isEmpty()) {
      m.put("polled", false);
      return m;
    }
    DesignSample first = log.baseline(design).orElse(samples.get(0).design(design));
    DesignSample last = samples.get(samples.size() - 1).design(design);
    m.put("highWaterMark", last.highWaterMark());
    m.put("maxPolledDepth", log.max(design, DesignSample::depth));
    m.put("finalDepth", last.depth());
    Map<String, Object> perQueue = new LinkedHashMap<>();
    for (QueueSample q : last.queues()) {
      Map<String, Object> qm = new LinkedHashMap<>();
      qm.put("highWaterMark", q.highWaterMark());
      qm.put("finalDepth", q.depth());
      qm.put("capacity", q.capacity() < 0 ? null : q.capacity());
      perQueue.put(q.name(), qm);
    }
    m.put("queues", perQueue);
    m.put(
        "growth",
        growth(window, log.growth(design, DesignSample::depth, window.from(), window.to())));
    m.put(
        "arrival",
        growth(window, log.growth(design, DesignSample::sent, window.from(), window.to())));
    m.put(
        "service",
        growth(window, log.growth(design, DesignSample::processed, window.from(), window.to())));
    Map<String, Object> ledger = new LinkedHashMap<>();
    ledger.put("sent", delta(first, last, DesignSample::sent));
    ledger.put("processed", delta(first, last, DesignSample::processed));
    ledger.put("rejected", delta(first, last, DesignSample::rejected));
    ledger.put("dropped", delta(first, last, DesignSample::dropped));
    ledger.put("failed", delta(first, last, DesignSample::failed));
    m.put("ledgerDuringRun", ledger);
    m.put("ledgerFrom", log.baseline(design).isPresent() ? "baseline" : "first poll");
    return m;
  }

  private static Map<String, Object> growth(SummaryWindow window, Growth g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fromSeconds", seconds(window.from()));
    m.put("toSeconds", seconds(window.to()));
    m.put("perSecond", g.isDetermined() ? round(g.slopePerSecond()) : null);
    m.put("standardError", g.hasStandardError() ? round(g.standardError()) : null);
    m.put("points", g.points());
    return m;
  }

  private static long delta(
      DesignSample first, DesignSample last, ToLongFunction<DesignSample> figure) {
    return figure.applyAsLong(last) - figure.applyAsLong(first);
  }

  private static double seconds(Duration d) {
    return round(d.toNanos() / 1e9);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
