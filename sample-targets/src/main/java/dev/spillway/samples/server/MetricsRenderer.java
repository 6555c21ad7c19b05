package dev.spillway.samples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.QueueView;
import dev.spillway.samples.SentinelWatched;
import dev.spillway.samples.server.internal.HttpBooks;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.sentinel.Sentinel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Renders every design's figures as Prometheus text exposition (format 0.0.4) and as JSON. The
 * metric names and labels are documented in the module's README.
 */
final class MetricsRenderer {

  /** The window over which λ and μ are estimated. */
  static final Duration RATE_WINDOW = Duration.ofSeconds(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, EventTracker> designs;
  private final HttpBooks http;

  MetricsRenderer(Map<String, EventTracker> designs, HttpBooks http) {
    this.designs = designs;
    this.http = http;
  }

  /** The Prometheus text exposition of all designs. */
  String prometheus() {
    StringBuilder out = new StringBuilder(4096);
    family(out, "spillway_design_depth", "gauge", "Messages waiting in all of a design's queues.");
    designs.forEach(
        (name, d) -> sample(out, "spillway_design_depth", labels(name), d.depthProbe().depth()));
    family(out, "spillway_queue_depth", "gauge", "Messages waiting in one queue.");
    forEachQueue((name, q) -> sample(out, "spillway_queue_depth", labels(name, q), q.depth()));
    family(
        out,
        "spillway_queue_high_water_mark",
        "gauge",
        "The largest depth one queue reached, exact (kept at enqueue time).");
    forEachQueue(
        (name, q) ->
            sample(out, "spillway_queue_high_water_mark", labels(name, q), q.highWaterMark()));
    family(out, "spillway_queue_capacity", "gauge", "A bounded queue's capacity.");
    forEachQueue(
        (name, q) -> {
          if (q.capacity() != Integer.MAX_VALUE) {
            sample(out, "spillway_queue_capacity", labels(name, q), q.capacity());
          }
        });
    family(
        out,
        "spillway_design_in_flight",
        "gauge",
        "Messages a design's consumers have taken and not finished yet.");
    designs.forEach(
        (name, d) -> sample(out, "spillway_design_in_flight", labels(name), d.inFlight().read()));
    family(
        out,
        "spillway_messages_total",
        "counter",
        "Messages by outcome: sent, processed, rejected, dropped, failed.");
    designs.forEach(
        (name, d) -> {
          LedgerSnapshot books = d.books();
          outcome(out, name, "sent", books.sent());
          outcome(out, name, "processed", books.processed());
          outcome(out, name, "rejected", books.rejected());
          outcome(out, name, "dropped", books.dropped());
          outcome(out, name, "failed", books.failed());
        });
    Map<String, Rates> rates = new LinkedHashMap<>();
    designs.forEach((name, d) -> rates.put(name, d.ledger().rates(RATE_WINDOW)));
    family(
        out, "spillway_arrival_rate", "gauge", "Arrival rate λ in messages/s over the last 1 s.");
    rates.forEach(
        (name, r) -> sample(out, "spillway_arrival_rate", labels(name), r.arrivalPerSecond()));
    family(
        out, "spillway_service_rate", "gauge", "Service rate μ in messages/s over the last 1 s.");
    rates.forEach(
        (name, r) -> sample(out, "spillway_service_rate", labels(name), r.servicePerSecond()));
    family(out, "spillway_sentinel_breaches_total", "counter", "Sentinel breaches.");
    forEachSentinel(
        (name, s) ->
            sample(out, "spillway_sentinel_breaches_total", labels(name), s.breachCount()));
    family(out, "spillway_sentinel_shedding", "gauge", "1 while the sentinel sheds, else 0.");
    forEachSentinel(
        (name, s) ->
            sample(out, "spillway_sentinel_shedding", labels(name), s.isShedding() ? 1 : 0));
    httpFront(out);
    return out.toString();
  }

  private void httpFront(StringBuilder out) {
    family(out, "spillway_http_connections_open", "gauge", "Connections open now.");
    sample(out, "spillway_http_connections_open", "", http.open());
    family(
        out,
        "spillway_http_connections_total",
        "counter",
        "Connections accepted, and of those refused with 503 at the connection cap.");
    sample(out, "spillway_http_connections_total", "outcome=\"accepted\"", http.accepted());
    sample(out, "spillway_http_connections_total", "outcome=\"refused\"", http.refused());
    family(
        out,
        "spillway_http_timeouts_total",
        "counter",
        "Connections closed for a timeout: idle, header, body, write.");
    for (HttpBooks.Timeout t : HttpBooks.Timeout.values()) {
      sample(
          out,
          "spillway_http_timeouts_total",
          "phase=\"" + t.name().toLowerCase(Locale.ROOT) + "\"",
          http.timeouts(t));
    }
    family(out, "spillway_http_responses_total", "counter", "Responses written, by status.");
    http.responsesByStatus()
        .forEach(
            (status, n) ->
                sample(out, "spillway_http_responses_total", "status=\"" + status + "\"", n));
  }

  /** The same figures as a JSON document: {@code {"designs": {name: {...}}, "http": {...}}}. */
  String json() {
    Map<String, Object> all = new LinkedHashMap<>();
    designs.forEach((name, d) -> all.put(name, design(d)));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("designs", all);
    document.put("http", httpFront());
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("metrics could not be written as JSON", e);
    }
  }

  private Map<String, Object> httpFront() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("open", http.open());
    m.put("accepted", http.accepted());
    m.put("refused", http.refused());
    Map<String, Object> timeouts = new LinkedHashMap<>();
    for (HttpBooks.Timeout t : HttpBooks.Timeout.values()) {
      timeouts.put(t.name().toLowerCase(Locale.ROOT), http.timeouts(t));
    }
    m.put("timeouts", timeouts);
    Map<String, Object> responses = new LinkedHashMap<>();
    http.responsesByStatus().forEach((status, n) -> responses.put(status.toString(), n));
    m.put("responses", responses);
    return m;
  }

  private static Map<String, Object> design(EventTracker d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("depth", d.depthProbe().depth());
    List<Map<String, Object>> queues = new ArrayList<>();
    long highWaterMark = 0;
    for (QueueView q : d.queues()) {
      Map<String, Object> qm = new LinkedHashMap<>();
      qm.put("name", q.name());
      qm.put("depth", q.depth());
      qm.put("highWaterMark", q.highWaterMark());
      qm.put("capacity", q.capacity() == Integer.MAX_VALUE ? null : q.capacity());
      queues.add(qm);
      highWaterMark = Math.max(highWaterMark, q.highWaterMark());
    }
    m.put("highWaterMark", highWaterMark);
    m.put("queues", queues);
    LedgerSnapshot books = d.books();
    Map<String, Object> ledger = new LinkedHashMap<>();
    ledger.put("sent", books.sent());
    ledger.put("processed", books.processed());
    ledger.put("rejected", books.rejected());
    ledger.put("dropped", books.dropped());
    ledger.put("failed", books.failed());
    ledger.put("queued", books.queued());
    ledger.put("inFlight", books.inFlight());
    m.put("ledger", ledger);
    Rates rates = d.ledger().rates(RATE_WINDOW);
    m.put("arrivalRate", rates.arrivalPerSecond());
    m.put("serviceRate", rates.servicePerSecond());
    if (d instanceof SentinelWatched w) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("mitigation", w.mitigation().name().toLowerCase(Locale.ROOT));
      s.put("enable", w.sentinel().enableThreshold());
      s.put("disable", w.sentinel().disableThreshold());
      s.put("breaches", w.sentinel().breachCount());
      s.put("shedding", w.sentinel().isShedding());
      m.put("sentinel", s);
    }
    return m;
  }

  private interface QueueVisitor {
    void visit(String design, QueueView queue);
  }

  private void forEachQueue(QueueVisitor visitor) {
    designs.forEach((name, d) -> d.queues().forEach(q -> visitor.visit(name, q)));
  }

  private void forEachSentinel(BiConsumer<String, Sentinel> visitor) {
    designs.forEach(
        (name, d) -> {
          if (d instanceof SentinelWatched w) {
            visitor.accept(name, w.sentinel());
          }
        });
  }

  private static void family(StringBuilder out, String metric, String type, String help) {
    out.append("# HELP ").append(metric).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(metric).append(' ').append(type).append('\n');
  }

  private static void outcome(StringBuilder out, String design, String outcome, long value) {
    sample(
        out,
        "spillway_messages_total",
        "design=\"" + design + "\",outcome=\"" + outcome + "\"",
        value);
  }

  private static void sample(StringBuilder out, String metric, String labels, double value) {
    out.append(metric);
    if (!labels.isEmpty()) {
      out.append('{').append(labels).append('}');
    }
    out.append(' ');
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(String.format(Locale.ROOT, "%.3f", value));
    }
    out.append('\n');
  }

  private static String labels(String design) {
    return "design=\"" + design + "\"";
  }

  private static String labels(String design, QueueView q) {
    return "design=\"" + design + "\",queue=\"" + q.name() + "\"";
  }
}
