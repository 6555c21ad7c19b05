package dev.spillway.gatling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the sample targets' {@code /metrics.json}: {@code {"designs": {name: {"depth", "queues":
 * [{"name", "depth", "highWaterMark", "capacity"}], "ledger": {"sent", "processed", "rejected",
 * "dropped", "failed"}}}}}. Other fields are ignored. Stateless and thread-safe.
 */
final class MetricsJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MetricsJson() {}

  /**
   * Reads {@code base + "/metrics.json"} once, with the JDK's HTTP client.
   *
   * @throws IllegalStateException when it cannot be read or parsed (naming the URL and why)
   */
  static Map<String, DesignSample> fetch(URI base, Duration timeout) {
    URI uri = URI.create(base + "/metrics.json");
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + uri + " must answer 200, but answered " + response.statusCode());
      }
      return parse(response.body());
    } catch (IOException | IllegalArgumentException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IllegalStateException("could not read " + uri + ": " + why, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + uri, e);
    }
  }

  /**
   * The designs in {@code body}, in document order.
   *
   * @throws IllegalArgumentException when the body is not such a document (naming what is missing)
   */
  static Map<String, DesignSample> parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "/metrics.json must be JSON, but was: " + abbreviate(body), e);
    }
    JsonNode designs = root == null ? null : root.get("designs");
    if (designs == null || !designs.isObject()) {
      throw new IllegalArgumentException(
          "/metrics.json must have a 'designs' object, but was: " + abbreviate(body));
    }
    Map<String, DesignSample> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : designs.properties()) {
      out.put(e.getKey(), design(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static DesignSample design(String name, JsonNode d) {
    JsonNode ledger = required(d, "ledger", name);
    List<QueueSample> queues = new ArrayList<>();
    JsonNode qs = required(d, "queues", name);
    for (JsonNode q : qs) {
      String where = name + ".queues[" + queues.size() + "]";
      JsonNode capacity = q.get("capacity");
      queues.add(
          new QueueSample(
              required(q, "name", where).asText(),
              number(q, "depth", where),
              number(q, "highWaterMark", where),
              capacity == null || capacity.isNull() ? -1 : capacity.asLong()));
    }
    String books = name + ".ledger";
    return new DesignSample(
        name,
        number(d, "depth", name),
        queues,
        number(ledger, "sent", books),
        number(ledger, "processed", books),
        number(ledger, "rejected", books),
        number(ledger, "dropped", books),
        number(ledger, "failed", books));
  }

  private static JsonNode required(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(
          "/metrics.json must have '" + field + "' in " + where + ", but it is missing");
    }
    return v;
  }

  private static long number(JsonNode node, String field, String where) {
    JsonNode v = required(node, field, where);
    if (!v.isIntegralNumber()) {
      throw new IllegalArgumentException(
          "/metrics.json's " + where + "." + field + " must be a whole number, but was " + v);
    }
    return v.asLong();
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
