package dev.spillway.samples.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.TrackResult;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code POST /designs/{design}/events?key=K}: 202 when accepted, 503 with {@code Retry-After} when
 * rejected or shed; 404 for an unknown design, 400 for a missing or oversized key, 413 for a body
 * over the limit, 405 for another method.
 */
final class EventsHandler implements HttpHandler {

  /** The longest key accepted, in characters. */
  static final int MAX_KEY_LENGTH = 256;

  /** The largest body accepted, in bytes. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final String PREFIX = "/designs/";
  private static final String SUFFIX = "/events";

  private final Map<String, EventTracker> designs;

  EventsHandler(Map<String, EventTracker> designs) {
    this.designs = designs;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
        Responses.text(exchange, 404, "no such resource: " + path);
        return;
      }
      String design = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
      EventTracker tracker = designs.get(design);
      if (tracker == null) {
        Responses.text(
            exchange,
            404,
            "unknown design '"
                + design
                + "': known designs are "
                + String.join(", ", designs.keySet()));
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        Responses.text(
            exchange, 405, "method " + exchange.getRequestMethod() + " not allowed: use POST");
        return;
      }
      String key = queryParameter(exchange.getRequestURI().getRawQuery(), "key");
      if (key == null || key.isEmpty()) {
        Responses.text(exchange, 400, "query parameter 'key' is required, e.g. ?key=user-42");
        return;
      }
      if (key.length() > MAX_KEY_LENGTH) {
        Responses.text(
            exchange,
            400,
            "query parameter 'key' must be at most "
                + MAX_KEY_LENGTH
                + " characters, but was "
                + key.length());
        return;
      }
      String body = Responses.boundedBody(exchange, MAX_BODY_BYTES);
      if (body == null) {
        Responses.text(exchange, 413, "body must be at most " + MAX_BODY_BYTES + " bytes");
        return;
      }
      TrackResult result = tracker.track(key, body);
      if (result.accepted()) {
        Responses.text(exchange, 202, "accepted");
      } else {
        exchange.getResponseHeaders().set("Retry-After", "1");
        Responses.text(exchange, 503, result.reason());
      }
    }
  }

  /** The first value of {@code name} in a raw query string, decoded; null when absent. */
  static String queryParameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      if (decode(k).equals(name)) {
        return eq < 0 ? "" : decode(pair.substring(eq + 1));
      }
    }
    return null;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a malformed escape is kept as written rather than failing the request
    }
  }
}
