package dev.spillway.gatling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.probe.HttpMetricsProbe;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * One number on the target's metrics endpoint: a Prometheus sample (a metric name and its exact
 * label set) or the number a JSON Pointer selects in a JSON document. A queue's depth, its exact
 * high-water mark, a counter of messages by outcome.
 *
 * <pre>{@code
 * Metric depth = Metric.prometheus("orders_queue_depth", Map.of("queue", "orders"));
 * Metric sent = Metric.json("/queues/orders/sent");
 * }</pre>
 *
 * <p>The value must be a whole number &gt;= 0 (a depth or a count): the toolkit's {@link
 * HttpMetricsProbe} reads it and rejects anything else with a message naming the metric. Immutable
 * and thread-safe.
 *
 * @param format how the endpoint is read
 * @param name the Prometheus metric name (with a counter's {@code _total}); empty for JSON
 * @param labels the Prometheus sample's complete label set; empty for JSON
 * @param pointer the JSON Pointer; empty for Prometheus
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Metric(Format format, String name, Map<String, String> labels, String pointer) {

  /** How a metric is read from the endpoint. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public enum Format {
    /** Prometheus text exposition format (a {@code /metrics} endpoint). */
    PROMETHEUS,
    /** A JSON document. */
    JSON
  }

  /** Validates the components and copies the labels (sorted, so that equal metrics print alike). */
  public Metric {
    Checks.notNull(format, "metric format");
    Checks.notNull(name, "metric name");
    labels = Map.copyOf(Checks.notNull(labels, "metric labels"));
    Checks.notNull(pointer, "JSON pointer");
    if (format == Format.PROMETHEUS) {
      Checks.check(
          name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"),
          "Prometheus metric name",
          "valid Prometheus syntax [a-zA-Z_:][a-zA-Z0-9_:]*",
          Checks.quoted(name));
      Checks.check(pointer.isEmpty(), "JSON pointer of a Prometheus metric", "empty", pointer);
    } else {
      Checks.check(
          pointer.isEmpty() || pointer.startsWith("/"),
          "JSON pointer",
          "an RFC 6901 pointer starting with '/', such as /queues/orders/depth",
          Checks.quoted(pointer));
      Checks.check(name.isEmpty() && labels.isEmpty(), "name of a JSON metric", "empty", name);
    }
  }

  /** The Prometheus sample named {@code name} whose label set is exactly {@code labels}. */
  public static Metric prometheus(String name, Map<String, String> labels) {
    return new Metric(Format.PROMETHEUS, Checks.notNull(name, "metric name"), labels, "");
  }

  /** The Prometheus sample named {@code name} without labels. */
  public static Metric prometheus(String name) {
    return prometheus(name, Map.of());
  }

  /** The number the RFC 6901 JSON Pointer {@code pointer} selects. */
  public static Metric json(String pointer) {
    return new Metric(Format.JSON, "", Map.of(), Checks.notNull(pointer, "JSON pointer"));
  }

  /**
   * A probe reading this metric from {@code url}, named {@code probeName}, through {@code client}
   * (shared with the other metrics of the poller, which owns it).
   */
  HttpMetricsProbe probe(String probeName, String url, Duration readTimeout, HttpClient client) {
    HttpMetricsProbe.Builder builder =
        format == Format.PROMETHEUS
            ? HttpMetricsProbe.prometheus(probeName, url, name, labels)
            : HttpMetricsProbe.json(probeName, url, pointer);
    return builder.readTimeout(readTimeout).client(client).build();
  }

  /** {@code name{a="1",b="2"}} or {@code JSON /pointer}. */
  public String describe() {
    if (format == Format.JSON) {
      return "JSON " + pointer;
    }
    StringBuilder out = new StringBuilder(name);
    if (!labels.isEmpty()) {
      out.append('{');
      new TreeMap<>(labels).forEach((k, v) -> out.append(k).append("=\"").append(v).append("\","));
      out.setCharAt(out.length() - 1, '}');
    }
    return out.toString();
  }
}
