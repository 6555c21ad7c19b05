package dev.spillway.samples.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.TrackResult;
import dev.spillway.samples.server.internal.Printable;
import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /designs/{design}/events?key=K}: 202 when accepted, 503 with {@code Retry-After} when
 * rejected or shed; 404 for an unknown design, 400 for a missing, repeated or oversized key or a
 * malformed query (see {@link QueryParameters}), 413 for a body over the limit, 405 for another
 * method. Nothing the client sent is echoed raw: paths as sent (percent-encoded), names through
 * {@link Printable}.
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
      String path = exchange.getRequestURI().getRawPath();
      String[] segments = path.split("/", -1);
      if (segments.length != 4
          || !path.startsWith(PREFIX)
          || !path.endsWith(SUFFIX)
          || segments[2].isEmpty()) {
        Responses.text(exchange, 404, SampleTargetServer.notFound(path));
        return;
      }
      String design = segments[2];
      EventTracker tracker = designs.get(design);
      if (tracker == null) {
        Responses.text(
            exchange,
            404,
            "unknown design '"
                + Printable.of(design, 60)
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
      String key;
      try {
        key = QueryParameters.parse(exchange.getRequestURI().getRawQuery()).get("key");
      } catch (IllegalArgumentException e) {
        Responses.text(exchange, 400, e.getMessage());
        return;
      }
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
}
